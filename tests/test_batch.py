"""Batch scoring gives every area exactly the scores it gets on its own (to 1e-9 points)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.arrays import catalogue_arrays, profile_arrays
from catalog.catalogue import Catalogue
from inputs.evidence_scale import TIER_ORDER
from inputs.settings import Settings
from inputs.vocabulary import DOMAINS, LEVELS
from recommender.batch import batch_scores, set_multipliers, subset_index
from recommender.ranking import recommend
from recommender.scoring import score_terms
from tests.builders import make_profile

TOLERANCE = 1e-9  # what rankings treat as a tie


@st.composite
def areas(draw: st.DrawFn, factor_ids: list[str]):
    lo = draw(st.integers(0, 24))
    hi = draw(st.integers(lo, 24))
    factors = draw(st.lists(st.sampled_from(factor_ids), min_size=1, max_size=6, unique=True))
    weights = draw(st.lists(st.none() | st.floats(0.1, 10), min_size=len(factors), max_size=len(factors)))
    return make_profile(
        factors=factors,
        ages=(lo, hi),
        levels=draw(st.lists(st.sampled_from(LEVELS), min_size=1, max_size=3, unique=True)),
        domains=draw(st.lists(st.sampled_from(DOMAINS), min_size=1, max_size=4, unique=True)),
        weights=weights,
    )


@st.composite
def scoring_settings(draw: st.DrawFn) -> Settings:
    multipliers = sorted(draw(st.lists(st.floats(0, 1), min_size=len(TIER_ORDER), max_size=len(TIER_ORDER))))[::-1]
    mapped = draw(st.floats(0, 1))
    return Settings.model_validate(
        {
            "evidence": dict(zip(TIER_ORDER, multipliers, strict=True)),
            "targeting": {"listed": draw(st.floats(mapped, 1)), "mapped": mapped},
            "fit_bonus": draw(st.floats(0, 1)),
        }
    )


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_batch_scores_are_the_single_area_scores(data: st.DataObject, catalogue: Catalogue) -> None:
    profiles = data.draw(st.lists(areas(catalogue.taxonomy.factor_ids), min_size=1, max_size=5))
    weights = data.draw(st.none() | scoring_settings())
    chunk = data.draw(st.integers(1, 4))
    scores = batch_scores(catalogue, profiles, weights, chunk=chunk)
    assert scores.shape == (len(profiles), len(catalogue.programmes))
    ids = [p.id for p in catalogue.programmes]
    for k, profile in enumerate(profiles):
        listed = {r.programme.id: r.score for r in recommend(catalogue, profile, weights).recommendations}
        alone = np.array([listed.get(pid, 0.0) for pid in ids])
        np.testing.assert_allclose(scores[k], alone, rtol=0, atol=TOLERANCE)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_the_factorised_score_equals_the_full_formula(data: st.DataObject, catalogue: Catalogue) -> None:
    """The formula of docs/method.md over areas x programmes x factors x bands, no shortcut taken."""
    profiles = data.draw(st.lists(areas(catalogue.taxonomy.factor_ids), min_size=1, max_size=8))
    weights = data.draw(scoring_settings())
    arrays = catalogue_arrays(catalogue)
    area = profile_arrays(profiles, catalogue.taxonomy)
    full = score_terms(arrays, area.years, area.levels, area.domains, area.priority, weights).score
    fits = (
        (arrays.years[None] & area.years[:, None, :]).any(-1)
        & (arrays.levels[None] & area.levels[:, None, :]).any(-1)
        & (arrays.domains[None] & area.domains[:, None, :]).any(-1)
    )
    expected = np.where(fits, full, 0.0)
    np.testing.assert_allclose(batch_scores(catalogue, profiles, weights), expected, rtol=0, atol=TOLERANCE)


def test_chunks_do_not_change_the_scores(catalogue: Catalogue) -> None:
    factor_ids = catalogue.taxonomy.factor_ids
    profiles = [make_profile(factors=factor_ids[i % 30 : i % 30 + 3], ages=(i % 20, 24)) for i in range(23)]
    whole = batch_scores(catalogue, profiles, chunk=1000)
    for chunk in (1, 5, 22, 23):
        np.testing.assert_allclose(batch_scores(catalogue, profiles, chunk=chunk), whole, rtol=0, atol=1e-12)
    assert (whole > 0).any()


def test_no_areas_give_no_rows(catalogue: Catalogue) -> None:
    assert batch_scores(catalogue, []).shape == (0, len(catalogue.programmes))


def test_set_multipliers_are_evidence_times_fit_for_each_set(catalogue: Catalogue) -> None:
    arrays = catalogue_arrays(catalogue)
    weights = Settings.model_validate({"fit_bonus": 0.4})
    table = set_multipliers(arrays, weights)
    profile = make_profile(levels=["universal", "indicated"], domains=["family"])
    area = profile_arrays([profile], catalogue.taxonomy)
    terms = score_terms(arrays, area.years[0], area.levels[0], area.domains[0], area.priority[0], weights)
    row = table[subset_index(area.levels)[0] * 16 + subset_index(area.domains)[0]]
    offered = (arrays.levels & area.levels[0]).any(1) & (arrays.domains & area.domains[0]).any(1)
    np.testing.assert_allclose(row, np.where(offered, 100 * terms.evidence * terms.fit, 0.0), rtol=1e-15)
    assert subset_index(area.levels)[0] == 0b101 and subset_index(area.domains)[0] == 0b0010
    assert (table[0] == 0).all()  # no level wanted: nothing fits
