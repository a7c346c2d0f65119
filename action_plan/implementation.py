"""The implementation plan: who runs each chosen programme, for whom, from when, and what it takes.

The chosen programmes are the team's: ``--choose ID`` on the command line, else
``action_plan.programmes`` in the profile; with neither, the first three proposals of the
shortlist stand in, and every output says so. For each programme the plan gives

* the responsible organisation: given in the profile, else *suggested* from the inventory (the
  provider whose resources work at the same level on most of the same prioritised factors),
  else unknown;
* the target group (its level and the ages it serves within the profile) and the participants a
  year (population x target-group share x reach, as for costs; unknown without a population);
* the start (per programme, else the plan's ``start``), the sessions, hours and weeks the
  catalogue gives, the licence or training costs and Swedish availability it records (the
  catalogue holds no fidelity requirements: the plan says to ask the developer, never invents them);
* the indicators to follow up: the prioritised factors it targets that the CTC youth survey
  measures, so phase 5 can read them.

Overlaps: resources and chosen programmes that reach the same prioritised factor, age band and
level are listed per pair of organisations, so the plan names who does what (Malmö's review
found administrations running overlapping programmes without knowing it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from action_plan.costs import UnitCost, participants, unit_cost
from action_plan.goal_chain import ChainProgramme
from brief import MeetingBrief
from catalog.arrays import age_coverage, band_year_matrix, year_mask
from catalog.catalogue import Catalogue
from inputs.prices import PriceTable
from inputs.problems import Code, InputError, Problem
from inputs.profile import ActionPlanInput, population_by_band
from inputs.programme import Cost, Programme
from inputs.suggest import suggest
from inputs.vocabulary import LEVELS, AgeRange

ChosenBy = Literal["option", "profile", "shortlist"]
SHORTLIST_STAND_IN = 3


@dataclass(frozen=True)
class PlanRow:
    """One chosen programme in the implementation plan."""

    programme: Programme
    level: str  #: the wanted level it runs at (best evidence)
    ages: AgeRange  #: the ages it serves within the profile
    responsible: str | None
    responsible_basis: Literal["profile", "inventory"] | None
    participants: int | None
    unit_cost: UnitCost
    cost_sek: float | None
    start: dt.date | None
    indicators: tuple[str, ...]  #: prioritised factors it targets that the survey measures
    factors: tuple[str, ...]  #: prioritised factors it targets
    training: tuple[Cost, ...]  #: licence and training costs the catalogue gives
    note: str | None = None


@dataclass(frozen=True)
class Overlap:
    """Two organisations whose work reaches the same prioritised factors, ages and level."""

    providers: tuple[str, str]
    items: tuple[tuple[str, ...], tuple[str, ...]]  #: names of each one's resources or programmes
    factors: tuple[str, ...]
    bands: tuple[str, ...]
    levels: tuple[str, ...]


@dataclass(frozen=True)
class ImplementationPlan:
    rows: list[PlanRow]
    chosen_by: ChosenBy
    overlaps: list[Overlap] = field(default_factory=list)
    goals: dict[str, str] = field(default_factory=dict)  #: the team's own goals, factor/behaviour id -> text
    start: dt.date | None = None
    price_year: int = 0

    @property
    def total_cost_sek(self) -> float | None:
        """Sum of the known costs, or None when any is unknown (an unknown cost never counts as zero)."""
        costs = [r.cost_sek for r in self.rows]
        return None if any(c is None for c in costs) else float(sum(c for c in costs if c is not None))

    def chain_programmes(self) -> list[ChainProgramme]:
        return [
            ChainProgramme(
                r.programme, r.level, r.participants, r.responsible, r.start.isoformat() if r.start else None
            )
            for r in self.rows
        ]


def chosen_ids(brief: MeetingBrief, catalogue: Catalogue, choose: Sequence[str]) -> tuple[list[str], ChosenBy]:
    """The programmes of the plan and who chose them (see the module doc).

    Raises:
        InputError: an id that is not in the catalogue (from the option or the profile).
    """
    plan = brief.loaded.profile.action_plan
    if choose:
        ids, by, where = list(dict.fromkeys(choose)), "option", None
    elif plan is not None and plan.programmes:
        ids, by, where = list(plan.programmes), "profile", ("action_plan", "programmes")
    else:
        recs = [r for r in brief.recommendations.recommendations if r.group == "recommended"]
        return [r.programme.id for r in recs[:SHORTLIST_STAND_IN]], "shortlist"
    problems = []
    for pid in ids:
        if pid not in catalogue.by_id:
            params = {"value": pid, "suggestions": suggest(pid, list(catalogue.by_id)), "field": "programmes"}
            if where is None:
                problems.append(Problem(file=None, code=Code.UNKNOWN_PROGRAMME, params=params))
            else:
                loaded = brief.loaded
                line = loaded.doc.line_of((*where, pid))
                problems.append(Problem(file=loaded.path, line=line, code=Code.PLAN_PROGRAMME_UNKNOWN, params=params))
    if problems:
        raise InputError(problems)
    return ids, by  # type: ignore[return-value]


def _level(programme: Programme, catalogue: Catalogue, wanted: Sequence[str]) -> str:
    """The wanted level with the programme's best evidence, else its own best level."""
    offered = [lv for lv in wanted if lv in programme.levels]
    return catalogue.tiers[programme.id].best(offered or None)[0]


def _served(programme: Programme, ages: AgeRange) -> AgeRange:
    lo, hi = max(programme.ages.min, ages.min), min(programme.ages.max, ages.max)
    return AgeRange(min=lo, max=hi) if lo <= hi else AgeRange(min=programme.ages.min, max=programme.ages.max)


