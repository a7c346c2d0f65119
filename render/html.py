"""The meeting brief as one self-contained HTML file that prints well on A4.

No network: CSS is inline and the coverage heat map is templated SVG. The template is
rendered with Jinja2 with autoescaping on, so text from the catalogue or an inventory can
never become markup (a programme called ``<script>`` shows as text). Jinja2 is imported
only when exporting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from recommender import __version__
from render.brief_text import brief_header
from render.explain import explanation_lines, groups, notice_lines
from render.heatmap import Cell, layout
from render.labels import Labels
from render.rows import (
    about_rows,
    gap_headers,
    gap_notes,
    gap_rows,
    priority_headers,
    priority_rows,
    resource_headers,
    resource_lists,
    resource_rows,
)
from render.shortlist_text import exclusion_line, table_headers
from render.templating import render_template

if TYPE_CHECKING:  # pragma: no cover - types only
    from render.plan_sections import PlanExtras


def heatmap(brief: MeetingBrief, L: Labels) -> dict[str, Any]:
    """The coverage heat map: prioritised factors by the profile's age bands (render.heatmap lays it out)."""
    factors = list(brief.loaded.profile.factor_ids)
    band_order = L.taxonomy.band_ids
    bands = list(dict.fromkeys(g.band for g in sorted(brief.gaps.cells, key=lambda g: band_order.index(g.band))))
    by_cell = {(g.factor, g.band): g for g in brief.gaps.cells}
    cells = [
        [
            Cell(
                factor=factor,
                band=band,
                coverage_text=L.pct(by_cell[(factor, band)].coverage),
                status=by_cell[(factor, band)].status,
                title=f"{L.factor(factor)}, {L.band(band)}: {L.pct(by_cell[(factor, band)].coverage)} "
                f"({L(f'gap_status_{by_cell[(factor, band)].status}')})",
            )
            for band in bands
        ]
        for factor in factors
    ]
    return layout(
        [L.factor(f) for f in factors],
        [(L.band_name(b), L.span(b)) for b in bands],
        cells,
        [(s, L(f"gap_status_{s}")) for s in ("gap", "partial", "covered")],
    )


