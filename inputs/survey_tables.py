"""Survey tables as people receive them: aggregates, population figures and respondent files.

The three tables are read into pandas data frames (pandas is imported only here, inside the
functions, so the everyday commands never load it) with the same tolerance as inventories:
CSV in UTF-8 or Windows-1252 with ``,`` or ``;``, title rows and ``#`` notes above the header,
XLSX workbooks, Swedish column names. Validation is vectorised (an aggregate file of 136 areas,
four waves, six grades and 38 factors has over 100,000 rows) and follows the row models
:class:`AggregateRow` and :class:`PopulationRow`, which also publish the JSON Schema; every
problem names the file, the spreadsheet row and the fix, all problems at once (the first
:data:`MAX_PROBLEMS`).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import Field

from inputs.files import read_bytes
from inputs.inventory_files import decode_table_text
from inputs.problems import Code, InputError, Problem
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import NonEmptyStr, StrictModel

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Problems listed per file before "and N more" (a broken export can have thousands).
MAX_PROBLEMS = 20
#: How far down the header row is looked for.
HEADER_SEARCH_ROWS = 15
#: Words that mark an "all grades" (or "all ages") total row.
TOTAL_WORDS = frozenset({"", "all", "alla", "total", "totalt", "samtliga"})

AGGREGATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "area": ("area", "område", "omrade", "delområde", "delomrade", "stadsområde"),
    "wave": ("wave", "våg", "vag", "år", "ar", "year", "undersökningsår"),
    "grade": ("grade", "årskurs", "arskurs", "åk", "ak", "skolår"),
    "age": ("age", "ålder", "alder"),
    "factor": ("factor", "faktor"),
    "respondents": ("respondents", "svarande", "antal_svarande"),
    "count": ("count", "antal", "antal_över_gränsen", "antal_over_gransen"),
}
POPULATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "area": AGGREGATE_COLUMNS["area"],
    "grade": AGGREGATE_COLUMNS["grade"],
    "age": AGGREGATE_COLUMNS["age"],
    "population": ("population", "befolkning", "antal_unga", "invånare", "invanare", "antal_barn"),
}


def _columns(aliases: dict[str, tuple[str, ...]], name: str) -> dict[str, Any]:
    return {"x-column-names": list(aliases[name])}


class AggregateRow(StrictModel):
    """One row of an aggregate file: pupils past a factor's cut-point in one area, wave and grade.

    ``count`` is the number at risk for a risk factor and the number protected for a protective
    factor. An empty grade (or ``alla``) is the total over all grades. Empty ``respondents`` and
    ``count`` mark a cell suppressed by whoever produced the file.
    """

    area: NonEmptyStr = Field(json_schema_extra=_columns(AGGREGATE_COLUMNS, "area"))
    wave: int = Field(ge=1900, le=2200, json_schema_extra=_columns(AGGREGATE_COLUMNS, "wave"))
    grade: int | None = Field(
        default=None,
        ge=0,
        le=13,
        json_schema_extra=_columns(AGGREGATE_COLUMNS, "grade"),
        description="School year: 6 = åk 6, 9 = åk 9, 10 = gymnasiet år 1. Empty: all grades.",
    )
    age: int | None = Field(
        default=None,
        ge=0,
        le=30,
        json_schema_extra=_columns(AGGREGATE_COLUMNS, "age"),
        description="Age in years, for files by age instead of grade. Empty: all ages.",
    )
    factor: NonEmptyStr = Field(
        json_schema_extra=_columns(AGGREGATE_COLUMNS, "factor"),
        description="Factor id from catalog/factors.yaml (or its Swedish or English name).",
    )
    respondents: int | None = Field(default=None, ge=0, json_schema_extra=_columns(AGGREGATE_COLUMNS, "respondents"))
    count: int | None = Field(default=None, ge=0, json_schema_extra=_columns(AGGREGATE_COLUMNS, "count"))


class PopulationRow(StrictModel):
    """One row of a population file: how many young people live in an area (optionally per grade or age)."""

    area: NonEmptyStr = Field(json_schema_extra=_columns(POPULATION_COLUMNS, "area"))
    grade: int | None = Field(default=None, ge=0, le=13, json_schema_extra=_columns(POPULATION_COLUMNS, "grade"))
    age: int | None = Field(default=None, ge=0, le=30, json_schema_extra=_columns(POPULATION_COLUMNS, "age"))
    population: int = Field(ge=0, json_schema_extra=_columns(POPULATION_COLUMNS, "population"))


class AggregateFile(StrictModel):
    """The aggregate format as a whole (for the published JSON Schema): a list of rows."""

    rows: list[AggregateRow]


class PopulationFile(StrictModel):
    """The population format as a whole (for the published JSON Schema): a list of rows."""

    rows: list[PopulationRow]


@dataclass
class RawTable:
    """A table's cells as strings under canonical column names, with each row's spreadsheet row number."""

    frame: pd.DataFrame  #: canonical columns, str cells ("" when empty)
    rows: pd.Series  #: spreadsheet row number of each frame row
    columns: dict[str, str]  #: canonical name -> the header as the file wrote it
    sha256: str
    encoding: str
    header_row: int
    notes: tuple[str, ...] = ()  #: "#" lines above the header (made-up data say so there)


def normalise_header(header: object) -> str:
    return "_".join(str(header).strip().lower().replace("-", "_").split())


def _alias_lookup(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {alias: name for name, names in aliases.items() for alias in names}


def _header_index(rows: list[list[str]], aliases: dict[str, tuple[str, ...]]) -> int | None:
    """The first row near the top that names at least two known columns."""
    lookup = _alias_lookup(aliases)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if lookup.get(normalise_header(cell))) >= 2:
            return index
    return None


def _csv_parts(path: Path) -> tuple[list[list[str]], Callable[[int, list[int]], pd.DataFrame], str, str]:
    """The first rows (to find the header) and a reader of the body below a header row, for a CSV file.

    The body is parsed by pandas' C parser (an aggregate file has 100,000+ rows); blank lines
    are kept as empty rows so every row keeps its spreadsheet row number.
    """
    import pandas as pd

    raw = read_bytes(path)
    text, encoding = decode_table_text(raw, path)
    lines = text.splitlines()
    head_lines = lines[: HEADER_SEARCH_ROWS * 2]
    content = [line for line in head_lines if line.strip() and not line.startswith("#")]
    delimiter = ";" if sum(line.count(";") for line in content) > sum(line.count(",") for line in content) else ","
    try:
        head = [row for row in csv.reader(io.StringIO("\n".join(head_lines)), delimiter=delimiter)]
    except csv.Error as exc:
        raise InputError([Problem(file=path, code=Code.CSV_UNREADABLE, params={"detail": str(exc)})]) from exc

    def body(header: int, columns: list[int]) -> pd.DataFrame:
        try:
            return pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                header=None,
                skiprows=header + 1,
                usecols=columns,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                quoting=csv.QUOTE_MINIMAL,
            )
        except Exception as exc:  # pandas' parser errors name the line in their text
            raise InputError([Problem(file=path, code=Code.CSV_UNREADABLE, params={"detail": str(exc)})]) from exc

    return head, body, encoding, hashlib.sha256(raw).hexdigest()


def _xlsx_parts(path: Path) -> tuple[list[list[str]], Callable[[int, list[int]], pd.DataFrame], str, str]:
    """As :func:`_csv_parts`, for the first worksheet of a workbook (openpyxl is imported only here)."""
    import pandas as pd
    from openpyxl import load_workbook

    raw = read_bytes(path)
    try:
        book = load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
    except Exception as exc:
        raise InputError([Problem(file=path, code=Code.NOT_XLSX)]) from exc
    if not book.worksheets:
        raise InputError([Problem(file=path, code=Code.SURVEY_NO_WORKSHEET)])
    rows = [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]

    def body(header: int, columns: list[int]) -> pd.DataFrame:
        cells = [[row[c] if c < len(row) else "" for c in columns] for row in rows[header + 1 :]]
        return pd.DataFrame(cells, columns=columns, dtype=str)

    return rows[: HEADER_SEARCH_ROWS * 2], body, "xlsx", hashlib.sha256(raw).hexdigest()


def _stripped(column: pd.Series) -> pd.Series:
    """The column with surrounding spaces removed (through its few distinct values: fast on long files)."""
    distinct = column.unique()
    return (
        column.map({value: str(value).strip() for value in distinct})
        if len(distinct) < len(column)
        else column.str.strip()
    )


def read_raw_table(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> RawTable:
    """Read a CSV or XLSX table, find its header row and name its columns canonically.

    Columns the format does not know are ignored; a required column that is missing is a
    problem naming the accepted names.

    Raises:
        InputError: unreadable file, no header row, a required column missing.
    """
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        head, read_body, encoding, sha = _xlsx_parts(path)
    elif suffix in (".csv", ".txt"):
        head, read_body, encoding, sha = _csv_parts(path)
    else:
        raise InputError([Problem(file=path, code=Code.SURVEY_TABLE_FORMAT, params={"suffix": suffix or "-"})])
    header = _header_index(head, aliases)
    if header is None:
        names = ", ".join(f"{name} ({names[1]})" for name, names in aliases.items())
        raise InputError([Problem(file=path, code=Code.SURVEY_NO_HEADER, params={"columns": names})])
    lookup = _alias_lookup(aliases)
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    for index, cell in enumerate(head[header]):
        name = lookup.get(normalise_header(cell))
        if name is not None and name not in positions:
            positions[name] = index
            written[name] = str(cell)
    missing = [name for name in required if name not in positions]
    if missing:
        problems = [
            Problem(
                file=path,
                row=header + 1,
                code=Code.SURVEY_MISSING_COLUMN,
                params={"column": name, "names": ", ".join(aliases[name])},
            )
            for name in missing
        ]
        raise InputError(problems)
    notes = tuple(
        ",".join(str(c) for c in row).lstrip("#").strip().rstrip(",")
        for row in head[:header]
        if row and str(row[0]).lstrip().startswith("#")
    )
    body = read_body(header, sorted(positions.values()))
    frame = pd.DataFrame({name: _stripped(body[pos].fillna("")) for name, pos in positions.items()})
    filled = (frame != "").any(axis=1).to_numpy()
    numbers = pd.Series(header + 2 + np.flatnonzero(filled), dtype="int64")
    frame = frame[filled].reset_index(drop=True)
    return RawTable(frame, numbers, written, sha, encoding, header + 1, notes)


def _integers(
    table: RawTable, column: str, path: Path, low: int, high: int, allow_empty: bool, text: pd.Series | None = None
) -> tuple[Any, list[Problem]]:
    """Column as float array (NaN for empty); problems for cells that are not whole numbers in range.

    ``text`` replaces the column's cells (the grade column with its "all grades" words blanked).
    """
    import numpy as np
    import pandas as pd

    text = table.frame[column] if text is None else text
    values = pd.to_numeric(text, errors="coerce")
    retry = values.isna() & (text != "")
    if retry.any():  # thousands written with spaces, as Swedish Excel does: "1 234"
        cleaned = text[retry].str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
        values[retry] = pd.to_numeric(cleaned, errors="coerce")
    empty = text == ""
    not_whole = values.isna() | (values % 1 != 0) | (values < low) | (values > high)
    bad = (~empty & not_whole) | (empty & (not allow_empty))
    problems = [
        Problem(
            file=path,
            row=int(table.rows.iloc[i]),
            code=Code.SURVEY_BAD_NUMBER,
            params={
                "column": table.columns.get(column, column),
                "value": table.frame[column].iloc[i] or "-",
                "low": low,
                "high": high,
            },
        )
        for i in np.flatnonzero(bad.to_numpy())[: MAX_PROBLEMS + 1]
    ]
    return values.to_numpy(dtype=float), problems


def _too_many(path: Path, problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    extra = Problem(file=path, code=Code.SURVEY_MORE_PROBLEMS, params={"count": len(problems) - MAX_PROBLEMS})
    return [*problems[:MAX_PROBLEMS], extra]


def _factor_ids(table: RawTable, path: Path, taxonomy: Taxonomy) -> tuple[Any, list[Problem]]:
    """The factor column as ids (names in either language are accepted), with problems for unknown ones."""
    from inputs.profile import resolve_factor

    problems = []
    mapping: dict[str, str] = {}
    for value in table.frame["factor"].unique():
        found, problem = resolve_factor(str(value), taxonomy)
        if found is not None:
            mapping[value] = found
        elif problem is not None:
            first = int(table.rows[(table.frame["factor"] == value).to_numpy()].iloc[0])
            problems.append(Problem(file=path, row=first, code=problem.code, params=problem.params))
    return table.frame["factor"].map(mapping), problems


def _timing(table: RawTable, path: Path) -> tuple[str, Any, list[Problem]]:
    """Which of grade or age the file uses, its values (NaN = total row), and problems."""
    import numpy as np

    column = "grade" if "grade" in table.frame else "age" if "age" in table.frame else None
    if column is None:
        return "grade", np.full(len(table.frame), np.nan), []
    is_total = table.frame[column].str.lower().isin(TOTAL_WORDS)
    cleaned = table.frame[column].where(~is_total, "")
    high = 13 if column == "grade" else 30
    values, problems = _integers(table, column, path, 0, high, allow_empty=True, text=cleaned)
    return column, values, problems


@dataclass
class LoadedAggregates:
    """Validated aggregate rows: one frame with canonical columns and numeric types, and provenance."""

    frame: pd.DataFrame  #: area, wave, timing (float, NaN = all grades), factor, respondents, count, row
    timing: str  #: "grade" or "age"
    path: Path
    sha256: str
    encoding: str
    header_row: int
    notes: tuple[str, ...] = ()

    @property
    def suppressed_cells(self) -> int:
        """Rows the producer of the file suppressed (no respondents given)."""
        return int(self.frame["respondents"].isna().sum())


def read_aggregates(path: Path, taxonomy: Taxonomy) -> LoadedAggregates:
    """Read and validate an aggregate file (CSV or XLSX).

    Raises:
        InputError: every problem in the file (up to :data:`MAX_PROBLEMS`), with its row.
    """
    import numpy as np

    table = read_raw_table(path, AGGREGATE_COLUMNS, ("area", "wave", "factor", "respondents", "count"))
    problems: list[Problem] = []
    empty_area = table.frame["area"] == ""
    problems += [
        Problem(
            file=path,
            row=int(table.rows.iloc[i]),
            code=Code.SURVEY_EMPTY_CELL,
            params={"column": table.columns["area"]},
        )
        for i in np.flatnonzero(empty_area.to_numpy())[: MAX_PROBLEMS + 1]
    ]
    wave, wave_problems = _integers(table, "wave", path, 1900, 2200, allow_empty=False)
    timing, timing_values, timing_problems = _timing(table, path)
    respondents, resp_problems = _integers(table, "respondents", path, 0, 10**9, allow_empty=True)
    count, count_problems = _integers(table, "count", path, 0, 10**9, allow_empty=True)
    factors, factor_problems = _factor_ids(table, path, taxonomy)
    problems += wave_problems + timing_problems + resp_problems + count_problems + factor_problems
    # count and respondents are given together, and count never exceeds respondents
    half = np.isnan(respondents) != np.isnan(count)
    over = ~np.isnan(respondents) & ~np.isnan(count) & (count > respondents)
    for mask, code in ((half, Code.SURVEY_HALF_SUPPRESSED), (over, Code.SURVEY_COUNT_OVER)):
        problems += [
            Problem(
                file=path,
                row=int(table.rows.iloc[i]),
                code=code,
                params={"count": table.frame["count"].iloc[i], "respondents": table.frame["respondents"].iloc[i]},
            )
            for i in np.flatnonzero(mask)[: MAX_PROBLEMS + 1]
        ]
    import pandas as pd

    frame = pd.DataFrame(
        {
            "area": table.frame["area"],
            "wave": wave,
            "timing": timing_values,
            "factor": factors,
            "respondents": respondents,
            "count": count,
            "row": table.rows.to_numpy(),
        }
    )
    if not problems:
        keys = frame[["area", "wave", "timing", "factor"]].fillna({"timing": -1})
        duplicated = keys.duplicated(keep="first").to_numpy()
        problems += [
            Problem(
                file=path,
                row=int(frame["row"].iloc[i]),
                code=Code.SURVEY_DUPLICATE_ROW,
                params={
                    "area": frame["area"].iloc[i],
                    "factor": frame["factor"].iloc[i],
                    "wave": int(frame["wave"].iloc[i]),
                },
            )
            for i in np.flatnonzero(duplicated)[: MAX_PROBLEMS + 1]
        ]
    if problems:
        raise InputError(_too_many(path, problems))
    frame["wave"] = frame["wave"].astype("int64")
    return LoadedAggregates(frame, timing, path, table.sha256, table.encoding, table.header_row, table.notes)


@dataclass
class LoadedPopulation:
    """Young people per area (``timing`` NaN: all ages of the area), with provenance."""

    frame: pd.DataFrame  #: area, timing, population
    timing: str
    path: Path
    sha256: str


def read_population(path: Path) -> LoadedPopulation:
    """Read and validate a population file (CSV or XLSX)."""
    table = read_raw_table(path, POPULATION_COLUMNS, ("area", "population"))
    population, problems = _integers(table, "population", path, 0, 10**9, allow_empty=False)
    timing, timing_values, timing_problems = _timing(table, path)
    problems += timing_problems
    if problems:
        raise InputError(_too_many(path, problems))
    import pandas as pd

    frame = pd.DataFrame({"area": table.frame["area"], "timing": timing_values, "population": population})
    return LoadedPopulation(frame, timing, path, table.sha256)
