"""Read a resource inventory from YAML, CSV or XLSX, as people really save them; the suffix picks the reader.

Area teams keep inventories in Excel. A table is one resource per row under a header row;
ages are two columns ``age_min`` and ``age_max`` and list cells are comma-separated. What
Excel users produce is accepted or reported precisely, never silently dropped:

* CSV in UTF-8 (with or without BOM) or in Windows-1252, which Swedish Excel writes for "CSV
  (semikolonavgränsad)"; ``;`` with decimal commas or ``,`` with decimal points; any line
  endings (also the lone CR of old Mac files);
* title rows and blank lines above the header: the header is the first row whose cells name
  known columns (the row number is kept for provenance);
* Swedish column names (``namn``, ``utförare``, ``räckvidd`` ...) and Swedish values for the
  closed vocabularies (``selektiv``, ``delvis``, ``ja``);
* merged header cells, a column with values but no header, cells beyond the header, and (in
  XLSX) formulas saved without a computed value are each reported with the cell to fix.

Every row is validated on its own, so one run reports every problem in the file, with its
spreadsheet row (or YAML line).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from inputs.files import decode_utf8, read_bytes
from inputs.inventory import COLUMN_ALIASES, Inventory, LoadedInventory, Resource
from inputs.loading import read_document, validate
from inputs.problems import Code, InputError, Loc, Problem, problems_from_validation

LIST_FIELDS = ("factors", "levels", "domains")
#: Swedish words for fidelity (levels and domains take Swedish names through the model).
FIDELITY_WORDS = {"hög": "full", "full": "full", "delvis": "partial", "ingen": "none", "okänd": "unknown"}
FIDELITY_WORDS |= {"vet ej": "unknown"}
TRUE_WORDS = {"true", "yes", "ja", "1", "x", "sant"}
FALSE_WORDS = {"false", "no", "nej", "0", "falskt"}
#: How far down a file the header row is looked for (title rows and notes above it).
HEADER_SEARCH_ROWS = 15


def normalise_header(header: Any) -> str:
    return " ".join(str(header).strip().lower().split()).replace(" ", "_").replace("-", "_")


_ALIASES = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}
#: The column names to suggest in a message, readable in both languages: "name (namn), ...".
COLUMN_LIST = ", ".join(f"{name} ({aliases[1]})" for name, aliases in COLUMN_ALIASES.items())


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 27 -> AB."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


@dataclass
class Table:
    """A sheet's cells as read, before any meaning is given to them."""

    rows: list[list[Any]]  #: every row, row 1 first; trailing empty cells removed
    decimal_comma: bool
    encoding: str  #: how the file was read: utf-8, windows-1252 or xlsx
    sha256: str
    problems: list[Problem] = field(default_factory=list)  #: found while reading (merged cells, formulas)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim(row: Sequence[Any]) -> list[Any]:
    cells = list(row)
    while cells and _empty(cells[-1]):
        cells.pop()
    return cells


def find_header(rows: list[list[Any]]) -> int | None:
    """The index of the header row: the first near the top whose cells name a 'name' column and another."""
    best, best_known = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        known = [_ALIASES.get(normalise_header(cell)) for cell in row if not _empty(cell)]
        count = sum(1 for k in known if k)
        if "name" in known and count >= 2:
            return index
        if count > best_known:
            best, best_known = index, count
    return best


def _cell_number(value: Any, decimal_comma: bool) -> Any:
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if decimal_comma:
            text = text.replace(",", ".")
        if text.endswith("%"):
            try:
                return float(text[:-1]) / 100
            except ValueError:
                return value
        return text
    return value


def row_to_record(cells: dict[str, Any], decimal_comma: bool) -> dict[str, Any]:
    """Turn one table row (field -> raw cell) into a record for :class:`Resource`."""
    record: dict[str, Any] = {}
    for name, raw in cells.items():
        value = raw.strip() if isinstance(raw, str) else raw
        if value is None or value == "":
            continue
        if name in LIST_FIELDS:
            record[name] = [part.strip() for part in str(value).split(",") if part.strip()]
        elif name in ("reach", "participants", "eligible", "age_min", "age_max"):
            record[name] = _cell_number(value, decimal_comma)
        elif name == "fidelity":
            record[name] = FIDELITY_WORDS.get(str(value).strip().lower(), str(value).strip().lower())
        elif name == "tested":
            word = str(value).strip().lower()
            record[name] = True if word in TRUE_WORDS else False if word in FALSE_WORDS else value
        elif name in ("funded_until", "started") and isinstance(value, dt.datetime):
            record[name] = value.date()
        else:
            record[name] = str(value) if not isinstance(value, str) else value
    if "age_min" in record or "age_max" in record:
        record["ages"] = {"min": record.pop("age_min", None), "max": record.pop("age_max", None)}
    return record


