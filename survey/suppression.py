"""Small-number suppression: no figure from fewer than the threshold's respondents is shown or derivable.

The survey concerns minors. Two rules, applied to every table the survey commands write:

1. **Primary suppression.** A cell whose figure rests on ``0 < n < threshold`` respondents is
   not shown: its respondents, count and share all become empty.
2. **Complementary suppression.** Where a total is shown next to its parts (an area's grades and
   the area's total), the hidden parts must not be recoverable as ``total - shown parts``. So
   within each group, the hidden cells together must rest on at least ``threshold``
   respondents and there must not be exactly one of them; while that fails, the smallest shown
   part is hidden too, and when nothing is left to hide, the total is hidden as well.

Benchmarks ("the rest of the city") are summed only over areas whose own figure is shown, so the
difference between two benchmarks never reveals a hidden area (docs/survey.md, "Privacy").

The default threshold is 10; it can be raised freely. Going below 10 needs an explicit choice,
and every output then says which threshold was used.
"""

from __future__ import annotations

import numpy as np

DEFAULT_THRESHOLD = 10
#: The lowest threshold allowed without the explicit "I accept small cells" choice.
FLOOR = 10


def primary(respondents: np.ndarray, threshold: int) -> np.ndarray:
    """Bool mask of cells to hide on their own: ``0 < n < threshold`` (NaN: already hidden)."""
    n = np.asarray(respondents, dtype=float)
    return np.isnan(n) | ((n > 0) & (n < threshold))


def complementary(parts: np.ndarray, total: float, hidden: np.ndarray, threshold: int) -> tuple[np.ndarray, bool]:
    """Extend ``hidden`` (a mask over ``parts``) until no hidden part can be derived from the total.

    Args:
        parts: respondents of each part (e.g. each grade of one area, wave and factor).
        total: respondents of the total those parts add up to.
        hidden: parts already hidden by :func:`primary`.
        threshold: the suppression threshold.

    Returns:
        The extended mask over the parts, and whether the total must be hidden too.
    """
    parts = np.asarray(parts, dtype=float)
    hidden = np.asarray(hidden, dtype=bool).copy()
    if np.isnan(total) or (0 < total < threshold):
        return np.ones_like(hidden), True

    def safe() -> bool:
        count = int(hidden.sum())
        return count == 0 or (count >= 2 and float(np.nansum(parts[hidden])) >= threshold)

    while not safe():
        candidates = np.flatnonzero(~hidden & (parts > 0))
        if candidates.size == 0:
            # nothing left to hide among the parts: hiding the total removes the equation
            return hidden, True
        hidden[candidates[np.argmin(parts[candidates])]] = True
    return hidden, False


def check_threshold(threshold: int, allow_small: bool) -> None:
    """Refuse a threshold below :data:`FLOOR` unless it was asked for explicitly.

    Raises:
        ValueError: ``threshold`` is below the floor without ``allow_small``, or below 1.
    """
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    if threshold < FLOOR and not allow_small:
        raise ValueError(f"threshold {threshold} is below {FLOOR}")
