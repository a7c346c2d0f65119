"""inputs/codebook.py: the example codebook is valid, and mistakes an analyst makes are explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli import cli
from inputs.codebook import read_codebook
from survey.synth import EXAMPLE_CODEBOOK
from tests.builders import ROOT

EXAMPLE = EXAMPLE_CODEBOOK


def test_example_codebook_is_valid_marked_and_covers_every_survey_scale(taxonomy) -> None:
    codebook = read_codebook(EXAMPLE)
    assert codebook.example and "PÅHITTAD" in EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert {s.factor for s in codebook.scales} == {f.id for f in taxonomy.factors if f.survey_scale}
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "codebook.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("    items: [fc1, fc2", "    reverse: [fcx9]\n    items: [fc1, fc2", "'fcx9' is listed under 'reverse'"),
        ("answers: {min: 1, max: 4}", "answers: {min: 4, max: 1}", "answer range 4-1 is empty"),
        ("  age: null", "  age: alder", "exactly one of the columns"),
        ("  - factor: family_conflict", "  - factor: familj_konflikt", "not a known factor"),
    ],
)
def test_codebook_mistakes_are_explained(tmp_path: Path, old: str, new: str, needle: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "kodbok.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    responses = tmp_path / "svar.csv"
    responses.write_text("omrade,ar,arskurs\nNorr,2024,8\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "survey",
            "aggregate",
            str(responses),
            "--codebook",
            str(broken),
            "--out",
            str(tmp_path / "a.csv"),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert needle in result.stderr and "kodbok.yaml" in result.stderr
