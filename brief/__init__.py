"""The phase 4 meeting brief: recommending and gap analysis joined for one area.

The only package that imports both :mod:`recommender` and :mod:`gap_analysis`.
"""

from __future__ import annotations

from brief.meeting import InPlace, MeetingBrief, build_brief, in_place_advice

__all__ = ["InPlace", "MeetingBrief", "build_brief", "in_place_advice"]
