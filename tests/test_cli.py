"""The command line, through click's CliRunner (as sqlite-utils tests its CLI)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from tests.builders import EXAMPLES

FAMILY = str(EXAMPLES / "familj-10-15.yaml")
COMMANDS = [
    "recommend",
    "gaps",
    "plan",
    "factors",
    "programmes",
    "show",
    "catalog lint",
    "catalog stats",
    "catalog diff",
]


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0 and "insatsval" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str, flag: str) -> None:
    for lang, heading in (("en", "Example"), ("sv", "Exempel")):
        result = invoke(runner, *command.split(), flag, "--lang", lang)
        assert result.exit_code == 0
        assert heading in result.stdout and "insatsval " + command in result.stdout


def test_recommend_json_has_the_documented_shape(runner: CliRunner) -> None:
    result = invoke(runner, "recommend", FAMILY, "--format", "json", "--top", "3")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["area"].startswith("Exempelområdet")
    assert doc["catalogue"]["programmes"] >= 25 and len(doc["catalogue"]["sha256"]) == 64
    assert [r["rank"] for r in doc["recommendations"]] == [1, 2, 3]
    first = doc["recommendations"][0]
    for key in ("id", "name", "score", "matched_factors", "evidence_tier", "levels", "ages", "warnings"):
        assert key in first
    assert set(first["ages"]) == {"min", "max"}
    assert {"factor", "contribution"} <= set(first["matched_factors"][0])
    assert all("family" in r["domains"] for r in doc["recommendations"])


def test_json_keys_do_not_depend_on_language(runner: CliRunner) -> None:
    sv = json.loads(invoke(runner, "recommend", FAMILY, "--format", "json", "--lang", "sv").stdout)
    en = json.loads(invoke(runner, "recommend", FAMILY, "--format", "json", "--lang", "en").stdout)
    assert sv == en


def test_table_is_in_the_chosen_language(runner: CliRunner) -> None:
    sv = invoke(runner, "recommend", FAMILY, "--lang", "sv", "--top", "3").stdout
    en = invoke(runner, "recommend", FAMILY, "--lang", "en", "--top", "3").stdout
    assert "Rekommendationer för" in sv and "Brister i föräldrarnas regler och tillsyn" in sv
    assert "Recommendations for" in en and "Poor family management" in en
    assert "Varför de här programmen" in sv and "Why these programmes" in en


def test_default_language_is_swedish_unless_the_environment_says_otherwise(runner: CliRunner) -> None:
    assert "Rekommendationer" in invoke(runner, "recommend", FAMILY, "--top", "1").stdout
    result = runner.invoke(cli, ["recommend", FAMILY, "--top", "1"], env={"INSATSVAL_LANG": "en"})
    assert "Recommendations" in result.stdout


def test_csv_and_markdown(runner: CliRunner) -> None:
    text = invoke(runner, "recommend", FAMILY, "--format", "csv", "--lang", "en", "--top", "4").stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Rank", "Group", "id", "Programme"] and len(rows) == 5
    md = invoke(runner, "recommend", FAMILY, "--format", "md", "--lang", "en", "--top", "2").stdout
    assert md.startswith("# Programme shortlist for") and "| Rank |" in md


def test_weights_file_changes_scores(runner: CliRunner, tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("targeting: {listed: 0.5}\n", encoding="utf-8")
    default = json.loads(invoke(runner, "recommend", FAMILY, "--format", "json").stdout)
    tuned = json.loads(invoke(runner, "recommend", FAMILY, "--format", "json", "--weights", str(weights)).stdout)
    assert default["recommendations"][0]["score"] != tuned["recommendations"][0]["score"]


def test_bad_weights_file(runner: CliRunner, tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("evidence:\n  good: 2\n", encoding="utf-8")
    result = runner.invoke(cli, ["recommend", FAMILY, "--weights", str(weights), "--lang", "en"])
    assert result.exit_code == 1 and "line 2" in result.stderr and "at most 1" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "does not exist"),
        ("area: X\nages: {min: 10, max: 15\n", "YAML syntax"),
        ("area: X\nages: {min: 10, max: 15}\npriorities:\n  - factor: famly_conflict\n", "family_conflict"),
        ("area: X\npriorities:\n  - factor: family_conflict\n", "'ages' is missing"),
        ("area: X\nages: {min: 15, max: 10}\npriorities:\n  - factor: family_conflict\n", "Swap them"),
        ("area: X\nages: {min: 10, max: 15}\npriorities: []\n", "no prioritised factors"),
    ],
)
def test_bad_profiles_exit_1_with_a_located_message(
    runner: CliRunner, tmp_path: Path, content: str | None, expected: str
) -> None:
    path = tmp_path / "profil.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["recommend", str(path), "--lang", "en"])
    assert result.exit_code == 1
    assert expected in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_debug_lets_the_exception_through(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["--debug", "recommend", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1 and result.exception is not None
    assert type(result.exception).__name__ == "InputError"


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["recommend"]).exit_code == 2
    assert runner.invoke(cli, ["recommend", FAMILY, "--format", "pdf"]).exit_code == 2
    assert runner.invoke(cli, ["recommend", FAMILY, "--top", "0"]).exit_code == 2


def test_an_unknown_factor_is_bad_input_with_suggestions(runner: CliRunner) -> None:
    for lang, words in (("sv", "Menade du"), ("en", "Did you mean")):
        result = runner.invoke(cli, ["programmes", "--factor", "familyconflict", "--lang", lang])
        assert result.exit_code == 1
        assert words in result.stderr and "family_conflict" in result.stderr


def test_factors_and_levels_may_be_written_as_people_read_them(runner: CliRunner) -> None:
    by_id = runner.invoke(
        cli, ["programmes", "--factor", "family_conflict", "--level", "selective", "--format", "json"]
    )
    by_name = runner.invoke(
        cli, ["programmes", "--factor", "Konflikter i familjen", "--level", "Selektiv", "--format", "json"]
    )
    assert by_id.exit_code == by_name.exit_code == 0
    assert json.loads(by_id.stdout)["count"] > 0 and by_id.stdout == by_name.stdout


def test_factors_lists_the_taxonomy(runner: CliRunner) -> None:
    result = invoke(runner, "factors", "--lang", "en", "--format", "json")
    doc = json.loads(result.stdout)
    assert len(doc["factors"]) >= 39
    table = invoke(runner, "factors").stdout
    assert "family_conflict" in table and "Konflikter i familjen" in table


def test_programmes_filters(runner: CliRunner) -> None:
    result = invoke(runner, "programmes", "--factor", "family_conflict", "--age", "12", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["count"] == len(doc["programmes"]) > 0
    for p in doc["programmes"]:
        assert p["ages"]["min"] <= 12 <= p["ages"]["max"]
        assert "family_conflict" in [f["factor"] for f in p["factors"]]
    only_indicated = json.loads(invoke(runner, "programmes", "--level", "indicated", "--format", "json").stdout)
    assert all("indicated" in p["levels"] for p in only_indicated["programmes"])


def test_show_a_programme_with_sources(runner: CliRunner) -> None:
    result = invoke(runner, "show", "mst", "--lang", "en")
    assert result.exit_code == 0
    assert "Multisystemic Therapy" in result.stdout and "https://" in result.stdout
    assert "lowered from Established to Good" in result.stdout
    doc = json.loads(invoke(runner, "show", "mst", "--format", "json").stdout)
    assert doc["id"] == "mst" and doc["evidence_tier"] == "good"


def test_show_unknown_programme_suggests(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", "mts", "--lang", "en"])
    assert result.exit_code == 1 and "mst" in result.stderr


def test_extra_catalogue_layer_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    local = tmp_path / "lokal.yaml"
    local.write_text(
        "schema_version: 2\ncatalogue: {name: Lokal, version: '1'}\nprogrammes:\n"
        "  - id: ggc\n    name_sv: Vägval (lokal översättning)\n",
        encoding="utf-8",
    )
    doc = json.loads(invoke(runner, "recommend", FAMILY, "--format", "json", "--catalog", str(local)).stdout)
    ggc = next(r for r in doc["recommendations"] if r["id"] == "ggc")
    assert ggc["name_sv"] == "Vägval (lokal översättning)" and ggc["catalogue_file"] == str(local)
    assert [f["file"] for f in doc["catalogue"]["files"]] == ["bundled:programmes.yaml", str(local)]


def test_show_finds_a_programme_by_id_in_any_case_or_by_name(runner: CliRunner) -> None:
    by_id = invoke(runner, "show", "gbg_pax", "--format", "json").stdout
    assert json.loads(invoke(runner, "show", "GBG_PAX", "--format", "json").stdout)["id"] == "gbg_pax"
    name = json.loads(by_id)["name"]
    assert json.loads(invoke(runner, "show", name.upper(), "--format", "json").stdout)["id"] == "gbg_pax"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_suggestions_are_never_empty_or_placeholders(runner: CliRunner, lang: str, tmp_path: Path) -> None:
    for args in (["show", "zzzz_qqqq"], ["programmes", "--factor", "xq"]):
        result = runner.invoke(cli, [*args, "--lang", lang])
        assert result.exit_code == 1
        text = result.stderr
        assert "<indata>" not in text and "<input>" not in text and "?:" not in text and ": ?" not in text
        asked = "Menade du:" if lang == "sv" else "Did you mean:"
        if asked in text:  # only when something comes close, and then with a real suggestion
            suggestion = text.split(asked)[1].split("?")[0].strip()
            assert suggestion and suggestion != "?" and ("_" in suggestion or " " in suggestion)
    close = runner.invoke(cli, ["show", "gbg_pac", "--lang", lang])
    assert "gbg_pax" in close.stderr


def test_a_profile_may_use_the_names_people_read(runner: CliRunner, tmp_path: Path) -> None:
    ids = tmp_path / "ids.yaml"
    ids.write_text(
        "area: X\nages: {min: 10, max: 15}\nlevels: [universal, selective]\ndomains: [family]\n"
        "priorities: [{factor: family_conflict}, {factor: poor_family_management}]\n",
        encoding="utf-8",
    )
    names = tmp_path / "names.yaml"
    names.write_text(
        "area: X\nages: {min: 10, max: 15}\nlevels: [Universell, SELEKTIV]\ndomains: [Familj]\n"
        "priorities: [{factor: Konflikter i familjen}, {factor: Poor family management}]\n",
        encoding="utf-8",
    )
    first = invoke(runner, "recommend", str(ids), "--format", "json").stdout
    second = invoke(runner, "recommend", str(names), "--format", "json").stdout
    assert json.loads(first)["recommendations"] == json.loads(second)["recommendations"]


def test_factor_ids_are_never_wrapped(runner: CliRunner) -> None:
    table = invoke(runner, "factors").stdout
    for factor_id in ("community_opportunities_for_prosocial_involvement", "parental_attitudes_favourable_to_drug_use"):
        assert factor_id in table  # whole, on one line


def test_plan_prints_csv_like_its_export(runner: CliRunner, tmp_path: Path) -> None:
    export = tmp_path / "plan.csv"
    printed = invoke(runner, "plan", FAMILY, "--format", "csv", "--export", str(export), "--as-of", "2026-11-27")
    assert printed.exit_code == 0 and printed.stdout == export.read_text(encoding="utf-8")
