"""Write export files safely: the format follows the suffix, nothing is overwritten by accident.

Every export is built completely in memory first, then written to a temporary file in the
target's folder and renamed over the target (``os.replace`` is atomic on the same file
system). An interrupted export therefore leaves any old file intact, and an existing file
is only replaced with ``--force``. All targets are checked before the first one is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gap_analysis.plan import AreaPlan
from recommender.catalogue import Catalogue
from recommender.errors import InputError, Problem
from reports.labels import Labels
from reports.tables import render_csv

ExportFormat = Literal["xlsx", "html", "md", "csv", "json"]
SUFFIXES: dict[str, ExportFormat] = {
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".csv": "csv",
    ".json": "json",
}
#: Which content the text formats hold, per command; XLSX and HTML always hold the whole plan.
Command = Literal["recommend", "gaps", "plan"]
CsvDialect = Literal["standard", "excel-sv"]


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    format: ExportFormat


def export_format(path: Path) -> ExportFormat | None:
    """The format a file name asks for, or None for an unknown suffix."""
    return SUFFIXES.get(path.suffix.lower())


def plan_exports(paths: Sequence[Path], force: bool) -> list[ExportRequest]:
    """Check every target before anything is written.

    Raises:
        InputError: an unknown suffix, a missing folder, the same file twice, or an
            existing file without ``force``.
    """
    problems = []
    requests = []
    seen: set[Path] = set()
    for path in paths:
        fmt = export_format(path)
        resolved = path.resolve()
        if fmt is None:
            problems.append(Problem(file=path, code="export_suffix", params={"suffix": path.suffix or "-"}))
        elif resolved in seen:
            problems.append(Problem(file=path, code="export_twice"))
        elif not resolved.parent.is_dir():
            problems.append(Problem(file=path, code="export_no_folder", params={"folder": str(path.parent)}))
        elif path.exists() and not force:
            problems.append(Problem(file=path, code="export_exists"))
        elif path.is_dir():
            problems.append(Problem(file=path, code="file_is_directory"))
        else:
            requests.append(ExportRequest(path, fmt))
        seen.add(resolved)
    if problems:
        raise InputError(problems)
    return requests


def _new_file_mode(path: Path) -> int:
    """The mode a normally created file would get: the old file's, or 0o666 minus the umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename."""
    mode = _new_file_mode(path)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def render_export(
    request: ExportRequest,
    command: Command,
    plan: AreaPlan,
    catalogue: Catalogue,
    L: Labels,
    csv_dialect: CsvDialect = "standard",
) -> bytes:
    """The bytes of one export file (heavy libraries are imported only for their format)."""
    from reports import plan as plan_view
    from reports import recommendations as rec_view

    if request.format == "xlsx":
        from reports.xlsx_export import plan_workbook_bytes

        return plan_workbook_bytes(plan, catalogue, L)
    if request.format == "html":
        from reports.html_export import plan_html

        return plan_html(plan, catalogue, L).encode("utf-8")
    if request.format == "json":
        documents: dict[Command, Callable[[AreaPlan, Catalogue], dict[str, object]]] = {
            "recommend": plan_view.recommend_document,
            "gaps": plan_view.gaps_document,
            "plan": plan_view.plan_document,
        }
        return rec_view.to_json(documents[command](plan, catalogue)).encode("utf-8")
    if request.format == "md":
        if command == "recommend":
            from reports.gaps import in_place_lines

            text = rec_view.render_shortlist(
                plan.recommendations, catalogue, plan.loaded, L, "md", in_place_lines(plan, L)
            )
        elif command == "gaps":
            text = plan_view.render_gaps(plan, catalogue, L, "md")
        else:
            text = plan_view.render_plan(plan, catalogue, L, "md")
        return text.encode("utf-8")
    # csv: the shortlist, or the gap table for `gaps`
    headers, rows = (
        plan_view.gaps_csv_rows(plan, L)
        if command == "gaps"
        else rec_view.shortlist_rows(plan.recommendations, catalogue, L)
    )
    return render_csv(headers, rows, csv_dialect).encode("utf-8")


def export_all(
    paths: Sequence[Path],
    force: bool,
    command: Command,
    plan: AreaPlan,
    catalogue: Catalogue,
    L: Labels,
    csv_dialect: CsvDialect = "standard",
) -> list[Path]:
    """Check, render and write every export; return the paths written, in order."""
    requests = plan_exports(paths, force)
    rendered = [(r.path, render_export(r, command, plan, catalogue, L, csv_dialect)) for r in requests]
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]
