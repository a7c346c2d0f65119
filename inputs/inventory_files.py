"""Read a resource inventory from YAML, CSV (either dialect) or XLSX; the suffix picks the reader.

In CSV and XLSX each row is a resource, ages are two columns ``age_min`` and ``age_max``,
and list cells are comma-separated. Swedish column names (``namn``, ``utförare``,
``räckvidd`` ...) and Swedish values for the closed vocabularies (``selektiv``, ``delvis``,
``ja``) are accepted. Rows are validated as :class:`~inputs.inventory.Resource`; a problem
names the spreadsheet row (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from inputs.files import decode_utf8, read_bytes
from inputs.inventory import Inventory, LoadedInventory
from inputs.loading import load_document
from inputs.problems import Code, InputError, Problem, problems_from_validation

#: Accepted column names (lower case) for each field; English ids first, then Swedish.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "namn", "insats", "verksamhet"),
    "provider": ("provider", "utförare", "anordnare", "huvudman"),
    "programme": ("programme", "program", "program_id", "programme_id"),
    "factors": ("factors", "faktorer"),
    "age_min": ("age_min", "ålder_min", "lägsta_ålder", "från_ålder"),
    "age_max": ("age_max", "ålder_max", "högsta_ålder", "till_ålder"),
    "levels": ("levels", "nivåer", "nivå"),
    "domains": ("domains", "domäner", "domän"),
    "reach": ("reach", "räckvidd", "andel_nådda"),
    "participants": ("participants", "deltagare", "antal_deltagare"),
    "eligible": ("eligible", "målgrupp", "målgruppens_storlek", "antal_i_målgruppen"),
    "fidelity": ("fidelity", "trohet", "programtrohet"),
    "tested": ("tested", "testad", "utvärderad_insats"),
    "funded_until": ("funded_until", "finansierad_till", "finansiering_till"),
    "notes": ("notes", "anteckningar", "kommentar"),
}
LIST_FIELDS = ("factors", "levels", "domains")
#: Swedish cell values accepted for closed vocabularies.
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "fidelity": {
        "hög": "full",
        "full": "full",
        "delvis": "partial",
        "ingen": "none",
        "okänd": "unknown",
        "vet ej": "unknown",
    },
    "levels": {"universell": "universal", "selektiv": "selective", "indikerad": "indicated"},
    "domains": {
        "närsamhälle": "community",
        "samhälle": "community",
        "familj": "family",
        "skola": "school",
        "individ": "individual_peer",
        "individ och kamrater": "individual_peer",
        "individ/kamrater": "individual_peer",
    },
}
TRUE_WORDS = {"true", "yes", "ja", "1", "x", "sant"}
FALSE_WORDS = {"false", "no", "nej", "0", "falskt"}


def _normalise_header(header: str) -> str:
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def column_map(headers: list[Any], path: Path) -> dict[int, str]:
    """Map column positions to field names; unknown columns are an error with the fix."""
    lookup = {alias: field for field, aliases in COLUMN_ALIASES.items() for alias in aliases}
    mapping: dict[int, str] = {}
    problems = []
    for i, header in enumerate(headers):
        if header is None or str(header).strip() == "":
            continue
        field = lookup.get(_normalise_header(str(header)))
        if field is None:
            problems.append(
                Problem(
                    file=path,
                    row=1,
                    code=Code.UNKNOWN_COLUMN,
                    params={"column": str(header), "columns": ", ".join(COLUMN_ALIASES)},
                )
            )
        else:
            mapping[i] = field
    if "name" not in mapping.values():
        problems.append(Problem(file=path, row=1, code=Code.MISSING_COLUMN, params={"column": "name"}))
    if problems:
        raise InputError(problems)
    return mapping


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


def _cell_list(value: Any, field: str) -> list[str]:
    aliases = VALUE_ALIASES.get(field, {})
    items = [part.strip() for part in str(value).split(",") if part.strip()]
    return [aliases.get(item.lower(), item) for item in items]


def row_to_record(cells: dict[str, Any], decimal_comma: bool) -> dict[str, Any]:
    """Turn one table row (field -> raw cell) into a record for :class:`Resource`."""
    record: dict[str, Any] = {}
    for field, raw in cells.items():
        value = raw.strip() if isinstance(raw, str) else raw
        if value is None or value == "":
            continue
        if field in LIST_FIELDS:
            record[field] = _cell_list(value, field)
        elif field in ("reach", "participants", "eligible"):
            record[field] = _cell_number(value, decimal_comma)
        elif field == "fidelity":
            record[field] = VALUE_ALIASES["fidelity"].get(str(value).lower(), str(value).lower())
        elif field == "tested":
            word = str(value).strip().lower()
            record[field] = True if word in TRUE_WORDS else False if word in FALSE_WORDS else value
        elif field == "funded_until" and isinstance(value, dt.datetime):
            record[field] = value.date()
        elif field in ("age_min", "age_max"):
            record[field] = _cell_number(value, decimal_comma)
        else:
            record[field] = str(value) if not isinstance(value, str) else value
    if "age_min" in record or "age_max" in record:
        record["ages"] = {"min": record.pop("age_min", None), "max": record.pop("age_max", None)}
    return record


def _validate_rows(
    path: Path, rows: Iterator[tuple[int, dict[str, Any]]], decimal_comma: bool
) -> tuple[list[dict[str, Any]], list[int | None]]:
    records: list[dict[str, Any]] = []
    row_numbers: list[int | None] = []
    for row_number, cells in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        records.append(row_to_record(cells, decimal_comma))
        row_numbers.append(row_number)
    return records, row_numbers


def _table_field_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    # ("resources", i, "ages", "min") is the column age_min in a table
    if len(loc) >= 4 and loc[2] == "ages":
        return (*loc[:2], f"age_{loc[3]}")
    return loc


def _finish(path: Path, records: list[dict[str, Any]], rows: list[int | None], sha256: str) -> LoadedInventory:
    try:
        inventory = Inventory.model_validate({"resources": records})
    except ValidationError as exc:
        problems = []
        for problem in problems_from_validation(exc, path, lambda loc: None):
            index = problem.loc[1] if len(problem.loc) > 1 and isinstance(problem.loc[1], int) else None
            loc = _table_field_loc(problem.loc)
            problems.append(
                Problem(
                    file=path,
                    row=rows[index] if index is not None else None,
                    code=problem.code,
                    params={**problem.params, "field": str(loc[2]) if len(loc) > 2 else "-"},
                    loc=loc[2:] if len(loc) > 2 else loc,
                )
            )
        raise InputError(problems) from exc
    return LoadedInventory(path=path, inventory=inventory, lines=[None] * len(rows), rows=rows, sha256=sha256)


def _read_table(path: Path, table: Iterator[Sequence[Any]], decimal_comma: bool, sha256: str) -> LoadedInventory:
    """A header row, then one resource per row; row numbers count the header as row 1."""
    try:
        headers = list(next(table))
    except StopIteration as exc:
        raise InputError([Problem(file=path, code=Code.EMPTY_FILE)]) from exc
    mapping = column_map(headers, path)
    rows = (
        (number, {field: (cells[i] if i < len(cells) else None) for i, field in mapping.items()})
        for number, cells in enumerate(table, start=2)
    )
    records, row_numbers = _validate_rows(path, rows, decimal_comma)
    return _finish(path, records, row_numbers, sha256)


def read_csv_inventory(path: Path) -> LoadedInventory:
    """Read a CSV inventory in either dialect (``,`` with decimal point, or ``;`` with comma)."""
    raw = read_bytes(path)
    text = decode_utf8(raw, path)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return _read_table(path, reader, delimiter == ";", hashlib.sha256(raw).hexdigest())


def read_xlsx_inventory(path: Path) -> LoadedInventory:
    """Read the first sheet of an XLSX inventory (openpyxl is imported only here)."""
    import zipfile

    from openpyxl import load_workbook

    raw = read_bytes(path)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError([Problem(file=path, code=Code.NOT_XLSX)]) from exc
    try:
        values = workbook.worksheets[0].iter_rows(values_only=True)
        return _read_table(path, values, True, hashlib.sha256(raw).hexdigest())
    finally:
        workbook.close()


def read_yaml_inventory(path: Path) -> LoadedInventory:
    """Read a YAML inventory: a mapping with a ``resources:`` list."""
    inventory, doc = load_document(path, Inventory)
    lines = [doc.line_of(("resources", i)) for i in range(len(inventory.resources))]
    return LoadedInventory(
        path=path,
        inventory=inventory,
        lines=lines,
        rows=[None] * len(lines),
        sha256=doc.sha256,
    )


def load_inventory(path: Path) -> LoadedInventory:
    """Read an inventory; the format follows the file suffix (.yaml/.yml, .csv, .xlsx)."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_yaml_inventory(path)
    if suffix == ".csv":
        return read_csv_inventory(path)
    if suffix == ".xlsx":
        return read_xlsx_inventory(path)
    raise InputError([Problem(file=path, code=Code.INVENTORY_FORMAT, params={"suffix": suffix or "-"})])
