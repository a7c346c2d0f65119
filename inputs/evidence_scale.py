"""The format of the evidence scale: common tiers, registry labels and warning kinds.

``catalog/evidence.yaml`` defines the common tiers, maps every registry label onto a tier,
and says how each kind of warning changes a tier. This module defines and loads that file;
:mod:`catalog.tiers` applies it to programmes (the rule is in docs/evidence.md).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from inputs.loading import load_document
from inputs.problems import Code
from inputs.programme import Evaluation, EvaluationDesign, EvaluationResult, Rating
from inputs.vocabulary import Identifier, LocalText, NonEmptyStr, SourceUrl, StrictModel

TierId = Literal["established", "good", "preliminary", "insufficient", "no_effect", "harmful"]
#: Best first. Scoring weights and comparisons use this order.
TIER_ORDER: tuple[TierId, ...] = ("established", "good", "preliminary", "insufficient", "no_effect", "harmful")
UNRATED_TIER: TierId = "insufficient"
#: Lowering a tier by steps stops here; only an explicit cap reaches ``harmful``.
LOWEST_BY_STEPS: TierId = "no_effect"


class Tier(StrictModel):
    id: TierId
    label: LocalText
    description: LocalText


class LabelMapping(StrictModel):
    """How one registry label maps onto the common scale, and why."""

    label: NonEmptyStr
    tier: TierId
    reason: NonEmptyStr


class Registry(StrictModel):
    id: Identifier
    short: LocalText = Field(description="Short name for tables, e.g. 'Blueprints'.")
    name: NonEmptyStr
    url: SourceUrl
    note: str | None = None
    labels: list[LabelMapping] = Field(min_length=1)

    @field_validator("labels")
    @classmethod
    def _labels_once(cls, labels: list[LabelMapping]) -> list[LabelMapping]:
        # a label written twice would map to whichever tier comes first; say so instead
        seen: set[str] = set()
        for mapping in labels:
            if mapping.label in seen:
                raise PydanticCustomError(
                    Code.DUPLICATE_ITEM, "'{value}' is listed twice; remove one", {"value": mapping.label}
                )
            seen.add(mapping.label)
        return labels


class WarningEffect(StrictModel):
    lower: int = Field(default=0, ge=0, le=5, description="Steps down the scale.")
    cap: TierId | None = Field(default=None, description="The tier becomes no better than this.")


class WarningKind(StrictModel):
    id: Identifier
    label: LocalText
    effect: WarningEffect
    reason: NonEmptyStr


class EvaluationWord(StrictModel):
    id: str
    label: LocalText


class EvaluationTier(StrictModel):
    """The tier of a published evaluation with this design and result, and why."""

    design: EvaluationDesign
    result: EvaluationResult
    tier: TierId
    reason: NonEmptyStr


class EvaluationRules(StrictModel):
    """How published evaluations map onto the tiers, and their words in both languages."""

    designs: list[EvaluationWord]
    results: list[EvaluationWord]
    tiers: list[EvaluationTier]

    @model_validator(mode="after")
    def _complete(self) -> EvaluationRules:
        designs, results = {d.id for d in self.designs}, {r.id for r in self.results}
        if designs != set(get_args(EvaluationDesign)) or results != set(get_args(EvaluationResult)):
            raise PydanticCustomError(Code.INCOMPLETE_VOCABULARY, "name every design and result once", {})
        return self


class EvidenceScale(StrictModel):
    """The whole of ``catalog/evidence.yaml``."""

    schema_version: Literal[1] = 1
    tiers: list[Tier]
    registries: list[Registry]
    evaluations: EvaluationRules
    warning_kinds: list[WarningKind]

    @model_validator(mode="after")
    def _complete(self) -> EvidenceScale:
        if [t.id for t in self.tiers] != list(TIER_ORDER):
            raise PydanticCustomError(
                Code.TIER_ORDER,
                "define the tiers exactly once each, in the order {order}",
                {"order": ", ".join(TIER_ORDER)},
            )
        return self

    @cached_property
    def registries_by_id(self) -> dict[str, Registry]:
        return {r.id: r for r in self.registries}

    @cached_property
    def warning_kinds_by_id(self) -> dict[str, WarningKind]:
        return {k.id: k for k in self.warning_kinds}

    def tier_of_evaluation(self, evaluation: Evaluation) -> TierId | None:
        """The common tier of a published evaluation, or None for a combination the table leaves out."""
        for rule in self.evaluations.tiers:
            if (rule.design, rule.result) == (evaluation.design, evaluation.result):
                return rule.tier
        return None

    def tier_of_rating(self, rating: Rating) -> TierId | None:
        """The common tier of one rating, or None when the registry or label is unknown."""
        registry = self.registries_by_id.get(rating.registry)
        if registry is None:
            return None
        for mapping in registry.labels:
            if mapping.label == rating.label:
                return mapping.tier
        return None


def read_evidence_scale(path: Path) -> EvidenceScale:
    """Load and validate an evidence scale file (``catalog.bundled`` reads the bundled one)."""
    return load_document(path, EvidenceScale)[0]
