"""The area profile: what an area team prioritises (CTC phase 3) and for whom.

An area profile is a small YAML file (see ``examples/``). It names the ages the action
plan targets, the prevention levels and domains the team wants to work in, and 1-10
prioritised factors, most important first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import Field, PositiveInt, field_validator
from pydantic_core import PydanticCustomError

from inputs.loading import read_document, validate
from inputs.problems import Code, InputError, Problem
from inputs.suggest import suggest
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import (
    DOMAINS,
    LEVELS,
    AgeRange,
    DomainName,
    Identifier,
    LevelName,
    NonEmptyStr,
    StrictModel,
)
from inputs.yaml_source import YamlDocument

MAX_PRIORITIES = 10


class Priority(StrictModel):
    """One prioritised factor."""

    factor: NonEmptyStr = Field(
        description="A factor id from catalog/factors.yaml, or the factor's Swedish or English name as "
        "'insatsval factors' prints it; case is ignored. The loader turns names into ids."
    )
    weight: float | None = Field(
        default=None,
        gt=0,
        le=1000,
        description="Relative importance; when left out it follows the rank (see docs/method.md).",
    )
    note: str | None = Field(default=None, description="Why the team chose it, e.g. survey figures.")


class LevelShares(StrictModel):
    """A share 0-1 per prevention level; a level left out keeps its default."""

    universal: float = Field(default=1.0, ge=0, le=1)
    selective: float = Field(default=0.15, ge=0, le=1)
    indicated: float = Field(default=0.05, ge=0, le=1)


class DefaultReach(StrictModel):
    """Share of a level's target group a newly started programme reaches in a year (docs/action_plan.md)."""

    universal: float = Field(default=0.25, gt=0, le=1)
    selective: float = Field(default=0.3, gt=0, le=1)
    indicated: float = Field(default=0.3, gt=0, le=1)


class PlannedProgramme(StrictModel):
    """What the team has agreed about one programme of the plan."""

    responsible: NonEmptyStr | None = Field(default=None, description="The organisation that runs it.")
    start: dt.date | None = Field(default=None, description="When it starts (YYYY-MM-DD).")
    note: str | None = None


class ActionPlanInput(StrictModel):
    """Optional phase 4 settings: the assumptions behind costs and reach, and what the team has agreed."""

    start: dt.date | None = Field(
        default=None, description="When the plan's programmes start, unless given per programme."
    )
    target_group: LevelShares = Field(
        default_factory=LevelShares,
        description="Share of the children of the ages in each level's target group (universal: everyone). "
        "Stated assumptions: change them to the area's own figures.",
    )
    reach: DefaultReach = Field(
        default_factory=DefaultReach,
        description="Share of the target group a new programme reaches in a year. Stated assumptions.",
    )
    programmes: dict[Identifier, PlannedProgramme] = Field(
        default_factory=dict, description="Programme id -> who runs it and when it starts."
    )
    goals: dict[Identifier, NonEmptyStr] = Field(
        default_factory=dict,
        description="Factor or problem-behaviour id -> the team's goal, in its own words.",
    )


class SurveyOrigin(StrictModel):
    """The survey figures a profile's priorities were suggested from (written by ``prioritise --write-profile``)."""

    file: NonEmptyStr = Field(description="The aggregate file, as it was named.")
    sha256: NonEmptyStr
    area: NonEmptyStr
    wave: int
    benchmark: NonEmptyStr = Field(description="What the area was compared with.")
    threshold: int = Field(ge=1, description="Figures from fewer respondents than this were suppressed.")
    created: dt.date


