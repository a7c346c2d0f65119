"""The implementation plan: who, for whom, how many, from when; overlaps; the plan file; every export carries it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from action_plan.implementation import build_plan
from action_plan.plan_file import plan_file
from action_plan.prices import load_prices
from brief import build_brief
from cli import cli
from inputs.plan_file import PlanFile
from inputs.problems import Code, InputError
from inputs.profile import load_profile, population_by_band
from tests.builders import EXAMPLES
from tests.clients import pdf_pages, soffice_to_pdf

FAMILY = EXAMPLES / "familj-10-15.yaml"
AS_OF = "2026-11-27"


def brief_for(path: Path, catalogue):
    return build_brief(catalogue, load_profile(path, catalogue.taxonomy), top=None)


def edited(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(FAMILY.read_text(encoding="utf-8"))
    data["resources"] = str(EXAMPLES / "familj-10-15-resurser.yaml")
    change(data)
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_plan_follows_the_profile(catalogue) -> None:
    plan = build_plan(brief_for(FAMILY, catalogue), catalogue, load_prices())
    assert plan.chosen_by == "profile"
    rows = {r.programme.id: r for r in plan.rows}
    assert list(rows) == ["family_check_up", "incredible_years", "triple_p"]
    assert rows["family_check_up"].responsible == "Familjecentralen Norr (påhittad)"
    assert rows["family_check_up"].responsible_basis == "profile"
    assert str(rows["incredible_years"].start) == "2027-09-01"
    assert str(rows["family_check_up"].start) == "2027-08-01"  # the plan's start
    # not given: suggested from the provider already doing selective work on the same factors
    assert rows["triple_p"].responsible_basis == "inventory" and rows["triple_p"].responsible
    for row in plan.rows:
        assert set(row.indicators) <= set(row.factors)
        assert row.participants is not None and row.participants > 0


def test_choose_overrides_and_unknown_ids_are_located(catalogue, tmp_path: Path) -> None:
    brief = brief_for(FAMILY, catalogue)
    assert [r.programme.id for r in build_plan(brief, catalogue, load_prices(), ["ggc"]).rows] == ["ggc"]
    with pytest.raises(InputError) as err:
        build_plan(brief, catalogue, load_prices(), ["no_such"])
    assert err.value.problems[0].code == Code.UNKNOWN_PROGRAMME
    path = edited(tmp_path, lambda d: d["action_plan"]["programmes"].update({"ggcc": {}}))
    with pytest.raises(InputError) as err:
        build_plan(brief_for(path, catalogue), catalogue, load_prices())
    problem = err.value.problems[0]
    assert (
        problem.code == Code.PLAN_PROGRAMME_UNKNOWN
        and problem.line is not None
        and "ggc" in problem.params["suggestions"]
    )


def test_without_choices_the_first_proposals_stand_in(catalogue) -> None:
    brief = brief_for(EXAMPLES / "skola-6-12.yaml", catalogue)
    plan = build_plan(brief, catalogue, load_prices())
    assert plan.chosen_by == "shortlist"
    assert [r.programme.id for r in plan.rows] == [r.programme.id for r in brief.recommendations.recommendations[:3]]
    assert all(r.participants is None and r.cost_sek is None for r in plan.rows)  # no population: unknown
    assert plan.total_cost_sek is None


def test_overlaps_are_listed_per_pair_of_organisations(catalogue) -> None:
    plan = build_plan(brief_for(FAMILY, catalogue), catalogue, load_prices())
    pairs = {o.providers: o for o in plan.overlaps}
    # Familjecentralen runs Connect and is responsible for Triple P, Socialtjänsten runs Komet and
    # Incredible Years: all selective parenting work on family management for 10-15-year-olds
    key = ("Familjecentralen Norr (påhittad)", "Socialtjänsten Norr (påhittad)")
    assert key in pairs
    overlap = pairs[key]
    assert "poor_family_management" in overlap.factors and overlap.levels == ("selective",)
    assert "incredible_years" in overlap.items[1] and "Connect-grupper för föräldrar" in overlap.items[0]
    # the FFT team works at the indicated level, which the profile does not want: never an overlap
    assert all("FFT-teamet" not in o.items[0] + o.items[1] for o in plan.overlaps)


def test_the_plan_file_is_valid_and_complete(catalogue) -> None:
    brief = brief_for(FAMILY, catalogue)
    document = plan_file(brief, catalogue, build_plan(brief, catalogue, load_prices()))
    again = PlanFile.model_validate(json.loads(document.model_dump_json()))
    assert again == document
    assert [g.factor for g in document.goals] == brief.loaded.profile.factor_ids
    assert document.goals[0].goal and document.goals[0].indicator == "poor_family_management"
    assert document.behaviour_goals == {"substance_use": brief.loaded.profile.action_plan.goals["substance_use"]}
    assert {p.id for p in document.programmes} == {"family_check_up", "incredible_years", "triple_p"}


def test_population_by_band_accepts_names_and_spans(catalogue, tmp_path: Path) -> None:
    path = edited(tmp_path, lambda d: d.update(population={"10-12": 600, "Lower secondary school": 300}))
    profile = load_profile(path, catalogue.taxonomy).profile
    assert population_by_band(profile, catalogue.taxonomy) == {"middle_primary": 600.0, "lower_secondary": 300.0}
    bad = edited(tmp_path, lambda d: d.update(population={"mellanstadium": 600, "gymnasiet": 5}))
    with pytest.raises(InputError) as err:
        load_profile(bad, catalogue.taxonomy)
    codes = sorted(p.code for p in err.value.problems)
    assert codes == sorted([Code.POPULATION_BAND_UNKNOWN, Code.POPULATION_BAND_OUTSIDE])
    assert all(p.line for p in err.value.problems)


def test_every_plan_export_carries_the_plan(runner, tmp_path: Path) -> None:
    files = {s: tmp_path / f"plan.{s}" for s in ("xlsx", "html", "md", "json", "yaml", "docx")}
    args = ["plan", str(FAMILY), "--as-of", AS_OF, *[a for f in files.values() for a in ("--export", str(f))]]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Implementeringsplan" in result.output and "Överlapp mellan organisationer" in result.output
    book = load_workbook(io.BytesIO(files["xlsx"].read_bytes()))
    sheet = book["Implementeringsplan"]
    names = [sheet.cell(row=r, column=1).value for r in range(2, 5)]
    assert names == ["Positive Family Support – Family Check-Up", "De otroliga åren – föräldraprogrammen", "Triple P"]
    html = files["html"].read_text(encoding="utf-8")
    assert 'id="goal-chain"' in html and "<svg" in html and 'id="implementation"' in html
    assert "```mermaid" in files["md"].read_text(encoding="utf-8")
    doc = json.loads(files["json"].read_text(encoding="utf-8"))
    assert [p["id"] for p in doc["action_plan"]["programmes"]] == ["family_check_up", "incredible_years", "triple_p"]
    assert doc["action_plan"]["overlaps"] and doc["action_plan"]["goal_chain"]["edges"]
    PlanFile.model_validate(yaml.safe_load(files["yaml"].read_text(encoding="utf-8")))
    text = "\n".join(pdf_pages(soffice_to_pdf(files["docx"], tmp_path)))
    for expected in (
        "Implementeringsplan",
        "Målkedja",
        "Överlapp mellan organisationer",
        "Triple P",
        "Socialtjänsten Norr",
    ):
        assert expected in text, expected


def test_a_plan_file_only_comes_from_plan(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["recommend", str(FAMILY), "--export", str(tmp_path / "x.yaml"), "--lang", "en"])
    assert result.exit_code == 1 and "insatsval plan" in result.output
    assert not (tmp_path / "x.yaml").exists()
