"""The published JSON Schemas stay in step with the pydantic models."""

from __future__ import annotations

import json

import pytest

from inputs.schemas import schema_documents, schema_text
from tests.builders import ROOT


@pytest.mark.parametrize("stem", sorted(schema_documents()))
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

    pairs = [("catalogue", "programmes.yaml"), ("catalogue-layer", "programmes.yaml")]
    pairs += [("factors", "factors.yaml"), ("evidence", "evidence.yaml"), ("factor-phrases", "factor_phrases.yaml")]
    for stem, name in pairs:
        schema = json.loads((ROOT / "schemas" / f"{stem}.schema.json").read_text(encoding="utf-8"))
        data = yaml.safe_load(bundled_path(name).read_text(encoding="utf-8"))
        # JSON Schema knows no dates; compare on the JSON form, as an external validator would see it
        data = json.loads(json.dumps(data, default=str))
        jsonschema.validate(data, schema)


def _validator(stem: str):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / f"{stem}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_a_layer_the_cli_accepts_passes_the_layer_schema(tmp_path) -> None:
    """A department file that changes one field of a bundled programme: accepted, and valid as published."""
    from click.testing import CliRunner

    from cli import cli
    from tests.builders import write_yaml

    layer = {
        "schema_version": 2,
        "catalogue": {"name": "Socialtjänsten", "version": "1"},
        "programmes": [{"id": "ggc", "ages": {"min": 10, "max": 14, "source": "https://example.org/lokal"}}],
    }
    path = write_yaml(tmp_path / "lokal.yaml", layer)
    result = CliRunner().invoke(cli, ["catalog", "lint", "--with-bundled", str(path), "--format", "json"])
    assert json.loads(result.stdout)["ok"] is True, result.stdout
    assert list(_validator("catalogue-layer").iter_errors(layer)) == []
    assert list(_validator("catalogue").iter_errors(layer)), "a partial record is not a complete catalogue"


def test_a_layer_the_cli_rejects_fails_the_layer_schema(tmp_path) -> None:
    from catalog.bundled import bundled_catalogue_path, load_evidence_scale, load_taxonomy
    from catalog.catalogue import build_catalogue
    from tests.builders import write_yaml

    layer = {
        "schema_version": 2,
        "catalogue": {"name": "Socialtjänsten", "version": "1"},
        "programmes": [{"id": "ggc", "levels": ["everyone"], "colour": "blue"}],
    }
    paths = [bundled_catalogue_path(), write_yaml(tmp_path / "lokal.yaml", layer)]
    _, problems = build_catalogue(paths, load_taxonomy(), load_evidence_scale())
    assert {p.params.get("pydantic_type") for p in problems} == {"literal_error", "extra_forbidden"}
    errors = list(_validator("catalogue-layer").iter_errors(layer))
    assert {e.validator for e in errors} >= {"additionalProperties", "enum"}
