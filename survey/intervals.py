"""Intervals and tests for shares of pupils: one place, built on SciPy's distribution functions.

* A share's 95 % interval is the Jeffreys interval (the Beta(k + 1/2, n - k + 1/2) quantiles,
  with the bound at 0 or 1 when k is 0 or n). Brown, Cai and DasGupta (2001) recommend it with
  Wilson's for small samples; it is computed for whole arrays at once.
* A difference between two shares gets Newcombe's hybrid interval, built from the two shares'
  own intervals (Newcombe 1998, method 10, here with Jeffreys instead of Wilson intervals).
* Whether a difference is larger than chance: the two-sided test of two proportions with the
  pooled variance (the same as Pearson's chi-squared test of the 2x2 table without continuity
  correction), through ``scipy.stats.norm``.
* Many factors tested at once: Benjamini-Hochberg adjusted p-values, so about 5 % of what stands
  out is expected to be chance, whatever the number of factors.

The distributions come from ``scipy.special`` (``betaincinv`` for Beta quantiles, ``ndtr`` for
the normal tail), the same functions ``scipy.stats`` calls: importing ``scipy.stats`` itself
takes about 0.7 s on our 2-core machine, longer than the whole ``prioritise`` computation.
``tests/test_intervals.py`` checks every function against ``scipy.stats`` (``beta.ppf``,
``chi2_contingency``, ``false_discovery_control``).

All functions take NumPy arrays (any shape) and return arrays; NaN in, NaN out.
"""

from __future__ import annotations

import numpy as np

LEVEL = 0.95


def share_interval(count: np.ndarray, n: np.ndarray, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Jeffreys interval of ``count / n`` (shares 0-1); NaN where n is 0 or missing."""
    from scipy.special import betaincinv

    count, n = np.asarray(count, dtype=float), np.asarray(n, dtype=float)
    alpha = (1.0 - level) / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        low = betaincinv(count + 0.5, n - count + 0.5, alpha)
        high = betaincinv(count + 0.5, n - count + 0.5, 1.0 - alpha)
    low = np.where(count == 0, 0.0, low)
    high = np.where(count == n, 1.0, high)
    bad = ~(n > 0) | np.isnan(count)
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def difference_interval(
    c1: np.ndarray, n1: np.ndarray, c2: np.ndarray, n2: np.ndarray, level: float = LEVEL
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``p1 - p2`` with Newcombe's hybrid interval (shares 0-1): (difference, low, high)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = np.asarray(c1, float) / np.asarray(n1, float), np.asarray(c2, float) / np.asarray(n2, float)
    l1, u1 = share_interval(c1, n1, level)
    l2, u2 = share_interval(c2, n2, level)
    diff = p1 - p2
    low = diff - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = diff + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return diff, low, high


def two_proportion_p(c1: np.ndarray, n1: np.ndarray, c2: np.ndarray, n2: np.ndarray) -> np.ndarray:
    """Two-sided p-value that two shares differ (pooled test; NaN where it cannot be computed)."""
    from scipy.special import ndtr

    c1, n1, c2, n2 = (np.asarray(x, dtype=float) for x in (c1, n1, c2, n2))
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = (c1 + c2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (c1 / n1 - c2 / n2) / se
    p = 2 * ndtr(-np.abs(z))
    # identical shares of all or nothing: no evidence of a difference
    return np.where((se == 0) & (n1 > 0) & (n2 > 0), 1.0, p)


def bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values of one family of tests (1-D, no NaN).

    The i-th smallest p-value is multiplied by m / i, then made monotone from the largest down
    and capped at 1 (Benjamini and Hochberg 1995); equal to ``scipy.stats.false_discovery_control``.
    """
    m = len(p)
    order = np.argsort(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    monotone = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(monotone, 1.0)
    return out


def adjust(p_values: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values; each row (last axis) is one family of tests.

    NaN marks a test that was not made (a suppressed figure) and is left out of its family, so
    it neither counts towards the number of tests nor gets an adjusted value.
    """
    p = np.atleast_2d(np.asarray(p_values, dtype=float))
    out = np.full(p.shape, np.nan)
    for row, values in enumerate(p):  # families are few (an area's factors)
        made = ~np.isnan(values)
        if made.any():
            out[row, made] = bh_adjust(values[made])
    return out.reshape(np.shape(p_values))
