"""Render a ranked shortlist as JSON, a terminal table, Markdown or CSV.

JSON keys are English and stable whatever the language; texts meant for people are given
in both languages there. The other formats are for people and follow ``--lang``.
"""

from __future__ import annotations

import json
from typing import Any

from recommender.catalogue import Catalogue
from recommender.profile import LoadedProfile
from recommender.ranking import Recommendation, RecommendationResult
from reports.explain import costs_text, explanation_lines, factor_parts, gaps_text, ratings_text, sweden_text
from reports.labels import Labels
from reports.tables import md_cell, text_table


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


def shortlist_body(result: RecommendationResult, catalogue: Catalogue, profile_ages: str, L: Labels, fmt: str) -> str:
    """The ranked table, then an explanation per programme (terminal text or Markdown)."""
    if not result.recommendations:
        return L("no_recommendations")
    widths = [None, 28, None, None, 18, None, 48]
    out = [text_table(table_headers(L), table_rows(result, catalogue, L), fmt, widths)]
    out += ["", f"## {L('explanations_heading')}" if fmt == "md" else L("explanations_heading")]
    for rec in result.recommendations:
        title = f"{rec.rank}. {rec.programme.display_name(L.lang)} ({L.num(rec.score)} {L('points')})"
        out += ["", f"### {md_cell(title)}" if fmt == "md" else title]
        if fmt == "md":
            out.append("")
        for heading, line in explanation_lines(rec, catalogue, profile_ages, L):
            out.append(f"- **{heading}:** {md_cell(line)}" if fmt == "md" else f"   {heading}: {line}")
    return "\n".join(out)


def render_shortlist(
    result: RecommendationResult,
    catalogue: Catalogue,
    loaded: LoadedProfile,
    L: Labels,
    fmt: str = "table",
    in_place: list[str] | None = None,
) -> str:
    """``insatsval recommend`` for people: header, shortlist, programmes in place, exclusions."""
    header = header_lines(loaded, catalogue, L)
    if fmt == "md":
        out = [f"# {L('md_title', area=loaded.profile.area)}", "", *[f"- {line}" for line in header[1:]], ""]
    else:
        out = [*header, ""]
    out.append(shortlist_body(result, catalogue, str(loaded.profile.ages), L, fmt))
    if in_place:
        out += ["", f"## {L('in_place_heading')}" if fmt == "md" else L("in_place_heading"), ""]
        out += [f"- {md_cell(line) if fmt == 'md' else line}" for line in in_place]
    out += ["", exclusion_line(result, L), *([""] if fmt == "md" else []), L("score_help")]
    return "\n".join(out) + "\n"


def shortlist_rows(result: RecommendationResult, catalogue: Catalogue, L: Labels) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the shortlist for CSV and XLSX: one row per programme, numbers as numbers."""
    headers = [
        L("col_rank"), "id", L("col_programme"), L("col_score"), L("col_tier"), L("col_ratings"), L("col_levels"),
        L("col_domains"), L("col_age_min"), L("col_age_max"), L("col_factors"), L("why_gaps"), L("col_warnings"),
        L("col_cost"), L("why_sweden"), L("col_sources"),
    ]  # fmt: skip
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
                gaps_text(rec, L),
                "\n".join(w.text.get(L.lang) for w in p.warnings),
                costs_text(p, L),
                sweden_text(p, L),
                "\n".join(p.sources),
            ]
        )
    return headers, rows
