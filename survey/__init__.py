"""Phases 3 and 5 from the data: the CTC youth survey becomes the area profile, and later waves show what changed.

``responses`` -> (:mod:`survey.aggregate`) -> aggregates -> (:mod:`survey.prioritise`) -> area
profile and suggested priorities; (:mod:`survey.follow_up`) -> the series over waves. Every figure
from fewer respondents than the threshold is suppressed (:mod:`survey.suppression`). pandas and
SciPy are imported only inside this package, never by the everyday commands.
"""
