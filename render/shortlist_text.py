"""The ranked shortlist for people: a terminal table or Markdown, each programme explained.

(JSON is :mod:`render.documents`; CSV and XLSX rows are :func:`render.rows.shortlist_rows`.)
"""

from __future__ import annotations

from catalog.catalogue import Catalogue
from inputs.profile import LoadedProfile
from recommender.ranking import Recommendation, RecommendationResult
from render.explain import explanation_lines, factor_parts, groups, notice_lines
from render.labels import Labels
from render.tables import md_cell, text_table


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


def table_rows(recommendations: list[Recommendation], L: Labels) -> list[list[str]]:
    """Rows for the compact table: one per recommendation."""
    rows = []
    for rec in recommendations:
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
    notice = notice_lines(result.notice, L)
    out = []
    if notice:
        if fmt == "md":
            out += [f"> **{md_cell(notice[0])}**", ">", *[f"> - {md_cell(line)}" for line in notice[1:]], ""]
        else:
            out += [f"!! {notice[0]}", *[f"   - {line}" for line in notice[1:]], ""]
    if not result.recommendations:
        return "\n".join([*out, L("no_recommendations")])
    widths = [None, 28, None, None, 18, None, 48]
    for group, members in groups(result):
        if group == "no_effect":
            heading = L("group_no_effect")
            out += [
                "",
                f"### {heading}" if fmt == "md" else heading,
                *([""] if fmt == "md" else []),
                L("group_no_effect_intro"),
            ]
            out.append("")
        out.append(text_table(table_headers(L), table_rows(members, L), fmt, widths))
    out += ["", f"## {L('explanations_heading')}" if fmt == "md" else L("explanations_heading")]
    for rec in result.recommendations:
        title = f"{rec.rank}. {rec.programme.display_name(L.lang)} ({L.num(rec.score)} {L('points')})"
        if rec.group == "no_effect":
            title += f" – {L('group_no_effect').lower()}"
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
