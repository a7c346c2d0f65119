"""``compare``'s files: a heat table in HTML (prints on A4 landscape) and a workbook; one dispatch for every format.

The heat table colours each shown share: red for risk factors (darker: more pupils at risk),
blue for protective factors (darker: more pupils with the protection), each from white at 0 to
full colour at the largest share of its kind in the table. A factor that stands out carries its
mark (▲ more at risk, ▼ less protected than the rest of the city) and a black frame; a hidden
cell is hatched grey and holds no number. Jinja2 (autoescaped) and openpyxl are imported only
for their format.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from areas.compare import Comparison
from recommender import __version__
from render.compare_views import MARKS, cell_text, compare_lines, figure_rows, render_compare
from render.labels import Labels
from render.templating import render_template

#: Full colour of each kind of factor (ColorBrewer RdBu ends, legible in black and white print by the marks).
COLOURS = {"risk": "#b2182b", "protective": "#2166ac"}
#: Above this colour strength the cell's text turns white.
DARK = 0.55
#: More shown factors than this: the small type of the full table.
MANY_COLUMNS = 12


def blend(colour: str, strength: float) -> str:
    """``colour`` (``#rrggbb``) mixed with white: 0 is white, 1 the colour itself."""
    strength = min(max(strength, 0.0), 1.0)
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 + (c - 255) * strength):02x}" for c in rgb)


def largest_shares(comp: Comparison) -> dict[str, float]:
    """The largest shown share of each kind of factor in the table (0 when none is shown)."""
    shares = comp.cells(comp.city.prevalence)
    kinds = comp.city.kinds[comp.columns]
    out = {}
    for kind in COLOURS:
        values = shares[:, kinds == kind]
        shown = values[~np.isnan(values)]
        out[kind] = float(shown.max()) if shown.size else 0.0
    return out


def _cell(comp: Comparison, r: int, f: int, top: dict[str, float], L: Labels) -> dict[str, Any]:
    """One cell of the heat table: text, class, background and the tooltip with every figure."""
    city, a, w = comp.city, comp.rows[r], comp.w
    area, factor = comp.area_names[r], L.factor(city.factors[f])
    if not city.present[a, w, f]:
        return {"text": "-", "cls": "absent", "style": "", "title": f"{area}, {factor}: -"}
    share = city.prevalence[a, w, f]
    if np.isnan(share):
        return {"text": "", "cls": "hidden", "style": "", "title": f"{area}, {factor}: {L('survey_hidden')}"}
    kind = str(city.kinds[f])
    strength = float(share) / top[kind] if top[kind] > 0 else 0.0
    style = f"background:{blend(COLOURS[kind], strength)}" + (";color:#fff" if strength > DARK else "")
    out = bool(city.stands_out[a, w, f])
    benchmark, diff = city.benchmark[a, w, f], city.difference[a, w, f]
    title = L(
        "compare_cell_title",
        area=area,
        factor=factor,
        share=L.pct(float(share)),
        low=L.pct(float(city.ci_low[a, w, f])),
        high=L.pct(float(city.ci_high[a, w, f])),
        respondents=int(city.respondents[a, w, f]),
        benchmark="-" if np.isnan(benchmark) else L.pct(float(benchmark)),
        diff="-" if np.isnan(diff) else ("+" if diff > 0 else "") + L.num(float(diff) * 100),
    )
    text = str(round(100 * float(share))) + (MARKS[kind] if out else "")
    return {"text": text, "cls": "out" if out else "", "style": style, "title": title}


def _groups(comp: Comparison, L: Labels) -> list[dict[str, Any]]:
    """Runs of neighbouring shown factors of the same domain: the header's first row."""
    groups: list[dict[str, Any]] = []
    for factor_id in comp.factor_ids:
        domain = L.taxonomy.factors_by_id[factor_id].domain
        if groups and groups[-1]["domain"] == domain:
            groups[-1]["span"] += 1
        else:
            groups.append({"domain": domain, "label": L.domain(domain), "span": 1})
    return groups


