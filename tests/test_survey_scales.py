"""survey/scales.py: reverse coding, answered items, out-of-range codes and the cut-point's direction."""

from __future__ import annotations

import numpy as np

from survey.scales import clean_answers, flag, scale_score, score_scale

NAN = np.nan


def test_reverse_coded_items_turn_round() -> None:
    answers = np.array([[4, 1], [1, 4]], dtype=float)
    score, _ = scale_score(answers, np.array([False, True]), 1, 4, 1)
    assert score.tolist() == [4.0, 1.0]  # (4 + (5-1)) / 2 and (1 + (5-4)) / 2


def test_too_few_answers_give_no_score_and_out_of_range_counts_as_unanswered() -> None:
    answers = np.array([[3, NAN, NAN], [3, 9, 2], [0, 9, 4]], dtype=float)
    score, out_of_range = scale_score(answers, np.array([False, False, False]), 1, 4, 2)
    assert np.isnan(score[0]) and score[1] == 2.5 and np.isnan(score[2])
    assert out_of_range == 3
    cleaned, bad = clean_answers(np.array([[2.5, 3]]), 1, 4)
    assert np.isnan(cleaned[0, 0]) and bad == 1  # not a whole answer code


def test_risk_is_above_the_cut_and_protection_at_or_above() -> None:
    score = np.array([2.5, 2.6, NAN])
    assert flag(score, 2.5, "risk").tolist() == [False, True, False]
    assert flag(score, 2.5, "protective").tolist() == [True, True, False]


def test_pupils_without_a_score_are_never_flagged() -> None:
    result = score_scale(np.array([[NAN, NAN], [4, 4]]), np.array([False, False]), 1, 4, 1, 2.5, "risk")
    assert result.valid.tolist() == [False, True] and result.flagged.tolist() == [False, True]