def suggested_provider(programme: Programme, level: str, brief: MeetingBrief) -> str | None:
    """The inventory provider already working at ``level`` on most of the programme's prioritised factors."""
    targeted = {t.factor for t in programme.factors} & set(brief.loaded.profile.factor_ids)
    best: tuple[int, str] | None = None
    for resource in brief.gaps.resources:
        provider = resource.resource.provider
        if not provider or level not in resource.levels:
            continue
        shared = len(targeted & {f for f, v in resource.factors.items() if v > 0})
        if shared and (best is None or shared > best[0]):
            best = (shared, provider)
    return best[1] if best else None


def build_plan(
    brief: MeetingBrief, catalogue: Catalogue, prices: PriceTable, choose: Sequence[str] = ()
) -> ImplementationPlan:
    """The implementation plan for the brief's area (see the module doc)."""
    ids, chosen_by = chosen_ids(brief, catalogue, choose)
    profile = brief.loaded.profile
    taxonomy = catalogue.taxonomy
    plan = profile.action_plan or ActionPlanInput()
    wanted = [lv for lv in LEVELS if lv in profile.levels]
    population = population_by_band(profile, taxonomy)
    band_years = band_year_matrix(taxonomy)
    profile_years = year_mask(profile.ages, taxonomy.max_age + 1)
    bands = [b for b in range(len(taxonomy.band_ids)) if (band_years[:, b] & profile_years).any()]
    rows = []
    for pid in ids:
        programme = catalogue.by_id[pid]
        level = _level(programme, catalogue, wanted)
        agreed = plan.programmes.get(pid)
        responsible = agreed.responsible if agreed and agreed.responsible else None
        basis: Literal["profile", "inventory"] | None = "profile" if responsible else None
        if responsible is None:
            responsible = suggested_provider(programme, level, brief)
            basis = "inventory" if responsible else None
        count = None
        if population is not None:
            shares = age_coverage(year_mask(programme.ages, taxonomy.max_age + 1)[None, :], profile_years, band_years)
            pop = np.array([population.get(taxonomy.band_ids[b], 0.0) for b in bands])
            yearly = participants(
                shares[:, bands],
                pop,
                np.array([getattr(plan.target_group, level)]),
                np.array([getattr(plan.reach, level)]),
            )
            count = round(float(yearly[0]))
        cost = unit_cost(programme, prices)
        factors = tuple(f for f in profile.factor_ids if any(t.factor == f for t in programme.factors))
        rows.append(
            PlanRow(
                programme=programme,
                level=level,
                ages=_served(programme, profile.ages),
                responsible=responsible,
                responsible_basis=basis,
                participants=count,
                unit_cost=cost,
                cost_sek=None if cost.sek is None or count is None else cost.sek * count,
                start=(agreed.start if agreed and agreed.start else None) or plan.start,
                indicators=tuple(f for f in factors if taxonomy.factors_by_id[f].survey_scale),
                factors=factors,
                training=tuple(c for c in programme.costs if c.kind in ("licence", "training")),
                note=agreed.note if agreed else None,
            )
        )
    return ImplementationPlan(
        rows=rows,
        chosen_by=chosen_by,
        overlaps=find_overlaps(brief, rows, catalogue),
        goals=dict(plan.goals),
        start=plan.start,
        price_year=prices.price_year,
    )


def find_overlaps(brief: MeetingBrief, rows: Sequence[PlanRow], catalogue: Catalogue) -> list[Overlap]:
    """Pairs of organisations whose resources or chosen programmes reach the same factor, band and level."""
    taxonomy = catalogue.taxonomy
    profile = brief.loaded.profile
    priorities = set(profile.factor_ids)
    wanted = set(profile.levels)
    band_ranges = [(b.id, b.min, b.max) for b in taxonomy.age_bands]

    def cells(factors: set[str], ages: AgeRange, levels: Sequence[str]) -> set[tuple[str, str, str]]:
        bands = [
            bid
            for bid, lo, hi in band_ranges
            if lo <= min(hi, ages.max, profile.ages.max) and max(lo, ages.min, profile.ages.min) <= hi
        ]
        return {(f, b, lv) for f in factors & priorities for b in bands for lv in levels if lv in wanted}

    work: list[tuple[str, str, set[tuple[str, str, str]]]] = []  # (organisation, item, cells)
    for r in brief.gaps.resources if brief.inventory is not None else []:
        provider = r.resource.provider or r.name
        work.append((provider, r.name, cells({f for f, v in r.factors.items() if v > 0}, r.ages, r.levels)))
    for row in rows:
        owner = row.responsible or "?"
        work.append((owner, row.programme.id, cells(set(row.factors), row.ages, [row.level])))
    by_org: dict[str, list[tuple[str, set[tuple[str, str, str]]]]] = {}
    for org, item, reached in work:
        by_org.setdefault(org, []).append((item, reached))
    overlaps = []
    orgs = sorted(by_org)
    for i, a in enumerate(orgs):
        for b in orgs[i + 1 :]:
            shared: set[tuple[str, str, str]] = set()
            items_a: list[str] = []
            items_b: list[str] = []
            for item_a, cells_a in by_org[a]:
                for item_b, cells_b in by_org[b]:
                    common = cells_a & cells_b
                    if common:
                        shared |= common
                        items_a.append(item_a)
                        items_b.append(item_b)
            if shared:
                overlaps.append(
                    Overlap(
                        providers=(a, b),
                        items=(tuple(dict.fromkeys(items_a)), tuple(dict.fromkeys(items_b))),
                        factors=tuple(f for f in profile.factor_ids if any(c[0] == f for c in shared)),
                        bands=tuple(x for x in taxonomy.band_ids if any(c[1] == x for c in shared)),
                        levels=tuple(lv for lv in LEVELS if any(c[2] == lv for c in shared)),
                    )
                )
    return overlaps
