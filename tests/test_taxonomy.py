"""The bundled factor taxonomy: complete, bilingual, sourced."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.bundled import load_taxonomy
from inputs.problems import InputError
from inputs.taxonomy import Taxonomy

REQUIRED = {
    "community": [
        "low_neighbourhood_attachment",
        "community_disorganisation",
        "transitions_and_mobility",
        "laws_and_norms_favourable_to_drug_use",
        "perceived_availability_of_drugs",
        "perceived_availability_of_firearms",
        "community_opportunities_for_prosocial_involvement",
        "community_rewards_for_prosocial_involvement",
    ],
    "family": [
        "family_history_of_antisocial_behaviour",
        "poor_family_management",
        "family_conflict",
        "parental_attitudes_favourable_to_drug_use",
        "parental_attitudes_favourable_to_antisocial_behaviour",
        "family_attachment",
        "family_opportunities_for_prosocial_involvement",
        "family_rewards_for_prosocial_involvement",
    ],
    "school": [
        "academic_failure",
        "low_commitment_to_school",
        "school_opportunities_for_prosocial_involvement",
        "school_rewards_for_prosocial_involvement",
    ],
    "individual_peer": [
        "rebelliousness",
        "gang_involvement",
        "low_perceived_risk_of_drug_use",
        "early_initiation_of_drug_use",
        "early_initiation_of_antisocial_behaviour",
        "favourable_attitudes_to_drug_use",
        "favourable_attitudes_to_antisocial_behaviour",
        "sensation_seeking",
        "rewards_for_antisocial_involvement",
        "friends_use_of_drugs",
        "interaction_with_antisocial_peers",
        "depressive_symptoms",
        "interaction_with_prosocial_peers",
        "belief_in_the_moral_order",
        "prosocial_involvement",
        "rewards_for_prosocial_involvement",
        "social_skills",
        "religiosity",
    ],
}
PROTECTIVE = {
    "community_opportunities_for_prosocial_involvement",
    "community_rewards_for_prosocial_involvement",
    "family_attachment",
    "family_opportunities_for_prosocial_involvement",
    "family_rewards_for_prosocial_involvement",
    "school_opportunities_for_prosocial_involvement",
    "school_rewards_for_prosocial_involvement",
    "interaction_with_prosocial_peers",
    "belief_in_the_moral_order",
    "prosocial_involvement",
    "rewards_for_prosocial_involvement",
    "social_skills",
    "religiosity",
}


def test_every_required_factor_is_defined_in_its_domain(taxonomy: Taxonomy) -> None:
    for domain, ids in REQUIRED.items():
        for fid in ids:
            assert fid in taxonomy.factors_by_id, fid
            assert taxonomy.factors_by_id[fid].domain == domain, fid


def test_kinds_match_the_ctc_survey(taxonomy: Taxonomy) -> None:
    for factor in taxonomy.factors:
        assert (factor.kind == "protective") == (factor.id in PROTECTIVE), factor.id


def test_labels_and_descriptions_are_bilingual_and_distinct(taxonomy: Taxonomy) -> None:
    for factor in taxonomy.factors:
        assert factor.label.sv and factor.label.en
        assert factor.description.sv != factor.description.en
        assert factor.description.en.endswith(".") and factor.description.sv.endswith(".")
    assert len({f.label.sv for f in taxonomy.factors}) == len(taxonomy.factors)


def test_risk_factors_say_what_they_predict_with_a_source(taxonomy: Taxonomy) -> None:
    behaviours = set(taxonomy.behaviour_ids)
    assert behaviours == {
        "violence",
        "delinquency",
        "substance_use",
        "sexual_risk",
        "school_dropout",
        "depression_anxiety",
    }
    for factor in taxonomy.factors:
        if factor.kind == "protective":
            assert factor.predicts == []
        for behaviour in factor.predicts:
            assert behaviour in behaviours
        if factor.predicts:
            assert factor.predicts_source and factor.predicts_source.startswith("http")


def test_age_bands_cover_0_to_24_with_swedish_school_stages(taxonomy: Taxonomy) -> None:
    bands = taxonomy.age_bands
    assert bands[0].min == 0 and bands[0].max == 0
    assert bands[-1].max == 24
    labels = {b.label.sv for b in bands}
    assert {"Mellanstadiet", "Högstadiet", "Gymnasiet"} <= labels


def test_broken_taxonomy_reports_the_line(tmp_path: Path) -> None:
    from catalog import bundled_path

    text = bundled_path("factors.yaml").read_text(encoding="utf-8")
    broken = text.replace("kind: risk", "kind: danger", 1)
    path = tmp_path / "factors.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_taxonomy(path)
    problem = info.value.problems[0]
    expected_line = broken[: broken.index("kind: danger")].count("\n") + 1
    assert problem.line == expected_line