def shortlist_items(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> list[dict[str, Any]]:
    """One card per programme, with its explanation; warnings and sources as links."""
    skip = {L("why_sources"), L("why_warning")}
    items = []
    for rec in brief.recommendations.recommendations:
        lines = [
            (h, t) for h, t in explanation_lines(rec, catalogue, str(brief.loaded.profile.ages), L) if h not in skip
        ]
        items.append(
            {
                "rank": rec.rank,
                "group": rec.group,
                "name": rec.programme.display_name(L.lang),
                "score": f"{L.num(rec.score)} {L('points')}",
                "tier": L.tier(rec.tier.tier),
                "lines": lines,
                "warnings": [{"text": w.text.get(L.lang), "source": w.source} for w in rec.programme.warnings],
                "sources": list(rec.programme.sources),
            }
        )
    return items


def shortlist_groups(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> list[dict[str, Any]]:
    """The overview table and the cards of each group: proposed first, then tested without effect."""
    cards = {item["rank"]: item for item in shortlist_items(brief, catalogue, L)}
    out = []
    for group, members in groups(brief.recommendations):
        out.append(
            {
                "heading": L("group_no_effect") if group == "no_effect" else None,
                "intro": L("group_no_effect_intro") if group == "no_effect" else None,
                "rows": [
                    [
                        rec.rank,
                        rec.programme.display_name(L.lang),
                        L.num(rec.score),
                        L.tier(rec.tier.tier),
                        L.join([L.level(x) for x in rec.programme.levels]),
                        f"{rec.programme.ages.min}-{rec.programme.ages.max}",
                    ]
                    for rec in members
                ],
                "cards": [cards[rec.rank] for rec in members],
            }
        )
    return out


def html_context(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> dict[str, Any]:
    levels = list(brief.loaded.profile.levels)
    analysis = brief.gaps
    headings = [
        "section_priorities", "section_resources", "section_gaps", "section_shortlist", "section_about",
        "heatmap_intro", "heatmap_title", "no_inventory", "no_inventory_gaps", "no_recommendations", "footer",
        "overview_heading", "cards_heading",
    ]  # fmt: skip
    s = {key: L(key) for key in headings}
    s.update(
        {"warning": L("why_warning"), "sources": L("why_sources"), "source": L("source_word"), "none": L("none_word")}
    )
    with_inventory = brief.inventory is not None
    return {
        "lang": L.lang,
        "version": __version__,
        "title": L("plan_title", area=brief.loaded.profile.area),
        "header": brief_header(brief, catalogue, L),
        "s": s,
        "priorities": {
            "headers": priority_headers(L),
            "rows": [
                [r.rank, r.label, L.pct(r.weight), r.predicts or "-", r.note or ""] for r in priority_rows(brief, L)
            ],
        },
        "notice": notice_lines(brief.recommendations.notice, L),
        "with_inventory": with_inventory,
        "heatmap": heatmap(brief, L) if with_inventory else None,
        "overview_headers": table_headers(L)[:-1],  # the shortlist's columns without the factor points
        "groups": shortlist_groups(brief, catalogue, L),
        "gaps": {
            "headers": gap_headers(L, levels),
            "rows": [
                {"cells": row, "status": g.status}
                for row, g in zip(gap_rows(analysis, L, levels), analysis.cells, strict=True)
            ],
            "numeric": list(range(2, 3 + len(levels))) + [4 + len(levels)],
            "status_col": 3 + len(levels),
            "notes": gap_notes(brief, L),
        },
        "resources": {
            "headers": resource_headers(L),
            "rows": resource_rows(analysis, L) if with_inventory else [],
            "lists": [{"heading": h, "entries": lines} for h, lines in resource_lists(brief, L)]
            if with_inventory
            else [],
        },
        "exclusions": exclusion_line(brief.recommendations, L),
        "provenance": about_rows(brief, catalogue, L),
    }


def action_context(brief: MeetingBrief, catalogue: Catalogue, extras: PlanExtras, L: Labels) -> dict[str, Any]:
    """The action plan's sections: goals, the goal chain as SVG, the implementation plan, overlaps."""
    from markupsafe import Markup

    from render.goal_chain_views import svg
    from render.plan_sections import (
        behaviour_goal_lines,
        cost_line,
        goal_headers,
        goal_rows,
        implementation_headers,
        implementation_rows,
        overlap_lines,
    )

    plan = extras.plan
    keys = {"goals": "ap_section_goals", "chain": "ap_section_chain", "implementation": "ap_section_implementation"}
    keys["overlaps"] = "ap_section_overlaps"
    return {
        "s": {k: L(v) for k, v in keys.items()},
        "goal_headers": goal_headers(L),
        "goal_rows": goal_rows(brief, plan, L),
        "behaviour_goals": behaviour_goal_lines(plan, L),
        "chosen": L(f"ap_chosen_{plan.chosen_by}"),
        # every text in the drawing is escaped where the SVG is built (render.goal_chain_svg)
        "svg": Markup(svg(extras.graph, catalogue, L, brief.loaded.profile.area)),
        "headers": implementation_headers(L),
        "rows": implementation_rows(plan, L),
        "cost": cost_line(plan, brief, L),
        "fidelity": L("ap_fidelity_note"),
        "overlap_intro": L("ap_overlap_intro"),
        "overlaps": overlap_lines(plan, catalogue, L),
        "no_overlaps": L("ap_no_overlaps"),
    }


def brief_html(brief: MeetingBrief, catalogue: Catalogue, L: Labels, extras: PlanExtras | None = None) -> str:
    """Render the meeting brief (with the action plan's sections when given) as a complete HTML document."""
    action = action_context(brief, catalogue, extras, L) if extras is not None else None
    return render_template("plan.html", **html_context(brief, catalogue, L), action=action)
