"""Render a ranked shortlist as JSON, a terminal table, Markdown or CSV.

JSON keys are English and stable whatever the language; texts meant for people are given
in both languages there. The other formats are for people and follow ``--lang``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from tabulate import tabulate

from recommender.catalogue import Catalogue
from recommender.profile import LoadedProfile
from recommender.ranking import Recommendation, RecommendationResult
from reports.explain import costs_text, explanation_lines, factor_parts, ratings_text
from reports.labels import Labels


def recommendation_dict(rec: Recommendation, catalogue: Catalogue) -> dict[str, Any]:
    """One recommendation as a JSON-ready dict (English keys, ids not labels)."""
    programme = rec.programme
    return {
        "rank": rec.rank,
        "id": programme.id,
        "name": programme.name,
        "name_sv": programme.name_sv,
        "score": round(rec.score, 3),
        "matched_factors": [
            {
                "factor": c.factor,
                "basis": c.basis,
                "weight": round(c.weight, 6),
                "contribution": round(c.contribution, 3),
            }
            for c in rec.contributions
        ],
        "evidence_tier": rec.tier.tier,
        "evidence_base_tier": rec.tier.base,
        "evidence_steps": [{"warning_kind": s.warning_kind, "from": s.before, "to": s.after} for s in rec.tier.steps],
        "ratings": [
            {
                "registry": r.registry,
                "label": r.label,
                "tier": catalogue.scale.tier_of_rating(r),
                "source": r.source,
            }
            for r in programme.ratings
        ],
        "levels": list(programme.levels),
        "levels_matched": list(rec.levels_matched),
        "domains": list(programme.domains),
        "domains_matched": list(rec.domains_matched),
        "ages": {"min": programme.ages.min, "max": programme.ages.max},
        "age_overlap": {"min": rec.age_overlap.min, "max": rec.age_overlap.max},
        "age_share": round(rec.age_share, 4),
        "score_parts": {"evidence_multiplier": rec.evidence_multiplier, "fit": round(rec.fit, 6)},
        "warnings": [w.model_dump(mode="json") for w in programme.warnings],
        "costs": [c.model_dump(mode="json") for c in programme.costs],
        "benefit_cost": [b.model_dump(mode="json") for b in programme.benefit_cost],
        "availability_sweden": programme.availability_sweden.model_dump(mode="json"),
        "summary": programme.summary.model_dump(mode="json"),
        "sources": list(programme.sources),
        "catalogue_file": rec.origin,
        "gaps_filled": [{"factor": g.factor, "age_band": g.band} for g in rec.gaps_filled],
    }


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def header_lines(loaded: LoadedProfile, catalogue: Catalogue, L: Labels) -> list[str]:
    """Who the result is for and what it was computed from."""
    profile = loaded.profile
    priorities = ", ".join(
        f"{i}. {L.factor(p.factor)} ({L.pct(w)})"
        for i, (p, w) in enumerate(zip(profile.priorities, profile.weights(), strict=True), start=1)
    )
    return [
        L("header_area", area=profile.area, ages=str(profile.ages)),
        L(
            "header_levels",
            levels=L.join([L.level(x) for x in profile.levels]),
            domains=L.join([L.domain(x) for x in profile.domains]),
        ),
        L("header_priorities", priorities=priorities),
        L(
            "header_catalogue",
            version=catalogue.version,
            sha=catalogue.sha256[:12],
            count=len(catalogue.programmes),
        ),
    ]


def exclusion_line(result: RecommendationResult, L: Labels) -> str:
    parts = [L(f"excluded_{reason}", count=len(ids)) for reason, ids in result.excluded.items()]
    return L("exclusions", eligible=result.eligible, considered=result.considered, parts=", ".join(parts) or "-")


def table_rows(result: RecommendationResult, catalogue: Catalogue, L: Labels) -> list[list[str]]:
    """Rows for the compact table: one per recommendation."""
    rows = []
    for rec in result.recommendations:
        rows.append(
            [
                str(rec.rank),
                rec.programme.display_name(L.lang),
                L.num(rec.score),
                L.tier(rec.tier.tier),
                L.join([L.level(x) for x in rec.programme.levels]),
                f"{rec.programme.ages.min}-{rec.programme.ages.max}",
                "; ".join(factor_parts(rec, L, with_basis=False)),
            ]
        )
    return rows


def table_headers(L: Labels) -> list[str]:
    return [
        L("col_rank"),
        L("col_programme"),
        L("col_score"),
        L("col_tier"),
        L("col_levels"),
        L("col_ages"),
        L("col_factors"),
    ]


def render_table(
    result: RecommendationResult,
    catalogue: Catalogue,
    loaded: LoadedProfile,
    L: Labels,
    in_place: list[str] | None = None,
) -> str:
    """Terminal output: header, compact table, then an explanation per programme."""
    out = [*header_lines(loaded, catalogue, L), ""]
    if not result.recommendations:
        out.append(L("no_recommendations"))
    else:
        out.append(
            tabulate(
                table_rows(result, catalogue, L),
                headers=table_headers(L),
                tablefmt="simple",
                maxcolwidths=[None, 28, None, None, 18, None, 48],
                disable_numparse=True,
            )
        )
        out += ["", L("explanations_heading")]
        for rec in result.recommendations:
            out.append("")
            out.append(f"{rec.rank}. {rec.programme.display_name(L.lang)} ({L.num(rec.score)} {L('points')})")
            for heading, line in explanation_lines(rec, catalogue, str(loaded.profile.ages), L):
                out.append(f"   {heading}: {line}")
    if in_place:
        out += ["", L("in_place_heading"), *[f"- {line}" for line in in_place]]
    out += ["", exclusion_line(result, L), L("score_help")]
    return "\n".join(out) + "\n"


def _md_cell(value: str) -> str:
    """Markdown table cells cannot hold pipes or newlines."""
    return value.replace("|", "\\|").replace("\n", " ")


def render_markdown(
    result: RecommendationResult,
    catalogue: Catalogue,
    loaded: LoadedProfile,
    L: Labels,
    in_place: list[str] | None = None,
) -> str:
    """Markdown for minutes and wikis: the same content as the table."""
    out = [f"# {L('md_title', area=loaded.profile.area)}", ""]
    out += [f"- {line}" for line in header_lines(loaded, catalogue, L)[1:]]
    out.append("")
    if not result.recommendations:
        out.append(L("no_recommendations"))
    else:
        headers = table_headers(L)
        out.append("| " + " | ".join(headers) + " |")
        out.append("|" + "|".join("---:" if i in (0, 2) else "---" for i in range(len(headers))) + "|")
        for row in table_rows(result, catalogue, L):
            out.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
        out += ["", f"## {L('explanations_heading')}"]
        for rec in result.recommendations:
            out += [
                "",
                f"### {rec.rank}. {_md_cell(rec.programme.display_name(L.lang))} ({L.num(rec.score)} {L('points')})",
                "",
            ]
            for heading, line in explanation_lines(rec, catalogue, str(loaded.profile.ages), L):
                out.append(f"- **{heading}:** {_md_cell(line)}")
    if in_place:
        out += ["", f"## {L('in_place_heading')}", "", *[f"- {_md_cell(line)}" for line in in_place]]
    out += ["", exclusion_line(result, L), "", L("score_help")]
    return "\n".join(out) + "\n"


def csv_rows(result: RecommendationResult, catalogue: Catalogue, L: Labels) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV: one row per recommendation, numbers left as numbers."""
    headers = [
        L("col_rank"),
        "id",
        L("col_programme"),
        L("col_score"),
        L("col_tier"),
        L("col_ratings"),
        L("col_levels"),
        L("col_domains"),
        L("col_age_min"),
        L("col_age_max"),
        L("col_factors"),
        L("col_warnings"),
        L("col_cost"),
        L("col_sources"),
    ]
    rows = []
    for rec in result.recommendations:
        p = rec.programme
        rows.append(
            [
                rec.rank,
                p.id,
                p.display_name(L.lang),
                round(rec.score, 2),
                L.tier(rec.tier.tier),
                ratings_text(p, catalogue, L),
                L.join([L.level(x) for x in p.levels]),
                L.join([L.domain(x) for x in p.domains]),
                p.ages.min,
                p.ages.max,
                "; ".join(factor_parts(rec, L)),
                " | ".join(w.text.get(L.lang) for w in p.warnings),
                costs_text(p, L),
                " ".join(p.sources),
            ]
        )
    return headers, rows


def render_csv(headers: list[str], rows: list[list[Any]], dialect: str = "standard") -> str:
    """CSV text. ``excel-sv`` uses ';', decimal commas and a BOM, as Swedish Excel expects.

    Cells that a spreadsheet would run as a formula are neutralised (see :func:`safe_cell`).
    """
    buffer = io.StringIO()
    delimiter = ";" if dialect == "excel-sv" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if dialect == "excel-sv" else "\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_value(v, dialect) for v in row])
    text = buffer.getvalue()
    return ("\ufeff" + text) if dialect == "excel-sv" else text


def _csv_value(value: Any, dialect: str) -> Any:
    if isinstance(value, float) and dialect == "excel-sv":
        return repr(value).replace(".", ",")
    if isinstance(value, str):
        return safe_cell(value)
    return value


def safe_cell(value: str) -> str:
    """Prefix text that starts like a formula with an apostrophe so it stays text.

    Spreadsheets run cells beginning with ``=``, ``+``, ``-``, ``@`` (and tab or carriage
    return) as formulas; catalogue and inventory text is data, never a formula (OWASP
    "CSV injection").
    """
    if value in ("-", "+"):  # a lone sign is what tables print for "none"; it cannot run
        return value
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
