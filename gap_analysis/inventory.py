"""The resource inventory: what already runs in the area (CTC phase 3).

Area teams keep inventories in Excel, so an inventory can be YAML, CSV (also the Swedish
Excel dialect: ``;``, decimal comma, UTF-8 with BOM) or XLSX. :class:`Resource` is the single
definition of a row; its fields follow Open Referral's service fields where they fit
(``name``, a provider, ages, ``status``-like funding). In CSV and XLSX each row is a resource,
ages are two columns ``age_min`` and ``age_max``, and list cells are comma-separated.
Swedish column names (``namn``, ``utförare``, ``räckvidd`` ...) are accepted too.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from recommender.errors import InputError, Problem, problems_from_validation
from recommender.vocabulary import AgeRange, Domain, Identifier, Level, NonEmptyStr, StrictModel
from recommender.yaml_source import duplicate_key_problems, load_yaml, read_bytes, read_text

Fidelity = Literal["full", "partial", "none", "unknown"]


class Resource(StrictModel):
    """One programme, service or activity that already runs in the area."""

    name: NonEmptyStr
    provider: str | None = Field(default=None, description="Who runs it (organisation or unit).")
    programme: Identifier | None = Field(
        default=None,
        description="Catalogue id when the resource is a catalogued programme; it then inherits "
        "the programme's factors, ages, levels and domains unless they are given here.",
    )
    factors: list[Identifier] | None = Field(default=None, description="Factor ids it addresses.")
    ages: AgeRange | None = None
    levels: list[Level] | None = None
    domains: list[Domain] | None = None
    reach: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Share (0-1) of the group it is meant for that it reaches: all children of the ages "
        "for universal work, the group at risk for selective or indicated work.",
    )
    participants: int | None = Field(default=None, ge=0, description="People reached per year.")
    eligible: int | None = Field(default=None, gt=0, description="Size of the group it is meant for.")
    fidelity: Fidelity = Field(default="unknown", description="How faithfully it is run to its manual.")
    tested: bool | None = Field(
        default=None, description="True when it is a tested, effective programme run as designed."
    )
    funded_until: dt.date | None = Field(default=None, description="Last day of secured funding.")
    notes: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Resource:
        if self.programme is None and not self.factors:
            raise PydanticCustomError(
                "resource_without_factors",
                "give either 'programme' (a catalogue id) or 'factors' (factor ids)",
                {},
            )
        if self.reach is None and (self.participants is None or self.eligible is None):
            raise PydanticCustomError(
                "resource_without_reach",
                "give 'reach' (share 0-1) or both 'participants' and 'eligible'",
                {},
            )
        return self

    @property
    def reach_share(self) -> float:
        """Reach as a share 0-1; participants beyond the eligible group count as full reach."""
        if self.reach is not None:
            return self.reach
        assert self.participants is not None and self.eligible is not None  # checked above
        return min(1.0, self.participants / self.eligible)


class Inventory(StrictModel):
    """A YAML inventory file: an optional area name and a list of resources."""

    area: str | None = None
    resources: list[Resource] = Field(default_factory=list)

    @field_validator("resources")
    @classmethod
    def _unique_names(cls, resources: list[Resource]) -> list[Resource]:
        seen: set[tuple[str, str | None]] = set()
        for resource in resources:
            key = (resource.name, resource.provider)
            if key in seen:
                raise PydanticCustomError(
                    "duplicate_item", "'{value}' is listed twice; merge the rows", {"value": resource.name}
                )
            seen.add(key)
        return resources


@dataclass(frozen=True)
class LoadedInventory:
    """An inventory and where each resource was written (line for YAML, row for tables)."""

    path: Path
    inventory: Inventory
    lines: list[int | None]
    rows: list[int | None]
    text_hash: str

    def locate(self, index: int) -> tuple[int | None, int | None]:
        """(line, row) of resource ``index``."""
        return self.lines[index], self.rows[index]


# --- table columns ---------------------------------------------------------------------
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
                    code="unknown_column",
                    params={"column": str(header), "columns": ", ".join(COLUMN_ALIASES)},
                )
            )
        else:
            mapping[i] = field
    if "name" not in mapping.values():
        problems.append(Problem(file=path, row=1, code="missing_column", params={"column": "name"}))
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


def _finish(path: Path, records: list[dict[str, Any]], rows: list[int | None], text_hash: str) -> LoadedInventory:
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
    return LoadedInventory(path=path, inventory=inventory, lines=[None] * len(rows), rows=rows, text_hash=text_hash)


def _read_table(path: Path, table: Iterator[Sequence[Any]], decimal_comma: bool, text_hash: str) -> LoadedInventory:
    """A header row, then one resource per row; row numbers count the header as row 1."""
    try:
        headers = list(next(table))
    except StopIteration as exc:
        raise InputError([Problem(file=path, code="empty_file")]) from exc
    mapping = column_map(headers, path)
    rows = (
        (number, {field: (cells[i] if i < len(cells) else None) for i, field in mapping.items()})
        for number, cells in enumerate(table, start=2)
    )
    records, row_numbers = _validate_rows(path, rows, decimal_comma)
    return _finish(path, records, row_numbers, text_hash)


def read_csv_inventory(path: Path) -> LoadedInventory:
    """Read a CSV inventory in either dialect (``,`` with decimal point, or ``;`` with comma)."""
    text = read_text(path)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return _read_table(path, reader, delimiter == ";", hashlib.sha256(text.encode()).hexdigest())


def read_xlsx_inventory(path: Path) -> LoadedInventory:
    """Read the first sheet of an XLSX inventory (openpyxl is imported only here)."""
    import zipfile

    from openpyxl import load_workbook

    raw = read_bytes(path)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError([Problem(file=path, code="not_xlsx")]) from exc
    try:
        values = workbook.worksheets[0].iter_rows(values_only=True)
        return _read_table(path, values, True, hashlib.sha256(raw).hexdigest())
    finally:
        workbook.close()


def read_yaml_inventory(path: Path) -> LoadedInventory:
    """Read a YAML inventory: a mapping with a ``resources:`` list."""
    doc = load_yaml(path)
    if doc.data is None:
        raise InputError([Problem(file=path, code="empty_file")])
    if doc.lines.duplicate_keys:
        raise InputError(duplicate_key_problems(doc))
    try:
        inventory = Inventory.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, path, doc.line_of)) from exc
    lines = [doc.line_of(("resources", i)) for i in range(len(inventory.resources))]
    return LoadedInventory(
        path=path,
        inventory=inventory,
        lines=lines,
        rows=[None] * len(lines),
        text_hash=hashlib.sha256(doc.text.encode()).hexdigest(),
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
    raise InputError([Problem(file=path, code="inventory_format", params={"suffix": suffix or "-"})])
