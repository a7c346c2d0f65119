"""The common evidence scale and the tier rule (docs/evidence.md)."""

from __future__ import annotations

import pytest

from catalog.tiers import programme_tier, programme_tiers
from inputs.evidence_scale import EvidenceScale
from tests.builders import URL, make_programme


def warning(kind: str, levels: list[str] | None = None) -> dict[str, object]:
    data: dict[str, object] = {"kind": kind, "text": {"sv": "Svensk text.", "en": "English text."}, "source": URL}
    if levels is not None:
        data["levels"] = levels
    return data


def test_bundled_registries_spell_each_label_once(scale: EvidenceScale) -> None:
    for registry in scale.registries:
        labels = [m.label for m in registry.labels]
        assert len(labels) == len(set(labels)), registry.id


def test_a_label_written_twice_is_rejected(tmp_path) -> None:
    from catalog.bundled import load_evidence_scale
    from inputs.problems import InputError
    from tests.builders import ROOT

    source = (ROOT / "catalog" / "evidence.yaml").read_text(encoding="utf-8")
    twice = source.replace(
        "      - label: Model Plus\n",
        "      - label: Promising\n        tier: established\n        reason: twice\n      - label: Model Plus\n",
        1,
    )
    assert twice != source
    path = tmp_path / "evidence.yaml"
    path.write_text(twice, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_evidence_scale(path)
    assert [p.params.get("pydantic_type") for p in info.value.problems] == ["duplicate_item"]


def test_blueprints_mapping(scale: EvidenceScale) -> None:
    assert programme_tier(make_programme("a", ratings=[("blueprints", "Model Plus")]), scale).tier == "established"
    assert programme_tier(make_programme("b", ratings=[("blueprints", "Promising")]), scale).tier == "good"


def test_unrated_programme_is_insufficient(scale: EvidenceScale) -> None:
    result = programme_tier(make_programme("a", ratings=[]), scale)
    assert result.tier == "insufficient" and result.base_ratings == ()


def test_best_rating_sets_the_base(scale: EvidenceScale) -> None:
    p = make_programme("a", ratings=[("crimesolutions", "Promising"), ("blueprints", "Model")])
    result = programme_tier(p, scale)
    assert result.base == "established"
    assert [r.registry for r in result.base_ratings] == ["blueprints"]


def evaluation(design: str, result: str, year: int) -> dict[str, object]:
    return {
        "design": design,
        "countries": ["SE"],
        "result": result,
        "outcome": {"sv": "Utfall.", "en": "Outcome."},
        "citation": f"Författare ({year}). Titel. Tidskrift.",
        "year": year,
        "source": URL,
    }


def test_only_the_evaluations_at_the_base_tier_are_named_as_its_basis(scale: EvidenceScale) -> None:
    """An explanation cites what set the tier; a weaker study does not become its basis."""
    evaluations = [evaluation("rct", "effect", 2015), evaluation("quasi_experiment", "effect", 2010)]
    p = make_programme("a", ratings=[("crimesolutions", "Promising")], evaluations=evaluations)
    result = programme_tier(p, scale)
    assert result.base == "good"  # the RCT; the rating and the quasi-experiment are preliminary
    assert [e.year for e in result.base_evaluations] == [2015] and result.base_ratings == ()
    rated = programme_tier(make_programme("b", ratings=[("blueprints", "Model")], evaluations=evaluations), scale)
    assert rated.base == "established" and rated.base_evaluations == ()


def test_swedish_null_result_lowers_one_step(scale: EvidenceScale) -> None:
    p = make_programme("mst_like", ratings=[("blueprints", "Model Plus")], warnings=[warning("null_result_sweden")])
    result = programme_tier(p, scale)
    assert (result.base, result.tier) == ("established", "good")
    assert [s.warning_kind for s in result.steps] == ["null_result_sweden"]


def test_a_kind_counts_once(scale: EvidenceScale) -> None:
    p = make_programme(
        "a",
        ratings=[("blueprints", "Model")],
        warnings=[warning("null_result_sweden"), warning("null_result_sweden")],
    )
    assert programme_tier(p, scale).tier == "good"


def test_review_caps_the_tier(scale: EvidenceScale) -> None:
    p = make_programme("a", ratings=[("blueprints", "Model Plus")], warnings=[warning("null_result_review")])
    assert programme_tier(p, scale).tier == "insufficient"


def test_lowering_stops_at_no_effect(scale: EvidenceScale) -> None:
    p = make_programme(
        "a",
        ratings=[("sweden", "RCT: no effect")],
        warnings=[warning("null_result_sweden"), warning("harm_reported"), warning("mixed_results")],
    )
    assert programme_tier(p, scale).tier == "no_effect"


def test_negative_registry_label_maps_to_harmful(scale: EvidenceScale) -> None:
    p = make_programme("a", ratings=[("crimesolutions", "Negative Effects")])
    assert programme_tier(p, scale).tier == "harmful"


def test_information_only_warnings_do_not_change_the_tier(scale: EvidenceScale) -> None:
    p = make_programme("a", ratings=[("blueprints", "Model")], warnings=[warning("implementation")])
    result = programme_tier(p, scale)
    assert result.tier == "established" and result.steps == ()


def test_level_specific_warning_changes_only_that_level(scale: EvidenceScale) -> None:
    p = make_programme(
        "parenting",
        levels=["universal", "selective"],
        ratings=[("blueprints", "Promising")],
        warnings=[warning("null_result_review", levels=["universal"])],
    )
    tiers = programme_tiers(p, scale)
    assert tiers.by_level["universal"].tier == "insufficient"
    assert tiers.by_level["selective"].tier == "good"
    assert tiers.varies
    assert tiers.best(["universal"])[0] == "universal"
    assert tiers.best(["universal", "selective"]) == ("selective", tiers.by_level["selective"])
    assert tiers.headline.tier == "good"


def test_bundled_catalogue_shows_swedish_warnings_lowering_tiers(catalogue) -> None:
    mst = catalogue.tiers["mst"].headline
    assert mst.base == "established" and mst.tier == "good"
    assert "null_result_sweden" in [s.warning_kind for s in mst.steps]


def test_a_lowering_warning_never_raises_a_harmful_tier(scale: EvidenceScale) -> None:
    p = make_programme("a", ratings=[("crimesolutions", "Negative Effects")], warnings=[warning("null_result_sweden")])
    result = programme_tier(p, scale)
    assert (result.base, result.tier, result.steps) == ("harmful", "harmful", ())


def test_tiers_vary_when_two_levels_differ_and_not_otherwise(scale: EvidenceScale) -> None:
    same = make_programme("same", levels=["universal", "selective"], ratings=[("blueprints", "Model")])
    assert not programme_tiers(same, scale).varies
    two = make_programme(
        "two",
        levels=["universal", "selective"],
        ratings=[("blueprints", "Model")],
        warnings=[warning("null_result_sweden", levels=["universal"])],
    )
    assert programme_tiers(two, scale).varies
