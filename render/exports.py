"""Write export files safely: the format follows the suffix, nothing is overwritten by accident.

Every export is built completely in memory first, then every file is written to a temporary
file in its target's folder, and only when all of them are written is each renamed over its
target (``os.replace`` is atomic on the same file system). An interrupted or failed export
therefore leaves every old file intact and no file half-written, and an existing file is
only replaced with ``--force``. All targets are checked before the first one is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from inputs.files import path_problem
from inputs.problems import Code, InputError, Problem

if TYPE_CHECKING:  # pragma: no cover - types only
    from brief import MeetingBrief
    from catalog.catalogue import Catalogue
    from render.labels import Labels
    from render.outputs import Command, CsvDialect
    from render.plan_sections import PlanExtras

ExportFormat = Literal["xlsx", "html", "md", "csv", "json", "docx", "yaml"]
SUFFIXES: dict[str, ExportFormat] = {
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".csv": "csv",
    ".json": "json",
    ".docx": "docx",
    ".yaml": "yaml",
    ".yml": "yaml",
}


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    format: ExportFormat


def export_format(path: Path) -> ExportFormat | None:
    """The format a file name asks for, or None for an unknown suffix."""
    return SUFFIXES.get(path.suffix.lower())


def _target_problem(path: Path, force: bool) -> Problem | None:
    """Why ``path`` cannot be written, or None. Touches nothing on disk."""
    try:
        if path.is_dir():
            return Problem(file=path, code=Code.FILE_IS_DIRECTORY)
        if path.exists() and not force:
            return Problem(file=path, code=Code.EXPORT_EXISTS)
        folder = path.parent
        if not folder.is_dir():
            exists = folder.exists()
            return Problem(file=path, code=Code.PATH_THROUGH_FILE if exists else Code.EXPORT_NO_FOLDER,
                           params={"folder": str(folder)})  # fmt: skip
        if not os.access(folder, os.W_OK | os.X_OK):
            return Problem(file=path, code=Code.NOT_WRITABLE)
    except (OSError, ValueError) as exc:  # a NUL character, a name over 255 bytes, a path through a file
        return path_problem(path, exc, writing=True)
    return None


def plan_exports(
    paths: Sequence[Path],
    force: bool,
    suffixes: Mapping[str, str] | None = None,
    suffix_code: Code = Code.EXPORT_SUFFIX,
) -> list[ExportRequest]:
    """Check every target before anything is written.

    ``suffixes`` (suffix -> format) and ``suffix_code`` serve commands with other export formats
    (``goal-chain``); by default the brief's formats.

    Raises:
        InputError: an unknown suffix, the same file twice, a folder that is missing or not
            writable, an impossible path, or an existing file without ``force``.
    """
    problems = []
    requests = []
    seen: set[str] = set()
    for path in paths:
        fmt = export_format(path) if suffixes is None else suffixes.get(path.suffix.lower())
        key = os.path.abspath(path) if "\0" not in str(path) else str(path)
        problem = None
        if fmt is None:
            problem = Problem(file=path, code=suffix_code, params={"suffix": path.suffix or "-"})
        elif key in seen:
            problem = Problem(file=path, code=Code.EXPORT_TWICE)
        else:
            problem = _target_problem(path, force)
        seen.add(key)
        if problem is None and fmt is not None:
            requests.append(ExportRequest(path, fmt))  # type: ignore[arg-type]
        elif problem is not None:
            problems.append(problem)
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


def _write_temporary(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file next to ``path`` (same file system, so the rename is atomic)."""
    mode = _new_file_mode(path)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_all_or_nothing(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file, or none: all temporary files first, then one rename each.

    Raises:
        InputError: a file could not be written; no target was touched.
    """
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            try:
                written.append((_write_temporary(path, data), path))
            except (OSError, ValueError) as exc:
                raise InputError([path_problem(path, exc, writing=True)]) from exc
    except BaseException:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        raise
    for index, (tmp, path) in enumerate(written):
        try:
            os.replace(tmp, path)
        except OSError as exc:
            for later, _ in written[index:]:
                later.unlink(missing_ok=True)
            raise InputError([path_problem(path, exc, writing=True)]) from exc


def export_all(
    paths: Sequence[Path],
    force: bool,
    command: Command,
    brief: MeetingBrief,
    catalogue: Catalogue,
    L: Labels,
    csv_dialect: CsvDialect = "standard",
    extras: PlanExtras | None = None,
) -> list[Path]:
    """Check, render and write every export; return the paths written, in order."""
    requests = plan_exports(paths, force)
    # the brief's renderers are imported only here: the survey and city-wide commands use this
    # module for their own files and must not load the catalogue and the meeting brief
    from render.outputs import render_output

    rendered = [(r.path, render_output(command, r.format, brief, catalogue, L, csv_dialect, extras)) for r in requests]
    write_all_or_nothing(rendered)
    return [path for path, _ in rendered]
