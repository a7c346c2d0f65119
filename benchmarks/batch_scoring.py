"""Time :func:`recommender.batch.batch_scores` for many areas (city-wide or DeSO-wide runs).

    .venv/bin/python benchmarks/batch_scoring.py --areas 6000

Prints the time for the batch and checks the first areas against `recommend`, one by one.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from inputs.profile import AreaProfile
from recommender import load_catalogue, recommend
from recommender.batch import batch_scores


def random_areas(n: int, factor_ids: list[str], seed: int = 1) -> list[AreaProfile]:
    rng = np.random.default_rng(seed)
    areas = []
    for _ in range(n):
        lo = int(rng.integers(0, 20))
        hi = int(rng.integers(lo, 25))
        factors = list(rng.choice(factor_ids, size=int(rng.integers(1, 6)), replace=False))
        areas.append(
            AreaProfile.model_validate(
                {"area": "x", "ages": {"min": lo, "max": hi}, "priorities": [{"factor": f} for f in factors]}
            )
        )
    return areas


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--areas", type=int, default=6000)
    args = parser.parse_args()
    catalogue = load_catalogue()
    areas = random_areas(args.areas, catalogue.taxonomy.factor_ids)
    start = time.perf_counter()
    scores = batch_scores(catalogue, areas)
    elapsed = time.perf_counter() - start
    print(f"{len(areas)} areas x {scores.shape[1]} programmes scored in {elapsed:.2f} s")
    index = {p.id: i for i, p in enumerate(catalogue.programmes)}
    for k in range(min(5, len(areas))):
        for rec in recommend(catalogue, areas[k]).recommendations:
            assert abs(rec.score - scores[k, index[rec.programme.id]]) < 1e-9
    print("the first areas match `recommend` exactly")


if __name__ == "__main__":
    main()
