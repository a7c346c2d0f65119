"""The score's building blocks, checked on small arrays and with hypothesis."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from catalog.arrays import age_coverage, band_shares, band_year_matrix, year_mask
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import AgeRange
from recommender.scoring import (
    contributions,
    effective_tier,
    fit_multiplier,
    need,
    share_wanted,
)

ages = st.tuples(st.integers(0, 24), st.integers(0, 24)).map(lambda t: AgeRange(min=min(t), max=max(t)))


def test_band_shares_split_the_profile_years(taxonomy: Taxonomy) -> None:
    bands = band_year_matrix(taxonomy)
    shares = band_shares(year_mask(AgeRange(min=10, max=15), 25), bands)
    # 10-12 is mellanstadiet (3 years), 13-15 högstadiet (3 years)
    assert np.allclose(shares[taxonomy.band_ids.index("middle_primary")], 0.5)
    assert np.allclose(shares[taxonomy.band_ids.index("lower_secondary")], 0.5)
    assert np.isclose(shares.sum(), 1.0)


def test_age_coverage_counts_only_profile_years(taxonomy: Taxonomy) -> None:
    bands = band_year_matrix(taxonomy)
    profile = year_mask(AgeRange(min=11, max=15), 25)
    programme = year_mask(AgeRange(min=9, max=11), 25)[None, :]
    coverage = age_coverage(programme, profile, bands)[0]
    # of the profile's years 11-12 in mellanstadiet, the programme serves 11 only
    assert np.isclose(coverage[taxonomy.band_ids.index("middle_primary")], 0.5)
    assert coverage[taxonomy.band_ids.index("lower_secondary")] == 0
    assert coverage[taxonomy.band_ids.index("lower_primary")] == 0  # outside the profile


@settings(max_examples=200, deadline=None)
@given(profile=ages, programme=ages)
def test_age_coverage_is_a_share(profile: AgeRange, programme: AgeRange) -> None:
    bands = np.asarray(band_year_matrix_cached())
    cov = age_coverage(year_mask(programme, 25)[None, :], year_mask(profile, 25), bands)
    assert ((cov >= 0) & (cov <= 1)).all()
    shares = band_shares(year_mask(profile, 25), bands)
    served = (cov[0] * shares).sum()
    overlap = max(0, min(profile.max, programme.max) - max(profile.min, programme.min) + 1)
    assert np.isclose(served, overlap / (profile.max - profile.min + 1))


_BANDS: list[np.ndarray] = []


def band_year_matrix_cached() -> np.ndarray:
    if not _BANDS:
        from catalog.bundled import load_taxonomy

        _BANDS.append(band_year_matrix(load_taxonomy()))
    return _BANDS[0]


def test_share_wanted_and_fit() -> None:
    offered = np.array([[True, False, False], [True, True, False]])
    wanted = np.array([True, True, False])
    share = share_wanted(offered, wanted)
    assert np.allclose(share, [0.5, 1.0])
    assert np.allclose(fit_multiplier(share, np.ones(2), 0.2), [0.95, 1.0])


def test_effective_tier_is_best_over_wanted_levels() -> None:
    tier = np.array([[3, 1, 5], [0, 5, 5]], dtype=np.int8)
    offered = np.array([[True, True, False], [True, False, False]])
    assert effective_tier(tier, offered, np.array([True, False, False])).tolist() == [3, 0]
    assert effective_tier(tier, offered, np.array([True, True, True])).tolist() == [1, 0]
    assert effective_tier(tier, offered, np.array([False, False, True])).tolist() == [5, 5]


@settings(max_examples=200, deadline=None)
@given(
    strength=arrays(np.float64, (4, 3), elements=st.sampled_from([0.0, 0.6, 1.0])),
    coverage=arrays(np.float64, (4, 2), elements=st.floats(0, 1)),
    weights=arrays(np.float64, 3, elements=st.floats(0.01, 1)),
    evidence=arrays(np.float64, 4, elements=st.floats(0, 1)),
    fit=arrays(np.float64, 4, elements=st.floats(0.8, 1)),
)
def test_score_is_bounded_and_contributions_add_up(strength, coverage, weights, evidence, fit) -> None:
    w = weights / weights.sum()
    needs = need(w, np.array([0.5, 0.5]))
    points = contributions(strength, coverage, needs, evidence, fit)
    score = points.sum(axis=1)
    assert (points >= 0).all()
    assert (score <= 100 + 1e-9).all()
    # the explanation is exact: per-factor points are the score, term by term
    manual = (
        100
        * evidence
        * fit
        * np.array(
            [sum(strength[p, f] * coverage[p, b] * needs[f, b] for f in range(3) for b in range(2)) for p in range(4)]
        )
    )
    assert np.allclose(score, manual)


def test_contributions_support_a_batch_of_areas() -> None:
    strength = np.array([[1.0, 0.0], [0.6, 1.0]])
    coverage = np.ones((3, 2, 1))  # 3 areas, 2 programmes, 1 band
    needs = np.stack([need(np.array(w), np.array([1.0])) for w in ([1, 0], [0, 1], [0.5, 0.5])])
    points = contributions(strength, coverage, needs, np.ones(2), np.ones((3, 2)))
    assert points.shape == (3, 2, 2)
    assert np.allclose(points.sum(axis=2), [[100, 60], [0, 100], [50, 80]])


def test_uncovered_need_scales_the_score() -> None:
    needs = need(np.array([1.0]), np.array([1.0]), uncovered=np.array([[0.25]]))
    points = contributions(np.array([[1.0]]), np.ones((1, 1)), needs, np.ones(1), np.ones(1))
    assert np.isclose(points.sum(), 25)


def test_contributions_equal_the_band_sum() -> None:
    from recommender.scoring import contributions_by_band

    rng = np.random.default_rng(0)
    strength, coverage, needs = rng.random((4, 3)), rng.random((2, 4, 5)), rng.random((2, 3, 5))
    evidence, fit = rng.random(4), rng.random((2, 4))
    assert np.allclose(
        contributions(strength, coverage, needs, evidence, fit),
        contributions_by_band(strength, coverage, needs, evidence, fit).sum(axis=-1),
    )
