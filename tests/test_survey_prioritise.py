"""prioritise on the made-up survey finds what was planted, hides what is small, and writes a usable profile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from cli import cli
from inputs.survey_tables import read_aggregates, read_population
from survey.prioritise import FactorFigure, profile_area, suggest_priorities


def run(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["prioritise", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_planted_standouts_are_found_and_little_else(synthetic_survey, taxonomy) -> None:
    folder, made = synthetic_survey
    aggregates = read_aggregates(folder / "aggregat.csv", taxonomy)
    areas = sorted({p.area for p in made.standouts})
    found = missed = false_alarms = flagged = 0
    for area in areas:
        figures = profile_area(aggregates, taxonomy, area)
        planted = {p.factor for p in made.standouts if p.area == area}
        out = {f.factor for f in figures.factors if f.stands_out}
        found += len(planted & out)
        missed += len(planted - out)
        # anything else flagged must truly be on the bad side of the rest of the city
        a = made.areas.index(area)
        truth = made.true_share[-1]
        for factor in out - planted:
            flagged += 1
            f = made.factors.index(factor)
            others = np.delete(truth[:, f], a).mean()
            worse = truth[a, f] > others if taxonomy.factors_by_id[factor].kind == "risk" else truth[a, f] < others
            false_alarms += not worse
        # the suggestion leads with planted factors, which affect the most pupils
        assert figures.suggested and 2 <= len(figures.suggested) <= 5
    assert found / (found + missed) >= 0.9, (found, missed)
    # Benjamini-Hochberg keeps the expected share of false discoveries at 5 %; allow 10 % for chance
    assert false_alarms <= 0.1 * (found + flagged), (false_alarms, found + flagged)


def test_protective_factors_count_the_other_way(synthetic_survey, taxonomy) -> None:
    folder, made = synthetic_survey
    planted = next(p for p in made.standouts if taxonomy.factors_by_id[p.factor].kind == "protective")
    doc = run(str(folder / "aggregat.csv"), "--area", planted.area)
    figure = next(f for f in doc["factors"] if f["factor"] == planted.factor)
    assert figure["kind"] == "protective" and figure["stands_out"] and figure["difference"] < 0
    suggested = {s["factor"]: s for s in doc["suggested"]}
    assert planted.factor in suggested
    assert (
        "lack the protection"
        in run(str(folder / "aggregat.csv"), "--area", planted.area, "--lang", "en")["suggested"][
            [s["factor"] for s in doc["suggested"]].index(planted.factor)
        ]["reason"]
    )


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("area,wave,grade,factor,respondents,count\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("n", "shown"), [(9, False), (10, True), (11, True)])
def test_the_edges_of_suppression(tmp_path, n: int, shown: bool) -> None:
    rows = [f"Liten,2024,,family_conflict,{n},3"] + [f"Stor{i},2024,,family_conflict,200,40" for i in range(3)]
    doc = run(str(write(tmp_path / "a.csv", rows)), "--area", "Liten")
    figure = doc["factors"][0]
    assert figure["suppressed"] is (not shown)
    keys = ("respondents", "prevalence", "ci_low", "ci_high", "difference", "affected")
    assert all((figure[k] is None) is (not shown) for k in keys if k != "affected")
    # the hidden area is left out of every other area's benchmark, so comparing benchmarks reveals nothing
    other = run(str(tmp_path / "a.csv"), "--area", "Stor0")["factors"][0]
    expected = 80 / 400 if not shown else (80 + 3) / (400 + n)
    assert other["benchmark_prevalence"] == pytest.approx(expected)


def test_a_table_where_one_grade_is_small(tmp_path) -> None:
    """Without total rows the area is the sum of its grades; a hidden grade makes the total incomplete."""
    rows = ["Norr,2024,7,family_conflict,4,1", "Norr,2024,8,family_conflict,60,12", "Norr,2024,9,family_conflict,50,9"]
    rows += ["Syd,2024,,family_conflict,300,45"]
    doc = run(str(write(tmp_path / "a.csv", rows)), "--area", "Norr")
    figure = doc["factors"][0]
    assert figure["respondents"] == 114 and not figure["incomplete"]
    rows[0] = "Norr,2024,7,family_conflict,,"  # the producer hid the small grade
    doc = run(str(write(tmp_path / "b.csv", rows)), "--area", "Norr")
    assert doc["factors"][0]["respondents"] == 110 and doc["factors"][0]["incomplete"]
    # no output shows a grade: the only per-grade figure is the file's own
    text = CliRunner().invoke(cli, ["prioritise", str(tmp_path / "a.csv"), "--area", "Norr"]).stdout
    assert "114" in text and " 4 " not in text


def test_threshold_below_10_needs_the_flag_and_is_stated_everywhere(synthetic_survey, tmp_path) -> None:
    folder, _ = synthetic_survey
    source = str(folder / "aggregat.csv")
    refused = CliRunner().invoke(cli, ["prioritise", source, "--area", "Delområde 059", "--min-respondents", "5"])
    assert refused.exit_code == 1 and "--allow-below-10" in refused.stderr
    args = [
        "prioritise",
        source,
        "--area",
        "Delområde 059",
        "--min-respondents",
        "5",
        "--allow-below-10",
        "--lang",
        "en",
    ]
    exports = [tmp_path / f"p.{suffix}" for suffix in ("html", "md", "csv", "json", "xlsx")]
    result = CliRunner().invoke(cli, [*args, *[arg for p in exports for arg in ("--export", str(p))]])
    assert result.exit_code == 0, result.output
    assert "lowered to 5" in result.stdout
    for path in exports[:2]:
        assert "lowered to 5" in path.read_text(encoding="utf-8")
    assert json.loads(exports[3].read_text())["suppression_threshold"] == 5


def test_population_gives_young_people_affected(synthetic_survey, taxonomy) -> None:
    folder, made = synthetic_survey
    area = made.standouts[0].area
    doc = run(str(folder / "aggregat.csv"), "--area", area, "--population", str(folder / "befolkning.csv"))
    population = read_population(folder / "befolkning.csv").frame.set_index("area").loc[area, "population"]
    for f in doc["factors"]:
        share = f["prevalence"] if f["kind"] == "risk" else 1 - f["prevalence"]
        assert f["affected"] == round(share * population, -1)


def test_json_contract(synthetic_survey) -> None:
    folder, made = synthetic_survey
    doc = run(str(folder / "aggregat.csv"), "--area", made.standouts[0].area, "--wave", "2023")
    assert {"area", "wave", "benchmark", "suppression_threshold", "factors", "suggested", "schema_version"} <= set(doc)
    assert doc["wave"] == 2023
    keys = {
        "factor",
        "kind",
        "respondents",
        "prevalence",
        "ci_low",
        "ci_high",
        "benchmark_prevalence",
        "difference",
        "stands_out",
        "suppressed",
        "affected",
    }
    assert all(keys <= set(f) for f in doc["factors"])
    assert all({"factor", "weight", "reason"} <= set(s) for s in doc["suggested"])


def test_written_profile_runs_through_plan_unchanged(synthetic_survey, tmp_path) -> None:
    folder, made = synthetic_survey
    area = made.standouts[0].area
    profile = tmp_path / "profil.yaml"
    result = CliRunner().invoke(
        cli, ["prioritise", str(folder / "aggregat.csv"), "--area", area, "--write-profile", str(profile)]
    )
    assert result.exit_code == 0, result.output
    text = profile.read_text(encoding="utf-8")
    assert "survey:" in text and "PÅHITTADE" in text and "ages:" in text
    plan = CliRunner().invoke(cli, ["plan", str(profile), "--format", "json"])
    assert plan.exit_code == 0, plan.output
    doc = json.loads(plan.stdout)
    prioritised = {p["factor"] for p in doc["profile"]["priorities"]}
    assert {p.factor for p in made.standouts if p.area == area} <= prioritised
    again = CliRunner().invoke(
        cli, ["prioritise", str(folder / "aggregat.csv"), "--area", area, "--write-profile", str(profile)]
    )
    assert again.exit_code == 1 and profile.read_text(encoding="utf-8") == text  # never overwritten without --force


def test_unknown_area_and_wave_are_explained(synthetic_survey) -> None:
    folder, _ = synthetic_survey
    result = CliRunner().invoke(
        cli, ["prioritise", str(folder / "aggregat.csv"), "--area", "Delområde 59", "--lang", "en"]
    )
    assert result.exit_code == 1 and "Delområde 059" in result.stderr
    result = CliRunner().invoke(
        cli, ["prioritise", str(folder / "aggregat.csv"), "--area", "Delområde 059", "--wave", "2020", "--lang", "en"]
    )
    assert result.exit_code == 1 and "2019, 2021, 2023, 2025" in result.stderr


def test_hidden_figures_are_hidden_in_every_format(tmp_path) -> None:
    """An area of 9 shows no respondents, share or interval in any format; its row says 'hidden'."""
    rows = ["Liten,2024,,family_conflict,9,7"] + [f"Stor{i},2024,,family_conflict,200,40" for i in range(3)]
    source = write(tmp_path / "a.csv", rows)
    exports = [tmp_path / f"p.{suffix}" for suffix in ("html", "md", "csv", "json", "xlsx")]
    args = ["prioritise", str(source), "--area", "Liten", "--lang", "en"]
    result = CliRunner().invoke(cli, [*args, *[arg for p in exports for arg in ("--export", str(p))]])
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    texts = {p.suffix: p.read_text(encoding="utf-8") for p in exports if p.suffix != ".xlsx"}
    texts[".table"] = result.stdout
    book = load_workbook(exports[-1])
    texts[".xlsx"] = "\n".join(
        " ".join(str(c.value) for c in row if c.value is not None) for s in book.worksheets for row in s.iter_rows()
    )
    for suffix, text in texts.items():
        if suffix == ".json":
            assert json.loads(text)["factors"][0]["prevalence"] is None
            continue
        assert "hidden" in text, suffix
        assert "78 %" not in text and "78%" not in text and "7 of 9" not in text, suffix  # 7/9 = 78 %
        line = next(line for line in text.splitlines() if "Family conflict" in line or "Konflikter" in line)
        assert " 9 " not in f" {line} ".replace(",", " ").replace("|", " "), (suffix, line)


def test_a_benchmark_file(tmp_path) -> None:
    """--benchmark FILE pools that file's areas per wave; a wave it lacks is explained."""
    area = write(tmp_path / "a.csv", ["Norr,2024,,family_conflict,100,40"])
    nation = write(tmp_path / "riket.csv", ["X,2024,,family_conflict,1000,200", "Y,2024,,family_conflict,1000,200"])
    doc = run(str(area), "--area", "Norr", "--benchmark", str(nation))
    figure = doc["factors"][0]
    assert doc["benchmark"]["kind"] == "file" and figure["benchmark_prevalence"] == pytest.approx(0.2)
    assert figure["stands_out"]
    old = write(tmp_path / "gammal.csv", ["X,2020,,family_conflict,1000,200"])
    result = CliRunner().invoke(
        cli, ["prioritise", str(area), "--area", "Norr", "--benchmark", str(old), "--lang", "en"]
    )
    assert result.exit_code == 1 and "no answers from 2024" in result.stderr


