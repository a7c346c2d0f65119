"""Scoring and coverage weights, with documented defaults that analysts can override.

``--weights FILE`` reads a YAML file with any subset of these keys; what it leaves out
keeps its default. docs/method.md explains each number and why it was chosen.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from recommender.errors import InputError, problems_from_validation
from recommender.evidence import TIER_ORDER
from recommender.vocabulary import StrictModel
from recommender.yaml_source import load_yaml

Share = float


class TargetingWeights(StrictModel):
    """How strongly a factor tag counts, by how it was established."""

    listed: Share = Field(default=1.0, ge=0, le=1, description="A registry or the developer names the factor.")
    mapped: Share = Field(default=0.6, ge=0, le=1, description="We mapped the content onto the factor.")


class EvidenceWeights(StrictModel):
    """Score multiplier per common evidence tier (docs/evidence.md)."""

    established: Share = Field(default=1.0, ge=0, le=1)
    good: Share = Field(default=0.8, ge=0, le=1)
    preliminary: Share = Field(default=0.6, ge=0, le=1)
    insufficient: Share = Field(default=0.35, ge=0, le=1)
    no_effect: Share = Field(default=0.1, ge=0, le=1)
    harmful: Share = Field(default=0.0, ge=0, le=1)

    @model_validator(mode="after")
    def _monotone(self) -> EvidenceWeights:
        values = [getattr(self, tier) for tier in TIER_ORDER]
        if any(a < b for a, b in pairwise(values)):
            raise PydanticCustomError(
                "evidence_not_monotone",
                "evidence multipliers must not rise as evidence gets weaker ({order})",
                {"order": " >= ".join(TIER_ORDER)},
            )
        return self

    def as_list(self) -> list[float]:
        """Multipliers in :data:`~recommender.evidence.TIER_ORDER`."""
        return [getattr(self, tier) for tier in TIER_ORDER]


class FidelityWeights(StrictModel):
    """How much of a resource's reach counts, by how faithfully it is run."""

    full: Share = Field(default=1.0, ge=0, le=1)
    partial: Share = Field(default=0.6, ge=0, le=1)
    none: Share = Field(default=0.2, ge=0, le=1)
    unknown: Share = Field(default=0.5, ge=0, le=1)


class CoverageWeights(StrictModel):
    """The coverage model of the gap analysis (docs/method.md, "Coverage")."""

    fidelity: FidelityWeights = Field(default_factory=FidelityWeights)
    untested: Share = Field(
        default=0.3, ge=0, le=1, description="Quality of an activity that is not a tested, effective programme."
    )
    tested_unrated: Share = Field(
        default=0.8,
        ge=0,
        le=1,
        description="Quality of a resource marked tested but not linked to a catalogue programme.",
    )
    covered: Share = Field(default=0.5, gt=0, le=1, description="Coverage at or above this is 'covered'.")
    partial: Share = Field(default=0.2, gt=0, le=1, description="Coverage at or above this is 'partial'.")
    good_reach: Share = Field(
        default=0.5, gt=0, le=1, description="A programme in place with at least this reach is not scaled up."
    )
    funding_horizon_days: int = Field(default=365, ge=0, description="Funding ending within this many days is flagged.")

    @model_validator(mode="after")
    def _ordered(self) -> CoverageWeights:
        if self.partial > self.covered:
            raise PydanticCustomError(
                "thresholds_order",
                "the 'partial' threshold ({partial}) must not exceed 'covered' ({covered})",
                {"partial": self.partial, "covered": self.covered},
            )
        return self


class ScoringWeights(StrictModel):
    """Every tunable number of the recommender and the gap analysis."""

    targeting: TargetingWeights = Field(default_factory=TargetingWeights)
    evidence: EvidenceWeights = Field(default_factory=EvidenceWeights)
    fit_bonus: Share = Field(
        default=0.2,
        ge=0,
        le=1,
        description="Share of the score that depends on covering the wanted levels and domains.",
    )
    coverage: CoverageWeights = Field(default_factory=CoverageWeights)


def load_weights(path: Path | None) -> ScoringWeights:
    """Defaults, overridden by the YAML file at ``path`` when given."""
    if path is None:
        return ScoringWeights()
    doc = load_yaml(path)
    if doc.data is None:
        return ScoringWeights()
    try:
        return ScoringWeights.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, path, doc.line_of)) from exc
