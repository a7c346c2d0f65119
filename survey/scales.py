"""Scale scores and cut-points: which pupils are at risk on a factor, or protected by it.

For one scale, answers arrive as a [respondents, items] array of answer codes (NaN when not
answered). Codes outside the valid range count as not answered (surveys code "don't know" as 8
or 9). Reverse-coded items are turned round (``min + max - answer``). A pupil's scale score is the
mean of the answered items when at least ``min_answered`` are answered, else NaN (no valid score).
A risk factor flags pupils whose score is above the cut-point; a protective factor flags those at
or above it. The codebook carries the items, ranges and cut-points (inputs/codebook.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ScaleResult:
    """One scale for every respondent."""

    score: np.ndarray  #: [R] float, NaN without a valid score
    flagged: np.ndarray  #: [R] bool: at risk (risk factor) or protected (protective factor)
    out_of_range: int  #: answers outside the valid range, counted as not answered

    @property
    def valid(self) -> np.ndarray:
        """[R] bool: the respondent has a valid scale score."""
        return ~np.isnan(self.score)


def clean_answers(answers: np.ndarray, low: int, high: int) -> tuple[np.ndarray, int]:
    """Answers as floats with codes outside ``low..high`` (or not whole numbers) set to NaN; and how many."""
    values = np.asarray(answers, dtype=float)
    bad = ~np.isnan(values) & ((values < low) | (values > high) | (values % 1 != 0))
    return np.where(bad, np.nan, values), int(bad.sum())


def scale_score(
    answers: np.ndarray, reverse: np.ndarray, low: int, high: int, min_answered: int
) -> tuple[np.ndarray, int]:
    """[R] mean of the answered items after reversing (NaN with fewer than ``min_answered``); and out-of-range count.

    Args:
        answers: [R, I] answer codes, NaN when not answered.
        reverse: [I] bool, True for reverse-coded items.
        low, high: the valid answer range.
        min_answered: items that must be answered for a score.
    """
    values, out_of_range = clean_answers(answers, low, high)
    values = np.where(np.asarray(reverse, dtype=bool)[None, :], low + high - values, values)
    answered = (~np.isnan(values)).sum(axis=1)
    with np.errstate(invalid="ignore"):
        mean = np.nanmean(np.where(answered[:, None] > 0, values, 0.0), axis=1)
    return np.where(answered >= min_answered, mean, np.nan), out_of_range


def flag(score: np.ndarray, cut_point: float, kind: str) -> np.ndarray:
    """[R] bool: at risk (``kind == 'risk'``: score above the cut) or protected (score at or above it)."""
    with np.errstate(invalid="ignore"):
        return (score > cut_point) if kind == "risk" else (score >= cut_point)


def score_scale(
    answers: np.ndarray, reverse: np.ndarray, low: int, high: int, min_answered: int, cut_point: float, kind: str
) -> ScaleResult:
    """Score one scale for every respondent (see the module docstring)."""
    score, out_of_range = scale_score(answers, reverse, low, high, min_answered)
    return ScaleResult(score, flag(score, cut_point, kind) & ~np.isnan(score), out_of_range)