def test_csv_and_xlsx_state_the_lowered_threshold_too(synthetic_survey, tmp_path) -> None:
    folder, _ = synthetic_survey
    args = ["prioritise", str(folder / "aggregat.csv"), "--area", "Delområde 059", "--lang", "en"]
    args += ["--min-respondents", "5", "--allow-below-10", "--export", str(tmp_path / "p.xlsx")]
    result = CliRunner().invoke(cli, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "lowered to 5" in result.stdout
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "p.xlsx")
    assert any("lowered to 5" in str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row)


@pytest.mark.parametrize(
    ("column", "steps", "counted"),
    [
        ("grade", range(4, 12), range(6, 12)),  # the made-up survey asks grades 6-11
        ("age", range(8, 21), range(11, 18)),  # grades 6-11 are ages 11-17 in a spring survey
    ],
)
def test_affected_counts_only_the_young_people_the_survey_covers(
    synthetic_survey, taxonomy, tmp_path: Path, column: str, steps: range, counted: range
) -> None:
    """docs/survey.md: per grade, the survey's grades; per age, the ages of those grades."""
    folder, made = synthetic_survey
    aggregates = read_aggregates(folder / "aggregat.csv", taxonomy)
    area = made.standouts[0].area
    rows = aggregates.frame[(aggregates.frame["area"] == area) & aggregates.frame["timing"].notna()]
    assert (int(rows["timing"].min()), int(rows["timing"].max())) == (6, 11)  # the premise
    path = tmp_path / "befolkning.csv"
    path.write_text(f"area,{column},population\n" + "".join(f"{area},{s},{100 + s}\n" for s in steps), "utf-8")
    figures = profile_area(aggregates, taxonomy, area, population=read_population(path))
    people = sum(100 + s for s in counted)
    checked = 0
    for f in figures.factors:
        if f.prevalence is None or np.isnan(f.prevalence):
            continue  # hidden
        share = f.prevalence if f.kind == "risk" else 1 - f.prevalence
        assert f.affected == round(share * people, -1), f.factor
        checked += 1
    assert checked > 10


