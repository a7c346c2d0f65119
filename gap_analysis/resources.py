"""Resolve inventory rows against the catalogue and taxonomy.

A resource linked to a catalogue programme (``programme: fft``) inherits the programme's
factors, ages, levels and domains unless the row gives its own, and its evidence comes from
the programme's tier. A resource not in the catalogue must say which factors and ages it
covers; its evidence comes from ``tested``. docs/method.md ("Coverage") gives the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.catalogue import Catalogue
from inputs.evidence_scale import TIER_ORDER
from inputs.inventory import LoadedInventory, Resource
from inputs.problems import Code, InputError, Problem
from inputs.programme import Programme
from inputs.settings import Settings
from inputs.suggest import suggest
from inputs.vocabulary import LEVELS, AgeRange


@dataclass(frozen=True)
class ResolvedResource:
    """A resource with everything the coverage model needs, and where it was written."""

    index: int
    resource: Resource
    programme: Programme | None
    factors: dict[str, float]  #: factor id -> targeting strength (0-1)
    ages: AgeRange
    levels: tuple[str, ...]
    domains: tuple[str, ...]
    reach: float  #: share 0-1
    evidence: float  #: evidence factor 0-1
    fidelity: float  #: fidelity factor 0-1
    tier: str | None  #: the catalogue tier when linked to a programme
    line: int | None
    row: int | None

    @property
    def name(self) -> str:
        return self.resource.name

    @property
    def quality(self) -> float:
        """How much of the reach counts as effective work: evidence times fidelity."""
        return self.evidence * self.fidelity

    @property
    def effective_reach(self) -> float:
        """Quality times reach: the share of the group effectively reached."""
        return self.quality * self.reach


def _evidence_factor(
    resource: Resource,
    programme: Programme | None,
    levels: tuple[str, ...],
    catalogue: Catalogue,
    weights: Settings,
) -> tuple[float, str | None]:
    if programme is not None and resource.tested is not False:
        offered = [lv for lv in levels if lv in programme.levels] or list(programme.levels)
        _, result = catalogue.tiers[programme.id].best(offered)
        return weights.evidence.as_list()[TIER_ORDER.index(result.tier)], result.tier
    if resource.tested:
        return weights.coverage.tested_unrated, None
    return weights.coverage.untested, None


def resolve_resources(loaded: LoadedInventory, catalogue: Catalogue, weights: Settings) -> list[ResolvedResource]:
    """Resolve every resource; all problems (unknown ids, missing ages) are raised together."""
    resolved, problems = find_resources(loaded, catalogue, weights)
    if problems:
        raise InputError(problems)
    return resolved


def find_resources(
    loaded: LoadedInventory, catalogue: Catalogue, weights: Settings
) -> tuple[list[ResolvedResource], list[Problem]]:
    """Resolve every resource that can be; return them and a problem for each that cannot.

    A resource linked to a programme offered at several levels must say which level it works
    at: its reach is a share of one target group, and counting it at every level the programme
    offers would claim coverage the resource does not give (docs/method.md, "Levels").
    """
    taxonomy = catalogue.taxonomy
    out: list[ResolvedResource] = []
    problems: list[Problem] = []
    for index, resource in enumerate(loaded.inventory.resources):
        line, row = loaded.locate(index)

        def problem(
            code: Code,
            field: str,
            at: tuple[int | None, int | None] = (line, row),
            name: str = resource.name,
            **params: str,
        ) -> Problem:
            return Problem(
                file=loaded.path, line=at[0], row=at[1], code=code, params={**params, "name": name, "field": field}
            )

        programme = None
        if resource.programme is not None:
            programme = catalogue.by_id.get(resource.programme)
            if programme is None:
                problems.append(
                    problem(
                        Code.UNKNOWN_RESOURCE_PROGRAMME,
                        "programme",
                        value=resource.programme,
                        suggestions=suggest(resource.programme, list(catalogue.by_id)),
                    )
                )
                continue
        unknown = [f for f in resource.factors or [] if f not in taxonomy.factor_index]
        for factor in unknown:
            problems.append(
                problem(Code.UNKNOWN_FACTOR, "factors", value=factor, suggestions=suggest(factor, taxonomy.factor_ids))
            )
        if unknown:
            continue
        if resource.factors:
            factors = dict.fromkeys(resource.factors, 1.0)
        else:
            assert programme is not None  # the model requires programme or factors
            factors = {
                t.factor: weights.targeting.listed if t.basis == "listed" else weights.targeting.mapped
                for t in programme.factors
            }
        ages = resource.ages or (AgeRange(min=programme.ages.min, max=programme.ages.max) if programme else None)
        if ages is None:
            problems.append(problem(Code.RESOURCE_WITHOUT_AGES, "ages"))
            continue
        if resource.levels:
            levels = tuple(lv for lv in LEVELS if lv in resource.levels)
        elif programme is not None and len(programme.levels) > 1:
            problems.append(
                problem(
                    Code.RESOURCE_LEVEL_AMBIGUOUS, "levels", programme=programme.id, levels=", ".join(programme.levels)
                )
            )
            continue
        elif programme is not None:
            levels = tuple(programme.levels)
        else:
            levels = ("universal",)
        if resource.domains:
            domains = tuple(resource.domains)
        elif programme is not None:
            domains = tuple(programme.domains)
        else:
            domains = tuple(dict.fromkeys(taxonomy.factors_by_id[f].domain for f in factors))
        evidence, tier = _evidence_factor(resource, programme, levels, catalogue, weights)
        out.append(
            ResolvedResource(
                index=index,
                resource=resource,
                programme=programme,
                factors=factors,
                ages=ages,
                levels=levels,
                domains=domains,
                reach=resource.reach_share,
                evidence=evidence,
                fidelity=getattr(weights.coverage.fidelity, resource.fidelity),
                tier=tier,
                line=line,
                row=row,
            )
        )
    return out, problems
