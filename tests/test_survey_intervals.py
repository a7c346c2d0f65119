"""survey/intervals.py agrees with scipy.stats, and its intervals behave."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.intervals import adjust, bh_adjust, difference_interval, share_interval, two_proportion_p

scipy_stats = pytest.importorskip("scipy.stats")


def test_jeffreys_interval_is_the_beta_quantiles() -> None:
    count, n = np.array([3, 10, 0, 25]), np.array([20, 10, 15, 80])
    low, high = share_interval(count, n)
    expected_low = scipy_stats.beta.ppf(0.025, count + 0.5, n - count + 0.5)
    expected_high = scipy_stats.beta.ppf(0.975, count + 0.5, n - count + 0.5)
    assert np.allclose(low[[0, 1, 3]], expected_low[[0, 1, 3]])
    assert np.allclose(high[[0, 2, 3]], expected_high[[0, 2, 3]])
    assert low[2] == 0.0 and high[1] == 1.0  # the bound at 0 or 1 when none or all are past the cut


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
@settings(max_examples=200, deadline=None)
def test_interval_holds_the_share_and_stays_in_0_1(pair: tuple[int, int]) -> None:
    count, n = pair
    low, high = share_interval(np.array([count]), np.array([n]))
    assert 0.0 <= low[0] <= count / n <= high[0] <= 1.0


def test_missing_or_empty_cells_give_nan() -> None:
    low, high = share_interval(np.array([np.nan, 0.0]), np.array([np.nan, 0.0]))
    assert np.isnan(low).all() and np.isnan(high).all()


def test_two_proportion_p_is_pearsons_chi_squared() -> None:
    cases = [(12, 40, 30, 200), (5, 15, 5, 15), (50, 100, 10, 100), (1, 30, 9, 31)]
    for c1, n1, c2, n2 in cases:
        table = np.array([[c1, n1 - c1], [c2, n2 - c2]])
        expected = scipy_stats.chi2_contingency(table, correction=False).pvalue
        assert two_proportion_p(np.array(c1), np.array(n1), np.array(c2), np.array(n2)) == pytest.approx(expected)


def test_difference_interval_holds_the_difference_and_widens_with_fewer_pupils() -> None:
    d, low, high = difference_interval(np.array([30, 3]), np.array([100, 10]), np.array([20, 2]), np.array([100, 10]))
    assert np.allclose(d, [0.1, 0.1])
    assert (low < d).all() and (d < high).all()
    assert high[1] - low[1] > high[0] - low[0]


@given(st.lists(st.floats(0.0, 1.0, allow_nan=False), min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_bh_equals_scipy(p: list[float]) -> None:
    values = np.array(p)
    assert np.allclose(bh_adjust(values), scipy_stats.false_discovery_control(values, method="bh"))


def test_adjust_leaves_untested_factors_out_of_the_family() -> None:
    p = np.array([0.01, np.nan, 0.04, np.nan])
    adjusted = adjust(p)
    assert np.isnan(adjusted[[1, 3]]).all()
    assert np.allclose(adjusted[[0, 2]], scipy_stats.false_discovery_control([0.01, 0.04]))