def figure(factor: str, kind: str, prevalence: float, difference: float, stands_out: bool = False) -> FactorFigure:
    return FactorFigure(
        factor=factor, kind=kind, respondents=100, count=round(100 * prevalence), prevalence=prevalence,
        ci_low=None, ci_high=None, benchmark_prevalence=prevalence - difference, difference=difference,
        diff_low=None, diff_high=None, p_adjusted=0.5, stands_out=stands_out, suppressed=False, incomplete=False,
        affected=None,
    )  # fmt: skip


def test_without_standouts_the_suggestion_takes_the_wrong_side_largest_gap_then_most_affected() -> None:
    """docs/survey.md: fewer than two stand out -> fill up with factors on the unfavourable side, by difference."""
    figures = [
        figure("academic_failure", "risk", 0.30, 0.05),  # worse, gap 0.05
        figure("family_conflict", "risk", 0.40, 0.05),  # worse, same gap, more affected: first
        figure("family_attachment", "protective", 0.60, 0.0),  # exactly the benchmark: not worse
        figure("poor_family_management", "risk", 0.20, -0.10),  # better than the benchmark
        figure("school_opportunities", "protective", 0.50, -0.02),  # fewer protected: worse, smaller gap
    ]
    assert [s.factor for s in suggest_priorities(figures)] == ["family_conflict", "academic_failure"]
    only_small = [figures[2], figures[3], figures[4]]
    assert [s.factor for s in suggest_priorities(only_small)] == ["school_opportunities"]


def test_standouts_are_suggested_by_share_affected_at_most_five() -> None:
    """docs/survey.md: the factors that stand out, most young people affected first, at most five."""
    shares = {"academic_failure": 0.2, "family_conflict": 0.5, "family_attachment": 0.6}
    shares |= {"low_commitment_to_school": 0.3, "early_initiation_of_drug_use": 0.25, "friends_who_use_drugs": 0.45}
    figures = [
        figure(f, "protective" if f == "family_attachment" else "risk", p, 0.1, stands_out=True)
        for f, p in shares.items()
    ]
    figures.append(figure("poor_family_management", "risk", 0.9, 0.3))  # larger, but does not stand out
    suggested = suggest_priorities(figures)
    # family_attachment: 60 % protected, so 40 % lack the protection
    assert [s.factor for s in suggested] == [
        "family_conflict", "friends_who_use_drugs", "family_attachment", "low_commitment_to_school",
        "early_initiation_of_drug_use",
    ]  # fmt: skip
    assert [s.weight for s in suggested] == [50, 45, 40, 30, 25] and all(s.stands_out for s in suggested)
