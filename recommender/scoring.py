"""The score: how well each programme serves an area's prioritised, uncovered needs.

All functions are pure and vectorised over programmes (and over areas, where an array
has a leading batch axis). The formula, in docs/method.md::

    need[f, b]   = w[f] * s[b] * u[f, b]
    c[p, f]      = E[p] * fit[p] * sum_b T[p, f] * A[p, b] * need[f, b]
    score[p]     = 100 * sum_f c[p, f]

with ``w`` the normalised priority weights (0 for factors not prioritised), ``s[b]`` the
share of the profile's years that fall in band ``b``, ``u`` the share still uncovered
(1 without an inventory), ``T`` the targeting strength, ``A`` the share of the profile's
years in band ``b`` that the programme serves, ``E`` the evidence multiplier and ``fit``
the level-and-domain multiplier. ``c`` is the explanation: it says how many points each
factor contributed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from catalog.arrays import LISTED, MAPPED, CatalogueArrays, age_coverage, band_shares
from inputs.evidence_scale import TIER_ORDER
from inputs.settings import EvidenceWeights, Settings, TargetingWeights


def targeting_strength(basis: np.ndarray, weights: TargetingWeights) -> np.ndarray:
    """[P, F] float: ``T``; 0 where not targeted, else the weight of the tag's basis."""
    lookup = np.zeros(3)
    lookup[MAPPED] = weights.mapped
    lookup[LISTED] = weights.listed
    return lookup[basis]


def need(priority_weights: np.ndarray, shares: np.ndarray, uncovered: np.ndarray | None = None) -> np.ndarray:
    """[..., F, B]: the area's need ``w[f] * s[b] * u[f, b]``."""
    base = priority_weights[..., :, None] * shares[..., None, :]
    return base if uncovered is None else base * uncovered


def share_wanted(offered: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """[..., P]: share of the wanted levels (or domains) that each programme offers."""
    return (offered & wanted[..., None, :]).sum(axis=-1) / wanted.sum(axis=-1, keepdims=True)


def fit_multiplier(level_share: np.ndarray, domain_share: np.ndarray, bonus: float) -> np.ndarray:
    """[..., P]: ``1 - bonus`` plus ``bonus`` times the mean of the two shares."""
    return (1.0 - bonus) + bonus * (level_share + domain_share) / 2.0


def effective_tier(tier: np.ndarray, offered: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """[..., P]: the best tier index over the levels both offered and wanted.

    ``tier`` is [P, 3]; programmes with no such level get the worst index (they are
    excluded by the level test anyway).
    """
    usable = offered & wanted[..., None, :]
    return np.where(usable, tier, len(TIER_ORDER) - 1).min(axis=-1)


def evidence_multiplier(tier: np.ndarray, weights: EvidenceWeights) -> np.ndarray:
    """``E`` looked up from tier indices (any shape)."""
    return np.asarray(weights.as_list())[tier]


def contributions_by_band(
    strength: np.ndarray,
    coverage: np.ndarray,
    needs: np.ndarray,
    evidence: np.ndarray,
    fit: np.ndarray,
) -> np.ndarray:
    """[..., P, F, B]: points (0-100 scale) per programme, factor and age band.

    Args:
        strength: [P, F] targeting strength ``T``.
        coverage: [..., P, B] age coverage ``A``.
        needs: [..., F, B] need.
        evidence: [P] (or [..., P]) evidence multiplier ``E``.
        fit: [..., P] level-and-domain multiplier.
    """
    raw = np.einsum("pf,...pb,...fb->...pfb", strength, coverage, needs)
    return 100.0 * raw * (evidence * fit)[..., None, None]


def contributions(
    strength: np.ndarray,
    coverage: np.ndarray,
    needs: np.ndarray,
    evidence: np.ndarray,
    fit: np.ndarray,
) -> np.ndarray:
    """[..., P, F]: points each factor contributes to each programme's score (summed over bands).

    Equal to ``contributions_by_band(...).sum(-1)`` but never materialises the band axis,
    which matters for a batch of thousands of areas.
    """
    raw = np.einsum("pf,...pb,...fb->...pf", strength, coverage, needs, optimize=True)
    return 100.0 * raw * (evidence * fit)[..., None]


@dataclass(frozen=True)
class ScoreTerms:
    """Every term of the score for one area (or, with a leading axis, for many)."""

    strength: np.ndarray  #: [P, F] T
    coverage: np.ndarray  #: [..., P, B] A
    needs: np.ndarray  #: [..., F, B]
    tier: np.ndarray  #: [..., P] effective tier index at the wanted levels
    evidence: np.ndarray  #: [..., P] E
    fit: np.ndarray  #: [..., P]
    points: np.ndarray  #: [..., P, F]

    @property
    def score(self) -> np.ndarray:
        """[..., P]: the 0-100 score."""
        return self.points.sum(axis=-1)


def score_terms(
    arrays: CatalogueArrays,
    profile_years: np.ndarray,
    want_levels: np.ndarray,
    want_domains: np.ndarray,
    priority_weights: np.ndarray,
    weights: Settings,
    uncovered: np.ndarray | None = None,
) -> ScoreTerms:
    """Compute the score's terms from the catalogue arrays and one or many profiles.

    Args:
        profile_years: [..., Y] bool; want_levels [..., 3] and want_domains [..., 4] bool;
        priority_weights: [..., F] normalised weights (0 for factors not prioritised);
        uncovered: [..., F, B] share still uncovered, or None for nothing covered yet.
    """
    strength = targeting_strength(arrays.basis, weights.targeting)
    coverage = age_coverage(arrays.years, profile_years, arrays.band_years)
    needs = need(priority_weights, band_shares(profile_years, arrays.band_years), uncovered)
    tier = effective_tier(arrays.tier, arrays.levels, want_levels)
    evidence = evidence_multiplier(tier, weights.evidence)
    fit = fit_multiplier(
        share_wanted(arrays.levels, want_levels), share_wanted(arrays.domains, want_domains), weights.fit_bonus
    )
    points = contributions(strength, coverage, needs, evidence, fit)
    return ScoreTerms(strength, coverage, needs, tier, evidence, fit, points)
