"""From a meeting brief to the arrays of a portfolio choice: candidates, cells, reach, costs.

The candidates are the brief's eligible proposals (never a programme whose evaluations found no
effect, never one already in place). Each would run at one level: the wanted level at which its
evidence tier is best (as in the shortlist's explanation), because its reach is a share of one
target group (docs/method.md, "Levels"). Its effective reach in a cell follows the coverage model
of the gap analysis with the catalogue's evidence, full fidelity (a new programme is planned to
be run as its manual says; the implementation plan lists what that takes) and the default reach
of its level::

    x[p, (l, f, b)] = E[p] * fidelity_full * reach[l] * T[p, f] * A[p, b]   if p runs at level l, else 0

using the same ``T`` (targeting strength), ``A`` (age share) and combination as everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from action_plan.costs import UnitCost, participants, unit_cost
from action_plan.portfolio import PortfolioProblem
from brief import MeetingBrief
from catalog.arrays import age_coverage, band_shares, band_year_matrix, catalogue_arrays, year_mask
from catalog.catalogue import Catalogue
from gap_analysis.coverage import effective_reach
from inputs.evidence_scale import TIER_ORDER
from inputs.prices import PriceTable
from inputs.profile import ActionPlanInput, population_by_band
from inputs.programme import Programme
from inputs.settings import Settings
from inputs.vocabulary import LEVELS
from recommender.ranking import Recommendation
from recommender.scoring import targeting_strength


@dataclass(frozen=True)
class Candidate:
    """A programme that could join the portfolio, with what it would cost and reach."""

    programme: Programme
    rank: int  #: in the shortlist
    score: float
    level: str  #: the level it would run at
    tier: str  #: its evidence tier at that level
    evidence: float  #: the tier's multiplier
    participants: int | None  #: a year; None without a population
    unit_cost: UnitCost
    cost_sek: float | None  #: a year at the price year; None when unknown

    @property
    def id(self) -> str:
        return self.programme.id


@dataclass(frozen=True)
class Cells:
    """The cells of the coverage model: wanted level x prioritised factor x profile band."""

    levels: tuple[str, ...]
    factors: tuple[str, ...]
    bands: tuple[str, ...]
    level: np.ndarray  #: [C] index into ``levels``
    factor: np.ndarray  #: [C] index into ``factors``
    band: np.ndarray  #: [C] index into ``bands``
    weight: np.ndarray  #: [C] need share (sums to 1)
    uncovered: np.ndarray  #: [C] share uncovered before


@dataclass(frozen=True)
class PortfolioSetup:
    """Everything a portfolio choice is made from, for one area."""

    candidates: list[Candidate]  #: every eligible proposal, in shortlist order
    cells: Cells
    reach: np.ndarray  #: [len(candidates), C]
    need: np.ndarray  #: [F', B'] w[f] * s[b] over prioritised factors and profile bands
    price_year: int

    @property
    def known(self) -> list[int]:
        """Positions of the candidates whose cost is known (only they can be chosen under a budget)."""
        return [i for i, c in enumerate(self.candidates) if c.cost_sek is not None]

    @property
    def unknown(self) -> list[Candidate]:
        return [c for c in self.candidates if c.cost_sek is None]

    def without(self, ids: Sequence[str]) -> PortfolioSetup:
        """The same setup with the candidates ``ids`` left out (``--exclude``)."""
        keep = [i for i, c in enumerate(self.candidates) if c.id not in set(ids)]
        return replace(self, candidates=[self.candidates[i] for i in keep], reach=self.reach[keep])

    def problem(
        self,
        budget: float | None,
        max_programmes: int | None = None,
        include: Sequence[str] = (),
        one_per_level: bool = False,
        weights: np.ndarray | None = None,
        reach: np.ndarray | None = None,
    ) -> tuple[PortfolioProblem, list[Candidate]]:
        """The optimisation problem over the candidates with a known cost, and those candidates.

        ``weights`` ([C]) and ``reach`` ([len(candidates), C]) replace the setup's own (stability draws).
        """
        keep = self.known
        chosen = [self.candidates[i] for i in keep]
        reach_all = self.reach if reach is None else reach
        levels = np.array([LEVELS.index(c.level) for c in chosen], dtype=int)
        wanted = tuple(LEVELS.index(lv) for lv in self.cells.levels)
        present = tuple(lv for lv in wanted if (levels == lv).any())
        problem = PortfolioProblem(
            reach=reach_all[keep],
            weight=self.cells.weight if weights is None else weights,
            uncovered=self.cells.uncovered,
            cost=np.array([c.cost_sek for c in chosen], dtype=float),
            level=levels,
            budget=budget,
            max_programmes=max_programmes,
            include=np.array([c.id in set(include) for c in chosen], dtype=bool),
            required_levels=present if one_per_level else (),
        )
        return problem, chosen


def _cells(
    levels: tuple[str, ...],
    factors: tuple[str, ...],
    bands: tuple[str, ...],
    need: np.ndarray,
    by_level: np.ndarray,
) -> Cells:
    """Cells in level, factor, band order. ``need`` is [F', B']; ``by_level`` [L', F', B'] coverage."""
    grid = np.meshgrid(np.arange(len(levels)), np.arange(len(factors)), np.arange(len(bands)), indexing="ij")
    li, fi, bi = (axis.ravel() for axis in grid)
    weight = need[fi, bi] / len(levels)
    return Cells(levels, factors, bands, li, fi, bi, weight, 1.0 - by_level[li, fi, bi])


def build_setup(
    brief: MeetingBrief,
    catalogue: Catalogue,
    prices: PriceTable,
    settings: Settings | None = None,
) -> PortfolioSetup:
    """The portfolio's candidates and arrays for the brief's area (``brief`` ranked with ``top=None``)."""
    settings = settings or brief.settings
    profile = brief.loaded.profile
    taxonomy = catalogue.taxonomy
    plan = profile.action_plan or ActionPlanInput()
    band_years = band_year_matrix(taxonomy)
    profile_years = year_mask(profile.ages, taxonomy.max_age + 1)
    shares = band_shares(profile_years, band_years)
    band_idx = np.flatnonzero(shares > 0)
    factor_idx = np.array([taxonomy.factor_index[f] for f in profile.factor_ids], dtype=int)
    levels = tuple(lv for lv in LEVELS if lv in profile.levels)

    need = np.outer(profile.weights(), shares[band_idx])  # [F', B']
    by_cell = {(g.factor, g.band): g.by_level for g in brief.gaps.cells}
    by_level = np.array(
        [[[by_cell[(f, taxonomy.band_ids[b])][lv] for b in band_idx] for f in profile.factor_ids] for lv in levels],
        dtype=float,
    ).reshape(len(levels), len(factor_idx), len(band_idx))
    cells = _cells(levels, tuple(profile.factor_ids), tuple(taxonomy.band_ids[b] for b in band_idx), need, by_level)

    recs = [r for r in brief.recommendations.recommendations if r.group == "recommended"]
    programmes = [r.programme for r in recs]
    arrays = catalogue_arrays(catalogue)
    row_of = {pid: i for i, pid in enumerate(arrays.ids)}
    rows = np.array([row_of[p.id] for p in programmes], dtype=int)
    candidates = [_candidate(rec, prices, settings) for rec in recs]
    effect = np.array([c.evidence * settings.coverage.fidelity.full * getattr(plan.reach, c.level) for c in candidates])
    strength = targeting_strength(arrays.basis[rows][:, factor_idx], settings.targeting)  # [P, F']
    ages = age_coverage(arrays.years[rows], profile_years, band_years)[:, band_idx]  # [P, B']
    x = effective_reach(strength, ages, effect)  # [P, F', B']
    at_level = np.array([[c.level == lv for lv in levels] for c in candidates], dtype=bool).reshape(-1, len(levels))
    reach = x[:, cells.factor, cells.band] * at_level[:, cells.level]
    population = population_by_band(profile, taxonomy)
    if population is not None:
        pop = np.array([population.get(taxonomy.band_ids[b], 0.0) for b in band_idx])
        target = np.array([getattr(plan.target_group, c.level) for c in candidates])
        yearly = np.array([getattr(plan.reach, c.level) for c in candidates])
        counts = participants(ages.reshape(len(candidates), -1), pop, target, yearly)
        candidates = [_with_participants(c, round(n)) for c, n in zip(candidates, counts, strict=True)]
    return PortfolioSetup(candidates, cells, reach, need, prices.price_year)


def _candidate(rec: Recommendation, prices: PriceTable, settings: Settings) -> Candidate:
    """A shortlisted programme as a candidate (participants and cost are added once a population is known)."""
    tier = rec.tier.tier
    return Candidate(
        programme=rec.programme,
        rank=rec.rank,
        score=rec.score,
        level=rec.tier_level,
        tier=tier,
        evidence=settings.evidence.as_list()[TIER_ORDER.index(tier)],
        participants=None,
        unit_cost=unit_cost(rec.programme, prices),
        cost_sek=None,
    )


def _with_participants(candidate: Candidate, count: int) -> Candidate:
    cost = None if candidate.unit_cost.sek is None else candidate.unit_cost.sek * count
    return replace(candidate, participants=count, cost_sek=cost)
