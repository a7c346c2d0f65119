"""The meeting brief as an Excel workbook: shortlist, gaps, priorities, resources and "About".

Each sheet has a bold, frozen header row, readable column widths, an autofilter, and
numbers stored as numbers (shares formatted as percentages). Text from the catalogue or an
inventory is data: a cell that would start a formula is stored as text with Excel's
quote prefix, never as a formula. openpyxl is imported only when this module is used.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from recommender import __version__
from render.labels import Labels
from render.rows import about_rows, gap_headers, gap_values, priority_rows, resource_evidence, shortlist_rows
from render.tables import is_formula_like

PERCENT = "0%"
DECIMAL = "0.0"


def _set(cell: Any, value: Any) -> None:
    """Store ``value``; text that looks like a formula is forced to stay text."""
    cell.value = value
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def add_sheet(
    book: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: dict[int, str] | None = None,
    wrap: Sequence[int] = (),
) -> Worksheet:
    """A sheet with a bold frozen header, filters, widths and number formats per column."""
    sheet: Worksheet = book.create_sheet(title=title[:31])
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=col)
        _set(cell, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=col)
            _set(cell, value)
            if formats and col - 1 in formats:
                cell.number_format = formats[col - 1]
            cell.alignment = Alignment(vertical="top", wrap_text=(col - 1) in wrap)
    for col, header in enumerate(headers, start=1):
        longest = max([len(str(header)), *(len(str(row[col - 1] or "")) for row in rows)]) if rows else len(header)
        sheet.column_dimensions[get_column_letter(col)].width = max(
            8, min(60 if (col - 1) in wrap else 40, longest + 2)
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    return sheet


def shortlist_sheet(book: Workbook, brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> None:
    headers, rows = shortlist_rows(brief.recommendations, catalogue, L)
    add_sheet(book, L("sheet_shortlist"), headers, rows, {3: DECIMAL}, wrap=(5, 10, 11, 12, 13, 14, 15))


def gaps_sheet(book: Workbook, brief: MeetingBrief, L: Labels) -> None:
    levels = list(brief.loaded.profile.levels)
    n = len(levels)
    rows = []
    for cell in brief.gaps.cells:
        values = gap_values(cell, L, levels)
        rows.append(
            [
                *values[:2],
                *[round(v, 4) for v in values[2 : 3 + n]],
                values[3 + n],
                round(100 * values[4 + n], 1),
                ", ".join(values[5 + n]),
            ]
        )
    formats = {2: PERCENT, **{3 + i: PERCENT for i in range(n)}, 4 + n: DECIMAL}
    headers = gap_headers(L, levels)
    add_sheet(book, L("sheet_gaps"), headers, rows, formats, wrap=(len(headers) - 1,))


def priorities_sheet(book: Workbook, brief: MeetingBrief, L: Labels) -> None:
    headers = [L("col_rank"), L("col_factor"), "id", L("col_weight"), L("col_predicts"), L("col_note")]
    rows = [[r.rank, r.label, r.factor, r.weight, r.predicts, r.note or ""] for r in priority_rows(brief, L)]
    add_sheet(book, L("sheet_priorities"), headers, rows, {3: PERCENT}, wrap=(4, 5))


def resources_sheet(book: Workbook, brief: MeetingBrief, L: Labels) -> None:
    headers = [
        L("col_resource"), L("col_provider"), L("col_programme"), L("col_tier"), L("col_age_min"), L("col_age_max"),
        L("col_levels"), L("col_reach"), L("col_fidelity"), L("col_effective_reach"), L("col_funded_until"),
        L("col_advice"),
    ]  # fmt: skip
    advice = {i.resource.name: "; ".join(L(f"advice_{a}") for a in i.advice) or L("advice_ok") for i in brief.in_place}
    rows = []
    for r in brief.gaps.resources:
        rows.append(
            [
                r.name,
                r.resource.provider or "",
                r.programme.display_name(L.lang) if r.programme else "",
                resource_evidence(r, L),
                r.ages.min,
                r.ages.max,
                L.join([L.level(x) for x in r.levels]),
                round(r.reach, 4),
                L(f"fidelity_{r.resource.fidelity}"),
                round(r.effective_reach, 4),
                r.resource.funded_until,
                advice.get(r.name, ""),
            ]
        )
    add_sheet(book, L("sheet_resources"), headers, rows, {7: PERCENT, 9: PERCENT, 10: "yyyy-mm-dd"}, wrap=(11,))


def about_sheet(book: Workbook, brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> None:
    rows = [list(row) for row in about_rows(brief, catalogue, L)]
    add_sheet(book, L("sheet_about"), [L("about_key"), L("about_value")], rows, wrap=(1,))


def brief_workbook(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> Workbook:
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    shortlist_sheet(book, brief, catalogue, L)
    gaps_sheet(book, brief, L)
    priorities_sheet(book, brief, L)
    resources_sheet(book, brief, L)
    about_sheet(book, brief, catalogue, L)
    book.properties.title = L("plan_title", area=brief.loaded.profile.area)
    book.properties.creator = f"insatsval {__version__}"
    return book


def brief_workbook_bytes(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> bytes:
    buffer = io.BytesIO()
    brief_workbook(brief, catalogue, L).save(buffer)
    return buffer.getvalue()