class AreaProfile(StrictModel):
    """The area profile file."""

    area: NonEmptyStr = Field(description="Name of the area (free text).")
    description: str | None = None
    ages: AgeRange = Field(description="The ages the plan targets, in years.")
    levels: list[LevelName] = Field(default_factory=lambda: list(LEVELS), min_length=1)
    domains: list[DomainName] = Field(default_factory=lambda: list(DOMAINS), min_length=1)
    priorities: list[Priority] = Field(min_length=1, max_length=MAX_PRIORITIES)
    resources: str | None = Field(
        default=None,
        description="Inventory of existing resources (YAML, CSV or XLSX), relative to this file.",
    )
    population: PositiveInt | dict[str, PositiveInt] | None = Field(
        default=None,
        description="Children and young people living in the area: one number for the profile's ages, or one "
        "per age band (band id, its name, or its ages such as '10-12'). Needed for costs (portfolio).",
    )
    budget_sek: float | None = Field(default=None, ge=0, description="Yearly budget for new programmes, in SEK.")
    staff_hours: float | None = Field(
        default=None, ge=0, description="Staff hours a year the organisations can give (recorded in the plan)."
    )
    action_plan: ActionPlanInput | None = Field(default=None, description="Phase 4: assumptions and agreements.")
    survey: SurveyOrigin | None = Field(
        default=None, description="Where the priorities came from, when 'insatsval prioritise' wrote the profile."
    )

    @field_validator("levels", "domains")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        if len(set(values)) != len(values):
            dup = next(v for v in values if values.count(v) > 1)
            raise PydanticCustomError(Code.DUPLICATE_ITEM, "'{value}' is listed twice; remove one", {"value": dup})
        return values

    @property
    def factor_ids(self) -> list[str]:
        return [p.factor for p in self.priorities]

    def weights(self) -> np.ndarray:
        """Priority weights in profile order, normalised to sum to 1.

        A priority without an explicit weight gets ``n - rank + 1`` (rank 1 is the first of
        ``n`` priorities), so with three priorities the defaults are 3, 2 and 1.
        """
        n = len(self.priorities)
        raw = np.array(
            [p.weight if p.weight is not None else float(n - i) for i, p in enumerate(self.priorities)],
            dtype=float,
        )
        return raw / raw.sum()


@dataclass(frozen=True)
class LoadedProfile:
    """A validated profile and the document it came from (for line numbers and paths)."""

    profile: AreaProfile
    path: Path
    doc: YamlDocument

    def resources_path(self) -> Path | None:
        """The inventory the profile refers to, resolved against the profile's folder."""
        if self.profile.resources is None:
            return None
        return self.path.parent / self.profile.resources


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").strip().casefold().split())


def factor_names(taxonomy: Taxonomy) -> dict[str, str]:
    """Every way a factor may be written (id, Swedish name, English name; folded case) -> its id."""
    names: dict[str, str] = {}
    for factor in taxonomy.factors:
        for name in (factor.id, factor.label.sv, factor.label.en):
            names.setdefault(_fold(name), factor.id)
    return names


def resolve_factor(value: str, taxonomy: Taxonomy) -> tuple[str | None, Problem | None]:
    """The factor id ``value`` names (``Konflikter i familjen``, ``FAMILY_CONFLICT``), or a problem."""
    found = factor_names(taxonomy).get(_fold(value))
    if found is not None:
        return found, None
    choices = (
        list(taxonomy.factor_ids) + [f.label.sv for f in taxonomy.factors] + [f.label.en for f in taxonomy.factors]
    )
    close = suggest(value, choices) or suggest(value.strip().lower().replace(" ", "_"), taxonomy.factor_ids)
    return None, Problem(
        file=None,
        code=Code.UNKNOWN_FACTOR,
        params={"value": value, "suggestions": close},
    )


def _resolve_factor_names(data: Any, taxonomy: Taxonomy) -> Any:
    """The profile's data with every factor written as a name turned into its id."""
    priorities = data.get("priorities") if isinstance(data, dict) else None
    if not isinstance(priorities, list):
        return data
    resolved = []
    for item in priorities:
        if isinstance(item, dict) and isinstance(item.get("factor"), str):
            factor_id, _ = resolve_factor(item["factor"], taxonomy)
            item = {**item, "factor": factor_id or item["factor"]}
        resolved.append(item)
    return {**data, "priorities": resolved}


def band_names(taxonomy: Taxonomy) -> dict[str, str]:
    """Every way an age band may be written (id, Swedish or English name, ages like '10-12'; folded) -> its id."""
    names: dict[str, str] = {}
    for band in taxonomy.age_bands:
        span = f"{band.min}-{band.max}" if band.min != band.max else str(band.min)
        for name in (band.id, band.label.sv, band.label.en, span):
            names.setdefault(_fold(name), band.id)
    return names


def population_by_band(profile: AreaProfile, taxonomy: Taxonomy) -> dict[str, float] | None:
    """Children living in the area per age band, counting only the profile's ages; None when not given.

    One number is spread evenly over the profile's years. A band given by name counts as a whole when it
    lies inside the profile's ages; a band partly outside keeps the share of its years inside them.
    """
    if profile.population is None:
        return None
    inside = {
        b.id: sum(1 for y in range(b.min, b.max + 1) if profile.ages.min <= y <= profile.ages.max)
        for b in taxonomy.age_bands
    }
    if isinstance(profile.population, int):
        years = profile.ages.max - profile.ages.min + 1
        return {band: profile.population * n / years for band, n in inside.items() if n}
    names = band_names(taxonomy)
    out: dict[str, float] = {}
    for key, count in profile.population.items():
        band_id = names.get(_fold(key))
        if band_id is None or not inside[band_id]:
            continue
        band = taxonomy.age_bands[taxonomy.band_ids.index(band_id)]
        out[band_id] = out.get(band_id, 0.0) + count * inside[band_id] / (band.max - band.min + 1)
    return out


