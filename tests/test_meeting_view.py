"""The meeting view's precomputed gap analysis is the gap analysis of every level choice, over every factor."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from brief import build_brief
from brief.meeting_view import levels_of, meeting_view
from catalog.catalogue import Catalogue
from inputs.profile import load_profile
from inputs.vocabulary import LEVELS
from recommender.score_tables import choice_index
from tests.builders import EXAMPLES, write_yaml


def test_levels_of_each_choice() -> None:
    assert [levels_of(c) for c in (0, 1, 2, 6)] == [
        ["universal"],
        ["selective"],
        ["universal", "selective"],
        ["universal", "selective", "indicated"],
    ]


def test_the_profiles_own_choice_reproduces_the_brief(catalogue: Catalogue) -> None:
    loaded = load_profile(EXAMPLES / "familj-10-15.yaml", catalogue.taxonomy)
    brief = build_brief(catalogue, loaded, top=None)
    view = meeting_view(catalogue, brief)
    assert view.gap_cells is not None and view.bands == ("middle_primary", "lower_secondary")
    own = view.gap_cells[choice_index(loaded.profile.levels, LEVELS)]
    for cell in brief.gaps.cells:
        twin = own[(cell.factor, cell.band)]
        assert (twin.coverage, twin.status, twin.resources, twin.by_level) == (
            cell.coverage,
            cell.status,
            cell.resources,
            cell.by_level,
        )
    # every factor has cells, not only the prioritised ones
    assert len(own) == len(catalogue.taxonomy.factor_ids) * len(view.bands)
    assert set(view.in_place) == {"fft", "connect", "comet"}


def test_the_levels_change_the_coverage(catalogue: Catalogue) -> None:
    """FFT works at the indicated level: wanting indicated work makes family conflict less uncovered."""
    loaded = load_profile(EXAMPLES / "familj-10-15.yaml", catalogue.taxonomy)
    view = meeting_view(catalogue, build_brief(catalogue, loaded, top=None))
    assert view.gap_cells is not None
    band = view.bands[-1]
    universal = view.gap_cells[choice_index(["universal"], LEVELS)][("family_conflict", band)].coverage
    indicated = view.gap_cells[choice_index(["indicated"], LEVELS)][("family_conflict", band)].coverage
    assert indicated > 0.3 > universal


def test_without_an_inventory_there_are_no_gap_cells(catalogue: Catalogue, tmp_path: Path) -> None:
    profile = write_yaml(
        tmp_path / "p.yaml",
        {"area": "A", "ages": {"min": 6, "max": 12}, "priorities": [{"factor": "academic_failure"}]},
    )
    view = meeting_view(catalogue, build_brief(catalogue, load_profile(profile, catalogue.taxonomy), top=None))
    assert view.gap_cells is None and view.in_place == ()
    # nothing is covered: every level choice has the same unit table
    assert np.array_equal(view.tables.unit[0], view.tables.unit[6])


@pytest.mark.parametrize("example", ["skola-6-12", "alkohol-13-20"])
def test_examples_without_inventory(catalogue: Catalogue, example: str) -> None:
    loaded = load_profile(EXAMPLES / f"{example}.yaml", catalogue.taxonomy)
    view = meeting_view(catalogue, build_brief(catalogue, loaded, top=None))
    assert view.gap_cells is None
