"""Write export files safely: the format follows the suffix, nothing is overwritten by accident.

Every export is built completely in memory first, then written to a temporary file in the
target's folder and renamed over the target (``os.replace`` is atomic on the same file
system). An interrupted export therefore leaves any old file intact, and an existing file
is only replaced with ``--force``. All targets are checked before the first one is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from inputs.problems import Code, InputError, Problem
from render.labels import Labels
from render.outputs import Command, CsvDialect, render_output

ExportFormat = Literal["xlsx", "html", "md", "csv", "json"]
SUFFIXES: dict[str, ExportFormat] = {
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".csv": "csv",
    ".json": "json",
}


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
            problems.append(Problem(file=path, code=Code.EXPORT_SUFFIX, params={"suffix": path.suffix or "-"}))
        elif resolved in seen:
            problems.append(Problem(file=path, code=Code.EXPORT_TWICE))
        elif not resolved.parent.is_dir():
            problems.append(Problem(file=path, code=Code.EXPORT_NO_FOLDER, params={"folder": str(path.parent)}))
        elif path.exists() and not force:
            problems.append(Problem(file=path, code=Code.EXPORT_EXISTS))
        elif path.is_dir():
            problems.append(Problem(file=path, code=Code.FILE_IS_DIRECTORY))
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


def export_all(
    paths: Sequence[Path],
    force: bool,
    command: Command,
    brief: MeetingBrief,
    catalogue: Catalogue,
    L: Labels,
    csv_dialect: CsvDialect = "standard",
) -> list[Path]:
    """Check, render and write every export; return the paths written, in order."""
    requests = plan_exports(paths, force)
    rendered = [(r.path, render_output(command, r.format, brief, catalogue, L, csv_dialect)) for r in requests]
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]
