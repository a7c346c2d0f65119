"""One call from profile and inventory to what a team brings to its phase 4 meeting.

:func:`build_brief` reads the inventory (from ``--resources`` or the profile's ``resources:``),
runs the gap analysis, and ranks programmes by what is still uncovered. Programmes that
already run in the area are not recommended again; they are listed as *in place*, with
advice when their reach or fidelity is low or their evidence weak.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from catalog.catalogue import Catalogue
from gap_analysis.analysis import GapAnalysis, analyse_gaps
from gap_analysis.resources import ResolvedResource, find_resources
from inputs.inventory import LoadedInventory
from inputs.inventory_files import read_inventory
from inputs.problems import Code, InputError, Problem
from inputs.profile import LoadedProfile
from inputs.settings import Settings
from recommender.ranking import RecommendationResult, recommend

Advice = Literal["scale_up", "improve_fidelity", "weak_evidence"]
WEAK_TIERS = ("insufficient", "no_effect", "harmful")


@dataclass(frozen=True)
class InPlace:
    """A catalogued programme that already runs in the area."""

    resource: ResolvedResource
    advice: tuple[Advice, ...]  #: empty when it runs well

    @property
    def programme_id(self) -> str:
        assert self.resource.programme is not None
        return self.resource.programme.id


@dataclass
class MeetingBrief:
    """The phase 4 meeting brief for one area: priorities, resource assessment, gaps, shortlist.

    Not the action plan (handlingsplan) itself: the brief is what a team brings to the meeting
    where it writes the plan.
    """

    loaded: LoadedProfile
    inventory: LoadedInventory | None
    gaps: GapAnalysis
    recommendations: RecommendationResult
    in_place: list[InPlace]
    settings: Settings
    settings_path: Path | None


def in_place_advice(resource: ResolvedResource, settings: Settings) -> tuple[Advice, ...]:
    """What to do about a programme already in place (docs/method.md, "In place")."""
    advice: list[Advice] = []
    if resource.reach < settings.coverage.good_reach:
        advice.append("scale_up")
    if resource.resource.fidelity in ("partial", "none"):
        advice.append("improve_fidelity")
    if resource.tier in WEAK_TIERS:
        advice.append("weak_evidence")
    return tuple(advice)


def _inventory(
    catalogue: Catalogue, loaded: LoadedProfile, settings: Settings, resources_path: Path | None
) -> tuple[LoadedInventory | None, list[ResolvedResource]]:
    """The inventory and its resources, or None; every problem in the file is raised at once."""
    path = resources_path or loaded.resources_path()
    if path is None:
        return None, []
    try:
        inventory, problems = read_inventory(path)
    except InputError as exc:
        if resources_path is None and [p.code for p in exc.problems] == [Code.FILE_NOT_FOUND]:
            # the path came from the profile: say that it is read relative to the profile's folder
            params = {"value": loaded.profile.resources, "folder": str(loaded.path.parent)}
            line = loaded.doc.line_of(("resources",))
            problem = Problem(file=loaded.path, line=line, code=Code.RESOURCES_NOT_FOUND, params=params)
            raise InputError([problem]) from exc
        raise
    resources, unresolved = find_resources(inventory, catalogue, settings)
    if problems or unresolved:
        raise InputError([*problems, *unresolved])
    return inventory, resources


def build_brief(
    catalogue: Catalogue,
    loaded: LoadedProfile,
    settings: Settings | None = None,
    *,
    resources_path: Path | None = None,
    settings_path: Path | None = None,
    as_of: dt.date | None = None,
    top: int | None = 10,
) -> MeetingBrief:
    """Gap analysis and gap-filling recommendations for one area profile.

    Args:
        resources_path: the inventory; defaults to the profile's ``resources:`` entry.
            Without an inventory nothing counts as covered.
        as_of: the date funding is checked against (today by default).
    """
    settings = settings or Settings()
    inventory, resources = _inventory(catalogue, loaded, settings, resources_path)
    gaps = analyse_gaps(loaded.profile, resources, catalogue.taxonomy, settings.coverage, as_of)
    in_place = [InPlace(r, in_place_advice(r, settings)) for r in resources if r.programme is not None]
    result = recommend(
        catalogue,
        loaded.profile,
        settings,
        uncovered=gaps.uncovered if inventory is not None else None,
        # without an inventory every cell is a gap; listing them all would say nothing
        open_gaps=gaps.open_cells if inventory is not None else None,
        in_place={p.programme_id for p in in_place},
        top=top,
    )
    return MeetingBrief(
        loaded=loaded,
        inventory=inventory,
        gaps=gaps,
        recommendations=result,
        in_place=in_place,
        settings=settings,
        settings_path=settings_path,
    )
