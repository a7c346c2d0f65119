"""What people read from ``batch``: the summary over every area, on screen and as summary.json, .csv or .xlsx.

Two tables, built once and formatted per medium: for every programme, in how many areas it is
among the first k proposals; for every factor, how many areas prioritise it and how many have a
gap in it. Above them: where the profiles came from, what each area's file holds, and, when
areas have no inventory, that their gaps are the gap analysis without one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from areas.batch import BatchSummary
from catalog.catalogue import Catalogue
from inputs.vocabulary import Lang
from render.documents import to_json
from render.labels import Labels, text
from render.provenance import SCHEMA_VERSION, catalogue_info, tool_info
from render.tables import render_csv, text_table


@dataclass(frozen=True)
class BatchSource:
    """Where the run's profiles came from."""

    kind: str  #: "aggregates" (suggested priorities) or "profiles" (a folder)
    path: Path
    sha256: str | None = None  #: the aggregate file's
    wave: int | None = None  #: None: each area's latest
    threshold: int | None = None
    profiles_folder: Path | None = None  #: where the suggested profiles were written
    fmt: str = "json"


def note_lines(summary: BatchSummary, source: BatchSource, lang: Lang) -> list[str]:
    """The lines above the tables: source, what each file holds, inventories, skipped areas, what a gap is."""
    lines = []
    if source.kind == "aggregates":
        wave = text("survey_wave", lang, wave=source.wave) if source.wave else text("batch_each_latest", lang)
        lines.append(
            text(
                "batch_source_aggregates",
                lang,
                file=source.path.name,
                sha=(source.sha256 or "")[:12],
                wave=wave,
                folder=str(source.profiles_folder),
            )
        )
        lines.append(text("survey_threshold", lang, threshold=source.threshold))
    else:
        lines.append(text("batch_source_folder", lang, count=len(summary.areas), folder=str(source.path)))
    lines.append(text("batch_files_note", lang, fmt=source.fmt, k=summary.k))
    if summary.without_inventory:
        areas = text("n_areas", lang, count=len(summary.areas))
        lines.append(text("batch_no_inventory", lang, count=len(summary.without_inventory), areas=areas))
    lines.append(text("batch_gap_meaning", lang))
    for reason in ("no_suggestion", "no_wave"):
        skipped = [s.area for s in summary.skipped if s.reason == reason]
        if skipped:
            params = {"count": len(skipped), "areas": ", ".join(skipped), "wave": source.wave}
            lines.append(text(f"batch_skipped_{reason}", lang, **params))
    return lines


def programme_table(summary: BatchSummary, catalogue: Catalogue, L: Labels) -> tuple[list[str], list[list[Any]]]:
    headers = [L("col_programme"), L("batch_col_in_top", k=summary.k)]
    rows = [[catalogue.by_id[p.programme].display_name(L.lang), len(p.areas)] for p in summary.programmes]
    return headers, rows


def factor_table(summary: BatchSummary, L: Labels) -> tuple[list[str], list[list[Any]]]:
    headers = [L("col_factor"), L("col_kind"), L("batch_col_prioritising"), L("batch_col_with_gap")]
    rows = [
        [L.factor(f.factor), L(f"kind_{L.taxonomy.factors_by_id[f.factor].kind}"), len(f.prioritising), len(f.with_gap)]
        for f in summary.factors
    ]
    return headers, rows


def summary_document(summary: BatchSummary, source: BatchSource, catalogue: Catalogue) -> dict[str, Any]:
    """``summary.json``: English keys, ids not labels; the notes people read in both languages."""
    taxonomy = catalogue.taxonomy
    if source.kind == "aggregates":
        origin: dict[str, Any] = {
            "kind": "aggregates",
            "file": source.path.name,
            "sha256": source.sha256,
            "wave": source.wave,
            "suppression_threshold": source.threshold,
            "profiles_folder": str(source.profiles_folder),
        }
    else:
        origin = {"kind": "profiles", "folder": str(source.path)}
    without = set(summary.without_inventory)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(),
        "source": origin,
        "catalogue": catalogue_info(catalogue),
        "top_k": summary.k,
        "format": source.fmt,
        "areas": [
            {"area": name, "file": file, "inventory": name not in without}
            for name, file in zip(summary.areas, summary.files, strict=True)
        ],
        "programmes": [
            {
                "id": p.programme,
                "name": catalogue.by_id[p.programme].name,
                "name_sv": catalogue.by_id[p.programme].name_sv,
                "areas_in_top_k": len(p.areas),
                "areas": list(p.areas),
            }
            for p in summary.programmes
        ],
        "factors": [
            {
                "factor": f.factor,
                "kind": taxonomy.factors_by_id[f.factor].kind,
                "areas_prioritising": len(f.prioritising),
                "areas_with_gap": len(f.with_gap),
                "prioritising": list(f.prioritising),
                "with_gap": list(f.with_gap),
            }
            for f in summary.factors
        ],
        "skipped": [{"area": s.area, "reason": s.reason} for s in summary.skipped],
        "notes": {lang: note_lines(summary, source, lang) for lang in ("sv", "en")},
    }


