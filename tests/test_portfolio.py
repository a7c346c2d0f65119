"""The portfolio: exact equals brute force, the budget holds, greedy never beats exact, unknown costs never count."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from action_plan.candidates import build_setup
from action_plan.portfolio import PortfolioProblem, feasible, objective, solve_exact, solve_greedy
from action_plan.prices import load_prices
from action_plan.selection import choose_portfolio, portfolio_for
from brief import build_brief
from cli import cli
from gap_analysis.coverage import combine
from inputs.problems import Code, InputError
from inputs.profile import load_profile
from tests.builders import EXAMPLES

AS_OF = "2026-11-27"


@st.composite
def problems(draw: st.DrawFn) -> PortfolioProblem:
    """A random small portfolio problem: up to 8 programmes, up to 6 cells, any constraint mix."""
    n = draw(st.integers(1, 8))
    c = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    reach = rng.random((n, c)) * (rng.random((n, c)) < 0.6) * draw(st.sampled_from([0.2, 1.0]))
    budget = draw(st.one_of(st.none(), st.floats(0, 400)))
    return PortfolioProblem(
        reach=reach,
        weight=rng.dirichlet(np.ones(c)),
        uncovered=rng.random(c),
        cost=rng.integers(1, 150, n).astype(float),
        level=rng.integers(0, 3, n),
        budget=budget,
        max_programmes=draw(st.one_of(st.none(), st.integers(1, n))) if budget is not None else n // 2 + 1,
        include=(rng.random(n) < 0.15) if draw(st.booleans()) else None,
        required_levels=tuple(sorted(set(draw(st.lists(st.integers(0, 2), max_size=2))))),
    )


def brute_force(problem: PortfolioProblem) -> tuple[float, np.ndarray | None]:
    best, chosen = -1.0, None
    for bits in itertools.product([False, True], repeat=problem.n):
        z = np.array(bits, dtype=bool)
        if feasible(problem, z) and objective(problem, z) > best + 1e-15:
            best, chosen = objective(problem, z), z
    return best, chosen


@settings(max_examples=120, deadline=None)
@given(problems())
def test_exact_equals_brute_force_and_greedy_never_beats_it(problem: PortfolioProblem) -> None:
    best, chosen = brute_force(problem)
    greedy = solve_greedy(problem)
    exact = solve_exact(problem, greedy.chosen if greedy.feasible else None)
    if chosen is None:
        assert exact.status == "infeasible"
        return
    assert exact.status == "optimal"
    assert feasible(problem, exact.chosen)
    assert exact.objective == pytest.approx(best, abs=1e-8)
    assert exact.proven_gap <= 1e-6
    if problem.budget is not None:
        assert problem.cost[exact.chosen].sum() <= problem.budget + 1e-9
    if greedy.feasible:
        assert feasible(problem, greedy.chosen)
        assert greedy.objective <= exact.objective + 1e-12


def test_a_stopped_search_reports_a_true_upper_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the rounds run out, the output says "at most X": X must bound the real optimum.

    The problems have one cell no programme reaches but that is partly covered already, which
    the bound must count; the seeds are ones where a single round stops short of the optimum.
    """
    import action_plan.portfolio as portfolio

    monkeypatch.setattr(portfolio, "MAX_ROUNDS", 1)  # stop after one MILP: the bound is all there is
    short = 0
    for seed in (4, 9, 13):
        rng = np.random.default_rng(seed)
        n, c = int(rng.integers(3, 8)), int(rng.integers(2, 6))
        reach = rng.random((n, c)) * (rng.random((n, c)) < 0.6)
        reach[:, -1] = 0.0
        problem = PortfolioProblem(
            reach=reach,
            weight=rng.dirichlet(np.ones(c)),
            uncovered=rng.random(c),
            cost=rng.integers(1, 150, n).astype(float),
            level=rng.integers(0, 3, n),
            budget=float(rng.integers(50, 300)),
        )
        best, _ = brute_force(problem)
        exact = solve_exact(problem)
        short += exact.status == "round_limit" and exact.objective < best - 1e-6
        assert exact.bound >= best - 1e-9, seed
    assert short, "the premise: at least one search stops short of the optimum"


