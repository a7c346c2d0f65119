"""A programme's common evidence tier, and how it was reached.

The rule (documented in docs/evidence.md), applied with the scale of
:mod:`inputs.evidence_scale`:

1. The base tier is the best tier any of the programme's registry ratings or published
   evaluations maps to; a programme with neither is ``insufficient``.
2. Each *kind* of warning then applies its effect once: ``lower`` moves the tier down that
   many steps (never below ``no_effect``), ``cap`` makes the tier no better than the cap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inputs.evidence_scale import LOWEST_BY_STEPS, TIER_ORDER, UNRATED_TIER, EvidenceScale, TierId
from inputs.programme import Evaluation, Programme, Rating
from inputs.vocabulary import LEVELS


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
    base_ratings: tuple[Rating, ...]  #: the ratings that set the base tier
    base_evaluations: tuple[Evaluation, ...]  #: the published evaluations that set it
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
    rated = [(scale.tier_of_rating(r), r) for r in programme.ratings]
    evaluated = [(scale.tier_of_evaluation(e), e) for e in programme.evaluations]
    known = [tier for tier, _ in [*rated, *evaluated] if tier is not None]
    base = min(known, key=TIER_ORDER.index) if known else UNRATED_TIER
    base_ratings = tuple(r for tier, r in rated if tier == base and known)
    base_evaluations = tuple(e for tier, e in evaluated if tier == base and known)
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
    return TierResult(
        tier=tier, base=base, base_ratings=base_ratings, base_evaluations=base_evaluations, steps=tuple(steps)
    )


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
    return ProgrammeTiers(
        by_level={lv: programme_tier(programme, scale, lv) for lv in LEVELS if lv in programme.levels}
    )
