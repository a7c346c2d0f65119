"""survey/suppression.py: nothing from fewer than the threshold is shown or can be worked out."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.suppression import check_threshold, complementary, primary


def test_the_edges_9_10_11() -> None:
    assert primary(np.array([9.0, 10.0, 11.0, 0.0, np.nan]), 10).tolist() == [True, False, False, False, True]


def test_one_small_grade_hides_a_second_so_the_total_reveals_nothing() -> None:
    parts = np.array([4.0, 30.0, 25.0, 40.0])
    hidden, total_hidden = complementary(parts, parts.sum(), primary(parts, 10), 10)
    assert hidden.tolist() == [True, False, True, False]  # the smallest other grade is hidden too
    assert not total_hidden and parts[hidden].sum() >= 10


def test_two_small_grades_that_add_up_to_under_the_threshold_need_a_third() -> None:
    parts = np.array([3.0, 4.0, 12.0, 50.0])
    hidden, total_hidden = complementary(parts, parts.sum(), primary(parts, 10), 10)
    assert hidden.tolist() == [True, True, True, False] and not total_hidden


def test_a_small_total_hides_everything() -> None:
    parts = np.array([4.0, 5.0])
    hidden, total_hidden = complementary(parts, 9.0, primary(parts, 10), 10)
    assert hidden.all() and total_hidden


def test_when_nothing_else_can_be_hidden_the_total_goes() -> None:
    parts = np.array([4.0, 0.0])
    _, total_hidden = complementary(parts, 4.0 + 20.0, primary(parts, 10), 10)
    assert total_hidden


@given(st.lists(st.integers(0, 40), min_size=1, max_size=7), st.integers(10, 15))
@settings(max_examples=300, deadline=None)
def test_no_hidden_part_can_be_worked_out(parts_list: list[int], threshold: int) -> None:
    """Shown parts and a shown total never pin down a hidden figure below the threshold."""
    parts = np.array(parts_list, dtype=float)
    hidden, total_hidden = complementary(parts, parts.sum(), primary(parts, threshold), threshold)
    shown = parts[~hidden]
    assert ((shown == 0) | (shown >= threshold)).all()
    if not total_hidden and hidden.any():
        # what the total minus the shown parts reveals: the hidden parts together
        assert hidden.sum() >= 2 and parts[hidden].sum() >= threshold


def test_threshold_below_ten_needs_the_explicit_choice() -> None:
    check_threshold(10, False)
    check_threshold(25, False)
    check_threshold(5, True)
    with pytest.raises(ValueError):
        check_threshold(9, False)
    with pytest.raises(ValueError):
        check_threshold(0, True)
