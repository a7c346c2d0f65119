"""batch: every area at once gives each area exactly what plan, recommend and gaps give it alone."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from areas.batch import RESERVED, file_stems, safe_stem, top_programmes
from catalog.catalogue import Catalogue
from cli import cli
from inputs.evidence_scale import TIER_ORDER
from inputs.profile import AreaProfile
from inputs.settings import Settings
from inputs.vocabulary import DOMAINS, LEVELS
from recommender.ranking import recommend
from tests.builders import EXAMPLES, make_profile, make_programme

#: The areas of the small run: one whose every figure is hidden (013), and some that stand out.
SUBSET = ("Delområde 006", "Delområde 013", "Delområde 014", "Delområde 016", "Delområde 059", "Delområde 135")
HEADER = "area,wave,grade,factor,respondents,count\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args], catch_exceptions=False)


def area_files(folder: Path, suffix: str = ".json") -> list[Path]:
    return sorted(p for p in folder.glob(f"*{suffix}") if p.stem != "summary")


@pytest.fixture(scope="module")
def subset(synthetic_survey, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    """A small aggregate file of six areas and the batch run over it (json)."""
    folder, _ = synthetic_survey
    lines = (folder / "aggregat.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line.startswith(("#", "area,")) or line.startswith(SUBSET)]
    work = tmp_path_factory.mktemp("batch")
    aggregates = work / "sex-omraden.csv"
    aggregates.write_text("".join(kept), encoding="utf-8")
    out = work / "ut"
    return aggregates, out, run("batch", str(aggregates), "--out", str(out))


def test_each_file_is_what_plan_prints_for_that_area(subset) -> None:
    _, out, result = subset
    assert result.exit_code == 0, result.output
    files = area_files(out)
    assert [f.stem for f in files] == [a for a in SUBSET if a != "Delområde 013"]
    for path in files:
        profile = out / "profiles" / f"{path.stem}.yaml"
        alone = run("plan", str(profile), "--format", "json", "--top", "5")
        assert alone.exit_code == 0, alone.output
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(alone.stdout), path.name


def test_each_area_gets_what_recommend_and_gaps_give_it_alone(subset) -> None:
    _, out, _ = subset
    for path in area_files(out):
        written = json.loads(path.read_text(encoding="utf-8"))
        profile = str(out / "profiles" / f"{path.stem}.yaml")
        recommended = json.loads(run("recommend", profile, "--format", "json", "--top", "5").stdout)
        gaps = json.loads(run("gaps", profile, "--format", "json").stdout)
        for key in ("recommendations", "excluded", "eligible", "fit", "in_place"):
            assert written[key] == recommended[key], (path.name, key)
        for key in ("gaps", "coverage_by_level", "resources", "profile", "inventory"):
            assert written[key] == gaps[key], (path.name, key)


def test_each_profile_is_what_prioritise_writes(subset, tmp_path) -> None:
    aggregates, out, _ = subset
    for path in area_files(out):
        mine = tmp_path / f"{path.stem}.yaml"
        result = run("prioritise", str(aggregates), "--area", path.stem, "--write-profile", str(mine))
        assert result.exit_code == 0, result.output
        assert (out / "profiles" / f"{path.stem}.yaml").read_bytes() == mine.read_bytes()


def test_the_summary_counts_what_the_files_hold(subset) -> None:
    _, out, result = subset
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in area_files(out)]
    names = [p.stem for p in area_files(out)]
    assert [a["area"] for a in summary["areas"]] == names and summary["top_k"] == 5
    in_top: dict[str, list[str]] = {}
    for name, document in zip(names, documents, strict=True):
        for rec in document["recommendations"][:5]:
            in_top.setdefault(rec["id"], []).append(name)
    assert {p["id"]: p["areas"] for p in summary["programmes"]} == in_top
    for factor in summary["factors"]:
        prioritising = [n for n, d in zip(names, documents, strict=True)
                        if factor["factor"] in {p["factor"] for p in d["priorities"]}]  # fmt: skip
        # without an inventory plan lists no gap table: the gap analysis counts every prioritised factor as a gap
        assert all(d["inventory"] is None and d["gaps"] == [] for d in documents)
        assert (factor["prioritising"], factor["with_gap"]) == (prioritising, prioritising)
    assert summary["skipped"] == [{"area": "Delområde 013", "reason": "no_suggestion"}]
    # no inventory from aggregates: the summary says so, in both languages
    assert all(not a["inventory"] for a in summary["areas"])
    assert "5 of 5 areas have no resource inventory" in " ".join(summary["notes"]["en"])
    assert "Delområde 013" in result.stdout and "ingen resursinventering" in result.stdout


def test_nothing_is_overwritten_without_force(subset) -> None:
    aggregates, out, _ = subset
    before = (out / "summary.json").read_bytes()
    again = run("batch", str(aggregates), "--out", str(out), "--top", "3")
    assert again.exit_code == 1 and "--force" in again.stderr
    assert (out / "summary.json").read_bytes() == before
    assert run("batch", str(aggregates), "--out", str(out / "summary.json")).exit_code == 2  # a file, not a folder


def test_csv_and_xlsx_files_are_what_plan_writes(subset, tmp_path) -> None:
    aggregates, _, _ = subset
    out = tmp_path / "csv"
    result = run("batch", str(aggregates), "--out", str(out), "--format", "csv", "--top", "4", "--lang", "en")
    assert result.exit_code == 0, result.output
    for path in area_files(out, ".csv"):
        alone = run(
            "plan", str(out / "profiles" / f"{path.stem}.yaml"), "--format", "csv", "--top", "4", "--lang", "en"
        )
        assert path.read_text(encoding="utf-8") == alone.stdout
    assert (out / "summary.csv").read_text(encoding="utf-8").startswith("What,Id,Name,Areas with it among the first 4")

    from openpyxl import load_workbook

    out = tmp_path / "xlsx"
    assert run("batch", str(aggregates), "--out", str(out), "--format", "xlsx").exit_code == 0
    first = area_files(out, ".xlsx")[0]
    mine = tmp_path / "plan.xlsx"
    run("plan", str(out / "profiles" / f"{first.stem}.yaml"), "--top", "5", "--export", str(mine))

    def cells(path: Path) -> list[list[object]]:
        """Every cell's value, except the time the workbook was made (the "Skapad" row of its About sheet)."""
        book = load_workbook(io.BytesIO(path.read_bytes()))
        sheets: list[list[object]] = [[c.value for row in sheet.iter_rows() for c in row] for sheet in book.worksheets]
        for values in sheets:
            for i in [i + 1 for i, v in enumerate(values[:-1]) if v == "Skapad"]:
                values[i] = "(time)"
        return sheets

    assert cells(first) == cells(mine)
    assert load_workbook(out / "summary.xlsx").sheetnames == ["Program", "Faktorer", "Om körningen"]


