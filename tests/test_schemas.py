"""The published JSON Schemas stay in step with the pydantic models."""

from __future__ import annotations

import json

import pytest

from inputs.schemas import MODELS, schema_documents, schema_text
from tests.builders import ROOT


@pytest.mark.parametrize("stem", sorted(MODELS))
def test_published_schema_matches_the_model(stem: str) -> None:
    path = ROOT / "schemas" / f"{stem}.schema.json"
    assert path.is_file(), f"{path} is missing: run `make schemas`"
    assert path.read_text(encoding="utf-8") == schema_text(schema_documents()[stem]), (
        f"{path} is out of date: run `make schemas` and commit the result"
    )


def test_bundled_files_validate_against_the_published_schemas() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from catalog import bundled_path

    for stem, name in [("catalogue", "programmes.yaml"), ("factors", "factors.yaml"), ("evidence", "evidence.yaml")]:
        schema = json.loads((ROOT / "schemas" / f"{stem}.schema.json").read_text(encoding="utf-8"))
        data = yaml.safe_load(bundled_path(name).read_text(encoding="utf-8"))
        # JSON Schema knows no dates; compare on the JSON form, as an external validator would see it
        data = json.loads(json.dumps(data, default=str))
        jsonschema.validate(data, schema)
