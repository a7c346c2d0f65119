"""The portfolio: which programmes to start so that the budget buys the most need-weighted coverage.

The model is the gap analysis's own (docs/method.md, "Coverage"), so coverage after the portfolio
is comparable with coverage before it. A *cell* ``c`` is one wanted level, prioritised factor and
age band of the profile. Before the portfolio a share ``U[c]`` of it is uncovered; a chosen
programme ``p`` effectively reaches ``x[p, c]`` of it (0 at levels it does not run at); reaches
combine independently (``gap_analysis.coverage.combine``)::

    coverage[c] = 1 - U[c] * prod over chosen p of (1 - x[p, c])
    objective   = sum over c of K[c] * coverage[c]           K = need share of the cell

With ``K[c] = w[f] * s[b] / (number of wanted levels)`` the objective is the need-weighted mean
coverage (0-1) the gap analysis reports, and two programmes that reach the same factor and ages
add less than the sum of their parts (diminishing returns).

Exact solution (:func:`solve_exact`): with ``a[p, c] = -log(1 - x[p, c])`` the uncovered part of a
cell is ``U[c] * exp(-sum_p a[p, c] z[p])`` for the 0/1 choices ``z``: a convex function of a
linear form. Outer approximation (Kelley's cutting planes, as in Duran and Grossmann's method for
convex mixed-integer programmes) replaces each ``exp`` by the maximum of its tangents, which lies
below it; each round solves that mixed-integer *linear* programme with ``scipy.optimize.milp``
(HiGHS), evaluates the true objective of its answer and adds the tangents at that answer. The MILP
value is a lower bound on the uncovered need and the best answer found an upper bound; the loop
stops when they meet (within ``tolerance``), which proves the answer optimal. Because there are
finitely many choices and a repeated answer is cut exactly, the loop ends.

Greedy solution (:func:`solve_greedy`): repeatedly add the affordable programme with the largest
gain per krona (per programme without a budget), recording why, then compare with the best single
programme; it is what a team would do by hand, and its gap to the exact value shows what the
optimisation adds. The greedy value never exceeds the exact one (the exact one is optimal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from gap_analysis.coverage import combine

#: How close the proven lower bound must come to the best answer (in units of need-weighted coverage).
TOLERANCE = 1e-9
#: The MILP's objective is multiplied by this so HiGHS's absolute gap (1e-6) is far below TOLERANCE.
SCALE = 1e4
MAX_ROUNDS = 500
#: Tangent points each cell starts with (the exponent ``s``, i.e. -log of the share still uncovered).
START_POINTS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2)


@dataclass(frozen=True)
class PortfolioProblem:
    """One portfolio choice as arrays: P candidate programmes (all with a known cost) and C cells."""

    reach: np.ndarray  #: [P, C] x, share of cell c each programme effectively reaches (0-1)
    weight: np.ndarray  #: [C] K, need share of each cell (sums to 1 over a profile's cells)
    uncovered: np.ndarray  #: [C] U, share of each cell uncovered before the portfolio (0-1)
    cost: np.ndarray  #: [P] SEK a year
    level: np.ndarray  #: [P] int, index into LEVELS of the level each programme runs at
    budget: float | None = None  #: SEK; None for no budget
    max_programmes: int | None = None
    include: np.ndarray | None = None  #: [P] bool, programmes that must be chosen
    required_levels: tuple[int, ...] = ()  #: levels that need at least one programme (--one-per-level)

    @property
    def n(self) -> int:
        return int(self.reach.shape[0])

    def must(self) -> np.ndarray:
        """[P] bool: the programmes that must be chosen."""
        return np.zeros(self.n, dtype=bool) if self.include is None else self.include.astype(bool)


def coverage_after(problem: PortfolioProblem, chosen: np.ndarray) -> np.ndarray:
    """[C] coverage of every cell with the ``chosen`` [P] bool programmes added to what exists."""
    existing = (1.0 - problem.uncovered)[None, :]
    return combine(np.vstack([existing, problem.reach[chosen.astype(bool)]]), axis=0)


def objective(problem: PortfolioProblem, chosen: np.ndarray) -> float:
    """Need-weighted coverage (0-1) with ``chosen`` programmes."""
    return float(problem.weight @ coverage_after(problem, chosen))


def feasible(problem: PortfolioProblem, chosen: np.ndarray) -> bool:
    """Whether ``chosen`` keeps the budget, the maximum, the includes and the per-level minimum."""
    chosen = chosen.astype(bool)
    if problem.budget is not None and float(problem.cost[chosen].sum()) > problem.budget * (1 + 1e-12) + 1e-9:
        return False
    if problem.max_programmes is not None and int(chosen.sum()) > problem.max_programmes:
        return False
    if (problem.must() & ~chosen).any():
        return False
    return all((chosen & (problem.level == lv)).any() for lv in problem.required_levels)


@dataclass(frozen=True)
class ExactResult:
    chosen: np.ndarray  #: [P] bool
    objective: float  #: need-weighted coverage 0-1
    bound: float  #: proven upper bound on the objective
    rounds: int  #: MILP solves
    cuts: int  #: tangent cuts added in total
    status: Literal["optimal", "round_limit", "infeasible"]

    @property
    def proven_gap(self) -> float:
        """Upper bound minus objective: 0 (within TOLERANCE) when optimality is proven."""
        return max(0.0, self.bound - self.objective)


@dataclass(frozen=True)
class GreedyStep:
    """One pick of the greedy method and why it was made."""

    step: int
    index: int  #: into the problem's programmes
    reason: Literal["included", "level", "best_ratio", "best_gain", "best_single"]
    gain: float  #: need-weighted coverage added (0-1)
    cost: float
    objective: float  #: after this pick
    remaining: float | None  #: budget left after this pick
    affordable: int  #: how many programmes could still be afforded before this pick


@dataclass(frozen=True)
class GreedyResult:
    chosen: np.ndarray
    objective: float
    trace: list[GreedyStep] = field(default_factory=list)
    feasible: bool = True


def _log_terms(problem: PortfolioProblem) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cells that can change, their weights ``K * U`` and ``a = -log(1 - x)``."""
    active = (problem.weight * problem.uncovered > 0) & (problem.reach > 0).any(axis=0)
    k = (problem.weight * problem.uncovered)[active]
    a = -np.log1p(-np.clip(problem.reach[:, active], 0.0, 1.0 - 1e-12))
    return active, k, a


