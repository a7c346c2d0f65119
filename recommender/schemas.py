"""JSON Schemas of every input format, generated from the pydantic models.

The files in ``schemas/`` are written by ``make schemas`` (``python -m recommender.schemas
schemas``); a test fails when they drift from the models, so the published schemas always
describe what the tool accepts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from gap_analysis.inventory import Inventory
from recommender.evidence import EvidenceScale
from recommender.profile import AreaProfile
from recommender.programme import CatalogueFile
from recommender.taxonomy import Taxonomy
from recommender.weights import ScoringWeights

#: File name stem -> model. Each becomes ``schemas/<stem>.schema.json``.
MODELS: dict[str, type[BaseModel]] = {
    "catalogue": CatalogueFile,
    "factors": Taxonomy,
    "evidence": EvidenceScale,
    "profile": AreaProfile,
    "inventory": Inventory,
    "weights": ScoringWeights,
}


def schema_documents() -> dict[str, dict[str, Any]]:
    """Every schema as a dict, keyed by file name stem."""
    out = {}
    for stem, model in MODELS.items():
        schema = model.model_json_schema(mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:insatsval:schema:{stem}",
            **schema,
        }
        out[stem] = schema
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
