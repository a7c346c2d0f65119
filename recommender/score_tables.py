"""The score split into what a meeting can change and what it cannot, for the meeting view.

In the phase 4 meeting a team changes the priority weights, the factor list, the wanted levels
and domains, and marks programmes it cannot run. The profile's ages, the catalogue, the
inventory and the settings stay fixed. The score of :mod:`recommender.scoring` is linear in the
priority weights::

    points[p, f] = w[f] * unit[c, p, f] * multiplier[c, d, p]
    unit[c, p, f] = 100 * sum_b T[p, f] * A[p, b] * s[b] * u_c[f, b]      (w[f] = 1, E = fit = 1)
    multiplier[c, d, p] = E_c[p] * fit_cd[p]

where ``c`` is the choice of wanted levels (one of the 7 non-empty subsets of the three levels;
the levels decide both the evidence tier and, through the inventory, what is still uncovered)
and ``d`` the choice of wanted domains (one of 15). This module computes ``unit`` and
``multiplier`` for every choice with the very functions :func:`recommender.ranking.recommend`
uses, so the page only multiplies by the weights it is shown, adds up and sorts: the formula
lives here, once.

Choice ``c`` is indexed by its bit mask minus one: bit ``i`` set means level ``LEVELS[i]`` is
wanted (``c = 0`` is universal only, ``c = 6`` all three); domains likewise over ``DOMAINS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from catalog.arrays import CatalogueArrays, age_coverage, band_shares
from inputs.settings import Settings
from inputs.vocabulary import DOMAINS, LEVELS
from recommender.fit import PRELIMINARY
from recommender.ranking import NO_EFFECT
from recommender.scoring import (
    contributions,
    effective_tier,
    evidence_multiplier,
    fit_multiplier,
    need,
    share_wanted,
    targeting_strength,
)


def choice_masks(n: int) -> np.ndarray:
    """[2**n - 1, n] bool: row ``m - 1`` holds the bits of ``m`` (every non-empty subset of n items)."""
    masks = np.arange(1, 2**n)[:, None]
    return (masks >> np.arange(n)[None, :]) & 1 == 1


def choice_index(wanted: Sequence[str], vocabulary: Sequence[str]) -> int:
    """The row of :func:`choice_masks` for the items ``wanted`` (ids from ``vocabulary``)."""
    return sum(1 << vocabulary.index(item) for item in set(wanted)) - 1


LEVEL_CHOICES = choice_masks(len(LEVELS))  #: [7, 3]
DOMAIN_CHOICES = choice_masks(len(DOMAINS))  #: [15, 4]


@dataclass(frozen=True)
class ScoreTables:
    """Everything of the score that does not depend on the weights, for every level and domain choice."""

    unit: np.ndarray  #: [C, P, F] points at weight 1 before E and fit; 0 where the factor is not targeted
    multiplier: np.ndarray  #: [C, D, P] E times fit
    tier: np.ndarray  #: [C, P] int: the effective tier index at the wanted levels (0 = best)
    offers_level: np.ndarray  #: [C, P] bool: offered at one of the wanted levels at least
    offers_domain: np.ndarray  #: [D, P] bool: works in one of the wanted domains at least
    harmful: np.ndarray  #: [C, P] bool: evidence multiplier 0 (the ``harmful`` exclusion)
    serves_ages: np.ndarray  #: [P] bool: serves at least one of the profile's ages
    targets: np.ndarray  #: [P, F] bool: the programme targets the factor (listed or mapped)
    strong_anywhere: np.ndarray  #: [P] bool: at least preliminary evidence at its best level (weak-fit notice)
    id_rank: np.ndarray  #: [P] int: position of the programme's id in alphabetical order (last tie-break)
    no_effect_tier: int = NO_EFFECT
    preliminary_tier: int = PRELIMINARY


def score_tables(
    arrays: CatalogueArrays,
    profile_years: np.ndarray,
    settings: Settings,
    uncovered: np.ndarray | None = None,
) -> ScoreTables:
    """The score's fixed terms for one profile's ages, for every choice of levels and domains.

    Args:
        arrays: the catalogue as arrays.
        profile_years: [Y] bool, the profile's ages.
        settings: scoring weights.
        uncovered: [C, F, B] share still uncovered for each level choice (the gap analysis run
            with those levels wanted), or None when there is no inventory (nothing covered).

    Returns:
        :class:`ScoreTables`; ``sum_f w[f] * unit[c, p, f] * multiplier[c, d, p]`` is the score
        :func:`recommender.ranking.recommend` gives with weights ``w``, levels ``c`` and domains ``d``.
    """
    n_levels, n_programmes = len(LEVEL_CHOICES), arrays.n_programmes
    strength = targeting_strength(arrays.basis, settings.targeting)
    coverage = age_coverage(arrays.years, profile_years, arrays.band_years)
    shares = band_shares(profile_years, arrays.band_years)
    ones = np.ones(len(arrays.factor_ids))
    needs = need(ones, shares, uncovered)  # [F, B], or [C, F, B] with an inventory
    unit = contributions(strength, coverage, needs, np.ones(n_programmes), np.ones(n_programmes))
    unit = np.broadcast_to(unit, (n_levels, *unit.shape[-2:])).copy()

    tier = effective_tier(arrays.tier, arrays.levels, LEVEL_CHOICES)  # [C, P]
    evidence = evidence_multiplier(tier, settings.evidence)  # [C, P]
    level_share = share_wanted(arrays.levels, LEVEL_CHOICES)  # [C, P]
    domain_share = share_wanted(arrays.domains, DOMAIN_CHOICES)  # [D, P]
    fit = fit_multiplier(level_share[:, None, :], domain_share[None, :, :], settings.fit_bonus)  # [C, D, P]
    multiplier = evidence[:, None, :] * fit

    return ScoreTables(
        unit=unit,
        multiplier=multiplier,
        tier=tier,
        offers_level=(arrays.levels[None, :, :] & LEVEL_CHOICES[:, None, :]).any(axis=-1),
        offers_domain=(arrays.domains[None, :, :] & DOMAIN_CHOICES[:, None, :]).any(axis=-1),
        harmful=evidence <= 0,
        serves_ages=(arrays.years & profile_years).any(axis=1),
        targets=arrays.basis > 0,
        strong_anywhere=arrays.tier.min(axis=1) <= PRELIMINARY,
        id_rank=np.argsort(np.argsort(np.array(arrays.ids))),
    )
