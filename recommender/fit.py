"""Say plainly when the catalogue fits a profile poorly, and what a team can do about it.

Two signs (docs/method.md, "Weak fits"):

* the best score of a programme that is not in the no-effect group is below ``low_score``
  (settings; 20 of 100 by default), or
* a prioritised factor is targeted by no eligible programme with at least ``preliminary``
  evidence at the wanted levels.

For each such factor the notice counts the programmes with that evidence that do target it
but were left out, by reason (other ages, levels or domains, already in place), so the advice
can be specific: widen the levels, or add a local programme with ``--catalog``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from catalog.arrays import CatalogueArrays
from inputs.evidence_scale import TIER_ORDER

PRELIMINARY = TIER_ORDER.index("preliminary")


@dataclass(frozen=True)
class PoorlyCovered:
    """A prioritised factor no eligible programme with preliminary evidence or better targets."""

    factor: str
    #: exclusion reason -> programmes with such evidence that target the factor but were left out
    elsewhere: dict[str, int]


@dataclass(frozen=True)
class FitNotice:
    best_score: float  #: 0-100; the best programme outside the no-effect group (0 when none)
    low_score: float  #: the threshold from the settings
    poorly_covered: tuple[PoorlyCovered, ...]

    @property
    def score_is_low(self) -> bool:
        return self.best_score < self.low_score

    @property
    def needed(self) -> bool:
        """Whether the output must say that the catalogue fits poorly."""
        return self.score_is_low or bool(self.poorly_covered)


def fit_notice(
    arrays: CatalogueArrays,
    priority_idx: np.ndarray,
    score: np.ndarray,
    tier: np.ndarray,
    eligible: np.ndarray,
    no_effect: np.ndarray,
    reason: np.ndarray,
    reasons: Sequence[str],
    low_score: float,
) -> FitNotice:
    """The notice for one profile, from the arrays :func:`recommender.ranking.recommend` computed.

    Args:
        priority_idx: [K] the prioritised factors' indices, in profile order.
        score, tier: [P] score (0-100) and tier index at the wanted levels.
        eligible, no_effect: [P] bool.
        reason: [P] index into ``reasons`` of why a programme was left out, -1 if it was not.
    """
    recommended = eligible & ~no_effect
    best = float(score[recommended].max()) if recommended.any() else 0.0
    targets = arrays.basis[:, priority_idx] > 0  # [P, K]
    strong_here = recommended & (tier <= PRELIMINARY)
    strong_anywhere = arrays.tier.min(axis=1) <= PRELIMINARY  # at the best level it is offered at
    poorly = []
    for k in np.flatnonzero(~(targets & strong_here[:, None]).any(axis=0)):
        left_out = targets[:, k] & strong_anywhere & (reason >= 0)
        counts = np.bincount(reason[left_out], minlength=len(reasons))
        poorly.append(
            PoorlyCovered(
                factor=str(arrays.factor_ids[priority_idx[k]]),
                elsewhere={reasons[i]: int(n) for i, n in enumerate(counts) if n},
            )
        )
    return FitNotice(best_score=best, low_score=low_score, poorly_covered=tuple(poorly))
