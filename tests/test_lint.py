"""``catalog lint``: passes on the bundled catalogue, fails with file and line on broken copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog import bundled_path
from catalog.lint import lint_catalogue_files
from cli import cli
from inputs.evidence_scale import EvidenceScale
from inputs.problems import Problem
from inputs.taxonomy import Taxonomy

BUNDLED = bundled_path("programmes.yaml").read_text(encoding="utf-8")


def broken_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the bundled catalogue with its first ``old`` replaced; returns path and line."""
    at = BUNDLED.index(old)
    text = BUNDLED[:at] + new + BUNDLED[at + len(old) :]
    path = tmp_path / "programmes.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text[:at].count("\n") + 1


def lint(path: Path, taxonomy: Taxonomy, scale: EvidenceScale) -> list[Problem]:
    return lint_catalogue_files([path], taxonomy, scale).problems


def test_bundled_catalogue_is_clean(taxonomy: Taxonomy, scale: EvidenceScale) -> None:
    report = lint_catalogue_files([], taxonomy, scale)
    assert report.ok, report.problems
    assert report.programmes >= 50


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (
            "- factor: low_neighbourhood_attachment\n    basis: mapped",
            "- factor: svag_anknytning\n    basis: mapped",
            "unknown_factor",
        ),
        ("label: Model Plus\n", "label: Model Pluss\n", "unknown_rating_label"),
        ("registry: blueprints\n", "registry: blueprint\n", "unknown_registry"),
        ("kind: null_result_sweden\n", "kind: null_sweden\n", "unknown_warning_kind"),
        ("behaviour: substance_use\n", "behaviour: drugs\n", "unknown_behaviour"),
        ("  checked: 2026-12-01\n", "  checked: null\n", "not_checked"),
    ],
)
def test_reference_checks(tmp_path: Path, taxonomy, scale, old: str, new: str, code: str) -> None:
    path, line = broken_copy(tmp_path, old, new)
    problems = lint(path, taxonomy, scale)
    assert [p.code for p in problems] == [code]
    assert problems[0].line == line and problems[0].file == str(path)


@pytest.mark.parametrize(
    ("old", "new", "pydantic_type"),
    [
        ("    min: 10\n    max: 14\n", "    min: 14\n    max: 10\n", "age_order"),
        ("    min: 10\n    max: 14\n", "    min: -1\n    max: 14\n", "greater_than_equal"),
        (
            "  sources:\n  - https://www.blueprintsprograms.org",
            "  sources: []\n  old_sources:\n  - https://x.org",
            "too_short",
        ),
        ("source: https://www.blueprintsprograms.org", "source: www.blueprintsprograms.org", "string_pattern_mismatch"),
        ("levels:\n  - universal\n", "levels:\n  - everyone\n", "literal_error"),
    ],
)
def test_schema_checks_with_lines(tmp_path: Path, taxonomy, scale, old: str, new: str, pydantic_type: str) -> None:
    path, line = broken_copy(tmp_path, old, new)
    problems = lint(path, taxonomy, scale)
    assert pydantic_type in [p.params.get("pydantic_type") for p in problems]
    located = next(p for p in problems if p.params.get("pydantic_type") == pydantic_type)
    assert located.line is not None and abs(located.line - line) <= 1


def test_warning_without_source(tmp_path: Path, taxonomy, scale) -> None:
    text = BUNDLED
    start = text.index("  - kind: null_result_sweden")
    source_at = text.index("    source:", start)
    end = text.index("\n", source_at) + 1
    path = tmp_path / "programmes.yaml"
    path.write_text(text[:source_at] + text[end:], encoding="utf-8")
    problems = lint(path, taxonomy, scale)
    assert [(p.params.get("pydantic_type"), p.loc[-1]) for p in problems] == [("missing", "source")]
    assert problems[0].line == text[:start].count("\n") + 1


def test_duplicate_ids(tmp_path: Path, taxonomy, scale) -> None:
    path, line = broken_copy(tmp_path, "- id: cmca\n", "- id: ctc\n")
    problems = lint(path, taxonomy, scale)
    assert [p.code for p in problems] == ["duplicate_id"] and problems[0].line == line


def test_duplicate_yaml_key(tmp_path: Path, taxonomy, scale) -> None:
    path, line = broken_copy(tmp_path, "  name: Guiding Good Choices\n", "  name: Guiding Good Choices\n  name: GGC\n")
    problems = lint(path, taxonomy, scale)
    assert [p.code for p in problems] == ["duplicate_key"] and problems[0].line == line + 1


