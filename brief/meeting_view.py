"""What the interactive meeting view computes ahead: the fixed terms of the score and of the gap analysis.

The meeting view (``insatsval meeting``) is one offline HTML page in which a team changes the
priority weights, the factor list, the wanted levels and domains, and marks programmes. What
those controls cannot change is computed here, with the same functions ``recommend`` and
``gaps`` use:

* the score tables of :mod:`recommender.score_tables`, for every choice of levels and domains;
* with an inventory, the gap analysis for every choice of levels (coverage depends on the
  levels: the wanted levels share the need equally), over *every* factor, so that a factor the
  team adds in the meeting has its coverage and gaps at once.

Without an inventory nothing counts as covered and there is no gap analysis, as in ``plan``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from brief.meeting import MeetingBrief
from catalog.arrays import band_shares, band_year_matrix, catalogue_arrays, year_mask
from catalog.catalogue import Catalogue
from gap_analysis.analysis import CoverageCell, GapAnalysis, analyse_gaps
from inputs.profile import Priority
from inputs.vocabulary import LEVELS
from recommender.score_tables import LEVEL_CHOICES, ScoreTables, score_tables


@dataclass(frozen=True)
class MeetingView:
    """The brief plus everything the page needs to recompute it for any choice the team makes."""

    brief: MeetingBrief
    tables: ScoreTables
    #: the age bands the profile reaches (ids, taxonomy order): the columns of the heat map
    bands: tuple[str, ...]
    #: per level choice (see :data:`recommender.score_tables.LEVEL_CHOICES`): (factor, band) -> cell,
    #: for every factor and every band in ``bands``; None without an inventory
    gap_cells: tuple[dict[tuple[str, str], CoverageCell], ...] | None
    in_place: tuple[str, ...]  #: ids of catalogued programmes the inventory says already run


def levels_of(choice: int) -> list[str]:
    """The level ids of level choice ``choice``."""
    return [level for level, wanted in zip(LEVELS, LEVEL_CHOICES[choice], strict=True) if wanted]


def gaps_for_every_choice(catalogue: Catalogue, brief: MeetingBrief) -> list[GapAnalysis]:
    """The gap analysis over every factor, once per level choice (the profile's own levels are one of them)."""
    taxonomy = catalogue.taxonomy
    every_factor = [Priority(factor=f) for f in taxonomy.factor_ids]
    out = []
    for choice in range(len(LEVEL_CHOICES)):
        # model_copy does not validate: the 10-priority limit is for what teams write, not for this
        variant = brief.loaded.profile.model_copy(update={"levels": levels_of(choice), "priorities": every_factor})
        out.append(analyse_gaps(variant, brief.gaps.resources, taxonomy, brief.settings.coverage, brief.gaps.as_of))
    return out


def meeting_view(catalogue: Catalogue, brief: MeetingBrief) -> MeetingView:
    """Precompute the meeting view for ``brief`` (built by :func:`brief.build_brief`)."""
    taxonomy = catalogue.taxonomy
    profile = brief.loaded.profile
    years = year_mask(profile.ages, taxonomy.max_age + 1)
    shares = band_shares(years, band_year_matrix(taxonomy))
    bands = tuple(band for band, share in zip(taxonomy.band_ids, shares, strict=True) if share > 0)
    gap_cells = None
    uncovered = None
    if brief.inventory is not None:
        analyses = gaps_for_every_choice(catalogue, brief)
        uncovered = np.stack([a.uncovered for a in analyses])
        gap_cells = tuple({(cell.factor, cell.band): cell for cell in a.cells} for a in analyses)
    tables = score_tables(catalogue_arrays(catalogue), years, brief.settings, uncovered)
    return MeetingView(
        brief=brief,
        tables=tables,
        bands=bands,
        gap_cells=gap_cells,
        in_place=tuple(dict.fromkeys(item.programme_id for item in brief.in_place)),
    )
