"""Files that describe how sub-areas lie and how they are grouped: adjacency, groupings, GeoJSON.

* **Adjacency** (CSV or XLSX): one row per pair of sub-areas that border each other, in either
  order, columns ``area`` and ``neighbour`` (``område``, ``granne``).
* **Grouping** (CSV or XLSX): which group (local area) each sub-area belongs to, columns ``area``
  and ``group`` (``grupp``, ``lokalt_område``): what ``cluster --out`` writes and what
  ``cluster --evaluate`` scores.
* **GeoJSON**: a FeatureCollection of Polygon or MultiPolygon features, each naming its sub-area
  in a property (``area``, ``name``, ``område`` or ``namn``). Borders are worked out from it by
  :mod:`areas.geometry` (shapely).

The tables are read like every other table (title rows, Swedish names, Excel's CSV; see
:mod:`inputs.survey_tables`); every problem names the file and the row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from inputs.files import read_bytes
from inputs.problems import Code, InputError, Problem
from inputs.survey_tables import AGGREGATE_COLUMNS, MAX_PROBLEMS, read_raw_table
from inputs.vocabulary import NonEmptyStr, StrictModel

ADJACENCY_COLUMNS: dict[str, tuple[str, ...]] = {
    "area": AGGREGATE_COLUMNS["area"],
    "neighbour": ("neighbour", "neighbor", "granne", "grannområde", "grannomrade"),
}
GROUPING_COLUMNS: dict[str, tuple[str, ...]] = {
    "area": AGGREGATE_COLUMNS["area"],
    "group": ("group", "grupp", "lokalt_område", "lokalt_omrade", "local_area"),
}
#: Feature properties that may hold the sub-area's name, tried in this order.
NAME_PROPERTIES = ("area", "name", "område", "omrade", "namn", "delområde")


class AdjacencyRow(StrictModel):
    """Two sub-areas that share a border."""

    area: NonEmptyStr = Field(json_schema_extra={"x-column-names": list(ADJACENCY_COLUMNS["area"])})
    neighbour: NonEmptyStr = Field(json_schema_extra={"x-column-names": list(ADJACENCY_COLUMNS["neighbour"])})


class GroupingRow(StrictModel):
    """A sub-area and the group (local area) it belongs to."""

    area: NonEmptyStr = Field(json_schema_extra={"x-column-names": list(GROUPING_COLUMNS["area"])})
    group: NonEmptyStr = Field(json_schema_extra={"x-column-names": list(GROUPING_COLUMNS["group"])})


class AdjacencyFile(StrictModel):
    """The adjacency format as a whole (for the published JSON Schema)."""

    rows: list[AdjacencyRow]


class GroupingFile(StrictModel):
    """The grouping format as a whole (for the published JSON Schema)."""

    rows: list[GroupingRow]


def _pairs(path: Path, columns: dict[str, tuple[str, ...]], second: str) -> list[tuple[str, str, int]]:
    table = read_raw_table(path, columns, ("area", second))
    problems = [
        Problem(file=path, row=int(row), code=Code.SURVEY_EMPTY_CELL, params={"column": table.columns[column]})
        for column in ("area", second)
        for row in table.rows[(table.frame[column] == "").to_numpy()][: MAX_PROBLEMS + 1]
    ]
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    return list(zip(table.frame["area"], table.frame[second], table.rows.tolist(), strict=True))


def read_adjacency(path: Path) -> list[tuple[str, str]]:
    """Bordering pairs (area, neighbour) from an adjacency table."""
    return [(a, b) for a, b, _ in _pairs(path, ADJACENCY_COLUMNS, "neighbour")]


def read_grouping(path: Path) -> dict[str, str]:
    """Sub-area -> group from a grouping table.

    Raises:
        InputError: a sub-area listed twice with different groups.
    """
    out: dict[str, str] = {}
    problems = []
    for area, group, row in _pairs(path, GROUPING_COLUMNS, "group"):
        if area in out and out[area] != group:
            params = {"area": area, "first": out[area], "second": group}
            problems.append(Problem(file=path, row=row, code=Code.AREAS_TWO_GROUPS, params=params))
        out[area] = group
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    return out


@dataclass(frozen=True)
class AreaShape:
    """One sub-area's outline as GeoJSON geometry (longitude, latitude)."""

    area: str
    geometry: dict[str, Any]


def read_geojson(path: Path) -> list[AreaShape]:
    """Sub-area outlines from a GeoJSON FeatureCollection.

    Raises:
        InputError: not JSON, not a FeatureCollection, a feature without a polygon or a name.
    """
    try:
        data = json.loads(read_bytes(path).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError([Problem(file=path, code=Code.AREAS_GEOJSON, params={"detail": str(exc)})]) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError([Problem(file=path, code=Code.AREAS_NOT_COLLECTION)])
    shapes, problems = [], []
    for index, feature in enumerate(data.get("features") or []):
        properties = (feature.get("properties") or {}) if isinstance(feature, dict) else {}
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        name = next((str(properties[k]).strip() for k in NAME_PROPERTIES if properties.get(k)), None)
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if name is None or kind not in ("Polygon", "MultiPolygon"):
            where = {"index": index + 1, "names": ", ".join(NAME_PROPERTIES)}
            problems.append(Problem(file=path, code=Code.AREAS_FEATURE, params=where))
            continue
        assert isinstance(geometry, dict)
        shapes.append(AreaShape(name, geometry))
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    return shapes