def test_ages_outside_the_tool(tmp_path: Path, taxonomy, scale) -> None:
    path, _ = broken_copy(tmp_path, "    min: 10\n    max: 14\n", "    min: 30\n    max: 40\n")
    assert [p.code for p in lint(path, taxonomy, scale)] == ["ages_out_of_scope"]


def test_untranslated_text(tmp_path: Path, taxonomy, scale) -> None:
    start = BUNDLED.index("  summary:\n", BUNDLED.index("- id: ggc"))
    end = BUNDLED.index("\n  domains:", start)
    same = "A short course for parents of young teenagers on family rules about alcohol."
    text = BUNDLED[:start] + f"  summary:\n    en: {same}\n    sv: {same}" + BUNDLED[end:]
    path = tmp_path / "programmes.yaml"
    path.write_text(text, encoding="utf-8")
    assert [p.code for p in lint(path, taxonomy, scale)] == ["summary_not_translated"]


def test_developer_prose_needs_both_languages(tmp_path: Path, taxonomy, scale) -> None:
    start = BUNDLED.index("  developer:", BUNDLED.index("- id: ctc"))
    end = BUNDLED.index("\n  summary:", start)
    prose = "  developer: J. David Hawkins and Richard F. Catalano, University of Washington"
    path = tmp_path / "programmes.yaml"
    path.write_text(BUNDLED[:start] + prose + BUNDLED[end:], encoding="utf-8")
    problems = lint(path, taxonomy, scale)
    assert [(p.code, p.params.get("word")) for p in problems] == [("developer_not_names", "and")]
    names_only = "  developer: J. David Hawkins, Richard F. Catalano (Social Development Research Group)"
    path.write_text(BUNDLED[:start] + names_only + BUNDLED[end:], encoding="utf-8")
    assert lint(path, taxonomy, scale) == []


def test_negative_rating_needs_a_warning(tmp_path: Path, taxonomy, scale) -> None:
    record = (
        "  - id: extra\n    name: Extra\n    summary: {sv: Svensk.,  en: English.}\n    domains: [family]\n"
        "    levels: [universal]\n    ages: {min: 5, max: 9, source: 'https://example.org/a'}\n"
        "    factors: [{factor: family_conflict, basis: mapped, source: 'https://example.org/a'}]\n"
        "    ratings:\n"
        "      - {registry: blueprints, label: Promising, source: 'https://example.org/a'}\n"
        "      - {registry: crimesolutions, label: No Effects, source: 'https://example.org/b'}\n"
        "    availability_sweden: {status: unknown}\n    sources: ['https://example.org/a']\n"
        "    checked: 2026-11-27\n"
    )
    path = tmp_path / "extra.yaml"
    path.write_text("schema_version: 2\ncatalogue: {name: x, version: '1'}\nprogrammes:\n" + record, encoding="utf-8")
    problems = lint(path, taxonomy, scale)
    assert [p.code for p in problems] == ["negative_rating_without_warning"]
    assert problems[0].line == 13  # the "No Effects" rating


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(cli, ["catalog", "lint"])
    assert clean.exit_code == 0 and "OK" in clean.stdout
    path, line = broken_copy(tmp_path, "factor: family_conflict\n", "factor: familj_konflikt\n")
    broken = runner.invoke(cli, ["catalog", "lint", str(path), "--lang", "en"])
    assert broken.exit_code == 1
    assert f"{path}, line {line}" in broken.stdout and "family_conflict" in broken.stdout
    doc = json.loads(runner.invoke(cli, ["catalog", "lint", str(path), "--format", "json"]).stdout)
    assert doc["ok"] is False and doc["problems"][0]["line"] == line and doc["problems"][0]["code"] == "unknown_factor"


def test_overlay_linted_on_top_of_the_bundled(tmp_path: Path) -> None:
    overlay = tmp_path / "lokal.yaml"
    overlay.write_text(
        "schema_version: 2\ncatalogue: {name: Lokal, version: '1'}\nprogrammes:\n  - id: ggc\n    name_sv: Vägval\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["catalog", "lint", "--with-bundled", str(overlay)]).exit_code == 0
    # on its own the partial record lacks required fields
    alone = runner.invoke(cli, ["catalog", "lint", str(overlay), "--lang", "en"])
    assert alone.exit_code == 1 and "is missing" in alone.stdout
