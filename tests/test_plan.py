"""Recommendations that fill gaps: they change as resources are added."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief import build_brief
from catalog.catalogue import Catalogue
from cli import cli
from inputs.problems import Code, InputError
from inputs.profile import load_profile
from inputs.taxonomy import Taxonomy
from tests.builders import EXAMPLES

AS_OF = dt.date(2026, 11, 27)
PROFILE = """\
area: Test
ages: {min: 10, max: 15}
levels: [universal]
domains: [family]
priorities:
  - factor: poor_family_management
  - factor: parental_attitudes_favourable_to_drug_use
"""


def setup(folder: Path, resources: str | None) -> Path:
    folder.mkdir(exist_ok=True)
    tmp_path = folder
    profile = tmp_path / "p.yaml"
    text = PROFILE
    if resources is not None:
        (tmp_path / "inv.yaml").write_text("resources:\n" + resources, encoding="utf-8")
        text += "resources: inv.yaml\n"
    profile.write_text(text, encoding="utf-8")
    return profile


def plan_for(path: Path, catalogue: Catalogue, taxonomy: Taxonomy):
    return build_brief(catalogue, load_profile(path, taxonomy), as_of=AS_OF)


def scores(plan) -> dict[str, float]:
    return {r.programme.id: r.score for r in plan.recommendations.recommendations}


def test_covering_a_factor_lowers_programmes_that_target_only_it(tmp_path: Path, catalogue, taxonomy) -> None:
    before = plan_for(setup(tmp_path / "a", None), catalogue, taxonomy)
    inventory = (
        "  - name: Föräldrakurs\n    factors: [poor_family_management]\n    ages: {min: 10, max: 15}\n"
        "    levels: [universal]\n    reach: 0.9\n    fidelity: full\n    tested: true\n"
    )
    after = plan_for(setup(tmp_path / "b", inventory), catalogue, taxonomy)
    s0, s1 = scores(before), scores(after)
    common = set(s0) & set(s1)
    assert common
    # every programme loses the points it got from the now-covered factor
    assert all(s1[p] <= s0[p] + 1e-9 for p in common)
    assert any(s1[p] < s0[p] - 1e-6 for p in common)
    # a programme targeting the uncovered factor keeps its lead on it
    top = after.recommendations.recommendations[0]
    assert "parental_attitudes_favourable_to_drug_use" in {c.factor for c in top.contributions}


def test_programme_in_place_is_listed_not_recommended(tmp_path: Path, catalogue, taxonomy) -> None:
    inventory = "  - name: GGC-kurs\n    programme: ggc\n    reach: 0.2\n    fidelity: partial\n"
    plan = plan_for(setup(tmp_path, inventory), catalogue, taxonomy)
    assert "ggc" not in scores(plan)
    assert plan.recommendations.excluded["in_place"] == ["ggc"]
    (item,) = plan.in_place
    assert item.programme_id == "ggc" and item.advice == ("scale_up", "improve_fidelity")


def test_well_running_programme_gets_no_advice(tmp_path: Path, catalogue, taxonomy) -> None:
    inventory = "  - name: GGC-kurs\n    programme: ggc\n    reach: 0.7\n    fidelity: full\n"
    assert plan_for(setup(tmp_path, inventory), catalogue, taxonomy).in_place[0].advice == ()


def test_scale_up_is_advised_below_good_reach_and_not_at_it(tmp_path: Path, catalogue, taxonomy) -> None:
    """docs/method.md, "In place": *scale up* when reach is below coverage.good_reach (0.5)."""
    advice = {}
    for reach in (0.49, 0.5):
        inventory = f"  - name: GGC-kurs\n    programme: ggc\n    reach: {reach}\n    fidelity: full\n"
        advice[reach] = plan_for(setup(tmp_path / str(reach), inventory), catalogue, taxonomy).in_place[0].advice
    assert advice == {0.49: ("scale_up",), 0.5: ()}


def test_weak_evidence_programme_in_place_is_flagged(tmp_path: Path, catalogue, taxonomy) -> None:
    inventory = "  - name: ÖPP\n    programme: effekt_opp\n    reach: 0.9\n    fidelity: full\n"
    (item,) = plan_for(setup(tmp_path, inventory), catalogue, taxonomy).in_place
    assert item.advice == ("weak_evidence",)


def test_recommendations_list_the_gaps_they_fill(catalogue, taxonomy) -> None:
    plan = build_brief(catalogue, load_profile(EXAMPLES / "familj-10-15.yaml", taxonomy), as_of=AS_OF)
    top = plan.recommendations.recommendations[0]
    assert top.gaps_filled
    open_cells = {(g.factor, g.band) for g in plan.gaps.cells if g.status != "covered"}
    assert {(g.factor, g.band) for g in top.gaps_filled} <= open_cells


def test_cli_gaps_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["gaps", str(EXAMPLES / "familj-10-15.yaml"), "--format", "json", "--as-of", "2026-11-27"]
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    gap = doc["gaps"][0]
    for key in ("factor", "age_band", "coverage", "status", "severity", "resources"):
        assert key in gap
    assert [g["severity"] for g in doc["gaps"]] == sorted((g["severity"] for g in doc["gaps"]), reverse=True)
    assert doc["inventory"]["resources"] == 6
    assert {a["status"] for a in doc["funding_alerts"]} == {"ending"}
    assert doc["duplications"]


def test_cli_resources_option_overrides_the_profile(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("resources: []\n", encoding="utf-8")
    doc = json.loads(
        CliRunner()
        .invoke(cli, ["gaps", str(EXAMPLES / "familj-10-15.yaml"), "--resources", str(empty), "--format", "json"])
        .stdout
    )
    assert all(g["coverage"] == 0 for g in doc["gaps"])


def test_cli_plan_has_the_four_sections_in_both_languages() -> None:
    args = ["plan", str(EXAMPLES / "familj-10-15.yaml"), "--as-of", "2026-11-27"]
    sv = CliRunner().invoke(cli, args).stdout
    en = CliRunner().invoke(cli, [*args, "--lang", "en"]).stdout
    for text, headings in [
        (sv, ["1. Prioriterade faktorer", "2. Resursbedömning", "3. Luckor", "4. Förslag"]),
        (en, ["1. Prioritised factors", "2. Resource assessment", "3. Gaps", "4. Programmes that fill the gaps"]),
    ]:
        positions = [text.index(h) for h in headings]
        assert positions == sorted(positions)
    assert "Funktionell familjeterapi (FFT) (FFT-teamet" in sv


def test_cli_recommend_with_inventory_lists_in_place() -> None:
    out = CliRunner().invoke(cli, ["recommend", str(EXAMPLES / "familj-10-15.yaml"), "--lang", "en"]).stdout
    assert "already in place" in out and "Functional Family Therapy (FFT-teamet" in out


def test_cli_bad_inventory_row(tmp_path: Path) -> None:
    inv = tmp_path / "inv.csv"
    inv.write_text("name,factors,age_min,age_max,reach\nA,family_conflict,10,12,lots\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["plan", str(EXAMPLES / "familj-10-15.yaml"), "--resources", str(inv), "--lang", "en"]
    )
    assert result.exit_code == 1
    assert "inv.csv, row 2" in result.stderr and "reach" in result.stderr and "Traceback" not in result.stderr


def test_only_a_missing_inventory_named_by_the_profile_is_explained_as_relative(
    tmp_path: Path, catalogue, taxonomy
) -> None:
    """A broken file is reported as broken, and a missing --resources file as simply missing."""
    profile = setup(tmp_path, "")  # the profile names inv.yaml
    (tmp_path / "inv.yaml").write_text("", encoding="utf-8")  # there, but empty
    with pytest.raises(InputError) as info:
        plan_for(profile, catalogue, taxonomy)
    assert [p.code for p in info.value.problems] == [Code.EMPTY_FILE]
    with pytest.raises(InputError) as info:
        build_brief(catalogue, load_profile(profile, taxonomy), resources_path=tmp_path / "saknas.yaml", as_of=AS_OF)
    assert [p.code for p in info.value.problems] == [Code.FILE_NOT_FOUND]
    (tmp_path / "inv.yaml").unlink()
    with pytest.raises(InputError) as info:
        plan_for(profile, catalogue, taxonomy)
    assert [p.code for p in info.value.problems] == [Code.RESOURCES_NOT_FOUND]
