"""Reading input files, with one mapping from operating-system errors to problems people can fix."""

from __future__ import annotations

from pathlib import Path

from inputs.problems import Code, InputError, Problem


def file_problem(path: Path, exc: OSError) -> Problem:
    """The problem to report when ``path`` cannot be read because of ``exc``."""
    if isinstance(exc, FileNotFoundError):
        return Problem(file=path, code=Code.FILE_NOT_FOUND)
    if isinstance(exc, IsADirectoryError):
        return Problem(file=path, code=Code.FILE_IS_DIRECTORY)
    return Problem(file=path, code=Code.FILE_NOT_READABLE)


def read_bytes(path: Path) -> bytes:
    """Read a file, raising :class:`InputError` with a fix when it is missing or unreadable."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise InputError([file_problem(path, exc)]) from exc


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is tolerated), raising :class:`InputError` with a fix."""
    return decode_utf8(read_bytes(path), path)


def decode_utf8(raw: bytes, path: Path) -> str:
    """``raw`` as UTF-8 text (a BOM is dropped); the problem names the first line that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(file=path, line=line, code=Code.NOT_UTF8)]) from exc
