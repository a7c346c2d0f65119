"""Rank programmes for an area profile and explain every recommendation.

:func:`recommend` is the function behind ``insatsval recommend``. It masks out
programmes that do not fit the profile (ages, levels, domains), scores the rest with
:mod:`recommender.scoring`, orders them with a deterministic tie-break and returns
:class:`Recommendation` objects that carry their own explanation.

Order (docs/method.md): programmes whose tier at the wanted levels is ``no_effect`` come
after all others, as their own group; within each group the higher score first (compared to
1e-9), then the stronger evidence tier, then more prioritised factors matched, then the
programme id in alphabetical order.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from catalog.arrays import LISTED, CatalogueArrays, catalogue_arrays, profile_arrays
from catalog.catalogue import Catalogue
from catalog.tiers import TierResult
from inputs.evidence_scale import TIER_ORDER
from inputs.profile import AreaProfile
from inputs.programme import Programme
from inputs.settings import Settings
from inputs.vocabulary import DOMAINS, LEVELS, AgeRange
from recommender.fit import FitNotice, fit_notice
from recommender.scoring import contributions_by_band, score_terms

#: Why a programme was left out, in the order the reasons are tested. ``nothing_left``: every
#: need it reaches is already covered by the inventory, so it would add nothing.
EXCLUSION_REASONS = ("ages", "levels", "domains", "in_place", "harmful", "no_priority_factor", "nothing_left")
NO_EFFECT = TIER_ORDER.index("no_effect")
#: "recommended", or "no_effect": tested, but sound evaluations found no effect (shown last).
Group = Literal["recommended", "no_effect"]


@dataclass(frozen=True)
class FactorContribution:
    """How much one prioritised factor added to a programme's score."""

    factor: str
    basis: str  #: "listed" or "mapped"
    weight: float  #: the factor's normalised priority weight (0-1)
    contribution: float  #: points on the 0-100 score scale


@dataclass(frozen=True)
class GapFilled:
    """A (factor, age band) gap or partial coverage that the programme reaches."""

    factor: str
    band: str


@dataclass(frozen=True)
class Recommendation:
    """One ranked programme with everything needed to explain it."""

    rank: int
    programme: Programme
    score: float  #: 0-100
    contributions: tuple[FactorContribution, ...]
    age_overlap: AgeRange
    age_share: float  #: share of the profile's years the programme serves (0-1)
    tier: TierResult  #: the tier at ``tier_level``
    tier_level: str  #: the wanted level at which the programme's evidence is best
    evidence_multiplier: float
    fit: float
    levels_matched: tuple[str, ...]
    domains_matched: tuple[str, ...]
    origin: str
    gaps_filled: tuple[GapFilled, ...] = ()
    group: Group = "recommended"


@dataclass(frozen=True)
class RecommendationResult:
    """The ranked list, what was left out and why, and how well the catalogue fits at all.

    ``eligible`` plus the lengths of ``excluded`` always add up to ``considered``.
    """

    recommendations: list[Recommendation]
    eligible: int
    considered: int
    excluded: dict[str, list[str]] = field(default_factory=dict)
    notice: FitNotice | None = None


def _excluded_by(
    arrays: CatalogueArrays,
    profile_years: np.ndarray,
    want_levels: np.ndarray,
    want_domains: np.ndarray,
    in_place: np.ndarray,
    evidence: np.ndarray,
    matched: np.ndarray,
    score: np.ndarray,
) -> np.ndarray:
    """[P] int: index into EXCLUSION_REASONS of the first failed test, -1 when eligible."""
    fails = np.stack(
        [
            ~(arrays.years & profile_years).any(axis=1),
            ~(arrays.levels & want_levels).any(axis=1),
            ~(arrays.domains & want_domains).any(axis=1),
            in_place,
            evidence <= 0,
            ~matched,
            score <= 1e-9,
        ]
    )
    first = np.argmax(fails, axis=0)
    return np.where(fails.any(axis=0), first, -1)