def _table_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    # ("ages", "min") is the column age_min in a table
    return ("age_" + str(loc[1]), *loc[2:]) if len(loc) >= 2 and loc[0] == "ages" else loc


@dataclass
class _Records:
    """Raw resource records with where each was written, on their way to validation."""

    items: list[tuple[dict[str, Any], int | None, int | None]] = field(default_factory=list)  # record, line, row
    problems: list[Problem] = field(default_factory=list)
    #: For YAML: the line of a location inside record i, so a problem points at the field's own line.
    line_of: Callable[[int, Loc], int | None] | None = None


def records_from_table(path: Path, table: Table) -> tuple[_Records, int | None]:
    """The records of a table and the (1-based) row its header was found on."""
    out = _Records(problems=list(table.problems))
    rows = table.rows
    header_index = find_header(rows)
    if header_index is None:
        first = next((i for i, row in enumerate(rows) if row), None)
        if first is None:
            raise InputError([Problem(file=path, code=Code.EMPTY_FILE)])
        header_index = first
    header = rows[header_index]
    header_row = header_index + 1
    mapping: dict[int, str] = {}
    for index, cell in enumerate(header):
        if _empty(cell):
            continue
        name = _ALIASES.get(normalise_header(cell))
        if name is None:
            params = {"column": str(cell).strip(), "letter": column_letter(index), "columns": COLUMN_LIST}
            out.problems.append(Problem(file=path, row=header_row, code=Code.UNKNOWN_COLUMN, params=params))
        else:
            mapping[index] = name
    if "name" not in mapping.values():
        out.problems.append(Problem(file=path, row=header_row, code=Code.MISSING_COLUMN, params={"column": "name"}))
    data = [(number, row) for number, row in enumerate(rows[header_index + 1 :], start=header_row + 1) if row]
    for index in range(max((len(row) for _, row in data), default=0)):
        if index in mapping or (index < len(header) and not _empty(header[index])):
            continue
        used = [number for number, row in data if index < len(row) and not _empty(row[index])]
        if used:
            code = Code.COLUMN_WITHOUT_HEADER if index < len(header) else Code.EXTRA_CELLS
            params = {"letter": column_letter(index), "rows": _row_list(used), "columns": COLUMN_LIST}
            out.problems.append(Problem(file=path, row=used[0], code=code, params=params))
    if "name" not in mapping.values():
        return out, header_row
    for number, row in data:
        cells = {name: (row[i] if i < len(row) else None) for i, name in mapping.items()}
        if all(_empty(v) for v in cells.values()):
            continue
        out.items.append((row_to_record(cells, table.decimal_comma), None, number))
    return out, header_row