def solve_exact(problem: PortfolioProblem, start: np.ndarray | None = None) -> ExactResult:
    """The optimal portfolio by outer approximation with ``scipy.optimize.milp`` (see the module doc).

    Args:
        start: a feasible choice (e.g. the greedy one) whose tangents are added before the first round.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array, hstack, vstack

    n = problem.n
    active, k, a = _log_terms(problem)
    c = int(k.size)
    base = float(problem.weight @ (1.0 - problem.uncovered))  # coverage before, all cells
    lower = problem.must().astype(float)

    rows: list[Any] = []
    lb: list[float] = []
    ub: list[float] = []

    def add_row(coeffs_z: np.ndarray, coeffs_t: np.ndarray, low: float, high: float) -> None:
        rows.append(hstack([csr_array(coeffs_z[None, :]), csr_array(coeffs_t[None, :])]))
        lb.append(low)
        ub.append(high)

    if problem.budget is not None:
        add_row(problem.cost.astype(float), np.zeros(c), -np.inf, float(problem.budget))
    if problem.max_programmes is not None:
        add_row(np.ones(n), np.zeros(c), -np.inf, float(problem.max_programmes))
    for lv in problem.required_levels:
        add_row((problem.level == lv).astype(float), np.zeros(c), 1.0, np.inf)

    def cut_block(cells: np.ndarray, points: np.ndarray) -> None:
        # t_c >= exp(-s) * (1 + s - sum_p a[p, c] z[p]), the tangent of exp(-.) at s
        slope = np.exp(-points)
        coeff_z = (a[:, cells] * slope[None, :]).T  # [cuts, P]
        coeff_t = np.zeros((cells.size, c))
        coeff_t[np.arange(cells.size), cells] = 1.0
        rows.append(hstack([csr_array(coeff_z), csr_array(coeff_t)]))
        lb.extend((slope * (1.0 + points)).tolist())
        ub.extend([np.inf] * cells.size)

    grid = np.array(START_POINTS)
    cut_block(np.repeat(np.arange(c), grid.size), np.tile(grid, c))
    cuts = c * grid.size
    if start is not None and c:
        cut_block(np.arange(c), a.T @ start.astype(float))
        cuts += c

    cost_vector = np.concatenate([np.zeros(n), SCALE * k])
    integrality = np.concatenate([np.ones(n), np.zeros(c)])
    bounds = Bounds(np.concatenate([lower, np.zeros(c)]), np.concatenate([np.ones(n), np.ones(c)]))
    best: np.ndarray | None = None
    best_uncovered = np.inf
    lower_bound = -np.inf
    rounds = 0
    seen: set[bytes] = set()
    status: Literal["optimal", "round_limit", "infeasible"] = "round_limit"
    while rounds < MAX_ROUNDS:
        rounds += 1
        constraints = LinearConstraint(vstack(rows).tocsr(), np.array(lb), np.array(ub)) if rows else ()
        result = milp(
            cost_vector,
            integrality=integrality,
            bounds=bounds,
            constraints=constraints,
            options={"mip_rel_gap": 1e-9, "presolve": True},
        )
        if result.x is None:
            status = "infeasible"
            break
        z = np.round(result.x[:n]).astype(bool)
        dual = getattr(result, "mip_dual_bound", None)
        lower_bound = (dual if dual is not None and np.isfinite(dual) else result.fun) / SCALE
        key = z.tobytes()
        if key in seen:
            # z's tangents are already in the MILP, so it values z exactly and still finds nothing
            # better: z is optimal up to the solver's tolerances
            status = "optimal"
            break
        seen.add(key)
        s = a.T @ z.astype(float)
        uncovered = float(k @ np.exp(-s))
        if uncovered < best_uncovered:
            best, best_uncovered = z, uncovered
        if best_uncovered - lower_bound <= TOLERANCE:
            status = "optimal"
            break
        t = result.x[n:]
        violated = np.flatnonzero(t < np.exp(-s) - 1e-10)
        if violated.size == 0:  # the MILP already values z exactly: nothing left to cut
            status = "optimal"
            break
        cut_block(violated, s[violated])
        cuts += int(violated.size)
    if best is None:
        return ExactResult(np.zeros(n, dtype=bool), base, base, rounds, cuts, "infeasible")
    # coverage = everything the active cells can reach minus what stays uncovered, plus the fixed cells
    fixed = float(problem.weight[active].sum() + problem.weight[~active] @ (1.0 - problem.uncovered[~active]))
    value = objective(problem, best)
    return ExactResult(best, value, max(fixed - max(lower_bound, 0.0), value), rounds, cuts, status)


def solve_greedy(problem: PortfolioProblem) -> GreedyResult:
    """Pick programmes one at a time by gain per krona (or gain, without a budget); see the module doc."""
    n = problem.n
    chosen = np.zeros(n, dtype=bool)
    left = np.inf if problem.budget is None else float(problem.budget)
    current = problem.uncovered.astype(float).copy()  # uncovered share of every cell now
    trace: list[GreedyStep] = []
    value = objective(problem, chosen)

    def pick(index: int, reason: Any) -> None:
        nonlocal left, value
        gain = float(problem.weight @ (current * problem.reach[index]))
        affordable = int(((~chosen) & (problem.cost <= left + 1e-9)).sum())
        chosen[index] = True
        current[:] = current * (1.0 - problem.reach[index])
        left -= float(problem.cost[index])
        value = float(problem.weight @ (1.0 - current))
        trace.append(
            GreedyStep(
                len(trace) + 1,
                index,
                reason,
                gain,
                float(problem.cost[index]),
                value,
                None if problem.budget is None else left,
                affordable,
            )
        )

    def room() -> bool:
        return problem.max_programmes is None or int(chosen.sum()) < problem.max_programmes

    for index in np.flatnonzero(problem.must()):
        pick(int(index), "included")
    for lv in problem.required_levels:
        if (chosen & (problem.level == lv)).any():
            continue
        options = np.flatnonzero((~chosen) & (problem.level == lv) & (problem.cost <= left + 1e-9))
        if options.size == 0 or not room():
            return GreedyResult(chosen, value, trace, feasible=False)
        gains = problem.reach[options] @ (problem.weight * current)
        pick(int(options[_best(gains, problem.cost[options], problem.budget is not None)]), "level")
    if problem.budget is not None and float(problem.cost[chosen].sum()) > problem.budget + 1e-9:
        return GreedyResult(chosen, value, trace, feasible=False)
    while room():
        options = np.flatnonzero((~chosen) & (problem.cost <= left + 1e-9))
        if options.size == 0:
            break
        gains = problem.reach[options] @ (problem.weight * current)
        if gains.max() <= 1e-15:
            break
        with_budget = problem.budget is not None
        pick(
            int(options[_best(gains, problem.cost[options], with_budget)]), "best_ratio" if with_budget else "best_gain"
        )
    single = _best_single(problem)
    if single is not None and not problem.must().any() and not problem.required_levels:
        alone = np.zeros(n, dtype=bool)
        alone[single] = True
        if objective(problem, alone) > value + 1e-12:
            chosen[:] = alone
            current[:] = problem.uncovered
            left = np.inf if problem.budget is None else float(problem.budget)
            trace.append(
                GreedyStep(
                    len(trace) + 1,
                    single,
                    "best_single",
                    objective(problem, alone) - objective(problem, np.zeros(n, dtype=bool)),
                    float(problem.cost[single]),
                    objective(problem, alone),
                    None if problem.budget is None else float(problem.budget) - float(problem.cost[single]),
                    0,
                )
            )
            value = objective(problem, alone)
    return GreedyResult(chosen, value, trace)


def _best(gains: np.ndarray, costs: np.ndarray, per_krona: bool) -> int:
    """Position of the best option: the largest gain per krona (free ones first), else the largest gain."""
    if not per_krona:
        return int(np.argmax(gains))
    ratio = np.where(costs > 0, gains / np.maximum(costs, 1e-300), np.where(gains > 0, np.inf, 0.0))
    return int(np.lexsort((-gains, -ratio))[0])


def _best_single(problem: PortfolioProblem) -> int | None:
    """The affordable programme that alone adds the most coverage, or None."""
    affordable = np.ones(problem.n, dtype=bool) if problem.budget is None else problem.cost <= problem.budget + 1e-9
    if not affordable.any() or (problem.max_programmes is not None and problem.max_programmes < 1):
        return None
    gains = problem.reach @ (problem.weight * problem.uncovered)
    gains = np.where(affordable, gains, -np.inf)
    return int(np.argmax(gains))