def recommend(
    catalogue: Catalogue,
    profile: AreaProfile,
    weights: Settings | None = None,
    *,
    arrays: CatalogueArrays | None = None,
    uncovered: np.ndarray | None = None,
    open_gaps: np.ndarray | None = None,
    in_place: Collection[str] = (),
    top: int | None = None,
) -> RecommendationResult:
    """Rank the catalogue's programmes for ``profile``.

    Args:
        catalogue: the loaded catalogue.
        profile: the area profile.
        weights: scoring weights (defaults when None).
        arrays: precomputed :func:`catalogue_arrays` (computed when None).
        uncovered: [F, B] share of each factor and band not yet covered (gap analysis);
            None means nothing is covered yet.
        open_gaps: [F, B] bool, the cells classified as gap or partial; used to list the
            gaps each programme fills.
        in_place: ids of programmes already running in the area; they are not recommended.
        top: keep only the first ``top`` recommendations.

    Returns:
        A :class:`RecommendationResult`; identical inputs always give identical output.
    """
    weights = weights or Settings()
    arrays = arrays or catalogue_arrays(catalogue)
    taxonomy = catalogue.taxonomy

    area = profile_arrays([profile], taxonomy)
    profile_years, want_levels, want_domains, priority_w = (
        area.years[0],
        area.levels[0],
        area.domains[0],
        area.priority[0],
    )
    priority_idx = np.array([taxonomy.factor_index[f] for f in profile.factor_ids])

    terms = score_terms(arrays, profile_years, want_levels, want_domains, priority_w, weights, uncovered)
    points, score, tier, evidence, fit = terms.points, terms.score, terms.tier, terms.evidence, terms.fit

    running = set(in_place)
    in_place_mask = np.array([pid in running for pid in arrays.ids], dtype=bool)
    matched = np.asarray((arrays.basis[:, priority_idx] > 0).any(axis=1))
    reason = _excluded_by(arrays, profile_years, want_levels, want_domains, in_place_mask, evidence, matched, score)
    eligible = reason < 0

    n_matched = (arrays.basis[:, priority_idx] > 0).sum(axis=1)
    id_rank = np.argsort(np.argsort(np.array(arrays.ids)))
    no_effect = tier == NO_EFFECT
    order = np.lexsort((id_rank, -n_matched, tier, -np.round(score, 9), no_effect))
    order = order[eligible[order]]
    notice = fit_notice(
        arrays, priority_idx, score, tier, eligible, no_effect, reason, EXCLUSION_REASONS, weights.low_score
    )
    if top is not None:
        order = order[:top]

    by_band = contributions_by_band(
        terms.strength[order], terms.coverage[order], terms.needs, evidence[order], fit[order]
    )
    recommendations = []
    for rank, (p, bands) in enumerate(zip(order, by_band, strict=True), start=1):
        programme = catalogue.programmes[p]
        tier_level, tier_result = catalogue.tiers[programme.id].best(profile.levels)
        served = np.flatnonzero(arrays.years[p] & profile_years)
        factor_points = [
            FactorContribution(
                factor=taxonomy.factor_ids[f],
                basis="listed" if arrays.basis[p, f] == LISTED else "mapped",
                weight=float(priority_w[f]),
                contribution=float(points[p, f]),
            )
            for f in priority_idx
            if arrays.basis[p, f] > 0
        ]
        # largest first, compared to 1e-9 like the scores, so float noise never decides the order
        factor_points.sort(key=lambda c: (-round(c.contribution, 9), c.factor))
        gaps: tuple[GapFilled, ...] = ()
        if open_gaps is not None:
            cells = np.argwhere((bands > 1e-12) & open_gaps)
            gaps = tuple(GapFilled(taxonomy.factor_ids[f], taxonomy.band_ids[b]) for f, b in cells)
        recommendations.append(
            Recommendation(
                rank=rank,
                programme=programme,
                score=float(score[p]),
                contributions=tuple(factor_points),
                age_overlap=AgeRange(min=int(served.min()), max=int(served.max())),
                age_share=float(served.size / profile_years.sum()),
                tier=tier_result,
                tier_level=tier_level,
                evidence_multiplier=float(evidence[p]),
                fit=float(fit[p]),
                levels_matched=tuple(lv for lv in LEVELS if lv in programme.levels and lv in profile.levels),
                domains_matched=tuple(d for d in DOMAINS if d in programme.domains and d in profile.domains),
                origin=catalogue.origin_of(programme.id),
                gaps_filled=gaps,
                group="no_effect" if no_effect[p] else "recommended",
            )
        )
    excluded: dict[str, list[str]] = {name: [] for name in EXCLUSION_REASONS}
    for p in np.flatnonzero(reason >= 0):
        excluded[EXCLUSION_REASONS[reason[p]]].append(arrays.ids[p])
    return RecommendationResult(
        recommendations=recommendations,
        eligible=int(eligible.sum()),
        considered=arrays.n_programmes,
        excluded={k: v for k, v in excluded.items() if v},
        notice=notice,
    )
