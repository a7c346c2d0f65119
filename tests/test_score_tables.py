"""The score split for the meeting view adds back up to exactly what ``recommend`` computes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.arrays import catalogue_arrays, year_mask
from catalog.catalogue import Catalogue
from inputs.settings import Settings
from inputs.vocabulary import DOMAINS, LEVELS, AgeRange
from recommender.score_tables import DOMAIN_CHOICES, LEVEL_CHOICES, choice_index, choice_masks, score_tables
from recommender.scoring import score_terms


def test_choice_masks_list_every_non_empty_subset_once() -> None:
    masks = choice_masks(3)
    assert masks.shape == (7, 3) and masks.any(axis=1).all()
    assert len({tuple(row) for row in masks.tolist()}) == 7
    assert DOMAIN_CHOICES.shape == (15, 4)
    assert choice_index(["universal"], LEVELS) == 0
    assert choice_index(list(LEVELS), LEVELS) == 6
    assert LEVEL_CHOICES[choice_index(["selective", "indicated"], LEVELS)].tolist() == [False, True, True]
    assert DOMAIN_CHOICES[choice_index(["school", "family"], DOMAINS)].tolist() == [False, True, True, False]


@settings(max_examples=60, deadline=None)
@given(
    ages=st.tuples(st.integers(0, 24), st.integers(0, 24)).map(sorted),
    levels=st.integers(0, 6),
    domains=st.integers(0, 14),
    raw=st.lists(st.floats(0.01, 1000), min_size=39, max_size=39),
    chosen=st.sets(st.integers(0, 38), min_size=1, max_size=10),
    with_inventory=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_unit_times_multiplier_is_the_score(
    catalogue: Catalogue,
    ages: list[int],
    levels: int,
    domains: int,
    raw: list[float],
    chosen: set[int],
    with_inventory: bool,
    seed: int,
) -> None:
    """sum_f w[f] * unit[c, p, f] * multiplier[c, d, p] equals score_terms' score, for any weights and choice."""
    arrays = catalogue_arrays(catalogue)
    n_f, n_b = len(arrays.factor_ids), arrays.band_years.shape[1]
    years = year_mask(AgeRange(min=ages[0], max=ages[1]), arrays.years.shape[1])
    uncovered = np.random.default_rng(seed).uniform(0, 1, (7, n_f, n_b)) if with_inventory else None
    settings_ = Settings()
    tables = score_tables(arrays, years, settings_, uncovered)
    weights = np.zeros(n_f)
    weights[list(chosen)] = np.array(raw)[list(chosen)]
    weights /= weights.sum()
    page = (tables.unit[levels] * weights).sum(axis=-1) * tables.multiplier[levels, domains]
    terms = score_terms(
        arrays,
        years,
        LEVEL_CHOICES[levels],
        DOMAIN_CHOICES[domains],
        weights,
        settings_,
        None if uncovered is None else uncovered[levels],
    )
    np.testing.assert_allclose(page, terms.score, rtol=0, atol=1e-9)
    np.testing.assert_array_equal(tables.tier[levels], terms.tier)
    # the unit table is zero exactly where a programme does not target the factor
    assert not tables.unit[:, ~tables.targets].any()


def test_the_exclusion_flags_follow_the_catalogue(catalogue: Catalogue) -> None:
    arrays = catalogue_arrays(catalogue)
    years = year_mask(AgeRange(min=10, max=15), arrays.years.shape[1])
    tables = score_tables(arrays, years, Settings())
    universal = choice_index(["universal"], LEVELS)
    for p, programme in enumerate(catalogue.programmes):
        assert tables.offers_level[universal, p] == ("universal" in programme.levels)
        assert tables.serves_ages[p] == (programme.ages.min <= 15 and programme.ages.max >= 10)
    assert sorted(arrays.ids) == [arrays.ids[p] for p in np.argsort(tables.id_rank)]
