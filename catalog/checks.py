"""Checks on catalogue records that need the taxonomy or the evidence scale.

The schema (:mod:`inputs.programme`) checks each record on its own. The checks here
relate a record to the rest of the data: that its factor ids exist, that its rating
labels are ones the evidence scale maps, that a negative rating is explained by a
warning. Each check returns :class:`~inputs.problems.Problem` objects located inside
the record (``loc`` relative to the record), so the loader can add file and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from inputs.evidence_scale import TIER_ORDER, EvidenceScale
from inputs.problems import Code, Problem
from inputs.programme import Programme
from inputs.suggest import suggest
from inputs.taxonomy import Taxonomy


def _unknown(code: Code, loc: tuple[str | int, ...], value: str, choices: Sequence[str]) -> Problem:
    return Problem(file=None, code=code, loc=loc, params={"value": value, "suggestions": suggest(value, choices)})


def check_cross_references(programme: Programme, taxonomy: Taxonomy, scale: EvidenceScale) -> list[Problem]:
    """Problems that make a record unusable: unknown ids, labels and kinds, ages out of scope."""
    return list(_cross_reference_problems(programme, taxonomy, scale))


def _cross_reference_problems(programme: Programme, taxonomy: Taxonomy, scale: EvidenceScale) -> Iterator[Problem]:
    for i, tag in enumerate(programme.factors):
        if tag.factor not in taxonomy.factor_index:
            yield _unknown(Code.UNKNOWN_FACTOR, ("factors", i, "factor"), tag.factor, taxonomy.factor_ids)
    for i, outcome in enumerate(programme.outcomes):
        if outcome.behaviour not in taxonomy.behaviour_ids:
            yield _unknown(
                Code.UNKNOWN_BEHAVIOUR, ("outcomes", i, "behaviour"), outcome.behaviour, taxonomy.behaviour_ids
            )
    for i, rating in enumerate(programme.ratings):
        registry = scale.registries_by_id.get(rating.registry)
        if registry is None:
            yield _unknown(
                Code.UNKNOWN_REGISTRY, ("ratings", i, "registry"), rating.registry, list(scale.registries_by_id)
            )
        elif scale.tier_of_rating(rating) is None:
            labels = [m.label for m in registry.labels]
            yield Problem(
                file=None,
                code=Code.UNKNOWN_RATING_LABEL,
                loc=("ratings", i, "label"),
                params={"value": rating.label, "registry": registry.id, "labels": "; ".join(labels)},
            )
    for i, warning in enumerate(programme.warnings):
        if warning.kind not in scale.warning_kinds_by_id:
            yield _unknown(
                Code.UNKNOWN_WARNING_KIND, ("warnings", i, "kind"), warning.kind, list(scale.warning_kinds_by_id)
            )
        for level in warning.levels or []:
            if level not in programme.levels:
                yield Problem(
                    file=None,
                    code=Code.WARNING_LEVEL_NOT_OFFERED,
                    loc=("warnings", i, "levels"),
                    params={"level": level, "levels": ", ".join(programme.levels)},
                )
    if programme.ages.min > taxonomy.max_age:
        yield Problem(
            file=None,
            code=Code.AGES_OUT_OF_SCOPE,
            loc=("ages", "min"),
            params={"min": programme.ages.min, "max_age": taxonomy.max_age},
        )


def check_meaning(programme: Programme, scale: EvidenceScale) -> list[Problem]:
    """Lint rules: the record is usable but says something inconsistent or unsupported."""
    problems: list[Problem] = []
    tiers = [scale.tier_of_rating(r) for r in programme.ratings]
    known = [t for t in tiers if t is not None]
    best = min(known, key=TIER_ORDER.index) if known else None
    negative = {"no_effect", "harmful"}
    for i, (rating, tier) in enumerate(zip(programme.ratings, tiers, strict=True)):
        if tier in negative and best not in negative and not programme.warnings:
            problems.append(
                Problem(
                    file=None,
                    code=Code.NEGATIVE_RATING_WITHOUT_WARNING,
                    loc=("ratings", i, "label"),
                    params={"registry": rating.registry, "label": rating.label},
                )
            )
    if programme.summary.sv.strip() == programme.summary.en.strip():
        problems.append(Problem(file=None, code=Code.SUMMARY_NOT_TRANSLATED, loc=("summary",)))
    for i, warning in enumerate(programme.warnings):
        if warning.text.sv.strip() == warning.text.en.strip():
            problems.append(Problem(file=None, code=Code.WARNING_NOT_TRANSLATED, loc=("warnings", i, "text")))
    if programme.checked is None:
        problems.append(Problem(file=None, code=Code.NOT_CHECKED, loc=("checked",), params={}))
    return problems
