"""JSON Schemas of every input format, generated from the pydantic models.

The files in ``schemas/`` are written by ``make schemas`` (``python -m inputs.schemas
schemas``); a test fails when they drift from the models, so the published schemas always
describe what the tool accepts. Catalogue files get two schemas: ``catalogue`` for a complete
catalogue (the bundled file, or the first file with ``--no-bundled``) and ``catalogue-layer``
for a file layered on top with ``--catalog``, whose records need only an ``id`` because they may
change just a few fields of a programme defined below them.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from inputs.area_files import AdjacencyFile, GroupingFile
from inputs.codebook import Codebook
from inputs.evidence_scale import EvidenceScale
from inputs.factor_phrases import PhraseTable
from inputs.inventory import Inventory
from inputs.plan_file import PlanFile
from inputs.prices import PriceTable
from inputs.profile import AreaProfile
from inputs.programme import CatalogueFile
from inputs.settings import Settings
from inputs.survey_tables import AggregateFile, PopulationFile
from inputs.taxonomy import Taxonomy

#: File name stem -> model. Each becomes ``schemas/<stem>.schema.json``.
MODELS: dict[str, type[BaseModel]] = {
    "catalogue": CatalogueFile,
    "factors": Taxonomy,
    "factor-phrases": PhraseTable,
    "evidence": EvidenceScale,
    "profile": AreaProfile,
    "inventory": Inventory,
    "settings": Settings,
    "codebook": Codebook,
    "aggregates": AggregateFile,
    "population": PopulationFile,
    "adjacency": AdjacencyFile,
    "grouping": GroupingFile,
    "prices": PriceTable,
    "plan": PlanFile,
}


def _document(stem: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"urn:insatsval:schema:{stem}", **schema}


def layer_schema(catalogue_schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of a ``--catalog`` layer: a catalogue whose records need only an ``id``.

    Derived from the complete schema, so a field's rules are written once; this is what the
    loader enforces before merging (each field as in a complete record) and after merging
    (the merged record must be complete).
    """
    schema = copy.deepcopy(catalogue_schema)
    defs = schema["$defs"]
    record = copy.deepcopy(defs["Programme"])
    record["title"] = "ProgrammeLayerRecord"
    record["description"] = (
        "A programme in a catalogue layer: a new programme (every field a complete record needs) or a "
        "change to a programme defined by an earlier layer (its id and the fields to change)."
    )
    record["required"] = ["id"]
    defs["ProgrammeLayerRecord"] = record
    schema["properties"]["programmes"] = {
        "items": {"$ref": "#/$defs/ProgrammeLayerRecord"},
        "title": "Programmes",
        "type": "array",
    }
    schema["title"] = "CatalogueLayerFile"
    schema["description"] = "A catalogue file layered on the bundled catalogue with --catalog."
    schema["required"] = [name for name in schema["required"] if name != "programmes"]
    return schema


def schema_documents() -> dict[str, dict[str, Any]]:
    """Every schema as a dict, keyed by file name stem."""
    out = {stem: _document(stem, model.model_json_schema(mode="validation")) for stem, model in MODELS.items()}
    out["catalogue-layer"] = _document(
        "catalogue-layer", layer_schema(CatalogueFile.model_json_schema(mode="validation"))
    )
    return out


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, schema in schema_documents().items():
        path = folder / f"{stem}.schema.json"
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - exercised by `make schemas`
    for written_path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(written_path)
