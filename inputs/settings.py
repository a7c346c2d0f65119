"""Every tunable number of the recommender and the gap analysis, with documented defaults.

Weights (targeting, evidence, fit), coverage thresholds and the funding horizon in days.
``--settings FILE`` (also accepted as ``--weights FILE``) reads a YAML file with any subset
of these keys; what it leaves out keeps its default. docs/method.md explains each number and
why it was chosen.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from inputs.evidence_scale import TIER_ORDER
from inputs.loading import read_document, validate
from inputs.problems import Code
from inputs.vocabulary import StrictModel

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
                Code.EVIDENCE_NOT_MONOTONE,
                "evidence multipliers must not rise as evidence gets weaker ({order})",
                {"order": " >= ".join(TIER_ORDER)},
            )
        return self

    def as_list(self) -> list[float]:
        """Multipliers in :data:`~inputs.evidence_scale.TIER_ORDER`."""
        return [getattr(self, tier) for tier in TIER_ORDER]


class FidelityWeights(StrictModel):
    """How much of a resource's reach counts, by how faithfully it is run."""

    full: Share = Field(default=1.0, ge=0, le=1)
    partial: Share = Field(default=0.6, ge=0, le=1)
    none: Share = Field(default=0.2, ge=0, le=1)
    unknown: Share = Field(default=0.5, ge=0, le=1)


class CoverageSettings(StrictModel):
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
    def _ordered(self) -> CoverageSettings:
        if self.partial > self.covered:
            raise PydanticCustomError(
                Code.THRESHOLDS_ORDER,
                "the 'partial' threshold ({partial}) must not exceed 'covered' ({covered})",
                {"partial": self.partial, "covered": self.covered},
            )
        return self


class Settings(StrictModel):
    """Every tunable number of the recommender and the gap analysis (the ``--settings`` file)."""

    targeting: TargetingWeights = Field(default_factory=TargetingWeights)
    evidence: EvidenceWeights = Field(default_factory=EvidenceWeights)
    fit_bonus: Share = Field(
        default=0.2,
        ge=0,
        le=1,
        description="Share of the score that depends on covering the wanted levels and domains.",
    )
    coverage: CoverageSettings = Field(default_factory=CoverageSettings)
    low_score: float = Field(
        default=20,
        ge=0,
        le=100,
        description="A best score below this (0-100) makes the output say that the catalogue fits the profile poorly.",
    )


def load_settings(path: Path | None) -> Settings:
    """Defaults, overridden by the YAML file at ``path`` when given (an empty file keeps them all)."""
    if path is None:
        return Settings()
    doc = read_document(path, empty_ok=True)
    return Settings() if doc.data is None else validate(Settings, doc)
