"""follow-up on the made-up survey detects the planted changes and not many more than chance allows."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import cli
from inputs.survey_tables import read_aggregates
from survey.follow_up import follow_up


def test_planted_changes_are_detected_and_few_others(synthetic_survey, taxonomy) -> None:
    folder, made = synthetic_survey
    aggregates = read_aggregates(folder / "aggregat.csv", taxonomy)
    detected = tested = false_alarms = 0
    for change in made.changes:
        result = follow_up(aggregates, taxonomy, change.area)
        by_factor = {s.factor: s for s in result.factors}
        planted = by_factor[change.factor]
        assert planted.since_first.difference is not None and planted.since_first.difference < 0
        detected += planted.significant
        others = [s for s in result.factors if s.factor != change.factor and s.since_first.difference is not None]
        tested += len(others)
        false_alarms += sum(s.significant for s in others)
    assert detected == len(made.changes)
    # nothing else changed in these areas: Benjamini-Hochberg lets very few through
    assert false_alarms <= max(1, 0.05 * tested), (false_alarms, tested)


def test_areas_without_planted_changes_rarely_change(synthetic_survey, taxonomy) -> None:
    folder, made = synthetic_survey
    aggregates = read_aggregates(folder / "aggregat.csv", taxonomy)
    changed = {p.area for p in made.changes}
    quiet = [a for a in made.areas if a not in changed][:30]
    results = [follow_up(aggregates, taxonomy, area) for area in quiet]
    series = [s for r in results for s in r.factors if s.since_first.difference is not None]
    assert len(series) > 500
    assert sum(s.significant for s in series) <= 0.02 * len(series)


def test_every_format_says_it_is_monitoring(synthetic_survey, tmp_path) -> None:
    folder, made = synthetic_survey
    area = made.changes[0].area
    exports = [tmp_path / f"u.{s}" for s in ("html", "md", "csv", "json", "xlsx")]
    args = ["follow-up", str(folder / "aggregat.csv"), "--area", area, "--lang", "en"]
    result = CliRunner().invoke(cli, [*args, *[arg for p in exports for arg in ("--export", str(p))]])
    assert result.exit_code == 0, result.output
    caveat = "monitoring, not proof of effect"
    assert caveat in result.stdout
    for path in exports[:4]:
        assert caveat in path.read_text(encoding="utf-8"), path
    from openpyxl import load_workbook

    cells = [str(c.value) for sheet in load_workbook(exports[4]).worksheets for row in sheet.iter_rows() for c in row]
    assert any(caveat in c for c in cells)
    html = exports[0].read_text(encoding="utf-8")
    assert html.count('<svg class="chart"') >= 30 and "<script" not in html


def test_json_contract_and_hidden_waves(tmp_path) -> None:
    rows = ["area,wave,grade,factor,respondents,count"]
    rows += ["Norr,2019,,family_conflict,120,40", "Norr,2021,,family_conflict,8,4", "Norr,2023,,family_conflict,130,20"]
    rows += [f"Syd,{w},,family_conflict,400,100" for w in (2019, 2021, 2023)]
    path = tmp_path / "a.csv"
    path.write_text("\n".join(rows) + "\n")
    doc = json.loads(CliRunner().invoke(cli, ["follow-up", str(path), "--area", "Norr", "--format", "json"]).stdout)
    assert {"area", "factors", "running", "caveat", "schema_version"} <= set(doc)
    series = doc["factors"][0]
    assert {"factor", "waves", "change_since_first", "change_since_previous", "significant", "benchmark_change"} <= set(
        series
    )
    hidden = series["waves"][1]
    assert hidden["suppressed"] and hidden["prevalence"] is None and hidden["respondents"] is None
    # the previous shown wave is 2019, since 2021 is hidden
    assert series["change_since_previous"]["since"] == 2019
    assert series["change_since_first"]["difference"] == pytest.approx(20 / 130 - 40 / 120)
    assert series["significant"]


def test_what_was_running_comes_from_start_dates(tmp_path) -> None:
    rows = ["area,wave,grade,factor,respondents,count"]
    rows += [f"Norr,{w},,family_conflict,120,{c}" for w, c in ((2019, 40), (2023, 20))]
    rows += [f"Syd,{w},,family_conflict,400,100" for w in (2019, 2023)]
    aggregates = tmp_path / "a.csv"
    aggregates.write_text("\n".join(rows) + "\n")
    inventory = tmp_path / "resurser.csv"
    inventory.write_text(
        "namn;program;startade;finansierad_till;räckvidd;nivå\n"
        "Föräldrakurs;ggc;2020-08-01;2026-12-31;0,4;universell\n"
        "Gammal insats;ggc;2010-01-01;2015-12-31;0,2;universell\n"
        "Ny insats;ggc;2024-02-01;;0,2;universell\n",
        encoding="utf-8",
    )
    doc = json.loads(
        CliRunner()
        .invoke(
            cli, ["follow-up", str(aggregates), "--area", "Norr", "--resources", str(inventory), "--format", "json"]
        )
        .stdout
    )
    assert [r["name"] for r in doc["running"]] == ["Föräldrakurs"]
    assert doc["running"][0]["factors"] == ["family_conflict"]


def test_one_wave_is_not_enough(tmp_path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("area,wave,grade,factor,respondents,count\nNorr,2019,,family_conflict,120,40\n")
    result = CliRunner().invoke(cli, ["follow-up", str(path), "--area", "Norr", "--lang", "en"])
    assert result.exit_code == 1 and "at least two waves" in result.stderr


def test_a_lowered_threshold_is_stated_in_every_format(synthetic_survey, tmp_path) -> None:
    folder, made = synthetic_survey
    args = ["follow-up", str(folder / "aggregat.csv"), "--area", made.changes[0].area, "--lang", "en"]
    args += ["--min-respondents", "5", "--allow-below-10"]
    exports = [tmp_path / f"u.{s}" for s in ("html", "md", "json", "xlsx")]
    result = CliRunner().invoke(cli, [*args, *[arg for p in exports for arg in ("--export", str(p))]])
    assert result.exit_code == 0, result.output
    assert "lowered to 5" in result.stdout
    for path in exports[:2]:
        assert "lowered to 5" in path.read_text(encoding="utf-8"), path
    assert json.loads(exports[2].read_text(encoding="utf-8"))["suppression_threshold"] == 5
    from openpyxl import load_workbook

    cells = [str(c.value) for sheet in load_workbook(exports[3]).worksheets for row in sheet.iter_rows() for c in row]
    assert any("lowered to 5" in c for c in cells)
    refused = CliRunner().invoke(cli, args[:-1])
    assert refused.exit_code == 1 and "--allow-below-10" in refused.stderr
