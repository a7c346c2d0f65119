"""How sure the ranking is: reproducible with a seed, and a dominating programme always stays on top."""

from __future__ import annotations

import json

import numpy as np
import pytest

from action_plan.stability import draw, evidence_ranges, ranking_stability, verdict
from cli import cli
from inputs.evidence_scale import TIER_ORDER
from inputs.settings import EvidenceWeights, Settings
from tests.builders import EXAMPLES, make_profile, make_programme

FACTORS = ("poor_family_management", "family_conflict", "family_attachment")


def test_evidence_ranges_keep_the_tiers_in_order() -> None:
    low, high = evidence_ranges(EvidenceWeights())
    defaults = np.array(EvidenceWeights().as_list())
    assert (low <= defaults).all() and (defaults <= high).all()
    assert (high[1:] <= low[:-1] + 1e-12).all()  # no overlap: a stronger tier never draws lower
    assert low[TIER_ORDER.index("harmful")] == high[TIER_ORDER.index("harmful")] == 0.0
    assert high[TIER_ORDER.index("established")] == 1.0


def test_draws_are_reproducible_and_centred() -> None:
    w = np.array([0.5, 0.3, 0.2])
    a = draw(np.random.default_rng(3), w, EvidenceWeights(), 4000)
    b = draw(np.random.default_rng(3), w, EvidenceWeights(), 4000)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert np.allclose(a[0].sum(axis=1), 1.0)
    assert np.allclose(a[0].mean(axis=0), w, atol=0.01)
    assert not np.array_equal(a[0], draw(np.random.default_rng(4), w, EvidenceWeights(), 4000)[0])


def test_a_programme_that_dominates_on_every_factor_is_always_in_the_top_k(build_catalogue) -> None:
    best = make_programme("best", factors=FACTORS, ages=(0, 24), ratings=(("blueprints", "Model Plus"),))
    others = [
        make_programme(
            f"p{i}", factors=FACTORS[: 1 + i % 3], ages=(10, 12 + i % 4), ratings=(("blueprints", "Promising"),)
        )
        for i in range(12)
    ]
    catalogue = build_catalogue(best, *others)
    profile = make_profile(FACTORS, levels=("universal",), domains=("family",))
    ids = [p.id for p in catalogue.programmes]
    result = ranking_stability(catalogue, profile, Settings(), ids, [False] * len(ids), 3, 500, seed=11)
    first = next(s for s in result if s.programme == "best")
    assert first.share == 1.0 and first.rank_low == first.rank_high == 1 and first.verdict == "robust"
    again = ranking_stability(catalogue, profile, Settings(), ids, [False] * len(ids), 3, 500, seed=11)
    assert again == result
    assert sum(s.share for s in result) == pytest.approx(3.0)  # exactly k places in every draw


def test_equal_scores_break_ties_as_recommend_does(build_catalogue, taxonomy) -> None:
    """Ties in a draw are broken like the shortlist's: tier, then more prioritised factors matched, then id."""
    from recommender.ranking import recommend

    # "b" also targets family_conflict, which the inventory already covers: it adds no points
    catalogue = build_catalogue(
        make_programme("a", factors=["poor_family_management"]),
        make_programme("b", factors=["poor_family_management", "family_conflict"]),
    )
    profile = make_profile(["poor_family_management", "family_conflict"], levels=("universal",), domains=("family",))
    uncovered = np.ones((len(taxonomy.factor_ids), len(taxonomy.band_ids)))
    uncovered[taxonomy.factor_index["family_conflict"]] = 0.0
    shortlist = recommend(catalogue, profile, uncovered=uncovered)
    assert [r.programme.id for r in shortlist.recommendations] == ["b", "a"]
    assert shortlist.recommendations[0].score == pytest.approx(shortlist.recommendations[1].score)  # the premise
    result = ranking_stability(catalogue, profile, Settings(), ["a", "b"], [False, False], 1, 200, 3, uncovered)
    assert {s.programme: s.share for s in result} == {"a": 0.0, "b": 1.0}


def test_verdicts() -> None:
    assert verdict(0.95) == "robust" and verdict(0.5) == "hinges" and verdict(0.05) == "out"


def test_recommend_stability_json_and_table(runner) -> None:
    args = ["recommend", str(EXAMPLES / "familj-10-15.yaml"), "--top", "5", "--stability", "200", "--seed", "5"]
    first = runner.invoke(cli, [*args, "--format", "json"])
    second = runner.invoke(cli, [*args, "--format", "json"])
    assert first.exit_code == 0, first.output
    assert first.output == second.output  # same seed, same numbers
    doc = json.loads(first.output)
    assert len(doc["recommendations"]) == 5
    for rec in doc["recommendations"]:
        s = rec["stability"]
        assert 0 <= s["top_k_share"] <= 1 and 1 <= s["rank_low"] <= s["rank_high"]
    assert doc["stability"]["draws"] == 200 and doc["stability"]["seed"] == 5
    plain = runner.invoke(cli, ["recommend", str(EXAMPLES / "familj-10-15.yaml"), "--top", "5", "--format", "json"])
    assert [r["id"] for r in json.loads(plain.output)["recommendations"]] == [r["id"] for r in doc["recommendations"]]
    table = runner.invoke(cli, [*args, "--lang", "en"])
    assert "How sure is the ranking?" in table.output and "robust" in table.output
    csv = runner.invoke(cli, [*args, "--format", "csv"])
    assert csv.output.splitlines()[0].endswith("top_k_share,rank_low,rank_high")


def test_portfolio_stability(runner) -> None:
    args = ["portfolio", str(EXAMPLES / "familj-10-15.yaml"), "--stability", "20", "--seed", "2", "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    shares = {p["id"]: p["top_k_share"] for p in doc["stability"]["programmes"]}
    assert all(0 <= v <= 1 for v in shares.values())
    assert all(c["stability"] is not None for c in doc["chosen"])
    assert runner.invoke(cli, args).output == result.output