def _row_list(numbers: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (" …" if len(numbers) > limit else "")


Where = tuple[int | None, int | None]  # (YAML line, table row)


def validate_records(path: Path, records: _Records, table: bool) -> tuple[list[Resource], list[Problem], list[Where]]:
    """Validate each record on its own, so every bad row is reported; keep the good ones."""
    valid: list[Resource] = []
    where: list[Where] = []
    problems = list(records.problems)
    for index, (record, line, row) in enumerate(records.items):
        try:
            valid.append(Resource.model_validate(record))
            where.append((line, row))
        except ValidationError as exc:
            for problem in problems_from_validation(exc, path, lambda loc: None):
                loc = _table_loc(problem.loc) if table else problem.loc
                params = {**problem.params, "field": ".".join(str(p) for p in loc) or "-"}
                at = records.line_of(index, problem.loc) if records.line_of else line
                problems.append(Problem(file=path, line=at, row=row, code=problem.code, params=params, loc=loc))
    try:  # checks across rows: the same resource twice
        Inventory.model_validate({"resources": [r.model_dump() for r in valid]})
    except ValidationError as exc:
        problems += problems_from_validation(exc, path, lambda loc: None)
    return valid, problems, where


def _finish(
    path: Path, records: _Records, table: bool, sha256: str, encoding: str, header_row: int | None = None
) -> tuple[LoadedInventory, list[Problem]]:
    valid, problems, where = validate_records(path, records, table)
    loaded = LoadedInventory(
        path=path,
        inventory=Inventory.model_construct(area=None, resources=valid),
        lines=[line for line, _ in where],
        rows=[row for _, row in where],
        sha256=sha256,
        encoding=encoding,
        header_row=header_row,
    )
    return loaded, problems


# --- the three formats -------------------------------------------------------------------
def decode_table_text(raw: bytes, path: Path) -> tuple[str, str]:
    """CSV text and the encoding it was in: UTF-8 (with or without BOM), else Windows-1252.

    UTF-8 is tried first and strictly: Swedish text in Windows-1252 is practically never valid
    UTF-8, so the order decides reliably. Bytes Windows-1252 leaves undefined fail both.
    """
    try:
        return decode_utf8(raw, path), "utf-8"
    except InputError as utf8_error:
        if any(p.code == Code.NOT_TEXT for p in utf8_error.problems):
            raise
        try:
            return raw.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            raise utf8_error from None


def read_csv_table(path: Path) -> Table:
    raw = read_bytes(path)
    text, encoding = decode_table_text(raw, path)
    lines = [line for line in io.StringIO(text, newline=None).read().split("\n") if line.strip()][:HEADER_SEARCH_ROWS]
    semicolons, commas = sum(line.count(";") for line in lines), sum(line.count(",") for line in lines)
    delimiter = ";" if semicolons > commas else ","
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    try:
        for row in reader:
            rows.append(_trim(row))
    except csv.Error as exc:  # a cell over the csv module's size limit, a NUL byte
        raise InputError(
            [Problem(file=path, row=reader.line_num, code=Code.CSV_UNREADABLE, params={"detail": str(exc)})]
        ) from exc
    return Table(rows, delimiter == ";", encoding, hashlib.sha256(raw).hexdigest())


def read_xlsx_table(path: Path) -> Table:
    """The first worksheet of a workbook (openpyxl is imported only here)."""
    from openpyxl import load_workbook

    raw = read_bytes(path)
    try:
        values_book = load_workbook(io.BytesIO(raw), data_only=True)
        formula_book = load_workbook(io.BytesIO(raw), data_only=False)
    except Exception as exc:
        raise InputError([Problem(file=path, code=Code.NOT_XLSX)]) from exc
    if not values_book.worksheets:
        raise InputError([Problem(file=path, code=Code.NO_WORKSHEET)])
    sheet, formulas = values_book.worksheets[0], formula_book.worksheets[0]
    rows = [_trim(row) for row in sheet.iter_rows(values_only=True)]
    problems = []
    for merged in sheet.merged_cells.ranges:
        if merged.max_col > merged.min_col and merged.min_row <= HEADER_SEARCH_ROWS:
            row_cells = rows[merged.min_row - 1] if merged.min_row - 1 < len(rows) else []
            if sum(1 for cell in row_cells if _ALIASES.get(normalise_header(cell))) >= 1:
                params = {"range": merged.coord}
                problems.append(Problem(file=path, row=merged.min_row, code=Code.MERGED_HEADER, params=params))
    for formula_row, value_row in zip(formulas.iter_rows(), sheet.iter_rows(), strict=False):
        for formula_cell, value_cell in zip(formula_row, value_row, strict=False):
            if isinstance(formula_cell.value, str) and formula_cell.value.startswith("=") and value_cell.value is None:
                params = {"cell": formula_cell.coordinate}
                problems.append(
                    Problem(file=path, row=formula_cell.row, code=Code.FORMULA_WITHOUT_VALUE, params=params)
                )
    return Table(rows, True, "xlsx", hashlib.sha256(raw).hexdigest(), problems)


def read_inventory(path: Path) -> tuple[LoadedInventory, list[Problem]]:
    """Read an inventory; every resource that is valid on its own, and every problem found.

    Raises:
        InputError: the file cannot be used at all (missing, not the format its suffix says,
            no header row).
    """
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        doc = read_document(path)
        if not isinstance(doc.data, dict) or not isinstance(doc.data.get("resources", []), list):
            validate(Inventory, doc)  # not the shape of an inventory: raises the located problem
        data: dict[str, Any] = doc.data
        shell = {key: value for key, value in data.items() if key != "resources"}
        records = _Records(
            items=[(r, doc.line_of(("resources", i)), None) for i, r in enumerate(data.get("resources") or [])],
            line_of=lambda i, loc: doc.line_of(("resources", i, *loc)),
        )
        try:  # the file's other keys (area, or a misspelt one)
            Inventory.model_validate(shell)
        except ValidationError as exc:
            records.problems += problems_from_validation(exc, path, doc.line_of)
        return _finish(path, records, False, doc.sha256, "utf-8")
    if suffix == ".csv":
        table = read_csv_table(path)
    elif suffix == ".xlsx":
        table = read_xlsx_table(path)
    else:
        raise InputError([Problem(file=path, code=Code.INVENTORY_FORMAT, params={"suffix": suffix or "-"})])
    records, header_row = records_from_table(path, table)
    return _finish(path, records, True, table.sha256, table.encoding, header_row)


def load_inventory(path: Path) -> LoadedInventory:
    """Read an inventory, raising :class:`InputError` with every problem when there is any."""
    loaded, problems = read_inventory(path)
    if problems:
        raise InputError(problems)
    return loaded
