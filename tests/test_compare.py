"""compare: every area against the rest of the city, exactly as prioritise figures each one; nothing hidden shows."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from areas.compare import CityFigures, area_figures, city_figures, compare
from cli import cli
from inputs.problems import Code, InputError
from inputs.survey_tables import LoadedAggregates, read_aggregates
from inputs.taxonomy import Taxonomy
from survey.prioritise import profile_area

HEADER = "area,wave,grade,factor,respondents,count\n"


@pytest.fixture(scope="module")
def aggregates(synthetic_survey, taxonomy: Taxonomy) -> LoadedAggregates:
    folder, _ = synthetic_survey
    return read_aggregates(folder / "aggregat.csv", taxonomy)


@pytest.fixture(scope="module")
def city(aggregates: LoadedAggregates, taxonomy: Taxonomy) -> CityFigures:
    return city_figures(aggregates, taxonomy, 10)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args], catch_exceptions=False)


def write(tmp_path: Path, rows: str, name: str = "aggregat.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


# --- the figures are prioritise's ------------------------------------------------------------------


def test_every_area_gets_exactly_what_prioritise_gives_it(aggregates, city, taxonomy) -> None:
    hidden = [a for a, name in enumerate(city.areas) if city.hidden[a].any()]
    sample = sorted({*city.areas[::17], city.areas[hidden[0]], "Delområde 016"})
    for area in sample:
        for wave in (None, city.waves[0]):
            assert area_figures(city, area, wave) == profile_area(aggregates, taxonomy, area, wave), (area, wave)


@st.composite
def small_files(draw: st.DrawFn, factor_ids: list[str]) -> pd.DataFrame:
    """A few areas, waves and factors; some totals below the threshold, some factors missing, some grade rows."""
    areas = [f"Område {i}" for i in range(draw(st.integers(2, 5)))]
    waves = [2020, 2022][: draw(st.integers(1, 2))]
    factors = draw(st.lists(st.sampled_from(factor_ids), min_size=1, max_size=4, unique=True))
    rows = []
    for area in areas:
        for wave in waves:
            for factor in factors:
                if draw(st.integers(0, 9)) == 0:
                    continue  # the file lacks this figure
                n = draw(st.integers(0, 80))
                rows.append((area, wave, np.nan, factor, float(n), float(draw(st.integers(0, n)))))
            grade = draw(st.integers(6, 9))
            rows.append((area, wave, float(grade), factors[0], 30.0, 10.0))  # gives the area its grades
    frame = pd.DataFrame(rows, columns=["area", "wave", "timing", "factor", "respondents", "count"])
    frame["row"] = np.arange(2, len(frame) + 2)
    frame["wave"] = frame["wave"].astype("int64")
    return frame


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_area_figures_equal_profile_area_on_any_small_file(data: st.DataObject, taxonomy: Taxonomy) -> None:
    frame = data.draw(small_files(taxonomy.factor_ids))
    loaded = LoadedAggregates(frame, "grade", Path("liten.csv"), "0" * 64, "utf-8", 1)
    city = city_figures(loaded, taxonomy, 10)
    for area in city.areas:
        for wave in city.waves_of(city.area_index(area)):  # type: ignore[arg-type]
            assert area_figures(city, area, wave) == profile_area(loaded, taxonomy, area, wave)


def test_a_hidden_area_is_in_no_benchmark_and_shows_no_figure(tmp_path, taxonomy) -> None:
    path = write(
        tmp_path,
        "Norr,2024,,family_conflict,100,20\nSöder,2024,,family_conflict,100,40\nLilla,2024,,family_conflict,5,5\n",
    )
    city = city_figures(read_aggregates(path, taxonomy), taxonomy, 10)
    north, south, small = (city.area_index(a) for a in ("Norr", "Söder", "Lilla"))
    assert city.benchmark[north, 0, 0] == pytest.approx(0.4)  # Söder only
    assert city.benchmark[south, 0, 0] == pytest.approx(0.2)  # Norr only
    assert city.benchmark[small, 0, 0] == pytest.approx(0.3)  # the shown areas, never itself
    assert np.isnan(city.prevalence[small, 0, 0]) and np.isnan(city.respondents[small, 0, 0])
    document = json.loads(run("compare", str(path), "--format", "json").stdout)
    lilla = next(a for a in document["areas"] if a["area"] == "Lilla")["factors"][0]
    numbers = ("respondents", "prevalence", "ci_low", "ci_high", "difference", "difference_ci_low", "p_adjusted")
    assert lilla["suppressed"] and all(lilla[key] is None for key in numbers)
    assert '"5"' not in run("compare", str(path), "--format", "csv").stdout


# --- the command ------------------------------------------------------------------------------


def test_the_screen_shows_what_stands_out_and_says_how_to_get_the_whole_table(synthetic_survey, city) -> None:
    folder, _ = synthetic_survey
    result = run("compare", str(folder / "aggregat.csv"), "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "The whole table (areas × all 38 factors)" in out and "--export comparison.html" in out
    assert all(area in out for area in city.areas if city.present[city.area_index(area), -1].any())
    # an area with seven standouts lists every one, with its share and difference
    row = list(city.areas).index("Delområde 016")
    assert int(city.stands_out[row, -1].sum()) == 7
    # every standout once, and the legend line naming each mark once
    assert out.count("▲") + out.count("▼") == int(city.stands_out[:, -1].sum()) + 2


def test_chosen_factors_and_areas_are_the_columns_and_rows(synthetic_survey, city) -> None:
    folder, _ = synthetic_survey
    args = [
        "compare",
        str(folder / "aggregat.csv"),
        "--factor",
        "Konflikter i familjen",
        "--factor",
        "academic_failure",
    ]
    result = run(*args, "--area", "Delområde 016", "--area", "Delområde 013")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("Område "))
    assert "Konflikter i familjen" in header and "Svaga skolresultat" in header
    rows = [line for line in lines if line.startswith("Delområde")]
    assert [r.split("  ")[0] for r in rows] == ["Delområde 016", "Delområde 013"]
    assert rows[1].split()[2:] == ["dold", "dold"]  # every figure of 013 is hidden
    assert "Faktorer som visas: 2 av 38" in result.stdout


def test_json_holds_prioritise_figures_for_every_area(synthetic_survey, aggregates, taxonomy) -> None:
    folder, _ = synthetic_survey
    document = json.loads(run("compare", str(folder / "aggregat.csv"), "--format", "json", "--wave", "2021").stdout)
    assert document["wave"] == 2021 and len(document["factors"]) == 38
    by_area = {a["area"]: a for a in document["areas"]}
    for area in ("Delområde 016", "Delområde 059"):
        expected = profile_area(aggregates, taxonomy, area, 2021)
        got = {f["factor"]: f for f in by_area[area]["factors"]}
        for figure in expected.factors:
            row = got[figure.factor]
            assert (row["prevalence"], row["difference"], row["p_adjusted"], row["stands_out"]) == (
                figure.prevalence,
                figure.difference,
                figure.p_adjusted,
                figure.stands_out,
            )
        assert by_area[area]["stands_out_on"] == [f.factor for f in expected.factors if f.stands_out]


def test_every_export_format_and_no_overwrite(synthetic_survey, tmp_path, city) -> None:
    folder, _ = synthetic_survey
    targets = [tmp_path / f"jamforelse.{suffix}" for suffix in ("html", "xlsx", "csv", "md", "json")]
    args = ["compare", str(folder / "aggregat.csv")] + [x for t in targets for x in ("--export", str(t))]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert all(t.exists() for t in targets)
    html = targets[0].read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert html.count('class="hidden"') == int((city.present & city.hidden)[:, -1].sum())
    csv_rows = pd.read_csv(io.StringIO(targets[2].read_text(encoding="utf-8")))
    hidden = csv_rows[csv_rows["Dold"] == "ja"]
    assert len(hidden) and hidden[["Svarande", "Andel (%)", "Skillnad (procentenheter)"]].isna().all().all()
    markdown = targets[3].read_text(encoding="utf-8")
    assert markdown.count("\n| Delområde") == len(json.loads(targets[4].read_text(encoding="utf-8"))["areas"])

    from openpyxl import load_workbook

    sheet = load_workbook(targets[1]).worksheets[0]
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row[1:]]
    assert "dold" in values and all(
        isinstance(v, (int, float)) and 0 <= v <= 1 for v in values if v not in ("dold", "-")
    )

    before = targets[0].read_bytes()
    again = run(*args[:2], "--export", str(targets[0]), "--wave", "2019")
    assert again.exit_code == 1 and "--force" in again.stderr and targets[0].read_bytes() == before


def test_text_from_the_file_is_escaped_in_html(tmp_path) -> None:
    rows = "<b>Norr</b>,2024,,family_conflict,100,20\nSöder,2024,,family_conflict,100,40\n"
    out = tmp_path / "j.html"
    result = run("compare", str(write(tmp_path, rows)), "--export", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<b>Norr" not in html and "&lt;b&gt;Norr&lt;/b&gt;" in html


def test_mistakes_are_explained(synthetic_survey, city) -> None:
    path = str(synthetic_survey[0] / "aggregat.csv")
    wave = run("compare", path, "--wave", "2030", "--lang", "en")
    assert wave.exit_code == 1 and "Choose one of the waves: 2019, 2021, 2023, 2025" in wave.stderr
    area = run("compare", path, "--area", "Delomrade 016", "--lang", "en")
    assert area.exit_code == 1 and "Delområde 016" in area.stderr
    factor = run("compare", path, "--factor", "no_such_factor")
    assert factor.exit_code == 1 and "no_such_factor" in factor.stderr
    suffix = run("compare", path, "--export", "x.docx", "--lang", "en")
    assert suffix.exit_code == 1 and ".docx" in suffix.stderr
    with pytest.raises(InputError) as caught:
        compare(city, factors=["religiosity", "not_in_file"])
    assert [p.code for p in caught.value.problems] == [Code.COMPARE_FACTOR_NOT_IN_FILE]


def test_areas_without_answers_in_the_wave_are_named(tmp_path, taxonomy) -> None:
    rows = "Norr,2022,,family_conflict,100,20\nNorr,2024,,family_conflict,100,20\nSöder,2024,,family_conflict,90,40\n"
    rows += "Väster,2022,,family_conflict,100,30\n"
    city = city_figures(read_aggregates(write(tmp_path, rows), taxonomy), taxonomy, 10)
    latest = compare(city)
    assert latest.wave == 2024 and latest.area_names == ["Norr", "Söder"] and latest.absent == ["Väster"]
    with pytest.raises(InputError) as caught:
        compare(city, areas=["Väster"])
    assert caught.value.problems[0].code == Code.SURVEY_NO_WAVE


def test_an_area_asked_only_some_factors_in_a_wave_is_still_compared(tmp_path, taxonomy) -> None:
    """Only an area with no answers at all in the wave is refused; missing factors are gaps in its row."""
    rows = "Norr,2024,,family_conflict,100,20\nNorr,2024,,academic_failure,100,30\n"
    rows += "Söder,2024,,family_conflict,90,40\n"  # no academic_failure answers in Söder
    city = city_figures(read_aggregates(write(tmp_path, rows), taxonomy), taxonomy, 10)
    chosen = compare(city, areas=["Söder"])
    assert chosen.area_names == ["Söder"]