def compare_html(comp: Comparison, L: Labels) -> str:
    """The heat table as one self-contained page (inline CSS, no script)."""
    top = largest_shares(comp)
    many = len(comp.columns) > MANY_COLUMNS
    columns = [
        {"label": L.factor(f), "title": f"{L.factor(f)} ({L(f'kind_{comp.city.kinds[i]}')})",
         "kind": str(comp.city.kinds[i])}
        for f, i in zip(comp.factor_ids, comp.columns, strict=True)
    ]  # fmt: skip
    rows = [
        {"area": name, "cells": [_cell(comp, r, int(f), top, L) for f in comp.columns]}
        for r, name in enumerate(comp.area_names)
    ]
    return render_template(
        "compare.html",
        lang=L.lang,
        version=__version__,
        title=L("compare_title", wave=comp.wave),
        header=compare_lines(comp, L),
        legend_risk=L("compare_legend_risk"),
        legend_protective=L("compare_legend_protective"),
        legend_hidden=L("compare_legend_hidden", threshold=comp.city.threshold),
        legend_colour=L("compare_legend_colour"),
        cells_note=L("compare_cells_note"),
        marks=L("compare_marks", threshold=comp.city.threshold),
        risk_colour=COLOURS["risk"],
        protective_colour=COLOURS["protective"],
        risk_max=L.pct(top["risk"]),
        protective_max=L.pct(top["protective"]),
        area_header=L("compare_col_area"),
        groups=_groups(comp, L),
        columns=columns,
        rows=rows,
        rotated=many,
        cell_font="6.5pt" if many else "8.5pt",
        area_width="26mm" if many else "45mm",
        method=L("compare_method"),
        footer=L("footer"),
    )


def compare_xlsx(comp: Comparison, L: Labels) -> bytes:
    """The table (shares as percentages, coloured as in HTML, hidden cells as text), every figure, and the notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from render.xlsx import PERCENT, Column, add_sheet

    top = largest_shares(comp)
    city, w = comp.city, comp.w
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    headers = [L("compare_col_area"), *[L.factor(f) for f in comp.factor_ids]]
    values: list[list[Any]] = []
    for r, name in enumerate(comp.area_names):
        row: list[Any] = [name]
        for f in comp.columns:
            share = city.prevalence[comp.rows[r], w, f]
            row.append(cell_text(comp, r, int(f), L) if np.isnan(share) or not city.present[comp.rows[r], w, f]
                       else float(share))  # fmt: skip
        values.append(row)
    columns = [Column(headers[0], 24.0), *[Column(h, 6.0, PERCENT) for h in headers[1:]]]
    sheet = add_sheet(book, L("compare_sheet_table"), columns, values)
    sheet.row_dimensions[1].height = 180.0
    for col in range(2, len(headers) + 1):
        sheet.cell(row=1, column=col).alignment = Alignment(text_rotation=90, vertical="bottom", wrap_text=True)
    frame = Side(style="medium", color="111111")
    for r in range(len(values)):
        sheet.row_dimensions[r + 2].height = 15.0
        for c, f in enumerate(comp.columns, start=2):
            cell = sheet.cell(row=r + 2, column=c)
            share = city.prevalence[comp.rows[r], w, f]
            if np.isnan(share):
                cell.fill = PatternFill("solid", fgColor="E4E6EA")
                continue
            kind = str(city.kinds[f])
            strength = float(share) / top[kind] if top[kind] > 0 else 0.0
            cell.fill = PatternFill("solid", fgColor=blend(COLOURS[kind], strength)[1:].upper())
            out = bool(city.stands_out[comp.rows[r], w, f])
            cell.font = Font(bold=out, color="FFFFFF" if strength > DARK else "000000")
            if out:
                cell.border = Border(left=frame, right=frame, top=frame, bottom=frame)
    figure_headers, figure_values = figure_rows(comp, L)
    widths = [24.0, 30.0, 8.0, *[11.0] * (len(figure_headers) - 3)]
    add_sheet(book, L("compare_sheet_figures"), [Column(h, wd) for h, wd in zip(figure_headers, widths, strict=True)],
              figure_values)  # fmt: skip
    notes = [
        *compare_lines(comp, L),
        "",
        L("compare_legend_colour"),
        L("compare_xlsx_frame"),
        L("compare_marks", threshold=city.threshold),
        L("compare_method"),
    ]
    add_sheet(book, L("survey_info_sheet"), [Column(L("survey_info_sheet"), 120.0)], [[line] for line in notes])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def compare_output(fmt: str, comp: Comparison, L: Labels, csv_dialect: str = "standard") -> bytes:
    """The bytes ``compare`` writes in ``fmt`` (table, md, csv, json, html or xlsx)."""
    if fmt == "html":
        return compare_html(comp, L).encode("utf-8")
    if fmt == "xlsx":
        return compare_xlsx(comp, L)
    return render_compare(comp, L, fmt, csv_dialect).encode("utf-8")
