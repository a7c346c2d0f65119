"""The plan as one self-contained HTML file that prints well on A4.

No network: CSS is inline and the coverage heat map is templated SVG. The template is
rendered with Jinja2 with autoescaping on, so text from the catalogue or an inventory can
never become markup (a programme called ``<script>`` shows as text). Jinja2 is imported
only when exporting.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from gap_analysis.plan import AreaPlan
from recommender import __version__
from recommender.catalogue import Catalogue
from reports.explain import explanation_lines
from reports.gaps import (
    duplication_lines,
    funding_lines,
    gap_headers,
    gap_rows,
    in_place_lines,
    inventory_info,
    level_line,
    resource_headers,
    resource_rows,
)
from reports.labels import Labels
from reports.plan import plan_header
from reports.provenance import catalogue_info, profile_info
from reports.recommendations import exclusion_line

STATUS_FILL = {"gap": "#d73027", "partial": "#e08214", "covered": "#3a9a5b"}
CELL_W, CELL_H, GAP, LABEL_W, TOP, LEGEND_STEP = 92, 26, 4, 250, 30, 110


def heatmap(plan: AreaPlan, L: Labels) -> dict[str, Any]:
    """Geometry of the coverage heat map: prioritised factors by the profile's age bands."""
    factors = list(plan.loaded.profile.factor_ids)
    bands = list(dict.fromkeys(g.band for g in sorted(plan.gaps.gaps, key=lambda g: L.taxonomy.band_ids.index(g.band))))
    by_cell = {(g.factor, g.band): g for g in plan.gaps.gaps}
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


def shortlist_items(plan: AreaPlan, catalogue: Catalogue, L: Labels) -> list[dict[str, Any]]:
    skip = {L("why_sources"), L("why_warning")}
    items = []
    for rec in plan.recommendations.recommendations:
        lines = [
            (h, t) for h, t in explanation_lines(rec, catalogue, str(plan.loaded.profile.ages), L) if h not in skip
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


def provenance_rows(plan: AreaPlan, catalogue: Catalogue, L: Labels) -> list[tuple[str, str]]:
    cat, prof, inv = catalogue_info(catalogue), profile_info(plan.loaded), inventory_info(plan)
    rows = [
        (L("about_tool"), f"insatsval {__version__}"),
        (L("about_created"), dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")),
        (L("about_as_of"), plan.gaps.as_of.isoformat()),
        (L("about_profile"), f"{prof['file']} (sha256 {prof['sha256']})"),
        (L("about_inventory"), f"{inv['file']} (sha256 {inv['sha256']})" if inv else L("about_none")),
        (
            L("about_catalogue"),
            f"{cat['version']} (sha256 {cat['sha256']}), {cat['programmes']} {L('programmes_word')}",
        ),
        (L("about_weights"), str(plan.weights_path) if plan.weights_path else L("about_default_weights")),
        (L("about_weight_values"), json.dumps(plan.weights.model_dump(mode="json"), ensure_ascii=False)),
        (L("about_method"), L("about_method_text")),
    ]
    return rows


def html_context(plan: AreaPlan, catalogue: Catalogue, L: Labels) -> dict[str, Any]:
    levels = list(plan.loaded.profile.levels)
    profile = plan.loaded.profile
    analysis = plan.gaps
    headings = [
        "section_priorities", "section_resources", "section_gaps", "section_shortlist", "section_about",
        "heatmap_intro", "heatmap_title", "no_inventory", "no_recommendations", "footer",
    ]  # fmt: skip
    s = {key: L(key) for key in headings}
    s.update(
        {"warning": L("why_warning"), "sources": L("why_sources"), "source": L("source_word"), "none": L("none_word")}
    )
    resources = {
        "headers": resource_headers(L),
        "rows": resource_rows(analysis, L) if plan.inventory else [],
        "lists": [],
    }
    if plan.inventory is not None:
        resources["lists"] = [
            {"heading": L("in_place_heading"), "entries": in_place_lines(plan, L)},
            {"heading": L("duplication_heading"), "entries": duplication_lines(analysis, L)},
            {
                "heading": L("funding_heading", days=plan.weights.coverage.funding_horizon_days),
                "entries": funding_lines(analysis, L),
            },
        ]
    return {
        "lang": L.lang,
        "version": __version__,
        "title": L("plan_title", area=profile.area),
        "header": plan_header(plan, catalogue, L),
        "s": s,
        "priorities": {
            "headers": [L("col_rank"), L("col_factor"), L("col_weight"), L("col_predicts"), L("col_note")],
            "rows": [
                [
                    i,
                    L.factor(p.factor),
                    L.pct(w),
                    L.join([L.behaviour(b) for b in L.taxonomy.factors_by_id[p.factor].predicts]) or "-",
                    p.note or "",
                ]
                for i, (p, w) in enumerate(zip(profile.priorities, profile.weights(), strict=True), start=1)
            ],
        },
        "heatmap": heatmap(plan, L),
        "gaps": {
            "headers": gap_headers(analysis, L, levels),
            "rows": [
                {"cells": row, "status": g.status}
                for row, g in zip(gap_rows(analysis, L, levels), analysis.gaps, strict=True)
            ],
            "numeric": list(range(2, 3 + len(levels))) + [4 + len(levels)],
            "status_col": 3 + len(levels),
            "notes": [
                level_line(analysis, L),
                L(
                    "gap_thresholds",
                    covered=L.pct(plan.weights.coverage.covered),
                    partial=L.pct(plan.weights.coverage.partial),
                ),
            ],
        },
        "resources": resources,
        "shortlist": shortlist_items(plan, catalogue, L),
        "exclusions": exclusion_line(plan.recommendations, L),
        "provenance": provenance_rows(plan, catalogue, L),
    }


def plan_html(plan: AreaPlan, catalogue: Catalogue, L: Labels) -> str:
    """Render the plan as a complete HTML document."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("plan.html").render(**html_context(plan, catalogue, L))
