"""Coverage arithmetic: resources combine without exceeding full coverage."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gap_analysis.coverage import combine, coverage_by_group, coverage_matrix, effective_reach


def test_two_half_reaches_make_three_quarters() -> None:
    assert np.isclose(combine(np.array([0.5, 0.5])), 0.75)


def test_no_resources_no_coverage() -> None:
    assert (coverage_matrix(np.zeros((0, 3, 2))) == 0).all()


def test_full_reach_is_full_coverage() -> None:
    assert combine(np.array([1.0, 0.2])) == 1.0


def test_effective_reach_multiplies_quality_reach_strength_and_ages() -> None:
    strength = np.array([[1.0, 0.6]])
    ages = np.array([[0.5, 1.0]])
    effect = np.array([0.4])  # e.g. quality 0.8 x reach 0.5
    x = effective_reach(strength, ages, effect)
    assert np.allclose(x[0], [[0.2, 0.4], [0.12, 0.24]])


def test_coverage_by_group_uses_only_members() -> None:
    x = np.array([[[0.5]], [[0.5]]])  # two resources, one factor, one band
    member = np.array([[True, False], [True, True]])  # resource 0 in group 0 only
    by_group = coverage_by_group(x, member)
    assert np.allclose(by_group[:, 0, 0], [0.75, 0.5])


@settings(max_examples=200, deadline=None)
@given(
    x=arrays(np.float64, (5, 3, 2), elements=st.floats(0, 1)),
    extra=arrays(np.float64, (3, 2), elements=st.floats(0, 1)),
)
def test_coverage_stays_within_0_1_and_never_drops_when_adding(x: np.ndarray, extra: np.ndarray) -> None:
    before = coverage_matrix(x)
    after = coverage_matrix(np.concatenate([x, extra[None]]))
    assert ((before >= 0) & (before <= 1)).all()
    assert (after >= before - 1e-12).all()
    assert (after >= x.max(axis=0) - 1e-12).all()  # never below the best single resource
