"""Reading input files, with one mapping from operating-system errors to problems people can fix."""

from __future__ import annotations

import errno
from pathlib import Path

from inputs.problems import Code, InputError, Problem

#: The first bytes of a zip file, which is what an .xlsx or .docx is.
ZIP_MAGIC = b"PK\x03\x04"


def path_problem(path: Path | str, exc: OSError | ValueError, *, writing: bool = False) -> Problem:
    """The problem to report when ``path`` cannot be read (or written) because of ``exc``.

    Every ``OSError`` maps to a message, not only the common three, and so does the
    ``ValueError`` Python raises for a path with a NUL character in it.
    """
    if isinstance(exc, ValueError):
        return Problem(file=repr(str(path)), code=Code.PATH_INVALID)
    number = exc.errno
    if isinstance(exc, FileNotFoundError) or number == errno.ENOENT:
        if not writing:
            return Problem(file=path, code=Code.FILE_NOT_FOUND)
        # the folder exists but refuses new files (as /proc does), or it is really missing
        folder_exists = Path(path).parent.is_dir()
        return Problem(file=path, code=Code.NOT_WRITABLE if folder_exists else Code.FOLDER_NOT_FOUND)
    if isinstance(exc, IsADirectoryError):
        return Problem(file=path, code=Code.FILE_IS_DIRECTORY)
    if isinstance(exc, NotADirectoryError) or number == errno.ENOTDIR:
        return Problem(file=path, code=Code.PATH_THROUGH_FILE)
    if number == errno.ENAMETOOLONG:
        return Problem(file=path, code=Code.NAME_TOO_LONG)
    if isinstance(exc, PermissionError) or number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Problem(file=path, code=Code.NOT_WRITABLE if writing else Code.FILE_NOT_READABLE)
    return Problem(file=path, code=Code.NOT_WRITABLE if writing else Code.FILE_NOT_READABLE, params={})


def read_bytes(path: Path) -> bytes:
    """Read a file, raising :class:`InputError` with a fix when it is missing or unreadable."""
    try:
        return path.read_bytes()
    except (OSError, ValueError) as exc:
        raise InputError([path_problem(path, exc)]) from exc


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is tolerated), raising :class:`InputError` with a fix."""
    return decode_utf8(read_bytes(path), path)


def decode_utf8(raw: bytes, path: Path) -> str:
    """``raw`` as UTF-8 text (a BOM is dropped); the problem names the first line that is not UTF-8."""
    if raw.startswith(ZIP_MAGIC):
        # an .xlsx or .docx saved under the wrong name: no encoding will help
        raise InputError([Problem(file=path, code=Code.NOT_TEXT, params={"suffix": path.suffix or "-"})])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(file=path, line=line, code=Code.NOT_UTF8)]) from exc