def test_greedy_fills_each_required_level_when_it_can() -> None:
    """--one-per-level: with room and money, the greedy choice has a programme at every wanted level."""
    problem = PortfolioProblem(
        reach=np.array([[0.9, 0.0], [0.1, 0.0], [0.0, 0.05], [0.5, 0.5]]),
        weight=np.array([0.5, 0.5]),
        uncovered=np.ones(2),
        cost=np.array([10.0, 10.0, 10.0, 10.0]),
        level=np.array([0, 1, 2, 0]),
        budget=100.0,
        max_programmes=3,
        required_levels=(1, 2),
    )
    greedy = solve_greedy(problem)
    assert greedy.feasible
    assert {int(problem.level[i]) for i in np.flatnonzero(greedy.chosen)} >= {1, 2}
    assert int(greedy.chosen.sum()) == 3 and greedy.chosen[3]  # the third place goes to the best gain


def test_greedy_keeps_going_past_programmes_that_add_nothing() -> None:
    """A candidate that reaches only covered cells must not end the search while others still add."""
    problem = PortfolioProblem(
        reach=np.array([[0.0, 0.0], [0.6, 0.0], [0.0, 0.4]]),
        weight=np.array([0.5, 0.5]),
        uncovered=np.ones(2),
        cost=np.array([1.0, 10.0, 10.0]),
        level=np.zeros(3, dtype=int),
        max_programmes=3,
    )
    assert solve_greedy(problem).chosen.tolist() == [False, True, True]


@settings(max_examples=80, deadline=None)
@given(problems())
def test_the_best_single_programme_is_the_one_that_alone_adds_most(problem: PortfolioProblem) -> None:
    """Greedy is compared with the best single programme (the budgeted max-coverage safeguard)."""
    from action_plan.portfolio import _best_single

    single = _best_single(problem)
    affordable = [p for p in range(problem.n) if problem.budget is None or problem.cost[p] <= problem.budget + 1e-9]
    if single is None:
        assert not affordable or (problem.max_programmes is not None and problem.max_programmes < 1)
        return

    def alone(p: int) -> float:
        return objective(problem, np.arange(problem.n) == p)

    assert single in affordable
    assert alone(single) == pytest.approx(max(alone(p) for p in affordable), abs=1e-12)


def test_objective_is_the_gap_analysis_combination() -> None:
    problem = PortfolioProblem(
        reach=np.array([[0.5, 0.0], [0.5, 0.2]]),
        weight=np.array([0.75, 0.25]),
        uncovered=np.array([0.8, 1.0]),
        cost=np.array([1.0, 1.0]),
        level=np.array([0, 0]),
    )
    both = np.array([True, True])
    # cell 0: existing 0.2 with two reaches of 0.5 -> 1 - 0.8 * 0.5 * 0.5 = 0.8; cell 1: 0.2
    assert objective(problem, both) == pytest.approx(0.75 * 0.8 + 0.25 * 0.2)
    assert objective(problem, both) == pytest.approx(
        float(problem.weight @ combine(np.vstack([[0.2, 0.0], problem.reach]), axis=0))
    )
    # diminishing returns: the second programme on the same cell adds less than the first
    one = objective(problem, np.array([True, False])) - objective(problem, np.array([False, False]))
    second = objective(problem, both) - objective(problem, np.array([True, False]))
    assert second < one


