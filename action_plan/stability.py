"""How sure is the ranking? Perturb what the team and the method chose, and count how often each programme stays.

Two inputs of the score are judgements rather than facts: the priority weights (the team's) and
the evidence multipliers (the method's, docs/method.md). Each draw changes both:

* **priority weights**: a Dirichlet draw centred on the team's normalised weights ``w``, with
  parameters ``concentration * w``. The mean is ``w``; with the default concentration 50 a weight
  of 0.375 has a standard deviation of about 0.07, so the order of two close priorities can flip
  while a clear first priority stays first in most draws.
* **evidence multipliers**: one uniform draw per tier, between the points halfway to the
  neighbouring tiers' multipliers (with the defaults: established 0.90-1.00, good 0.70-0.90,
  preliminary 0.475-0.70, insufficient 0.225-0.475, no effect found 0.05-0.225; harmful stays 0).
  The ranges do not overlap, so a stronger tier never gets a lower multiplier than a weaker one.

Scores of all draws are computed at once with the recommender's own functions
(:func:`recommender.scoring.need` and :func:`~recommender.scoring.contributions`), and ranked with
the same order as the shortlist (no-effect group last, then score, tier, factors matched, id).
For each programme: the share of draws in which it is in the top ``k`` and the 5th-95th
percentile of its rank. A programme in the top ``k`` in at least 90 % of the draws is *robust*,
in at most 10 % *out*, otherwise its place *hinges* on a weight: the prioritised factor whose
weight differs most between the draws that keep it and those that drop it is named.

The draws are reproducible: the same ``seed`` gives the same table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from action_plan.candidates import PortfolioSetup
from action_plan.portfolio import solve_exact, solve_greedy
from catalog.arrays import catalogue_arrays, profile_arrays
from catalog.catalogue import Catalogue
from inputs.evidence_scale import TIER_ORDER
from inputs.profile import AreaProfile
from inputs.settings import EvidenceWeights, Settings
from recommender.scoring import contributions, need, score_terms

DEFAULT_CONCENTRATION = 50.0
ROBUST, OUT = 0.9, 0.1
Verdict = Literal["robust", "hinges", "out"]


@dataclass(frozen=True)
class Stability:
    """How one programme fares over the draws."""

    programme: str
    share: float  #: share of draws in the top k (or in the portfolio)
    rank_low: int | None  #: 5th percentile of its rank (None for portfolios)
    rank_high: int | None  #: 95th percentile
    verdict: Verdict
    hinge_factor: str | None  #: for "hinges": the factor whose weight decides most


def evidence_ranges(weights: EvidenceWeights) -> tuple[np.ndarray, np.ndarray]:
    """[T] low and high multiplier per tier (TIER_ORDER): halfway to the neighbours; harmful fixed."""
    v = np.array(weights.as_list())
    mid = (v[:-1] + v[1:]) / 2.0
    high = np.concatenate([[v[0]], mid])
    low = np.concatenate([mid, [v[-1]]])
    harmful = TIER_ORDER.index("harmful")
    low[harmful] = high[harmful] = v[harmful]
    return low, high


def draw(
    rng: np.random.Generator,
    weights: np.ndarray,
    evidence: EvidenceWeights,
    n: int,
    concentration: float = DEFAULT_CONCENTRATION,
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` draws: priority weights [n, F'] (rows sum to 1) and evidence multipliers [n, T]."""
    w = rng.dirichlet(concentration * np.asarray(weights, dtype=float), size=n)
    low, high = evidence_ranges(evidence)
    e = low[None, :] + (high - low)[None, :] * rng.random((n, low.size))
    return w, e


def verdict(share: float) -> Verdict:
    return "robust" if share >= ROBUST else "out" if share <= OUT else "hinges"


def hinge_factors(inside: np.ndarray, weights: np.ndarray, factors: list[str]) -> list[str | None]:
    """For each programme [P] the factor whose drawn weight differs most between draws in and out.

    Args:
        inside: [D, P] bool, whether the programme made it in each draw.
        weights: [D, F'] drawn weights.
    """
    out: list[str | None] = []
    for p in range(inside.shape[1]):
        hit = inside[:, p]
        if hit.all() or not hit.any():
            out.append(None)
            continue
        diff = np.abs(weights[hit].mean(axis=0) - weights[~hit].mean(axis=0))
        out.append(factors[int(np.argmax(diff))])
    return out


