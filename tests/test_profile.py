"""Area profiles: the examples load, and every kind of bad input is located and explained."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from inputs.problems import InputError, Problem
from inputs.profile import load_profile
from inputs.taxonomy import Taxonomy
from render.messages import format_problem
from tests.builders import EXAMPLES, make_profile

GOOD = """\
area: Testområdet
ages: {min: 10, max: 15}
levels: [universal]
priorities:
  - factor: family_conflict
  - factor: poor_family_management
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, taxonomy: Taxonomy, text: str) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_profile(write(tmp_path, text), taxonomy)
    return info.value.problems


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml") if "resurser" not in p.name))
def test_examples_load(name: str, taxonomy: Taxonomy) -> None:
    loaded = load_profile(EXAMPLES / name, taxonomy)
    assert 1 <= len(loaded.profile.priorities) <= 10


def test_defaults(tmp_path: Path, taxonomy: Taxonomy) -> None:
    profile = load_profile(write(tmp_path, GOOD), taxonomy).profile
    assert profile.domains == ["community", "family", "school", "individual_peer"]
    assert profile.levels == ["universal"]


def test_default_weights_follow_rank() -> None:
    profile = make_profile(factors=["family_conflict", "academic_failure", "social_skills"])
    assert np.allclose(profile.weights(), [3 / 6, 2 / 6, 1 / 6])


def test_explicit_and_default_weights_mix() -> None:
    profile = make_profile(factors=["family_conflict", "academic_failure"], weights=[6, None])
    assert np.allclose(profile.weights(), [6 / 7, 1 / 7])


def test_unknown_factor_suggests_close_ids(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, GOOD.replace("family_conflict", "family_conflikt"))
    assert problem.code == "unknown_factor" and problem.line == 5
    assert "family_conflict" in problem.params["suggestions"]
    message = format_problem(problem, "en")
    assert "profile.yaml, line 5" in message and "family_conflict" in message


def test_min_above_max(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, GOOD.replace("{min: 10, max: 15}", "{min: 15, max: 10}"))
    assert problem.line == 2
    assert "Swap" in format_problem(problem, "en") and "Byt plats" in format_problem(problem, "sv")


def test_missing_field(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, GOOD.replace("ages: {min: 10, max: 15}\n", ""))
    assert problem.params["pydantic_type"] == "missing"
    assert "'ages' is missing" in format_problem(problem, "en")


def test_empty_priorities(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = GOOD.split("priorities:")[0] + "priorities: []\n"
    (problem,) = problems_for(tmp_path, taxonomy, text)
    assert problem.code == "no_priorities" and problem.line == 4
    assert "insatsval factors" in format_problem(problem, "sv")


def test_malformed_yaml(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, GOOD.replace("ages: {min: 10, max: 15}", "ages: {min: 10, max: 15"))
    assert problem.code == "yaml_syntax" and problem.line is not None


def test_typo_in_key(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, GOOD.replace("levels:", "level:"))
    assert problem.params["pydantic_type"] == "extra_forbidden" and problem.line == 3


def test_wrong_level_lists_choices(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, GOOD.replace("[universal]", "[everyone]"))
    message = format_problem(problem, "en")
    assert "universal" in message and "selective" in message and "line 3" in message


def test_duplicate_priority(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, GOOD.replace("poor_family_management", "family_conflict"))
    assert problem.code == "duplicate_priority" and problem.line == 6


def test_ages_beyond_scope(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, GOOD.replace("max: 15", "max: 30"))
    assert problem.code == "profile_ages_out_of_scope"


def test_too_many_priorities(tmp_path: Path, taxonomy: Taxonomy) -> None:
    many = "".join(f"  - factor: {f}\n" for f in taxonomy.factor_ids[:11])
    problems = problems_for(tmp_path, taxonomy, GOOD.split("priorities:")[0] + "priorities:\n" + many)
    assert problems[0].params["pydantic_type"] == "too_long"


def test_empty_file(tmp_path: Path, taxonomy: Taxonomy) -> None:
    (problem,) = problems_for(tmp_path, taxonomy, "# nothing here\n")
    assert problem.code == "empty_file"


def test_population_is_counted_per_band_within_the_profiles_ages(taxonomy: Taxonomy) -> None:
    """One number spreads evenly over the profile's years; a band partly outside keeps its years inside."""
    from inputs.profile import AreaProfile, population_by_band

    def profile(population: object, ages: tuple[int, int]) -> AreaProfile:
        data = {"area": "X", "ages": {"min": ages[0], "max": ages[1]}, "priorities": [{"factor": "family_conflict"}]}
        return AreaProfile.model_validate({**data, "population": population})

    assert population_by_band(profile(600, (10, 15)), taxonomy) == {"middle_primary": 300, "lower_secondary": 300}
    by_name = {"mellanstadiet": 300, "13-15": 240, "upper_secondary": 90}
    assert population_by_band(profile(by_name, (11, 16)), taxonomy) == {
        "middle_primary": 200,  # ages 11-12 of 10-12
        "lower_secondary": 240,
        "upper_secondary": 30,  # age 16 of 16-18
    }


def test_a_population_band_is_refused_only_when_wholly_outside_the_ages(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = "area: X\nages: {min: 11, max: 16}\npriorities: [{factor: family_conflict}]\n"
    path = tmp_path / "p.yaml"
    path.write_text(text + "population: {mellanstadiet: 300, högstadiet: 240, '16-18': 90}\n", encoding="utf-8")
    load_profile(path, taxonomy)  # 10-12 and 16-18 overlap 11-16: accepted
    path.write_text(text + "population: {högstadiet: 240, '19-24': 500}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_profile(path, taxonomy)
    assert [p.code for p in info.value.problems] == ["population_band_outside"]
