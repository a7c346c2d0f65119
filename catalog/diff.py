"""``insatsval catalog diff OLD NEW``: what a proposed catalogue change changes.

Reviewers of a change to the catalogue need to see, per programme, which factor tags,
ratings, ages, levels, domains, warnings and costs changed, and how the evidence tier
moved, without reading a YAML diff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catalog.catalogue import Catalogue
from inputs.programme import Programme


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ProgrammeChange:
    id: str
    changes: list[FieldChange]


@dataclass
class CatalogueDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ProgrammeChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _tags(p: Programme) -> dict[str, str]:
    return {t.factor: t.basis for t in p.factors}


def _ratings(p: Programme) -> dict[str, str]:
    return {r.registry: r.label for r in p.ratings}


def _set_changes(name: str, old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    changes = []
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key):
            changes.append(FieldChange(f"{name}.{key}", old.get(key), new.get(key)))
    return changes


def programme_changes(old: Programme, new: Programme, old_tier: str, new_tier: str) -> list[FieldChange]:
    """Field-level changes between two versions of one programme."""
    changes: list[FieldChange] = []
    for name in ("name", "name_sv", "levels", "domains"):
        if getattr(old, name) != getattr(new, name):
            changes.append(FieldChange(name, getattr(old, name), getattr(new, name)))
    if (old.ages.min, old.ages.max) != (new.ages.min, new.ages.max):
        changes.append(FieldChange("ages", str(old.ages), str(new.ages)))
    changes += _set_changes("factors", _tags(old), _tags(new))
    changes += _set_changes("ratings", _ratings(old), _ratings(new))
    old_warnings = sorted(w.kind for w in old.warnings)
    new_warnings = sorted(w.kind for w in new.warnings)
    if old_warnings != new_warnings:
        changes.append(FieldChange("warnings", old_warnings, new_warnings))
    old_costs = [(c.amount, c.currency, c.year, c.unit) for c in old.costs]
    new_costs = [(c.amount, c.currency, c.year, c.unit) for c in new.costs]
    if old_costs != new_costs:
        changes.append(FieldChange("costs", old_costs, new_costs))
    if old.availability_sweden.status != new.availability_sweden.status:
        changes.append(
            FieldChange("availability_sweden", old.availability_sweden.status, new.availability_sweden.status)
        )
    if old.sources != new.sources:
        changes.append(
            FieldChange(
                "sources", sorted(set(old.sources) - set(new.sources)), sorted(set(new.sources) - set(old.sources))
            )
        )
    if old_tier != new_tier:
        changes.append(FieldChange("evidence_tier", old_tier, new_tier))
    return changes


def diff_catalogues(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    """Programmes added, removed and changed from ``old`` to ``new``."""
    diff = CatalogueDiff(
        added=[pid for pid in new.by_id if pid not in old.by_id],
        removed=[pid for pid in old.by_id if pid not in new.by_id],
    )
    for pid, before in old.by_id.items():
        after = new.by_id.get(pid)
        if after is None:
            continue
        changes = programme_changes(before, after, old.tiers[pid].headline.tier, new.tiers[pid].headline.tier)
        if changes:
            diff.changed.append(ProgrammeChange(pid, changes))
    return diff
