"""The area profile: what an area team prioritises (CTC phase 3) and for whom.

An area profile is a small YAML file (see ``examples/``). It names the ages the action
plan targets, the prevention levels and domains the team wants to work in, and 1-10
prioritised factors, most important first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from inputs.loading import read_document, validate
from inputs.problems import Code, InputError, Problem
from inputs.suggest import suggest
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import DOMAINS, LEVELS, AgeRange, DomainName, LevelName, NonEmptyStr, StrictModel
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
    return problems


def load_profile(path: Path, taxonomy: Taxonomy) -> LoadedProfile:
    """Read and check an area profile.

    Raises:
        InputError: with every problem found, each located by file and line.
    """
    doc = read_document(path)
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
