"""Respondent files: one row per pupil, read as the codebook describes them.

CSV (any of the encodings and separators Excel writes), XLSX, or SPSS ``.sav`` through the
optional ``pyreadstat`` (``pip install 'insatsval[spss]'``). Column names are matched to the
codebook ignoring case and surrounding spaces. The file is validated before anything is
computed: the area, wave and grade (or age) of every row, and every item column the codebook
names. Answer codes outside an item's range are not errors (surveys code "don't know" as 8 or
9); they count as not answered, and the aggregate reports how many there were.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from inputs.codebook import Codebook
from inputs.files import read_bytes
from inputs.inventory_files import decode_table_text
from inputs.problems import Code, InputError, Problem
from inputs.survey_tables import MAX_PROBLEMS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Lines starting with this mark above the header are notes (the made-up data say so there).
NOTE_MARK = "#"


@dataclass
class Responses:
    """A validated respondent file: who answered where and when, and the answers."""

    area: np.ndarray  #: [R] str
    wave: np.ndarray  #: [R] int
    timing: np.ndarray  #: [R] int: grade or age, as the codebook says
    answers: pd.DataFrame  #: item columns as floats (NaN: not answered or not a number)
    path: Path
    sha256: str
    rows: int


def _read_frame(path: Path, text_columns: list[str]) -> tuple[pd.DataFrame, int, str]:
    """The file as a frame (``text_columns`` as text, numbers as numbers), its first data row and its sha256."""
    import hashlib

    import pandas as pd

    suffix = path.suffix.lower()
    raw = read_bytes(path)
    sha = hashlib.sha256(raw).hexdigest()
    if suffix == ".sav":
        try:
            import pyreadstat
        except ImportError:
            raise InputError([Problem(file=path, code=Code.SURVEY_SPSS_MISSING)]) from None
        try:
            frame, _ = pyreadstat.read_sav(str(path))
        except Exception as exc:  # pyreadstat raises its own exception types for broken files
            raise InputError([Problem(file=path, code=Code.SURVEY_UNREADABLE, params={"detail": str(exc)})]) from exc
        return frame, 2, sha
    if suffix == ".xlsx":
        try:
            frame = pd.read_excel(io.BytesIO(raw))
        except Exception as exc:  # openpyxl's many exceptions for a file that is not a workbook
            raise InputError([Problem(file=path, code=Code.NOT_XLSX)]) from exc
        return frame, 2, sha
    if suffix not in (".csv", ".txt"):
        raise InputError([Problem(file=path, code=Code.SURVEY_TABLE_FORMAT, params={"suffix": suffix or "-"})])
    text, _ = decode_table_text(raw, path)
    lines = text.splitlines()
    notes = 0
    while notes < len(lines) and (lines[notes].startswith(NOTE_MARK) or not lines[notes].strip()):
        notes += 1
    header = lines[notes] if notes < len(lines) else ""
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        # numbers are parsed by pandas' C parser (a national file has hundreds of thousands of pupils);
        # text columns stay text, and a column with stray text is coerced cell by cell below
        names = {str(c).strip().casefold() for c in text_columns}
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            skiprows=notes,
            skip_blank_lines=True,
            low_memory=False,
            dtype={c: str for c in _header_names(header, sep) if c.strip().casefold() in names},
        )
    except Exception as exc:  # pandas' parser errors carry the line in their text
        raise InputError([Problem(file=path, code=Code.CSV_UNREADABLE, params={"detail": str(exc)})]) from exc
    return frame, notes + 2, sha


def _numbers(column: pd.Series) -> pd.Series:
    """Answer codes as numbers; a cell that is not a number ("vet ej") becomes NaN, like an unanswered item."""
    import pandas as pd

    return column if pd.api.types.is_numeric_dtype(column) else pd.to_numeric(column, errors="coerce")


def _header_names(header: str, sep: str) -> list[str]:
    """The column names of a CSV header line, as pandas will read them."""
    import csv

    return next(csv.reader([header], delimiter=sep), [])


def _column(frame: pd.DataFrame, name: str) -> str | None:
    wanted = name.strip().casefold()
    return next((c for c in frame.columns if str(c).strip().casefold() == wanted), None)


def read_responses(path: Path, codebook: Codebook) -> Responses:
    """Read and validate a respondent file for ``codebook``.

    Raises:
        InputError: unreadable file, columns the codebook names that the file lacks, rows
            without a usable area, wave or grade (each problem with its row).
    """
    import pandas as pd

    columns = codebook.columns
    frame, first_row, sha = _read_frame(path, [columns.area])
    wanted = {"area": columns.area, "wave": columns.wave, "timing": columns.timing_column}
    items = list(dict.fromkeys(item for scale in codebook.scales for item in scale.items))
    found = {key: _column(frame, name) for key, name in wanted.items()}
    item_columns = {item: _column(frame, item) for item in items}
    missing = [wanted[k] for k, v in found.items() if v is None] + [i for i, c in item_columns.items() if c is None]
    if missing:
        shown = ", ".join(missing[:12]) + (f" (+{len(missing) - 12})" if len(missing) > 12 else "")
        raise InputError([Problem(file=path, code=Code.SURVEY_MISSING_ITEMS, params={"columns": shown})])
    area = frame[found["area"]].astype(str).str.strip()
    wave = pd.to_numeric(frame[found["wave"]], errors="coerce")
    timing = pd.to_numeric(frame[found["timing"]], errors="coerce")
    high = 13 if columns.timing == "grade" else 30
    bad_rows: list[Problem] = []
    checks = {
        "area": area.isin(["", "nan", "None"]),
        "wave": wave.isna() | (wave % 1 != 0),
        "timing": timing.isna() | (timing % 1 != 0) | (timing < 0) | (timing > high),
    }
    for key, mask in checks.items():
        column = found[key]
        assert column is not None  # checked above
        for index in np.flatnonzero(mask.to_numpy())[: MAX_PROBLEMS + 1]:
            value = str(frame[column].iloc[index]).strip() or "-"
            params = {"column": column, "value": value}
            bad_rows.append(
                Problem(file=path, row=int(index) + first_row, code=Code.SURVEY_BAD_RESPONSE_ROW, params=params)
            )
    if bad_rows:
        raise InputError(bad_rows[:MAX_PROBLEMS])
    answers = pd.DataFrame(
        {
            item: frame[column]
            if pd.api.types.is_numeric_dtype(frame[column])
            else pd.to_numeric(frame[column], errors="coerce")
            for item, column in item_columns.items()
            if column
        }
    )
    return Responses(
        area=area.to_numpy(dtype=str),
        wave=wave.to_numpy(dtype="int64"),
        timing=timing.to_numpy(dtype="int64"),
        answers=answers,
        path=path,
        sha256=sha,
        rows=len(frame),
    )
