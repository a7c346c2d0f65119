"""Time the exact portfolio with a generated catalogue of 1,000 programmes (issue 12: under 10 s on 2 cores).

    .venv/bin/python benchmarks/portfolio.py --programmes 1000 --repeat 3

Generates programmes that all fit the family example's profile (ages overlapping 10-15, the
family domain, universal or selective, at least one of its prioritised factors) with random
tags, ratings and costs (made up, for timing only), layers them on the bundled catalogue (so the
example's inventory resolves), and times the whole ``portfolio`` computation (ranking, candidates,
greedy, exact) with every generated programme a candidate with a known cost. Prints the times,
how many candidates had a known cost, the MILP solves and cuts, and the machine's load average,
since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

from action_plan.candidates import build_setup
from action_plan.prices import load_prices
from action_plan.selection import choose_portfolio
from brief import build_brief
from catalog.bundled import load_evidence_scale, load_taxonomy
from catalog.catalogue import catalogue_from_programmes, load_catalogue
from inputs.profile import load_profile
from inputs.programme import Programme

URL = "https://example.org/generated"
RATINGS = (("blueprints", "Model Plus"), ("blueprints", "Model"), ("blueprints", "Promising"))
ROOT = Path(__file__).resolve().parent.parent


def generated_programmes(n: int, factor_ids: list[str], priorities: list[str], seed: int = 1) -> list[Programme]:
    """``n`` made-up programmes for timing, each eligible for the family example, each with a cost."""
    rng = np.random.default_rng(seed)
    programmes = []
    others = [f for f in factor_ids if f not in priorities]
    for i in range(n):
        lo = int(rng.integers(6, 15))
        hi = int(rng.integers(max(lo, 10), 19))
        factors = [
            *rng.choice(priorities, size=int(rng.integers(1, len(priorities) + 1)), replace=False),
            *rng.choice(others, size=int(rng.integers(0, 3)), replace=False),
        ]
        levels = list(rng.choice(["universal", "selective"], size=int(rng.integers(1, 3)), replace=False))
        registry, label = RATINGS[int(rng.integers(0, len(RATINGS)))]
        costs = [
            {
                "amount": float(rng.integers(20, 5000)),
                "currency": "USD",
                "year": 2023,
                "unit": "per_participant",
                "kind": "net_programme_cost",
                "source": URL,
            }
        ]
        programmes.append(
            Programme.model_validate(
                {
                    "id": f"gen_{i:04d}",
                    "name": f"Generated {i}",
                    "summary": {"sv": "Påhittat program för tidtagning.", "en": "Made-up programme for timing."},
                    "domains": ["family", "school", "community", "individual_peer"][: 1 + i % 4],  # family first
                    "levels": levels,
                    "ages": {"min": lo, "max": hi, "source": URL},
                    "factors": [
                        {"factor": str(f), "basis": "listed" if rng.random() < 0.5 else "mapped", "source": URL}
                        for f in factors
                    ],
                    "ratings": [{"registry": registry, "label": label, "source": URL}],
                    "costs": costs,
                    "availability_sweden": {"status": "unknown"},
                    "sources": [URL],
                }
            )
        )
    return programmes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=3_000_000.0)
    args = parser.parse_args()
    taxonomy, scale = load_taxonomy(), load_evidence_scale()
    loaded = load_profile(ROOT / "examples" / "familj-10-15.yaml", taxonomy)
    generated = generated_programmes(args.programmes, taxonomy.factor_ids, loaded.profile.factor_ids)
    bundled = load_catalogue(taxonomy=taxonomy, scale=scale).programmes
    catalogue = catalogue_from_programmes([*bundled, *generated], taxonomy, scale)
    prices = load_prices()
    print(f"load average before: {os.getloadavg()}, cores: {os.cpu_count()}")
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        brief = build_brief(catalogue, loaded, top=None)
        setup = build_setup(brief, catalogue, prices)
        result = choose_portfolio(setup, args.budget)
        times.append(time.perf_counter() - start)
    print(f"programmes in catalogue: {len(catalogue.programmes)} ({args.programmes} generated); "
          f"candidates: {len(setup.candidates)}, "
          f"with a known cost: {result.considered}; cells: {setup.reach.shape[1]}")  # fmt: skip
    print(f"chosen: {len(result.chosen)}, cost {result.total_cost_sek:,.0f} of {args.budget:,.0f} SEK; "
          f"objective {result.objective:.6f} (greedy {result.greedy_objective:.6f}); "
          f"exact status {result.exact.status}, proven gap {result.exact.proven_gap:.2e}, "
          f"{result.exact.rounds} MILP solves, {result.exact.cuts} cuts")  # fmt: skip
    print("seconds (brief + candidates + greedy + exact): " + ", ".join(f"{t:.2f}" for t in times))
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
