"""The CTC factor taxonomy: factors, problem behaviours, domains, levels and age bands.

``catalog/factors.yaml`` is the data; this module defines its format and loads it.
Everything people read about a factor (its Swedish and English label, what a high
score means, which problem behaviours it predicts) comes from that file.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from inputs.loading import load_document
from inputs.problems import Code
from inputs.vocabulary import (
    DOMAINS,
    LEVELS,
    AgeRange,
    Domain,
    Identifier,
    Level,
    LocalText,
    NonEmptyStr,
    SourceUrl,
    StrictModel,
)

FactorKind = Literal["risk", "protective"]


class ProblemBehaviour(StrictModel):
    """An outcome CTC tries to prevent (violence, substance use, ...)."""

    id: Identifier
    label: LocalText


class DomainInfo(StrictModel):
    id: Domain
    label: LocalText


class LevelInfo(StrictModel):
    id: Level
    label: LocalText
    description: LocalText


class AgeBand(AgeRange):
    """A developmental stage the tool reasons in, labelled by Swedish school stage."""

    id: Identifier
    label: LocalText


class Factor(StrictModel):
    """A CTC risk or protective factor as measured by the youth survey."""

    id: Identifier
    kind: FactorKind
    domain: Domain
    label: LocalText
    description: LocalText
    predicts: list[Identifier] = Field(
        default_factory=list,
        description="Problem behaviours this risk factor predicts (CTC risk factor chart).",
    )
    predicts_source: SourceUrl | None = None
    survey_scale: bool = Field(description="Whether the CTC youth survey measures it as a scale.")

    @model_validator(mode="after")
    def _predicts_needs_source(self) -> Factor:
        if self.predicts and self.predicts_source is None:
            raise PydanticCustomError(
                Code.PREDICTS_WITHOUT_SOURCE,
                "factor '{id}' lists behaviours it predicts but no predicts_source; add the URL",
                {"id": self.id},
            )
        return self


class TaxonomyInfo(StrictModel):
    name: NonEmptyStr
    version: NonEmptyStr


class Taxonomy(StrictModel):
    """The whole of ``catalog/factors.yaml``."""

    schema_version: Literal[1] = 1
    taxonomy: TaxonomyInfo
    problem_behaviours: list[ProblemBehaviour] = Field(min_length=1)
    domains: list[DomainInfo] = Field(min_length=4, max_length=4)
    levels: list[LevelInfo] = Field(min_length=3, max_length=3)
    age_bands: list[AgeBand] = Field(min_length=1)
    factors: list[Factor] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Taxonomy:
        ids = [f.id for f in self.factors]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise PydanticCustomError(Code.DUPLICATE_ITEM, "factor '{value}' is defined twice", {"value": dup})
        behaviours = {b.id for b in self.problem_behaviours}
        for factor in self.factors:
            unknown = [b for b in factor.predicts if b not in behaviours]
            if unknown:
                raise PydanticCustomError(
                    Code.UNKNOWN_PREDICTED_BEHAVIOUR,
                    "factor '{id}' predicts unknown behaviour '{value}'",
                    {"id": factor.id, "value": unknown[0]},
                )
        if {d.id for d in self.domains} != set(DOMAINS) or {lv.id for lv in self.levels} != set(LEVELS):
            raise PydanticCustomError(Code.INCOMPLETE_VOCABULARY, "define every domain and level exactly once", {})
        previous = -1
        for band in self.age_bands:
            if band.min != previous + 1:
                raise PydanticCustomError(
                    Code.AGE_BANDS_GAP,
                    "age band '{id}' starts at {min}; bands must follow each other without gaps",
                    {"id": band.id, "min": band.min},
                )
            previous = band.max
        return self

    # -- lookups ---------------------------------------------------------------------
    @cached_property
    def factor_ids(self) -> list[str]:
        """Factor ids in file order; array axes use this order."""
        return [f.id for f in self.factors]

    @cached_property
    def factor_index(self) -> dict[str, int]:
        return {fid: i for i, fid in enumerate(self.factor_ids)}

    @cached_property
    def factors_by_id(self) -> dict[str, Factor]:
        return {f.id: f for f in self.factors}

    @cached_property
    def behaviour_ids(self) -> list[str]:
        return [b.id for b in self.problem_behaviours]

    @cached_property
    def band_ids(self) -> list[str]:
        return [b.id for b in self.age_bands]

    @property
    def max_age(self) -> int:
        """The oldest age any band covers; ages above it are outside the tool's scope."""
        return self.age_bands[-1].max


def read_taxonomy(path: Path) -> Taxonomy:
    """Load and validate a taxonomy file (``catalog.bundled.load_taxonomy`` reads the bundled one).

    Raises:
        InputError: the file is missing, not YAML, or does not follow the format.
    """
    return load_document(path, Taxonomy)[0]
