"""The meeting brief as one self-contained HTML file that prints well on A4.

No network: CSS is inline and the coverage heat map is templated SVG. The template is
rendered with Jinja2 with autoescaping on, so text from the catalogue or an inventory can
never become markup (a programme called ``<script>`` shows as text). Jinja2 is imported
only when exporting.
"""

from __future__ import annotations

from typing import Any

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from recommender import __version__
from render.brief_text import brief_header
from render.explain import explanation_lines
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
from render.shortlist_text import exclusion_line

STATUS_FILL = {"gap": "#d73027", "partial": "#e08214", "covered": "#3a9a5b"}
CELL_W, CELL_H, GAP, LABEL_W, TOP, LEGEND_STEP = 92, 26, 4, 250, 30, 110


def heatmap(brief: MeetingBrief, L: Labels) -> dict[str, Any]:
    """Geometry of the coverage heat map: prioritised factors by the profile's age bands."""
    factors = list(brief.loaded.profile.factor_ids)
    band_order = L.taxonomy.band_ids
    bands = list(dict.fromkeys(g.band for g in sorted(brief.gaps.cells, key=lambda g: band_order.index(g.band))))
    by_cell = {(g.factor, g.band): g for g in brief.gaps.cells}
    cells = []
    for i, factor in enumerate(factors):
        for j, band in enumerate(bands):
            gap = by_cell[(factor, band)]
            status = L(f"gap_status_{gap.status}")
            x, y = LABEL_W + j * (CELL_W + GAP), TOP + i * (CELL_H + GAP)
            cells.append(
                {
                    "x": x,
                    "y": y,
                    "w": CELL_W,
                    "h": CELL_H,
                    "tx": x + CELL_W / 2,
                    "ty": y + CELL_H / 2,
                    "fill": STATUS_FILL[gap.status],
                    "text": L.pct(gap.coverage),
                    "title": f"{L.factor(factor)}, {L.band(band)}: {L.pct(gap.coverage)} ({status})",
                }
            )
    height = TOP + len(factors) * (CELL_H + GAP) + 28
    legend_y = height - 18
    return {
        "width": max(LABEL_W + len(bands) * (CELL_W + GAP) + 10, LABEL_W + 3 * LEGEND_STEP),
        "height": height,
        "header_y": TOP - 10,
        "label_x": LABEL_W - 8,
        "legend_y": legend_y,
        "columns": [{"x": LABEL_W + j * (CELL_W + GAP) + CELL_W / 2, "label": L.band(b)} for j, b in enumerate(bands)],
        "rows": [{"y": TOP + i * (CELL_H + GAP) + CELL_H / 2, "label": L.factor(f)} for i, f in enumerate(factors)],
        "cells": cells,
        "legend": [
            {"x": LABEL_W + k * LEGEND_STEP, "fill": STATUS_FILL[s], "label": L(f"gap_status_{s}")}
            for k, s in enumerate(("gap", "partial", "covered"))
        ],
    }


def shortlist_items(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> list[dict[str, Any]]:
    skip = {L("why_sources"), L("why_warning")}
    items = []
    for rec in brief.recommendations.recommendations:
        lines = [
            (h, t) for h, t in explanation_lines(rec, catalogue, str(brief.loaded.profile.ages), L) if h not in skip
        ]
        items.append(
            {
                "rank": rec.rank,
                "name": rec.programme.display_name(L.lang),
                "score": f"{L.num(rec.score)} {L('points')}",
                "tier": L.tier(rec.tier.tier),
                "lines": lines,
                "warnings": [{"text": w.text.get(L.lang), "source": w.source} for w in rec.programme.warnings],
                "sources": list(rec.programme.sources),
            }
        )
    return items


def html_context(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> dict[str, Any]:
    levels = list(brief.loaded.profile.levels)
    analysis = brief.gaps
    headings = [
        "section_priorities", "section_resources", "section_gaps", "section_shortlist", "section_about",
        "heatmap_intro", "heatmap_title", "no_inventory", "no_recommendations", "footer",
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
        "heatmap": heatmap(brief, L),
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
        "shortlist": shortlist_items(brief, catalogue, L),
        "exclusions": exclusion_line(brief.recommendations, L),
        "provenance": about_rows(brief, catalogue, L),
    }


def brief_html(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> str:
    """Render the meeting brief as a complete HTML document."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("plan.html").render(**html_context(brief, catalogue, L))
