"""One evidence scale for programmes rated by many registries.

``catalog/evidence.yaml`` defines the common tiers, maps every registry label onto a
tier, and says how each kind of warning changes a tier. This module loads that file and
computes a programme's tier with an explanation of how it was reached. The rule
(documented in docs/evidence.md):

1. The base tier is the best tier any of the programme's ratings maps to; a programme
   with no rating is ``insufficient``.
2. Each *kind* of warning then applies its effect once: ``lower`` moves the tier down that
   many steps (never below ``no_effect``), ``cap`` makes the tier no better than the cap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from recommender.errors import InputError, problems_from_validation
from recommender.programme import Programme, Rating
from recommender.vocabulary import Identifier, Lang, LocalText, NonEmptyStr, SourceUrl, StrictModel
from recommender.yaml_source import load_yaml

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


class WarningEffect(StrictModel):
    lower: int = Field(default=0, ge=0, le=5, description="Steps down the scale.")
    cap: TierId | None = Field(default=None, description="The tier becomes no better than this.")


class WarningKind(StrictModel):
    id: Identifier
    label: LocalText
    effect: WarningEffect
    reason: NonEmptyStr


class EvidenceScale(StrictModel):
    """The whole of ``catalog/evidence.yaml``."""

    schema_version: Literal[1] = 1
    tiers: list[Tier]
    registries: list[Registry]
    warning_kinds: list[WarningKind]

    @model_validator(mode="after")
    def _complete(self) -> EvidenceScale:
        if [t.id for t in self.tiers] != list(TIER_ORDER):
            raise PydanticCustomError(
                "tier_order",
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

    def tier_of_rating(self, rating: Rating) -> TierId | None:
        """The common tier of one rating, or None when the registry or label is unknown."""
        registry = self.registries_by_id.get(rating.registry)
        if registry is None:
            return None
        for mapping in registry.labels:
            if mapping.label == rating.label:
                return mapping.tier
        return None

    def tier_label(self, tier: str, lang: Lang) -> str:
        for t in self.tiers:
            if t.id == tier:
                return t.label.get(lang)
        return tier

    def registry_name(self, registry_id: str, lang: Lang = "en") -> str:
        """The registry's short name for tables and explanations."""
        registry = self.registries_by_id.get(registry_id)
        return registry.short.get(lang) if registry else registry_id


@dataclass(frozen=True)
class TierStep:
    """One warning's effect on the tier, for explanations."""

    warning_kind: str
    before: TierId
    after: TierId


@dataclass(frozen=True)
class TierResult:
    """A programme's common evidence tier and how it was reached."""

    tier: TierId
    base: TierId
    base_ratings: tuple[Rating, ...]
    steps: tuple[TierStep, ...]

    @property
    def rank(self) -> int:
        """0 for the best tier; larger is weaker evidence."""
        return TIER_ORDER.index(self.tier)


def _worse(a: TierId, b: TierId) -> TierId:
    return a if TIER_ORDER.index(a) >= TIER_ORDER.index(b) else b


def programme_tier(programme: Programme, scale: EvidenceScale, level: str | None = None) -> TierResult:
    """Compute the common tier of ``programme`` under ``scale`` (rule in the module doc).

    Args:
        level: the prevention level the programme would be used at. Warnings limited to
            other levels are then ignored; None applies every warning.
    """
    mapped = [(scale.tier_of_rating(r), r) for r in programme.ratings]
    known = [(tier, r) for tier, r in mapped if tier is not None]
    if known:
        base = min((tier for tier, _ in known), key=TIER_ORDER.index)
        base_ratings = tuple(r for tier, r in known if tier == base)
    else:
        base, base_ratings = UNRATED_TIER, ()
    tier = base
    steps: list[TierStep] = []
    seen: set[str] = set()
    for warning in programme.warnings:
        if level is not None and warning.levels is not None and level not in warning.levels:
            continue
        kind = scale.warning_kinds_by_id.get(warning.kind)
        if kind is None or kind.id in seen:
            continue
        seen.add(kind.id)
        before = tier
        if kind.effect.lower:
            floor = TIER_ORDER.index(LOWEST_BY_STEPS)
            index = TIER_ORDER.index(tier)
            tier = TIER_ORDER[max(index, min(index + kind.effect.lower, floor))]
        if kind.effect.cap is not None:
            tier = _worse(tier, kind.effect.cap)
        if tier != before:
            steps.append(TierStep(warning_kind=kind.id, before=before, after=tier))
    return TierResult(tier=tier, base=base, base_ratings=base_ratings, steps=tuple(steps))


@dataclass(frozen=True)
class ProgrammeTiers:
    """A programme's tier at each prevention level it offers.

    Most programmes have the same tier at every level; a warning limited to some levels
    (for example "no effect when offered universally") makes them differ.
    """

    by_level: dict[str, TierResult]

    def best(self, levels: Iterable[str] | None = None) -> tuple[str, TierResult]:
        """The level with the best tier among ``levels`` (all offered levels when None).

        Ties go to the first level in the order universal, selective, indicated.
        """
        wanted = [lv for lv in self.by_level if levels is None or lv in set(levels)]
        if not wanted:
            raise ValueError("none of the levels is offered by the programme")
        level = min(wanted, key=lambda lv: self.by_level[lv].rank)
        return level, self.by_level[level]

    @property
    def headline(self) -> TierResult:
        """The tier to show where no level is chosen: the best over all offered levels."""
        return self.best()[1]

    @property
    def varies(self) -> bool:
        return len({r.tier for r in self.by_level.values()}) > 1


def programme_tiers(programme: Programme, scale: EvidenceScale) -> ProgrammeTiers:
    """The tier of ``programme`` at each level it offers, in LEVELS order."""
    from recommender.vocabulary import LEVELS

    return ProgrammeTiers(
        by_level={lv: programme_tier(programme, scale, lv) for lv in LEVELS if lv in programme.levels}
    )


def bundled_evidence_path() -> Path:
    from catalog import bundled_path

    return bundled_path("evidence.yaml")


def load_evidence_scale(path: Path | None = None) -> EvidenceScale:
    """Load and validate the evidence scale (the bundled one by default)."""
    path = path or bundled_evidence_path()
    doc = load_yaml(path)
    try:
        return EvidenceScale.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, path, doc.line_of)) from exc