def _population_problems(profile: AreaProfile, taxonomy: Taxonomy) -> list[Problem]:
    if not isinstance(profile.population, dict):
        return []
    names = band_names(taxonomy)
    problems = []
    for key in profile.population:
        loc = ("population", key)
        band_id = names.get(_fold(key))
        if band_id is None:
            choices = list(taxonomy.band_ids) + [f"{b.min}-{b.max}" for b in taxonomy.age_bands]
            problems.append(
                Problem(
                    file=None,
                    code=Code.POPULATION_BAND_UNKNOWN,
                    loc=loc,
                    params={"value": key, "suggestions": suggest(key, choices)},
                )
            )
            continue
        band = taxonomy.age_bands[taxonomy.band_ids.index(band_id)]
        if band.max < profile.ages.min or band.min > profile.ages.max:
            problems.append(
                Problem(
                    file=None,
                    code=Code.POPULATION_BAND_OUTSIDE,
                    loc=loc,
                    params={"value": key, "ages": str(profile.ages)},
                )
            )
    return problems


def _plan_problems(profile: AreaProfile, taxonomy: Taxonomy) -> list[Problem]:
    """Goals must name a factor or a problem behaviour of the taxonomy."""
    if profile.action_plan is None:
        return []
    known = set(taxonomy.factor_ids) | set(taxonomy.behaviour_ids)
    return [
        Problem(
            file=None,
            code=Code.UNKNOWN_FACTOR,
            loc=("action_plan", "goals", key),
            params={"value": key, "suggestions": suggest(key, sorted(known))},
        )
        for key in profile.action_plan.goals
        if key not in known
    ]


def check_profile(profile: AreaProfile, taxonomy: Taxonomy) -> list[Problem]:
    """Problems that need the taxonomy: unknown or repeated factors, ages out of scope."""
    problems = []
    seen: dict[str, int] = {}
    for i, priority in enumerate(profile.priorities):
        loc = ("priorities", i, "factor")
        if priority.factor not in taxonomy.factor_index:
            _, unknown = resolve_factor(priority.factor, taxonomy)
            assert unknown is not None  # names were resolved to ids before validation
            problems.append(Problem(file=None, code=unknown.code, loc=loc, params=unknown.params))
        elif priority.factor in seen:
            problems.append(
                Problem(
                    file=None,
                    code=Code.DUPLICATE_PRIORITY,
                    loc=loc,
                    params={"value": priority.factor, "rank": seen[priority.factor] + 1},
                )
            )
        seen.setdefault(priority.factor, i)
    if profile.ages.max > taxonomy.max_age:
        problems.append(
            Problem(
                file=None,
                code=Code.PROFILE_AGES_OUT_OF_SCOPE,
                loc=("ages", "max"),
                params={"max": profile.ages.max, "max_age": taxonomy.max_age},
            )
        )
    return problems + _population_problems(profile, taxonomy) + _plan_problems(profile, taxonomy)


def load_profile(path: Path, taxonomy: Taxonomy) -> LoadedProfile:
    """Read and check an area profile.

    Raises:
        InputError: with every problem found, each located by file and line.
    """
    return profile_from_document(read_document(path), taxonomy)


def profile_from_document(doc: YamlDocument, taxonomy: Taxonomy) -> LoadedProfile:
    """Check a parsed profile document (from a file, or text a command made, as ``batch`` does).

    Raises:
        InputError: with every problem found, each located by the document's path and line.
    """
    path = doc.path
    if isinstance(doc.data, dict) and doc.data.get("priorities") in (None, []):
        # Say what an empty list means for a team rather than pydantic's "too short".
        raise InputError(
            [Problem(file=path, line=doc.line_of(("priorities",)), code=Code.NO_PRIORITIES, loc=("priorities",))]
        )
    profile = validate(AreaProfile, replace(doc, data=_resolve_factor_names(doc.data, taxonomy)))
    problems = [
        Problem(file=path, line=doc.line_of(p.loc), code=p.code, params=p.params, loc=p.loc)
        for p in check_profile(profile, taxonomy)
    ]
    if problems:
        raise InputError(problems)
    return LoadedProfile(profile=profile, path=path, doc=doc)
