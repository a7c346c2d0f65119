"""``insatsval portfolio``: check the options, solve exactly and greedily, and report both.

:func:`choose_portfolio` turns a :class:`~action_plan.candidates.PortfolioSetup` and the command's
options into a :class:`PortfolioResult`: the chosen programmes with their cost and participants,
coverage per factor and age band before and after, the greedy choice with its trace, the gap
between the two, the programmes whose cost is unknown (shown apart, never chosen), and the cells
the budget leaves below the "covered" threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from action_plan.candidates import Candidate, PortfolioSetup, build_setup
from action_plan.portfolio import ExactResult, GreedyStep, coverage_after, feasible, solve_exact, solve_greedy
from brief import MeetingBrief
from catalog.catalogue import Catalogue
from inputs.prices import PriceTable
from inputs.problems import Code, InputError, Problem
from inputs.suggest import suggest


@dataclass(frozen=True)
class CellCoverage:
    """Coverage of one prioritised factor in one age band (mean over the wanted levels)."""

    factor: str
    band: str
    need: float  #: w[f] * s[b], share of the area's need (0-1)
    before: float
    after: float


@dataclass(frozen=True)
class Pick:
    """A chosen programme."""

    candidate: Candidate
    gain: float  #: need-weighted coverage it adds on top of the other chosen programmes (0-1)

    @property
    def cost_sek(self) -> float:
        assert self.candidate.cost_sek is not None  # only known costs are chosen
        return self.candidate.cost_sek


@dataclass(frozen=True)
class GreedyPick:
    step: GreedyStep
    candidate: Candidate


@dataclass(frozen=True)
class PortfolioResult:
    budget_sek: float | None
    max_programmes: int | None
    one_per_level: bool
    price_year: int
    chosen: list[Pick]
    objective: float  #: need-weighted coverage after (0-1)
    objective_before: float
    exact: ExactResult
    greedy_chosen: list[Candidate]
    greedy_objective: float
    greedy_trace: list[GreedyPick]
    greedy_feasible: bool
    unknown_cost: list[Candidate]
    coverage: list[CellCoverage]
    considered: int  #: candidates with a known cost
    excluded: list[str] = field(default_factory=list)

    @property
    def total_cost_sek(self) -> float:
        return float(sum(p.cost_sek for p in self.chosen))

    @property
    def optimality_gap(self) -> float:
        """Exact objective minus greedy objective (>= 0): what the optimisation adds over picking by hand."""
        return max(0.0, self.objective - self.greedy_objective) if self.greedy_feasible else self.objective

    def uncovered(self, covered: float) -> list[CellCoverage]:
        """Cells still below the ``covered`` threshold after the portfolio, largest uncovered need first."""
        cells = [c for c in self.coverage if c.after < covered - 1e-12]
        return sorted(cells, key=lambda c: (-round(c.need * (1 - c.after), 12), c.factor, c.band))


def check_ids(setup: PortfolioSetup, ids: Sequence[str], known_ids: Sequence[str], option: str) -> list[Problem]:
    """Problems with ``--include``/``--exclude`` ids: unknown programmes, and includes that cannot be chosen."""
    problems = []
    by_id = {c.id: c for c in setup.candidates}
    for pid in ids:
        if pid not in known_ids:
            problems.append(
                Problem(
                    file=None,
                    code=Code.UNKNOWN_PROGRAMME,
                    params={"value": pid, "suggestions": suggest(pid, list(known_ids))},
                )
            )
        elif option == "include" and pid not in by_id:
            problems.append(Problem(file=None, code=Code.PORTFOLIO_NOT_CANDIDATE, params={"value": pid}))
        elif option == "include" and by_id[pid].cost_sek is None:
            problems.append(Problem(file=None, code=Code.PORTFOLIO_INCLUDE_UNKNOWN_COST, params={"value": pid}))
    return problems


def choose_portfolio(
    setup: PortfolioSetup,
    budget: float | None,
    *,
    max_programmes: int | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    one_per_level: bool = False,
    known_ids: Sequence[str] = (),
) -> PortfolioResult:
    """Solve the portfolio exactly and greedily for ``setup`` under the options.

    Raises:
        InputError: no limit at all, an id that is unknown or cannot be included, or no feasible choice.
    """
    if budget is None and max_programmes is None:
        raise InputError([Problem(file=None, code=Code.PORTFOLIO_NEEDS_LIMIT)])
    known_ids = known_ids or [c.id for c in setup.candidates]
    problems = check_ids(setup, include, known_ids, "include") + check_ids(setup, exclude, known_ids, "exclude")
    if problems:
        raise InputError(problems)
    kept = setup.without(exclude)
    problem, candidates = kept.problem(budget, max_programmes, include, one_per_level)
    greedy = solve_greedy(problem)
    exact = solve_exact(problem, greedy.chosen if greedy.feasible else None)
    if exact.status == "infeasible" or not feasible(problem, exact.chosen):
        raise InputError([Problem(file=None, code=Code.PORTFOLIO_INFEASIBLE)])

    chosen_idx = np.flatnonzero(exact.chosen)
    picks = []
    for i in chosen_idx:
        without = exact.chosen.copy()
        without[i] = False
        gain = float(problem.weight @ (coverage_after(problem, exact.chosen) - coverage_after(problem, without)))
        picks.append(Pick(candidates[i], gain))
    picks.sort(key=lambda p: (-p.gain, p.candidate.rank))

    return PortfolioResult(
        budget_sek=budget,
        max_programmes=max_programmes,
        one_per_level=one_per_level,
        price_year=setup.price_year,
        chosen=picks,
        objective=exact.objective,
        objective_before=float(problem.weight @ (1.0 - problem.uncovered)),
        exact=exact,
        greedy_chosen=[candidates[i] for i in np.flatnonzero(greedy.chosen)],
        greedy_objective=greedy.objective,
        greedy_trace=[GreedyPick(step, candidates[step.index]) for step in greedy.trace],
        greedy_feasible=greedy.feasible,
        unknown_cost=[c for c in kept.unknown],
        coverage=cell_coverage(setup, problem.uncovered, coverage_after(problem, exact.chosen)),
        considered=problem.n,
        excluded=list(exclude),
    )


def cell_coverage(setup: PortfolioSetup, uncovered: np.ndarray, after: np.ndarray) -> list[CellCoverage]:
    """Coverage per prioritised factor and profile band, averaged over the wanted levels (as the gap analysis)."""
    cells = setup.cells
    n_f, n_b = len(cells.factors), len(cells.bands)
    before_fb = np.zeros((n_f, n_b))
    after_fb = np.zeros((n_f, n_b))
    np.add.at(before_fb, (cells.factor, cells.band), (1.0 - uncovered) / len(cells.levels))
    np.add.at(after_fb, (cells.factor, cells.band), after / len(cells.levels))
    return [
        CellCoverage(
            cells.factors[f], cells.bands[b], float(setup.need[f, b]), float(before_fb[f, b]), float(after_fb[f, b])
        )
        for f in range(n_f)
        for b in range(n_b)
    ]


def portfolio_for(
    brief: MeetingBrief,
    catalogue: Catalogue,
    prices: PriceTable,
    budget: float | None = None,
    **options: Any,
) -> tuple[PortfolioSetup, PortfolioResult, float | None]:
    """The portfolio for a brief (ranked with ``top=None``): ``budget`` overrides the profile's ``budget_sek``.

    Returns the setup (for stability draws), the result and the budget used.

    Raises:
        InputError: the profile has no population (costs cannot be worked out), or see :func:`choose_portfolio`.
    """
    loaded = brief.loaded
    if loaded.profile.population is None:
        line = loaded.doc.line_of(("area",))
        raise InputError([Problem(file=loaded.path, line=line, code=Code.PORTFOLIO_NEEDS_POPULATION)])
    used = budget if budget is not None else loaded.profile.budget_sek
    setup = build_setup(brief, catalogue, prices)
    result = choose_portfolio(setup, used, known_ids=list(catalogue.by_id), **options)
    return setup, result, used
