"""The meeting brief as an Excel workbook that works on screen and prints on A4.

Sheets: an overview (who it is for, the priorities, any warning that the catalogue fits
poorly), the shortlist, programme details (ratings, warnings, sources: long text in a long
table), the gaps and the resources (only when an inventory was given), the priorities, and
"About" (versions, hashes, settings).

Every sheet has a bold header row that is frozen on screen and repeated on every printed page,
an autofilter, numbers stored as numbers (shares as percentages), and wrapped text in columns
sized for reading; row heights are set from the text, so Excel and LibreOffice show every line.
Every sheet prints landscape on A4, scaled to one page wide. Text from the catalogue or an
inventory is data: a cell that would start a formula is stored as text with Excel's quote
prefix, never as a formula. openpyxl is imported only when this module is used.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from recommender import __version__
from render.brief_text import brief_header
from render.explain import costs_text, factor_parts, gaps_text, notice_lines, ratings_text, sweden_text
from render.labels import Labels
from render.rows import about_rows, gap_headers, gap_values, priority_rows, resource_evidence
from render.tables import is_formula_like

if TYPE_CHECKING:  # pragma: no cover - types only
    from render.plan_sections import PlanExtras

PERCENT = "0%"
DECIMAL = "0.0"
#: Points per line of 11-point text, and how many characters of prose fit in one unit of
#: column width (the width is counted in '0' characters; prose averages narrower letters).
LINE_HEIGHT, CHARS_PER_WIDTH, MAX_LINES = 15.0, 1.15, 27


@dataclass(frozen=True)
class Column:
    header: str
    width: float  #: in Excel's character units
    number_format: str | None = None


def _set(cell: Any, value: Any) -> None:
    """Store ``value``; text that looks like a formula is forced to stay text."""
    cell.value = value
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def lines_needed(value: Any, width: float) -> int:
    """How many wrapped lines ``value`` takes in a column ``width`` characters wide."""
    if value is None:
        return 1
    per_line = max(1, int(width * CHARS_PER_WIDTH) - 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(value).split("\n"))


def add_sheet(book: Workbook, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> Worksheet:
    """A sheet that reads well on screen and prints landscape on A4, one page wide."""
    sheet: Worksheet = book.create_sheet(title=title[:31])
    for col, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col)
        _set(cell, column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    for r, row in enumerate([[c.header for c in columns], *rows], start=1):
        if r > 1:
            for col, (value, column) in enumerate(zip(row, columns, strict=True), start=1):
                cell = sheet.cell(row=r, column=col)
                _set(cell, value)
                if column.number_format:
                    cell.number_format = column.number_format
                cell.alignment = Alignment(vertical="top", wrap_text=True)
        lines = max(lines_needed(value, c.width) for value, c in zip(row, columns, strict=True))
        sheet.row_dimensions[r].height = LINE_HEIGHT * min(lines, MAX_LINES)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    return sheet


def overview_sheet(book: Workbook, brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> None:
    """The first sheet: for whom, what was asked, and any warning, before the tables."""
    rows: list[list[Any]] = [[L("about_area"), brief.loaded.profile.area]]
    rows += [["", line] for line in brief_header(brief, catalogue, L)]
    if brief.inventory is None:
        rows.append([L("about_inventory"), L("no_inventory")])
    notice = notice_lines(brief.recommendations.notice, L)
    if notice:
        rows.append([L("notice_label"), notice[0]])
        rows += [["", line] for line in notice[1:]]
    columns = [Column(L("about_key"), 22), Column(L("plan_title", area="").rstrip(": "), 110)]
    add_sheet(book, L("sheet_overview"), columns, rows)


def shortlist_sheet(book: Workbook, brief: MeetingBrief, L: Labels) -> None:
    columns = [
        Column(L("col_rank"), 5),
        Column(L("col_group"), 12),
        Column(L("col_programme"), 24),
        Column(L("col_score"), 7, DECIMAL),
        Column(L("col_tier"), 12),
        Column(L("col_levels"), 12),
        Column(L("col_age_min"), 7),
        Column(L("col_age_max"), 7),
        Column(L("col_factors"), 34),
        Column(L("why_gaps"), 24),
        Column(L("col_cost"), 26),
    ]
    rows = []
    for rec in brief.recommendations.recommendations:
        p = rec.programme
        rows.append(
            [
                rec.rank,
                L(f"group_{rec.group}"),
                p.display_name(L.lang),
                round(rec.score, 2),
                L.tier(rec.tier.tier),
                L.join([L.level(x) for x in p.levels]),
                p.ages.min,
                p.ages.max,
                "; ".join(factor_parts(rec, L)),
                gaps_text(rec, L),
                costs_text(p, L),
            ]
        )
    add_sheet(book, L("sheet_shortlist"), columns, rows)


def details_sheet(book: Workbook, brief: MeetingBrief, L: Labels) -> None:
    """Ratings, warnings, domains, Sweden, summary and sources of each programme, one fact a row."""
    columns = [Column(L("col_rank"), 5), Column(L("col_programme"), 24), Column(L("about_key"), 20)]
    columns.append(Column(L("about_value"), 95))
    rows: list[list[Any]] = []
    for rec in brief.recommendations.recommendations:
        p = rec.programme
        facts = [
            ("id", p.id),
            (L("col_ratings"), ratings_text(p, L)),
            (L("col_domains"), L.join([L.domain(x) for x in p.domains])),
            *[(L("why_warning"), f"{w.text.get(L.lang)} ({w.source})") for w in p.warnings],
            (L("why_sweden"), sweden_text(p, L)),
            (L("why_summary"), p.summary.get(L.lang)),
            *[(L("why_sources"), url) for url in p.sources],
        ]
        # the programme is named on its first row only, so the sheet reads (and prints) as blocks
        rows += [[rec.rank, p.display_name(L.lang), *facts[0]], *[["", "", key, value] for key, value in facts[1:]]]
    add_sheet(book, L("sheet_details"), columns, rows)


def gaps_sheet(book: Workbook, brief: MeetingBrief, L: Labels) -> None:
    levels = list(brief.loaded.profile.levels)
    n = len(levels)
    headers = gap_headers(L, levels)
    widths = [30, 20, 9, *[9] * n, 9, 8, 40]
    formats = [None, None, PERCENT, *[PERCENT] * n, None, DECIMAL, None]
    columns = [Column(h, w, f) for h, w, f in zip(headers, widths, formats, strict=True)]
    rows = []
    for cell in brief.gaps.cells:
        values = gap_values(cell, L, levels)
        rows.append(
            [
                *values[:2],
                *[round(v, 4) for v in values[2 : 3 + n]],
                values[3 + n],
                round(values[4 + n], 1),
                ", ".join(values[5 + n]),
            ]
        )
    add_sheet(book, L("sheet_gaps"), columns, rows)


def priorities_sheet(book: Workbook, brief: MeetingBrief, L: Labels) -> None:
    columns = [
        Column(L("col_rank"), 5),
        Column(L("col_factor"), 32),
        Column("id", 30),
        Column(L("col_weight"), 8, PERCENT),
        Column(L("col_predicts"), 40),
        Column(L("col_note"), 40),
    ]
    rows = [[r.rank, r.label, r.factor, r.weight, r.predicts, r.note or ""] for r in priority_rows(brief, L)]
    add_sheet(book, L("sheet_priorities"), columns, rows)


def resources_sheet(book: Workbook, brief: MeetingBrief, L: Labels) -> None:
    columns = [
        Column(L("col_resource"), 22),
        Column(L("col_provider"), 18),
        Column(L("col_programme"), 20),
        Column(L("col_tier"), 12),
        Column(L("col_age_min"), 7),
        Column(L("col_age_max"), 7),
        Column(L("col_levels"), 12),
        Column(L("col_reach"), 9, PERCENT),
        Column(L("col_fidelity"), 11),
        Column(L("col_effective_reach"), 10, PERCENT),
        Column(L("col_funded_until"), 11, "yyyy-mm-dd"),
        Column(L("col_advice"), 30),
    ]
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
    add_sheet(book, L("sheet_resources"), columns, rows)


def about_sheet(book: Workbook, brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> None:
    rows = [list(row) for row in about_rows(brief, catalogue, L)]
    add_sheet(book, L("sheet_about"), [Column(L("about_key"), 34), Column(L("about_value"), 100)], rows)


def implementation_sheet(
    book: Workbook, brief: MeetingBrief, catalogue: Catalogue, extras: PlanExtras, L: Labels
) -> None:
    """The "Implementeringsplan" sheet: one row per chosen programme, then notes, goals and overlaps.

    Notes span the sheet's width (merged cells, row heights set from the whole width), so they read
    as paragraphs on screen and on paper.
    """
    from render.plan_sections import (
        cost_line,
        goal_rows,
        implementation_headers,
        implementation_values,
        overlap_lines,
    )

    plan = extras.plan
    widths = [24, 22, 18, 10, 11, 16, 12, 44, 26]
    formats = [None, None, None, "0", None, None, "#,##0", None, None]
    columns = [Column(h, w, f) for h, w, f in zip(implementation_headers(L), widths, formats, strict=True)]
    rows: list[list[Any]] = [implementation_values(r, L) for r in plan.rows]
    blank = [None] * len(columns)
    spans: list[tuple[int, str]] = []  # (row index in rows, text) of rows that span the sheet

    def paragraph(text: str) -> None:
        spans.append((len(rows), text))
        rows.append([text, *blank[1:]])

    rows.append(blank)
    for note in (L(f"ap_chosen_{plan.chosen_by}"), cost_line(plan, brief, L), L("ap_fidelity_note")):
        paragraph(note)
    rows.append(blank)
    paragraph(L("ap_section_goals"))
    for factor, goal, predicts, programmes in goal_rows(brief, plan, L):
        paragraph(f"{factor}: {goal} ({L('col_predicts')}: {predicts}; {L('ap_col_programmes_for')}: {programmes})")
    rows.append(blank)
    paragraph(L("ap_section_overlaps"))
    for line in overlap_lines(plan, catalogue, L) or [L("ap_no_overlaps")]:
        paragraph(line)
    sheet = add_sheet(book, L("ap_sheet_implementation"), columns, rows)
    total = sum(widths)
    last = get_column_letter(len(columns))
    headings = {L("ap_section_goals"), L("ap_section_overlaps")}
    for index, text in spans:
        row = index + 2  # the header is row 1
        sheet.merge_cells(f"A{row}:{last}{row}")
        if text in headings:
            sheet.cell(row=row, column=1).font = Font(bold=True)
        sheet.row_dimensions[row].height = LINE_HEIGHT * min(lines_needed(text, total), MAX_LINES)


def brief_workbook(brief: MeetingBrief, catalogue: Catalogue, L: Labels, extras: PlanExtras | None = None) -> Workbook:
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    overview_sheet(book, brief, catalogue, L)
    shortlist_sheet(book, brief, L)
    if extras is not None:
        implementation_sheet(book, brief, catalogue, extras, L)
    details_sheet(book, brief, L)
    if brief.inventory is not None:  # without one, every cell would read 0 %: say so on the overview instead
        gaps_sheet(book, brief, L)
    priorities_sheet(book, brief, L)
    if brief.inventory is not None:
        resources_sheet(book, brief, L)
    about_sheet(book, brief, catalogue, L)
    book.properties.title = L("plan_title", area=brief.loaded.profile.area)
    book.properties.creator = f"insatsval {__version__}"
    return book


def brief_workbook_bytes(
    brief: MeetingBrief, catalogue: Catalogue, L: Labels, extras: PlanExtras | None = None
) -> bytes:
    buffer = io.BytesIO()
    brief_workbook(brief, catalogue, L, extras).save(buffer)
    return buffer.getvalue()