def test_greedy_trace_explains_each_pick() -> None:
    problem = PortfolioProblem(
        reach=np.array([[0.9, 0.0], [0.0, 0.3], [0.1, 0.1]]),
        weight=np.array([0.5, 0.5]),
        uncovered=np.ones(2),
        cost=np.array([100.0, 10.0, 1.0]),
        level=np.array([0, 1, 0]),
        budget=111.0,
    )
    greedy = solve_greedy(problem)
    assert [s.reason for s in greedy.trace] == ["best_ratio"] * 3
    assert [s.index for s in greedy.trace] == [2, 1, 0]  # by gain per krona
    assert greedy.trace[-1].remaining == pytest.approx(0.0)
    assert greedy.trace[-1].objective == pytest.approx(greedy.objective)


# --- the area's setup ---------------------------------------------------------------------
def profile_file(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load((EXAMPLES / "familj-10-15.yaml").read_text(encoding="utf-8"))
    data["resources"] = str(EXAMPLES / "familj-10-15-resurser.yaml")
    data.update(changes)
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def setup_for(path: Path, catalogue):
    brief = build_brief(catalogue, load_profile(path, catalogue.taxonomy), top=None)
    return brief, build_setup(brief, catalogue, load_prices())


def test_unknown_costs_are_never_chosen_and_never_zero(tmp_path: Path, catalogue) -> None:
    _brief, setup = setup_for(profile_file(tmp_path), catalogue)
    unknown = {c.id for c in setup.unknown}
    assert unknown and all(c.cost_sek is None for c in setup.unknown)
    result = choose_portfolio(setup, 1e12)  # a budget nothing can exhaust
    chosen = {p.candidate.id for p in result.chosen}
    assert chosen == {c.id for c in setup.candidates if c.cost_sek is not None}
    assert not chosen & unknown
    assert {c.id for c in result.unknown_cost} == unknown
    with pytest.raises(InputError) as err:
        choose_portfolio(setup, 1e12, include=[sorted(unknown)[0]])
    assert err.value.problems[0].code == Code.PORTFOLIO_INCLUDE_UNKNOWN_COST


def test_budget_holds_and_coverage_rises(tmp_path: Path, catalogue) -> None:
    _, setup = setup_for(profile_file(tmp_path), catalogue)
    for budget in (0.0, 300_000.0, 1_500_000.0, 5_000_000.0):
        result = choose_portfolio(setup, budget)
        assert result.total_cost_sek <= budget + 1e-6
        assert result.objective >= result.objective_before - 1e-12
        assert result.greedy_objective <= result.objective + 1e-12
        for cell in result.coverage:
            assert cell.after >= cell.before - 1e-12
    assert choose_portfolio(setup, 0.0).chosen == []


def test_coverage_before_is_the_gap_analysis(tmp_path: Path, catalogue) -> None:
    brief, setup = setup_for(profile_file(tmp_path), catalogue)
    result = choose_portfolio(setup, 1.0)
    gaps = {(g.factor, g.band): g.coverage for g in brief.gaps.cells}
    for cell in result.coverage:
        assert cell.before == pytest.approx(gaps[(cell.factor, cell.band)])


def test_participants_follow_population_level_and_reach(tmp_path: Path, catalogue) -> None:
    plan = {"target_group": {"selective": 0.2}, "reach": {"universal": 0.5, "selective": 0.4}}
    _, setup = setup_for(profile_file(tmp_path, population=1200, action_plan=plan), catalogue)
    ggc = next(c for c in setup.candidates if c.id == "ggc")  # ages 9-14, universal
    assert ggc.level == "universal"
    # 200 children a year of age in 10-15; GGC serves 10-14: 1000 children, reach 0.5
    assert ggc.participants == 500
    assert ggc.cost_sek == pytest.approx(500 * ggc.unit_cost.sek)
    selective = next(c for c in setup.candidates if c.level == "selective" and c.programme.ages.min <= 10)
    served = sum(1 for age in range(10, 16) if selective.programme.ages.min <= age <= selective.programme.ages.max)
    assert selective.participants == round(200 * served * 0.2 * 0.4)


def test_include_exclude_and_one_per_level(tmp_path: Path, catalogue) -> None:
    _, setup = setup_for(profile_file(tmp_path), catalogue)
    known = [c for c in setup.candidates if c.cost_sek is not None]
    free = choose_portfolio(setup, 1_500_000)
    first = free.chosen[0].candidate.id
    without = choose_portfolio(setup, 1_500_000, exclude=[first])
    assert first not in {p.candidate.id for p in without.chosen}
    cheapest = min(known, key=lambda c: c.cost_sek or 0)
    forced = choose_portfolio(setup, 1_500_000, include=[cheapest.id])
    assert cheapest.id in {p.candidate.id for p in forced.chosen}
    levels = choose_portfolio(setup, 5_000_000, one_per_level=True)
    assert {p.candidate.level for p in levels.chosen} >= {c.level for c in known}
    with pytest.raises(InputError) as err:
        choose_portfolio(setup, 1.0, include=[cheapest.id])
    assert err.value.problems[0].code == Code.PORTFOLIO_INFEASIBLE
    with pytest.raises(InputError) as err:
        choose_portfolio(setup, 1.0, include=["no_such_programme"], known_ids=list(catalogue.by_id))
    assert err.value.problems[0].code == Code.UNKNOWN_PROGRAMME


def test_a_profile_without_population_is_told_what_to_add(tmp_path: Path, catalogue) -> None:
    path = profile_file(tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["population"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    brief = build_brief(catalogue, load_profile(path, catalogue.taxonomy), top=None)
    with pytest.raises(InputError) as err:
        portfolio_for(brief, catalogue, load_prices(), 1000.0)
    assert err.value.problems[0].code == Code.PORTFOLIO_NEEDS_POPULATION


# --- the command --------------------------------------------------------------------------
def test_portfolio_json_contract(runner) -> None:
    result = runner.invoke(
        cli, ["portfolio", str(EXAMPLES / "familj-10-15.yaml"), "--format", "json", "--as-of", AS_OF]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    for key in (
        "schema_version", "budget_sek", "chosen", "total_cost_sek", "objective", "greedy", "optimality_gap",
        "unknown_cost", "coverage_before", "coverage_after",
    ):  # fmt: skip
        assert key in doc, key
    assert set(doc["greedy"]) >= {"chosen", "objective", "trace"}
    assert all(set(c) >= {"id", "cost_sek", "participants"} for c in doc["chosen"])
    assert doc["total_cost_sek"] == pytest.approx(sum(c["cost_sek"] for c in doc["chosen"]), abs=0.05)
    assert doc["total_cost_sek"] <= doc["budget_sek"]
    assert doc["optimality_gap"] == pytest.approx(doc["objective"] - doc["greedy"]["objective"], abs=1e-6)
    assert doc["exact"]["status"] == "optimal"
    assert not {c["id"] for c in doc["chosen"]} & set(doc["unknown_cost"])


def test_portfolio_budget_option_overrides_the_profile_and_texts_in_both_languages(runner) -> None:
    args = ["portfolio", str(EXAMPLES / "familj-10-15.yaml"), "--budget", "600000", "--as-of", AS_OF]
    sv = runner.invoke(cli, args)
    en = runner.invoke(cli, [*args, "--lang", "en", "--format", "md"])
    assert sv.exit_code == 0 and en.exit_code == 0, sv.output + en.output
    assert "600\u00a0000 kr" in sv.output and "Valda program" in sv.output
    assert "SEK 600,000" in en.output and "## Chosen programmes" in en.output


def test_portfolio_without_any_limit_is_refused(runner, tmp_path: Path) -> None:
    path = profile_file(tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["budget_sek"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(cli, ["portfolio", str(path), "--lang", "en"])
    assert result.exit_code == 1
    assert "--budget" in result.output and "Traceback" not in result.output
    assert runner.invoke(cli, ["portfolio", str(path), "--max-programmes", "2"]).exit_code == 0
