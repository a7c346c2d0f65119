"""The plan file: what phase 4 agreed, written for phase 5's follow-up to read (``schemas/plan.schema.json``).

``insatsval plan --export plan.yaml`` writes it: the goals per prioritised factor (with the survey
indicator to follow and the coverage the plan expects), and each programme with who runs it, for
whom, how many a year and from when. Unknown values are null, never guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from inputs.vocabulary import AgeRange, Identifier, Level, NonEmptyStr, StrictModel


class FactorGoal(StrictModel):
    """The goal for one prioritised factor."""

    factor: Identifier
    rank: int = Field(ge=1)
    weight: float = Field(ge=0, le=1, description="Normalised priority weight.")
    goal: str | None = Field(default=None, description="The team's goal in its own words (profile action_plan.goals).")
    indicator: Identifier | None = Field(
        default=None, description="The survey scale to follow up (the factor id), or null when the survey lacks it."
    )
    behaviours: list[Identifier] = Field(default_factory=list, description="Problem behaviours the factor predicts.")
    coverage_before: float | None = Field(default=None, ge=0, le=1, description="Mean over the profile's age bands.")
    programmes: list[Identifier] = Field(default_factory=list, description="Chosen programmes that target it.")


class PlannedProgrammeRecord(StrictModel):
    id: Identifier
    name: NonEmptyStr
    level: Level
    ages: AgeRange
    responsible: str | None = None
    responsible_basis: Literal["profile", "inventory"] | None = Field(
        default=None,
        description="profile: agreed by the team; inventory: suggested from who already does similar work.",
    )
    participants: int | None = Field(default=None, ge=0, description="A year; null without a population.")
    cost_sek: float | None = Field(default=None, ge=0, description="A year at the price year; null when unknown.")
    start: dt.date | None = None
    factors: list[Identifier] = Field(default_factory=list)
    indicators: list[Identifier] = Field(default_factory=list, description="Survey scales to follow up.")


class PlanFile(StrictModel):
    """The plan file."""

    schema_version: Literal[1] = 1
    area: NonEmptyStr
    profile_sha256: str
    catalogue_version: str
    price_year: int
    chosen_by: Literal["option", "profile", "shortlist"]
    start: dt.date | None = None
    budget_sek: float | None = None
    staff_hours: float | None = Field(default=None, description="As the profile gives it; not used as a constraint.")
    goals: list[FactorGoal]
    behaviour_goals: dict[Identifier, str] = Field(default_factory=dict)
    programmes: list[PlannedProgrammeRecord]
