"""The phase 4 meeting document: priorities, resources, gaps and shortlist, in order."""

from __future__ import annotations

from typing import Any

from gap_analysis.plan import AreaPlan
from recommender.catalogue import Catalogue
from reports.gaps import gap_headers, gap_rows, gaps_block, gaps_sections, in_place_dict, inventory_info
from reports.labels import Labels
from reports.provenance import SCHEMA_VERSION, catalogue_info, profile_info, tool_info, weights_info
from reports.recommendations import exclusion_line, header_lines, recommendation_dict, shortlist_body
from reports.tables import text_table


# --- JSON ------------------------------------------------------------------------------
def provenance_block(plan: AreaPlan, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(),
        "area": plan.loaded.profile.area,
        "profile": profile_info(plan.loaded),
        "catalogue": catalogue_info(catalogue),
        "inventory": inventory_info(plan),
        "weights": weights_info(plan.weights, plan.weights_path),
    }


def gaps_document(plan: AreaPlan, catalogue: Catalogue) -> dict[str, Any]:
    """``insatsval gaps --format json``."""
    return {**provenance_block(plan, catalogue), **gaps_block(plan.gaps)}


def recommendations_block(plan: AreaPlan, catalogue: Catalogue) -> dict[str, Any]:
    result = plan.recommendations
    return {
        "considered": result.considered,
        "eligible": result.eligible,
        "excluded": result.excluded,
        "in_place": [in_place_dict(i) for i in plan.in_place],
        "recommendations": [recommendation_dict(r, catalogue) for r in result.recommendations],
    }


def recommend_document(plan: AreaPlan, catalogue: Catalogue) -> dict[str, Any]:
    """``insatsval recommend --format json``."""
    return {**provenance_block(plan, catalogue), **recommendations_block(plan, catalogue)}


def plan_document(plan: AreaPlan, catalogue: Catalogue) -> dict[str, Any]:
    """``insatsval plan --format json``: everything, in one object."""
    priorities = [
        {"rank": i + 1, "factor": p.factor, "weight": round(float(w), 6), "note": p.note}
        for i, (p, w) in enumerate(zip(plan.loaded.profile.priorities, plan.loaded.profile.weights(), strict=True))
    ]
    return {
        **provenance_block(plan, catalogue),
        "priorities": priorities,
        **gaps_block(plan.gaps),
        **recommendations_block(plan, catalogue),
    }


# --- people ----------------------------------------------------------------------------
def priorities_section(plan: AreaPlan, L: Labels, fmt: str) -> str:
    headers = [L("col_rank"), L("col_factor"), L("col_weight"), L("col_predicts"), L("col_note")]
    rows = [
        [
            str(i),
            L.factor(p.factor),
            L.pct(w),
            L.join([L.behaviour(b) for b in L.taxonomy.factors_by_id[p.factor].predicts]) or "-",
            p.note or "-",
        ]
        for i, (p, w) in enumerate(zip(plan.loaded.profile.priorities, plan.loaded.profile.weights(), strict=True), 1)
    ]
    return text_table(headers, rows, fmt, [None, 34, None, 40, 40])


def shortlist_section(plan: AreaPlan, catalogue: Catalogue, L: Labels, fmt: str) -> str:
    body = shortlist_body(plan.recommendations, catalogue, str(plan.loaded.profile.ages), L, fmt)
    return body + "\n\n" + exclusion_line(plan.recommendations, L)


def _heading(text: str, fmt: str, level: int = 2) -> list[str]:
    if fmt == "md":
        return [f"{'#' * level} {text}", ""]
    return [text, "=" * len(text) if level == 1 else "-" * len(text)]


def _document(title: str, header: list[str], sections: list[tuple[str, str]], L: Labels, fmt: str) -> str:
    out = [*_heading(title, fmt, 1)]
    out += [f"- {line}" if fmt == "md" else line for line in header]
    for heading, body in sections:
        out += ["", *_heading(heading, fmt), body]
    out += ["", L("score_help")]
    return "\n".join(out) + "\n"


def plan_header(plan: AreaPlan, catalogue: Catalogue, L: Labels) -> list[str]:
    lines = header_lines(plan.loaded, catalogue, L)[1:]
    if plan.inventory is not None:
        lines.append(L("header_inventory", file=str(plan.inventory.path), count=len(plan.gaps.resources)))
    lines.append(L("header_as_of", date=plan.gaps.as_of.isoformat()))
    return lines


def render_plan(plan: AreaPlan, catalogue: Catalogue, L: Labels, fmt: str) -> str:
    """``insatsval plan`` as a terminal document or Markdown."""
    sections = [
        (L("section_priorities"), priorities_section(plan, L, fmt)),
        *gaps_sections(plan, L, fmt),
        (L("section_shortlist"), shortlist_section(plan, catalogue, L, fmt)),
    ]
    return _document(L("plan_title", area=plan.loaded.profile.area), plan_header(plan, catalogue, L), sections, L, fmt)


def render_gaps(plan: AreaPlan, catalogue: Catalogue, L: Labels, fmt: str) -> str:
    """``insatsval gaps`` as a terminal document or Markdown."""
    sections = gaps_sections(plan, L, fmt)
    return _document(L("gaps_title", area=plan.loaded.profile.area), plan_header(plan, catalogue, L), sections, L, fmt)


def gaps_csv_rows(plan: AreaPlan, L: Labels) -> tuple[list[str], list[list[Any]]]:
    """Gap rows for CSV; numbers stay numbers (shares 0-1)."""
    levels = list(plan.loaded.profile.levels)
    headers = [*gap_headers(plan.gaps, L, levels), "factor_id", "age_band_id"]
    rows = []
    for g, row in zip(plan.gaps.gaps, gap_rows(plan.gaps, L, levels), strict=True):
        rows.append(
            [
                row[0],
                row[1],
                round(g.coverage, 4),
                *[round(g.by_level[lv], 4) for lv in levels],
                row[3 + len(levels)],
                round(g.severity, 4),
                row[-1],
                g.factor,
                g.band,
            ]
        )
    return headers, rows
