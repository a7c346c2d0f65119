"""Batch scoring, 6,000 areas x 1,000 programmes, against a bare NumPy floor; time and peak memory.

    .venv/bin/python -m benchmarks.batch_scoring --areas 6000 --programmes 1000

The catalogue is the bundled one repeated under new ids up to ``--programmes`` (made up, for
timing only); the areas are random profiles (1-5 priorities, random ages). Measured, each the
best of ``--repeat`` runs in this process:

* ``batch``: :func:`recommender.batch.batch_scores` from the profiles, then the top 10 of every
  area with ``argpartition``; ``arrays``: the same from the stacked arrays (without turning
  6,000 profile objects into arrays);
* ``floor``: one matrix product [areas x factors] x [factors x programmes] and ``argpartition``,
  the least any scoring of this size can cost;
* the peak memory the batch call itself allocates (tracemalloc; NumPy reports to it).

Checks the first areas against ``recommend``, one by one. ``python -m benchmarks`` runs this with
NumPy's matrix library on one thread (benchmarks/harness.py, ``one_blas_thread``). ``--json`` prints the figures as JSON
(``python -m benchmarks`` reads them, and the process's peak memory, from a child process).
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from catalog.arrays import catalogue_arrays, profile_arrays
from catalog.catalogue import Catalogue, catalogue_from_programmes, load_catalogue
from inputs.profile import AreaProfile
from inputs.settings import Settings
from recommender import recommend
from recommender.batch import batch_scores

try:  # absent before issue 13: the benchmark then times the batch from profiles only
    from recommender.batch import scores_from_arrays
except ImportError:  # pragma: no cover
    scores_from_arrays = None  # type: ignore[assignment]

TOP = 10


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


def large_catalogue(n: int) -> Catalogue:
    """The bundled catalogue's programmes, then copies of them under new ids, until there are ``n``."""
    bundled = load_catalogue()
    copies = -(-n // len(bundled.programmes))
    programmes = [
        p.model_copy(update={"id": f"{p.id}_{k}"}) if k else p for k in range(copies) for p in bundled.programmes
    ]
    return catalogue_from_programmes(programmes[:n], bundled.taxonomy, bundled.scale)


def best(actions: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The fastest of ``repeat`` runs of each action, the actions taking turns (a burst of load hits all alike)."""
    times: dict[str, float] = dict.fromkeys(actions, float("inf"))
    for _ in range(repeat):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name] = min(times[name], time.perf_counter() - start)
    return times


def peak_mib(action: Callable[[], object]) -> float:
    """Peak memory (MiB) allocated while ``action`` runs, beyond what was allocated before."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - before) / 2**20


def top(scores: np.ndarray, k: int = TOP) -> np.ndarray:
    """[K, k] indices of the ``k`` best programmes of each area (in no particular order)."""
    return np.argpartition(-scores, k, axis=1)[:, :k]


def measure(n_areas: int, n_programmes: int, repeat: int) -> dict[str, Any]:
    catalogue = large_catalogue(n_programmes)
    arrays = catalogue_arrays(catalogue)
    areas = random_areas(n_areas, catalogue.taxonomy.factor_ids)
    stacked = profile_arrays(areas, catalogue.taxonomy)
    weights = Settings()
    rng = np.random.default_rng(0)
    w, t = rng.random((n_areas, len(catalogue.taxonomy.factor_ids))), rng.random((len(arrays.factor_ids), n_programmes))

    def batch() -> np.ndarray:
        return top(batch_scores(catalogue, areas, weights, arrays=arrays))

    def from_arrays() -> np.ndarray:
        assert scores_from_arrays is not None
        return top(scores_from_arrays(arrays, stacked, weights))

    def floor() -> np.ndarray:
        return top(w @ t)

    scores = batch_scores(catalogue, areas, weights, arrays=arrays)
    for k in range(min(3, n_areas)):  # the batch is the single-area path, many times
        for rec in recommend(catalogue, areas[k], weights, arrays=arrays).recommendations:
            assert abs(rec.score - scores[k, catalogue.programmes.index(rec.programme)]) < 1e-9
    actions = {"batch_s": batch, "floor_s": floor}
    if scores_from_arrays is not None:
        actions["arrays_s"] = from_arrays
    return {
        "areas": n_areas,
        "programmes": n_programmes,
        "repeat": repeat,
        "arrays_s": None,
        **best(actions, repeat),
        "batch_peak_mib": peak_mib(batch),
        "floor_peak_mib": peak_mib(floor),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=6000)
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    figures = measure(args.areas, args.programmes, args.repeat)
    if args.json:
        print(json.dumps(figures))
        return
    print(
        f"{args.areas} areas x {args.programmes} programmes, top {TOP}: batch {figures['batch_s']:.3f} s"
        f" (from arrays {figures['arrays_s'] or float('nan'):.3f} s), floor {figures['floor_s']:.3f} s,"
        f" ratio {figures['batch_s'] / figures['floor_s']:.2f}x; the batch call allocates at most"
        f" {figures['batch_peak_mib']:.0f} MiB. The first areas match `recommend`."
    )


if __name__ == "__main__":
    main()