def ranking_stability(
    catalogue: Catalogue,
    profile: AreaProfile,
    settings: Settings,
    eligible: list[str],
    no_effect: list[bool],
    k: int,
    n: int,
    seed: int,
    uncovered: np.ndarray | None = None,
    concentration: float = DEFAULT_CONCENTRATION,
) -> list[Stability]:
    """Stability of the shortlist's top ``k`` over ``n`` draws, for the ``eligible`` programme ids (in order).

    Args:
        no_effect: per eligible programme, whether it is in the no-effect group (always ranked last).
        uncovered: [F, B] share still uncovered (the gap analysis), None without an inventory.
    """
    taxonomy = catalogue.taxonomy
    arrays = catalogue_arrays(catalogue)
    area = profile_arrays([profile], taxonomy)
    terms = score_terms(arrays, area.years[0], area.levels[0], area.domains[0], area.priority[0], settings, uncovered)
    row_of = {pid: i for i, pid in enumerate(arrays.ids)}
    rows = np.array([row_of[pid] for pid in eligible], dtype=int)
    prio = np.array([taxonomy.factor_index[f] for f in profile.factor_ids], dtype=int)

    rng = np.random.default_rng(seed)
    w, e = draw(rng, profile.weights(), settings.evidence, n, concentration)
    shares = arrays.band_years.T.astype(float) @ area.years[0].astype(float)
    shares = shares / shares.sum()
    left = None if uncovered is None else uncovered[prio]
    needs = need(w, shares, left)  # [D, F', B]
    tier = terms.tier[rows]
    evidence = e[:, tier]  # [D, P]
    points = contributions(terms.strength[rows][:, prio], terms.coverage[rows], needs, evidence, terms.fit[rows])
    score = points.sum(axis=-1)  # [D, P]

    matched = (arrays.basis[rows][:, prio] > 0).sum(axis=1)
    id_rank = np.argsort(np.argsort(np.array(eligible)))
    shape = score.shape
    keys = (
        np.broadcast_to(id_rank, shape),
        np.broadcast_to(-matched, shape),
        np.broadcast_to(tier, shape),
        -np.round(score, 9),
        np.broadcast_to(np.array(no_effect, dtype=int), shape),
    )
    order = np.lexsort(keys, axis=-1)  # [D, P] positions, best first
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, shape[1] + 1)[None, :].repeat(shape[0], axis=0), axis=-1)
    inside = ranks <= k
    share = inside.mean(axis=0)
    low = np.quantile(ranks, 0.05, axis=0, method="lower")
    high = np.quantile(ranks, 0.95, axis=0, method="higher")
    hinges = hinge_factors(inside, w, list(profile.factor_ids))
    return [
        Stability(
            pid, float(share[i]), int(low[i]), int(high[i]), verdict(float(share[i])), _hinge(share[i], hinges[i])
        )
        for i, pid in enumerate(eligible)
    ]


def _hinge(share: float, factor: str | None) -> str | None:
    return factor if verdict(float(share)) == "hinges" else None


def portfolio_stability(
    setup: PortfolioSetup,
    profile: AreaProfile,
    settings: Settings,
    budget: float | None,
    n: int,
    seed: int,
    *,
    max_programmes: int | None = None,
    include: Sequence[str] = (),
    one_per_level: bool = False,
    concentration: float = DEFAULT_CONCENTRATION,
) -> list[Stability]:
    """Share of ``n`` draws in which each candidate with a known cost is in the optimal portfolio.

    Each draw changes the cells' need shares (drawn priority weights) and every candidate's reach
    in proportion to its drawn evidence multiplier, and solves the portfolio exactly again; the
    arrays of a draw are built at once, the optimisations run one after another.
    """
    rng = np.random.default_rng(seed)
    w, e = draw(rng, profile.weights(), settings.evidence, n, concentration)
    cells = setup.cells
    band_share = setup.need.sum(axis=0)  # s[b]: the need matrix is w[f] * s[b] and w sums to 1
    cell_weights = w[:, cells.factor] * band_share[cells.band][None, :] / len(cells.levels)  # [D, C]
    tiers = np.array([TIER_ORDER.index(c.tier) for c in setup.candidates], dtype=int)
    base = np.array([c.evidence for c in setup.candidates])
    scale = e[:, tiers] / np.where(base > 0, base, 1.0)[None, :]  # [D, P]
    first, candidates = setup.problem(budget, max_programmes, include, one_per_level)
    inside = np.zeros((n, first.n), dtype=bool)
    for d in range(n):
        reach = np.clip(setup.reach * scale[d][:, None], 0.0, 1.0)
        problem, _ = setup.problem(budget, max_programmes, include, one_per_level, cell_weights[d], reach)
        greedy = solve_greedy(problem)
        inside[d] = solve_exact(problem, greedy.chosen if greedy.feasible else None).chosen
    share = inside.mean(axis=0) if n else np.zeros(first.n)
    hinges = hinge_factors(inside, w, list(profile.factor_ids))
    return [
        Stability(c.id, float(share[i]), None, None, verdict(float(share[i])), _hinge(share[i], hinges[i]))
        for i, c in enumerate(candidates)
    ]
