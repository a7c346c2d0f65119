"""The CTC factor taxonomy: factors, problem behaviours, domains, levels and age bands.

``catalog/factors.yaml`` is the data; this module defines its format and loads it.
Everything people read about a factor (its Swedish and English label, what a high
score means, which problem behaviours it predicts) comes from that file.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from recommender.errors import InputError, problems_from_validation
from recommender.vocabulary import (
    DOMAINS,
    LEVELS,
    AgeRange,
    Domain,
    Identifier,
    Lang,
    Level,
    LocalText,
    NonEmptyStr,
    SourceUrl,
    StrictModel,
)
from recommender.yaml_source import load_yaml

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
                "predicts_without_source",
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
            raise PydanticCustomError("duplicate_item", "factor '{value}' is defined twice", {"value": dup})
        behaviours = {b.id for b in self.problem_behaviours}
        for factor in self.factors:
            unknown = [b for b in factor.predicts if b not in behaviours]
            if unknown:
                raise PydanticCustomError(
                    "unknown_behaviour",
                    "factor '{id}' predicts unknown behaviour '{value}'",
                    {"id": factor.id, "value": unknown[0]},
                )
        if {d.id for d in self.domains} != set(DOMAINS) or {lv.id for lv in self.levels} != set(LEVELS):
            raise PydanticCustomError("incomplete_vocabulary", "define every domain and level exactly once", {})
        previous = -1
        for band in self.age_bands:
            if band.min != previous + 1:
                raise PydanticCustomError(
                    "age_bands_gap",
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

    def factor_label(self, factor_id: str, lang: Lang) -> str:
        factor = self.factors_by_id.get(factor_id)
        return factor.label.get(lang) if factor else factor_id

    def behaviour_label(self, behaviour_id: str, lang: Lang) -> str:
        for behaviour in self.problem_behaviours:
            if behaviour.id == behaviour_id:
                return behaviour.label.get(lang)
        return behaviour_id

    def domain_label(self, domain: str, lang: Lang) -> str:
        for info in self.domains:
            if info.id == domain:
                return info.label.get(lang)
        return domain

    def level_label(self, level: str, lang: Lang) -> str:
        for info in self.levels:
            if info.id == level:
                return info.label.get(lang)
        return level

    def band_label(self, band_id: str, lang: Lang) -> str:
        for band in self.age_bands:
            if band.id == band_id:
                return (
                    f"{band.label.get(lang)} ({band.min}-{band.max})"
                    if band.min != band.max
                    else (f"{band.label.get(lang)} ({band.min})")
                )
        return band_id


def bundled_taxonomy_path() -> Path:
    """Path of the taxonomy shipped with the package."""
    from catalog import bundled_path

    return bundled_path("factors.yaml")


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load and validate a taxonomy file (the bundled one by default).

    Raises:
        InputError: the file is missing, not YAML, or does not follow the format.
    """
    path = path or bundled_taxonomy_path()
    doc = load_yaml(path)
    try:
        return Taxonomy.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, path, doc.line_of)) from exc