def summary_csv(summary: BatchSummary, source: BatchSource, catalogue: Catalogue, L: Labels, dialect: str) -> str:
    """``summary.csv``: one row per programme, then one per factor; the notes as the last rows."""
    headers = [L("batch_col_what"), L("batch_col_id"), L("batch_col_name"), L("batch_col_in_top", k=summary.k),
               L("batch_col_prioritising"), L("batch_col_with_gap")]  # fmt: skip
    rows: list[list[Any]] = [
        [
            L("batch_what_programme"),
            p.programme,
            catalogue.by_id[p.programme].display_name(L.lang),
            len(p.areas),
            None,
            None,
        ]
        for p in summary.programmes
    ]
    rows += [
        [L("batch_what_factor"), f.factor, L.factor(f.factor), None, len(f.prioritising), len(f.with_gap)]
        for f in summary.factors
    ]
    rows += [[line, *[None] * (len(headers) - 1)] for line in note_lines(summary, source, L.lang)]
    return render_csv(headers, rows, dialect)


def summary_xlsx(summary: BatchSummary, source: BatchSource, catalogue: Catalogue, L: Labels) -> bytes:
    """``summary.xlsx``: a sheet of programmes, one of factors, and one about the run."""
    from openpyxl import Workbook

    from render.xlsx import Column, add_sheet

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    headers, rows = programme_table(summary, catalogue, L)
    add_sheet(book, L("batch_sheet_programmes"), [Column(headers[0], 50.0), Column(headers[1], 20.0)], rows)
    headers, rows = factor_table(summary, L)
    widths = [50.0, 10.0, 20.0, 20.0]
    add_sheet(book, L("batch_sheet_factors"), [Column(h, w) for h, w in zip(headers, widths, strict=True)], rows)
    lines = [L("batch_title", areas=L("n_areas", count=len(summary.areas)), k=summary.k)]
    lines += note_lines(summary, source, L.lang)
    add_sheet(book, L("batch_sheet_about"), [Column(L("batch_sheet_about"), 120.0)], [[line] for line in lines])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def summary_text(summary: BatchSummary, source: BatchSource, catalogue: Catalogue, L: Labels) -> str:
    """The summary as terminal text: what ``batch`` prints."""
    title = L("batch_title", areas=L("n_areas", count=len(summary.areas)), k=summary.k)
    head = "\n".join(note_lines(summary, source, L.lang))
    headers, rows = programme_table(summary, catalogue, L)
    programmes = text_table(headers, rows, "table", [50, 16]) if rows else L("batch_none")
    headers, rows = factor_table(summary, L)
    factors = text_table(headers, rows, "table", [50, None, 14, 14])
    return (
        f"{title}\n{'=' * len(title)}\n{head}\n\n{L('batch_programmes_title', k=summary.k)}\n{programmes}\n\n"
        f"{L('batch_factors_title')}\n{factors}\n"
    )


def summary_bytes(fmt: str, summary: BatchSummary, source: BatchSource, catalogue: Catalogue, L: Labels,
                  csv_dialect: str = "standard") -> bytes:  # fmt: skip
    """The summary file in ``fmt`` (json, csv or xlsx)."""
    if fmt == "xlsx":
        return summary_xlsx(summary, source, catalogue, L)
    if fmt == "csv":
        return summary_csv(summary, source, catalogue, L, csv_dialect).encode("utf-8")
    return to_json(summary_document(summary, source, catalogue)).encode("utf-8")
