"""The resource inventory: what already runs in the area (CTC phase 3).

Area teams keep inventories in Excel, so an inventory can be YAML, CSV (also the Swedish
Excel dialect: ``;``, decimal comma, UTF-8 with BOM) or XLSX. :class:`Resource` is the single
definition of a row; its fields follow Open Referral's service fields where they fit
(``name``, a provider, ages, ``status``-like funding). This module defines the format;
:mod:`inputs.inventory_files` reads it from YAML, CSV and XLSX files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from inputs.problems import Code
from inputs.vocabulary import AgeRange, DomainName, Identifier, LevelName, NonEmptyStr, StrictModel

Fidelity = Literal["full", "partial", "none", "unknown"]

#: Accepted column names (lower case, spaces as underscores) for each field; English ids first.
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
    "started": ("started", "startade", "startdatum", "start"),
    "funded_until": ("funded_until", "finansierad_till", "finansiering_till"),
    "notes": ("notes", "anteckningar", "kommentar"),
}


def _columns(*fields: str) -> dict[str, Any]:
    """The column names a table may use for these fields, published in the JSON Schema."""
    return {"x-column-names": [name for f in fields for name in COLUMN_ALIASES[f]]}


class Resource(StrictModel):
    """One programme, service or activity that already runs in the area."""

    name: NonEmptyStr = Field(json_schema_extra=_columns("name"))
    provider: str | None = Field(
        json_schema_extra=_columns("provider"), default=None, description="Who runs it (organisation or unit)."
    )
    programme: Identifier | None = Field(
        json_schema_extra=_columns("programme"),
        default=None,
        description="Catalogue id when the resource is a catalogued programme; it then inherits "
        "the programme's factors, ages, levels and domains unless they are given here.",
    )
    factors: list[Identifier] | None = Field(
        json_schema_extra=_columns("factors"), default=None, description="Factor ids it addresses."
    )
    ages: AgeRange | None = Field(default=None, json_schema_extra=_columns("age_min", "age_max"))
    levels: list[LevelName] | None = Field(default=None, json_schema_extra=_columns("levels"))
    domains: list[DomainName] | None = Field(default=None, json_schema_extra=_columns("domains"))
    reach: float | None = Field(
        json_schema_extra=_columns("reach"),
        default=None,
        ge=0,
        le=1,
        description="Share (0-1) of the group it is meant for that it reaches: all children of the ages "
        "for universal work, the group at risk for selective or indicated work.",
    )
    participants: int | None = Field(
        json_schema_extra=_columns("participants"), default=None, ge=0, description="People reached per year."
    )
    eligible: int | None = Field(
        json_schema_extra=_columns("eligible"), default=None, gt=0, description="Size of the group it is meant for."
    )
    fidelity: Fidelity = Field(
        json_schema_extra=_columns("fidelity"), default="unknown", description="How faithfully it is run to its manual."
    )
    tested: bool | None = Field(
        json_schema_extra=_columns("tested"),
        default=None,
        description="True when it is a tested, effective programme run as designed.",
    )
    started: dt.date | None = Field(
        json_schema_extra=_columns("started"), default=None, description="When it started in the area (follow-up)."
    )
    funded_until: dt.date | None = Field(
        json_schema_extra=_columns("funded_until"), default=None, description="Last day of secured funding."
    )
    notes: str | None = Field(default=None, json_schema_extra=_columns("notes"))

    @model_validator(mode="after")
    def _complete(self) -> Resource:
        if self.programme is None and not self.factors:
            raise PydanticCustomError(
                Code.RESOURCE_WITHOUT_FACTORS,
                "give either 'programme' (a catalogue id) or 'factors' (factor ids)",
                {},
            )
        if self.reach is None and (self.participants is None or self.eligible is None):
            raise PydanticCustomError(
                Code.RESOURCE_WITHOUT_REACH,
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
                    Code.DUPLICATE_ITEM, "'{value}' is listed twice; merge the rows", {"value": resource.name}
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
    #: SHA-256 of the file's bytes, computed when it was read (for provenance).
    sha256: str
    #: How the file was read: utf-8, windows-1252 (Swedish Excel's CSV) or xlsx.
    encoding: str = "utf-8"
    #: For tables: the row the header was found on (title rows above it are skipped).
    header_row: int | None = None

    def locate(self, index: int) -> tuple[int | None, int | None]:
        """(line, row) of resource ``index``."""
        return self.lines[index], self.rows[index]
