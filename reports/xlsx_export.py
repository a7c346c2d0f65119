"""The plan as an Excel workbook: shortlist, gaps, priorities, resources and "About".

Each sheet has a bold, frozen header row, readable column widths, an autofilter, and
numbers stored as numbers (shares formatted as percentages). Text from the catalogue or an
inventory is data: a cell that would start a formula is stored as text with Excel's
quote prefix, never as a formula. openpyxl is imported only when this module is used.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gap_analysis.plan import AreaPlan
from recommender import __version__
from recommender.catalogue import Catalogue
from reports.gaps import inventory_info, resource_evidence
from reports.labels import Labels
from reports.provenance import catalogue_info, profile_info
from reports.recommendations import shortlist_rows
from reports.tables import is_formula_like

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


def shortlist_sheet(book: Workbook, plan: AreaPlan, catalogue: Catalogue, L: Labels) -> None:
    headers, rows = shortlist_rows(plan.recommendations, catalogue, L)
    add_sheet(book, L("sheet_shortlist"), headers, rows, {3: DECIMAL}, wrap=(5, 10, 11, 12, 13, 14, 15))


def gaps_sheet(book: Workbook, plan: AreaPlan, L: Labels) -> None:
    levels = list(plan.loaded.profile.levels)
    headers = [
        L("col_factor"), L("col_age_band"), L("col_coverage"), *[L.level(lv) for lv in levels], L("col_gap_status"),
        L("col_severity"), L("col_resources"),
    ]  # fmt: skip
    rows = [
        [
            L.factor(g.factor),
            L.band(g.band),
            round(g.coverage, 4),
            *[round(g.by_level[lv], 4) for lv in levels],
            L(f"gap_status_{g.status}"),
            round(100 * g.severity, 1),
            ", ".join(g.resources),
        ]
        for g in plan.gaps.gaps
    ]
    formats = {2: PERCENT, **{3 + i: PERCENT for i in range(len(levels))}, 4 + len(levels): DECIMAL}
    add_sheet(book, L("sheet_gaps"), headers, rows, formats, wrap=(len(headers) - 1,))


def priorities_sheet(book: Workbook, plan: AreaPlan, L: Labels) -> None:
    headers = [L("col_rank"), L("col_factor"), "id", L("col_weight"), L("col_predicts"), L("col_note")]
    profile = plan.loaded.profile
    rows = [
        [
            i,
            L.factor(p.factor),
            p.factor,
            float(w),
            L.join([L.behaviour(b) for b in L.taxonomy.factors_by_id[p.factor].predicts]),
            p.note or "",
        ]
        for i, (p, w) in enumerate(zip(profile.priorities, profile.weights(), strict=True), start=1)
    ]
    add_sheet(book, L("sheet_priorities"), headers, rows, {3: PERCENT}, wrap=(4, 5))


def resources_sheet(book: Workbook, plan: AreaPlan, L: Labels) -> None:
    headers = [
        L("col_resource"), L("col_provider"), L("col_programme"), L("col_tier"), L("col_age_min"), L("col_age_max"),
        L("col_levels"), L("col_reach"), L("col_fidelity"), L("col_effective_reach"), L("col_funded_until"),
        L("col_advice"),
    ]  # fmt: skip
    advice = {i.resource.name: "; ".join(L(f"advice_{a}") for a in i.advice) or L("advice_ok") for i in plan.in_place}
    rows = []
    for r in plan.gaps.resources:
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


def about_sheet(book: Workbook, plan: AreaPlan, catalogue: Catalogue, L: Labels) -> None:
    cat = catalogue_info(catalogue)
    prof = profile_info(plan.loaded)
    inv = inventory_info(plan)
    rows: list[list[Any]] = [
        [L("about_tool"), f"insatsval {__version__}"],
        [L("about_created"), dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")],
        [L("about_as_of"), plan.gaps.as_of.isoformat()],
        [L("about_area"), plan.loaded.profile.area],
        [L("about_profile"), f"{prof['file']} (sha256 {prof['sha256']})"],
        [L("about_inventory"), f"{inv['file']} (sha256 {inv['sha256']})" if inv else L("about_none")],
        [
            L("about_catalogue"),
            f"{cat['version']} (sha256 {cat['sha256']}), {cat['programmes']} {L('programmes_word')}",
        ],
        *[
            [L("about_catalogue_file"), f"{f['file']} {f['name']}@{f['version']} (sha256 {f['sha256']})"]
            for f in cat["files"]
        ],
        [L("about_weights"), str(plan.weights_path) if plan.weights_path else L("about_default_weights")],
        [L("about_weight_values"), json.dumps(plan.weights.model_dump(mode="json"), ensure_ascii=False)],
        [L("about_method"), L("about_method_text")],
    ]
    add_sheet(book, L("sheet_about"), [L("about_key"), L("about_value")], rows, wrap=(1,))


def plan_workbook(plan: AreaPlan, catalogue: Catalogue, L: Labels) -> Workbook:
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    shortlist_sheet(book, plan, catalogue, L)
    gaps_sheet(book, plan, L)
    priorities_sheet(book, plan, L)
    resources_sheet(book, plan, L)
    about_sheet(book, plan, catalogue, L)
    book.properties.title = L("plan_title", area=plan.loaded.profile.area)
    book.properties.creator = f"insatsval {__version__}"
    return book


def plan_workbook_bytes(plan: AreaPlan, catalogue: Catalogue, L: Labels) -> bytes:
    buffer = io.BytesIO()
    plan_workbook(plan, catalogue, L).save(buffer)
    return buffer.getvalue()
