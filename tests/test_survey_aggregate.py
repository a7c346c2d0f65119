"""Responses -> aggregates -> area figures agree with the same figures computed directly, row by row."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from cli import cli
from inputs.codebook import Codebook, read_codebook
from inputs.survey_tables import read_aggregates
from inputs.taxonomy import Taxonomy
from survey.synth import EXAMPLE_CODEBOOK

CODEBOOK = EXAMPLE_CODEBOOK


Cell = tuple[str, int, int, str]


def direct_counts(responses: pd.DataFrame, codebook: Codebook, taxonomy: Taxonomy) -> dict[Cell, tuple[int, int]]:
    """(area, wave, grade, factor) -> (respondents, count), one pupil at a time, with no shared code."""
    out: dict[Cell, list[int]] = {}
    low, high = codebook.answers.min, codebook.answers.max
    for _, pupil in responses.iterrows():
        for scale in codebook.scales:
            answered = []
            for item in scale.items:
                value = pupil[item]
                if pd.isna(value) or not (low <= value <= high) or value != int(value):
                    continue
                answered.append(low + high - value if item in scale.reverse else value)
            if len(answered) < scale.min_answered:
                continue
            score = sum(answered) / len(answered)
            risk = taxonomy.factors_by_id[scale.factor].kind == "risk"
            past = score > scale.cut_point if risk else score >= scale.cut_point
            key = (pupil["omrade"], int(pupil["ar"]), int(pupil["arskurs"]), scale.factor)
            cell = out.setdefault(key, [0, 0])
            cell[0] += 1
            cell[1] += int(past)
    return {k: (v[0], v[1]) for k, v in out.items()}


@pytest.fixture(scope="module")
def small_survey(synthetic_survey, tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """Three areas of the made-up survey as a respondent file of their own."""
    _, made = synthetic_survey
    responses = made.responses
    picked = responses[responses["omrade"].isin(["Delområde 001", "Delområde 002", "Delområde 018"])]
    path = tmp_path_factory.mktemp("small") / "svar.csv"
    picked.to_csv(path, index=False)
    return path, picked


def test_aggregates_equal_the_direct_count(small_survey, taxonomy, tmp_path) -> None:
    path, responses = small_survey
    codebook = read_codebook(CODEBOOK)
    expected = direct_counts(responses, codebook, taxonomy)
    out = tmp_path / "aggregat.csv"
    result = CliRunner().invoke(cli, ["survey", "aggregate", str(path), "--codebook", str(CODEBOOK), "--out", str(out)])
    assert result.exit_code == 0, result.output
    loaded = read_aggregates(out, taxonomy).frame
    grades = loaded[loaded["timing"].notna()]
    shown = grades[grades["respondents"].notna()]
    assert len(shown) > 100  # most grade cells of these areas are large enough to show
    for area, wave, grade, factor, n, count in shown[
        ["area", "wave", "timing", "factor", "respondents", "count"]
    ].itertuples(index=False):
        assert expected[(area, int(wave), int(grade), factor)] == (n, count)
    totals = loaded[loaded["timing"].isna() & loaded["respondents"].notna()]
    for area, wave, factor, n, count in totals[["area", "wave", "factor", "respondents", "count"]].itertuples(
        index=False
    ):
        cells = [v for k, v in expected.items() if k[0] == area and k[1] == wave and k[3] == factor]
        assert (n, count) == (sum(c[0] for c in cells), sum(c[1] for c in cells))
    # nothing below 10 is written, and a hidden grade can never be worked out from the total
    written = loaded["respondents"].dropna()
    assert ((written >= 10) | (written == 0)).all()
    for _, group in loaded.groupby(["area", "wave", "factor"]):
        hidden = group["timing"].notna() & group["respondents"].isna()
        total_shown = group.loc[group["timing"].isna(), "respondents"].notna().all()
        if total_shown and hidden.any():
            key = group.iloc[0]
            sizes = [
                expected.get((key.area, key.wave, int(g), key.factor), (0, 0))[0] for g in group.loc[hidden, "timing"]
            ]
            assert hidden.sum() >= 2 and sum(sizes) >= 10


def test_area_figures_equal_the_direct_share(synthetic_survey, taxonomy) -> None:
    """prioritise's share and benchmark for an area are the pupils' own, counted directly."""
    folder, made = synthetic_survey
    area, factor, wave = "Delområde 059", "family_conflict", 2025
    doc = json.loads(
        CliRunner().invoke(cli, ["prioritise", str(folder / "aggregat.csv"), "--area", area, "--format", "json"]).stdout
    )
    figure = next(f for f in doc["factors"] if f["factor"] == factor)
    codebook = read_codebook(CODEBOOK)
    scale = next(s for s in codebook.scales if s.factor == factor)
    pupils = made.responses[made.responses["ar"] == wave]
    answers = pupils[scale.items].where((pupils[scale.items] >= 1) & (pupils[scale.items] <= 4))
    for item in scale.reverse:
        answers[item] = 5 - answers[item]
    valid = answers.notna().sum(axis=1) >= scale.min_answered
    past = valid & (answers.mean(axis=1) > scale.cut_point)
    mine = pupils["omrade"] == area
    assert figure["respondents"] == int((valid & mine).sum())
    assert figure["prevalence"] == pytest.approx(past[mine].sum() / valid[mine].sum())
    # the benchmark: every other area whose own total is shown (10 or more with a valid score)
    per_area = pd.DataFrame({"area": pupils["omrade"], "valid": valid, "past": past}).groupby("area").sum()
    others = per_area[(per_area.index != area) & (per_area["valid"] >= 10)]
    assert figure["benchmark_prevalence"] == pytest.approx(others["past"].sum() / others["valid"].sum())


def test_swedish_excel_aggregates_are_read(tmp_path, taxonomy) -> None:
    text = (
        "Resultat per område;;;;;\n\nOmråde;År;Årskurs;Faktor;Svarande;Antal\n"
        "Norr;2024;;Konflikter i familjen;120;30\nNorr;2024;9;Konflikter i familjen;60;14\n"
    )
    path = tmp_path / "agg.csv"
    path.write_bytes(text.encode("cp1252"))
    loaded = read_aggregates(path, taxonomy)
    assert loaded.encoding == "windows-1252" and loaded.header_row == 3
    assert loaded.frame["factor"].tolist() == ["family_conflict", "family_conflict"]
    assert np.isnan(loaded.frame["timing"].iloc[0]) and loaded.frame["timing"].iloc[1] == 9


@pytest.mark.parametrize(
    ("row", "needle"),
    [
        ("Norr,2024,9,family_conflict,20,30", "larger than the respondents"),
        ("Norr,2024,9,familj_konflikt,20,3", "not a known factor"),
        ("Norr,20x4,9,family_conflict,20,3", "not a whole number"),
        ("Norr,2024,9,family_conflict,,3", "both be given"),
        (",2024,9,family_conflict,20,3", "is empty"),
    ],
)
def test_bad_aggregate_rows_are_named(tmp_path, row: str, needle: str) -> None:
    path = tmp_path / "agg.csv"
    path.write_text("area,wave,grade,factor,respondents,count\nNorr,2024,8,family_conflict,20,3\n" + row + "\n")
    result = CliRunner().invoke(cli, ["prioritise", str(path), "--area", "Norr", "--lang", "en"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "row 3" in result.stderr and needle in result.stderr


def test_missing_items_and_missing_spss_reader_are_explained(tmp_path, monkeypatch) -> None:
    path = tmp_path / "svar.csv"
    path.write_text("omrade,ar,arskurs,lna1\nNorr,2024,8,3\n")
    result = CliRunner().invoke(
        cli,
        [
            "survey",
            "aggregate",
            str(path),
            "--codebook",
            str(CODEBOOK),
            "--out",
            str(tmp_path / "a.csv"),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1 and "missing from the response file" in result.stderr
    import builtins

    real_import = builtins.__import__

    def no_pyreadstat(name, *args, **kwargs):
        if name == "pyreadstat":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyreadstat)
    sav = tmp_path / "svar.sav"
    sav.write_bytes(b"not really spss")
    result = CliRunner().invoke(
        cli,
        [
            "survey",
            "aggregate",
            str(sav),
            "--codebook",
            str(CODEBOOK),
            "--out",
            str(tmp_path / "b.csv"),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1 and "insatsval[spss]" in result.stderr


def test_spss_files_are_read_when_pyreadstat_is_there(small_survey, tmp_path, taxonomy) -> None:
    pyreadstat = pytest.importorskip("pyreadstat")
    _, responses = small_survey
    sav = tmp_path / "svar.sav"
    pyreadstat.write_sav(responses.reset_index(drop=True), str(sav))
    out_sav, out_csv = tmp_path / "a.csv", tmp_path / "b.csv"
    csv_path = tmp_path / "svar.csv"
    responses.to_csv(csv_path, index=False)
    for source, out in ((sav, out_sav), (csv_path, out_csv)):
        result = CliRunner().invoke(
            cli, ["survey", "aggregate", str(source), "--codebook", str(CODEBOOK), "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
    assert out_sav.read_text() == out_csv.read_text()