def test_a_folder_of_profiles_uses_each_ones_inventory(tmp_path) -> None:
    folder = tmp_path / "profiler"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("survey", "*.py"))
    out = tmp_path / "ut"
    result = run("batch", str(folder), "--out", str(out), "--top", "6")
    assert result.exit_code == 0, result.output
    # the inventory the family profile names is not taken for a profile
    assert [p.stem for p in area_files(out)] == ["alkohol-13-20", "familj-10-15", "skola-6-12"]
    for path in area_files(out):
        alone = run("plan", str(folder / f"{path.stem}.yaml"), "--format", "json", "--top", "6")
        assert path.read_text(encoding="utf-8") == alone.stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [a["inventory"] for a in summary["areas"]] == [False, True, False]


def test_every_broken_profile_is_reported_at_once(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("area: A\nages: {min: 10, max: 12}\npriorities: []\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("area: B\nages: {min: 10, max: 99}\npriorities: [{factor: family_conflict}]\n",
                                    encoding="utf-8")  # fmt: skip
    result = run("batch", str(tmp_path), "--out", str(tmp_path / "ut"))
    assert result.exit_code == 1 and "a.yaml" in result.stderr and "b.yml" in result.stderr
    assert not (tmp_path / "ut").exists()
    empty = tmp_path / "tom"
    empty.mkdir()
    assert "inga områdesprofiler" in run("batch", str(empty), "--out", str(tmp_path / "ut")).stderr


def test_areas_without_a_suggestion_are_named_and_a_run_without_any_refused(tmp_path) -> None:
    rows = "".join(f"{a},2024,,family_conflict,100,20\n" for a in ("Norr", "Söder", "Väster"))
    flat = tmp_path / "lika.csv"
    flat.write_text(HEADER + rows, encoding="utf-8")
    refused = run("batch", str(flat), "--out", str(tmp_path / "a"), "--lang", "en")
    assert refused.exit_code == 1 and "no area got any suggested priorities" in refused.stderr
    wave = run("batch", str(flat), "--out", str(tmp_path / "a"), "--wave", "2030", "--lang", "en")
    assert wave.exit_code == 1 and "no answers from 2030. Choose one of the waves: 2024" in wave.stderr
    mixed = tmp_path / "olika.csv"
    mixed.write_text(HEADER + rows + "Öster,2024,,family_conflict,100,45\nLilla,2024,,family_conflict,4,2\n")
    result = run("batch", str(mixed), "--out", str(tmp_path / "b"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert [p.stem for p in area_files(tmp_path / "b")] == ["Öster"]
    assert "4 areas got no suggested priorities" in result.stdout and "Lilla, Norr, Söder, Väster" in result.stdout


def test_a_wave_for_every_area_or_each_areas_latest(tmp_path) -> None:
    rows = "Norr,2022,,family_conflict,100,20\nNorr,2024,,family_conflict,100,20\nSöder,2024,,family_conflict,100,45\n"
    path = tmp_path / "vagor.csv"
    path.write_text(HEADER + rows + "Gammal,2022,,family_conflict,100,60\n", encoding="utf-8")
    assert run("batch", str(path), "--out", str(tmp_path / "senaste")).exit_code == 0
    assert [p.stem for p in area_files(tmp_path / "senaste")] == ["Gammal", "Söder"]
    assert run("batch", str(path), "--out", str(tmp_path / "v2024"), "--wave", "2024").exit_code == 0
    summary = json.loads((tmp_path / "v2024" / "summary.json").read_text(encoding="utf-8"))
    assert [a["area"] for a in summary["areas"]] == ["Söder"]
    assert summary["skipped"] == [{"area": "Gammal", "reason": "no_wave"}, {"area": "Norr", "reason": "no_suggestion"}]


# --- the vectorised pass is each area's own ranking ---------------------------------------------------


def test_all_areas_at_once(synthetic_survey, tmp_path) -> None:
    """The whole made-up city: the summary's vectorised top k is every area's own top k."""
    folder, _ = synthetic_survey
    out = tmp_path / "alla"
    result = run("batch", str(folder / "aggregat.csv"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Områden" in result.stderr and not result.stdout.startswith("Områden")  # the progress bar's label
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["areas"]) + len(summary["skipped"]) == 136 and len(summary["areas"]) > 120
    in_top: dict[str, list[str]] = {}
    for path in area_files(out):
        for rec in json.loads(path.read_text(encoding="utf-8"))["recommendations"]:
            in_top.setdefault(rec["id"], []).append(path.stem)
    assert {p["id"]: p["areas"] for p in summary["programmes"]} == in_top
    assert all(p["areas_in_top_k"] == len(p["areas"]) for p in summary["programmes"])


@st.composite
def areas(draw: st.DrawFn, factor_ids: list[str], n_bands: int) -> tuple[AreaProfile, np.ndarray | None]:
    lo = draw(st.integers(0, 24))
    hi = draw(st.integers(lo, 24))
    factors = draw(st.lists(st.sampled_from(factor_ids), min_size=1, max_size=6, unique=True))
    profile = make_profile(
        factors=factors,
        ages=(lo, hi),
        levels=draw(st.lists(st.sampled_from(LEVELS), min_size=1, max_size=3, unique=True)),
        domains=draw(st.lists(st.sampled_from(DOMAINS), min_size=1, max_size=4, unique=True)),
        weights=draw(st.lists(st.none() | st.floats(0.1, 10), min_size=len(factors), max_size=len(factors))),
    )
    covered = draw(st.none() | st.sampled_from([0.0, 0.3, 1.0]))  # None: no inventory
    uncovered = None
    if covered is not None:
        seed = draw(st.integers(0, 2**16))
        uncovered = np.random.default_rng(seed).choice([0.0, 1.0 - covered, 1.0], (len(factor_ids), n_bands))
    return profile, uncovered


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_top_programmes_are_recommends_top_k(data: st.DataObject, catalogue: Catalogue) -> None:
    taxonomy = catalogue.taxonomy
    drawn = data.draw(st.lists(areas(taxonomy.factor_ids, len(taxonomy.band_ids)), min_size=1, max_size=6))
    ids = [p.id for p in catalogue.programmes]
    running = [set(data.draw(st.lists(st.sampled_from(ids), max_size=4))) if u is not None else set()
               for _, u in drawn]  # fmt: skip
    k = data.draw(st.integers(1, 12))
    top = top_programmes(catalogue, [p for p, _ in drawn], Settings(), k, [u for _, u in drawn], running)
    for row, ((profile, uncovered), in_place) in enumerate(zip(drawn, running, strict=True)):
        alone = recommend(catalogue, profile, Settings(), uncovered=uncovered, in_place=in_place, top=k)
        assert [ids[p] for p in top[row] if p >= 0] == [r.programme.id for r in alone.recommendations]


TIE_FACTORS = ("family_conflict", "academic_failure", "poor_family_management")
RATINGS = (
    (("blueprints", "Model"),),
    (("blueprints", "Promising"),),
    (("eif", "Level 2"),),
    (("eif", "NE"),),  # no effect found: its own group, last
    (("crimesolutions", "Negative Effects"),),  # harmful: never recommended
)


@st.composite
def tied_catalogues(draw: st.DrawFn, build: Callable[..., Catalogue]) -> Catalogue:
    """Programmes from a small grid of tags, ages, levels and ratings, so that scores tie often."""
    programmes = []
    for i in range(draw(st.integers(3, 12))):
        tags = draw(st.lists(st.sampled_from(TIE_FACTORS), min_size=1, max_size=3, unique=True))
        programmes.append(
            make_programme(
                f"p{draw(st.integers(0, 99)):02d}_{i}",
                factors=[(f, draw(st.sampled_from(["listed", "mapped"]))) for f in tags],
                ages=draw(st.sampled_from([(6, 12), (10, 15), (13, 18)])),
                levels=draw(st.sampled_from([["universal"], ["selective"], ["universal", "selective"]])),
                domains=draw(st.sampled_from([["family"], ["school"], ["family", "school"]])),
                ratings=draw(st.sampled_from(RATINGS)),
            )
        )
    return build(*programmes)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_ties_groups_and_programmes_in_place_are_ranked_as_recommend_ranks_them(
    data: st.DataObject, build_catalogue, taxonomy
) -> None:
    catalogue = data.draw(tied_catalogues(build_catalogue))
    multipliers = sorted(data.draw(st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=6, max_size=6)))[::-1]
    mapped = data.draw(st.sampled_from([0.0, 0.5]))
    weights = Settings.model_validate(
        {
            "evidence": dict(zip(TIER_ORDER, multipliers, strict=True)),
            "targeting": {"listed": 1.0, "mapped": mapped},
            "fit_bonus": data.draw(st.sampled_from([0.0, 0.2])),
        }
    )
    profiles, uncovered, running = [], [], []
    ids = [p.id for p in catalogue.programmes]
    for _ in range(data.draw(st.integers(1, 4))):
        lo = data.draw(st.integers(5, 16))
        factors = data.draw(
            st.lists(st.sampled_from([*TIE_FACTORS, "religiosity"]), min_size=1, max_size=3, unique=True)
        )
        profiles.append(
            make_profile(
                factors=factors,
                ages=(lo, data.draw(st.integers(lo, 18))),
                levels=data.draw(st.sampled_from([["universal"], ["selective"], ["universal", "selective"]])),
                domains=data.draw(st.sampled_from([["family"], ["school"], ["family", "school"]])),
            )
        )
        inventory = data.draw(st.booleans())
        shape = (len(taxonomy.factor_ids), len(taxonomy.band_ids))
        uncovered.append(np.full(shape, data.draw(st.sampled_from([0.0, 0.5, 1.0]))) if inventory else None)
        running.append(set(data.draw(st.lists(st.sampled_from(ids), max_size=3))) if inventory else set())
    k = data.draw(st.integers(1, len(ids)))
    top = top_programmes(catalogue, profiles, weights, k, uncovered, running)
    for row, profile in enumerate(profiles):
        alone = recommend(catalogue, profile, weights, uncovered=uncovered[row], in_place=running[row], top=k)
        assert [ids[p] for p in top[row] if p >= 0] == [r.programme.id for r in alone.recommendations]


def test_the_tie_breaks_are_recommends(build_catalogue) -> None:
    """Equal scores: the better tier first, then more prioritised factors matched, then the id."""
    catalogue = build_catalogue(
        make_programme("d_same"),  # not in id order: the id decides, not the catalogue's order
        make_programme("a_good", ratings=(("blueprints", "Promising"),)),
        make_programme("c_two_factors", factors=["family_conflict", ("academic_failure", "mapped")]),
        make_programme("b_established"),
    )
    equal = {"established": 1.0, "good": 1.0, "preliminary": 0.5, "insufficient": 0.2, "no_effect": 0.1, "harmful": 0}
    weights = Settings.model_validate({"evidence": equal, "targeting": {"listed": 1.0, "mapped": 0.0}})
    profile = make_profile(factors=["family_conflict", "academic_failure"], levels=["universal"], domains=["family"])
    alone = [r.programme.id for r in recommend(catalogue, profile, weights).recommendations]
    assert alone == ["c_two_factors", "b_established", "d_same", "a_good"]
    ids = [p.id for p in catalogue.programmes]
    assert [ids[p] for p in top_programmes(catalogue, [profile], weights, 4)[0]] == alone


# --- file names ---------------------------------------------------------------------------------


def test_file_names_from_area_names() -> None:
    assert safe_stem("Delområde 059") == "Delområde 059"
    assert safe_stem("Norr/Söder") == "Norr_Söder" and safe_stem("..\\x") == "_x"
    assert safe_stem("CON") == "CON_" and safe_stem(" . ") == "_"
    assert file_stems(["Norr", "norr", "NORR", "summary", "a:b", "a?b"]) == [
        "Norr",
        "norr-2",
        "NORR-3",
        "summary-2",
        "a_b",
        "a_b-2",
    ]


@given(st.lists(st.text(max_size=300), max_size=20))
def test_file_names_are_safe_and_distinct(names: list[str]) -> None:
    stems = file_stems(names)
    assert len({s.lower() for s in stems}) == len(stems) == len(names)
    for stem in stems:
        assert stem and "/" not in stem and "\\" not in stem and "\x00" not in stem
        assert stem.lower() not in RESERVED and len((stem + ".json").encode("utf-8")) <= 255
        assert stem not in (".", "..") and not stem.startswith(" ")
