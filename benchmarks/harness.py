"""What every benchmark shares: run a command as a user does, keep the best of several runs, note the load.

The machine these figures come from is shared, so a single run says little: each figure is the
fastest of several runs (other work only ever adds time), its floor is run interleaved with it
(a load spike then hits both), and the load average is written next to it.

Commands run in a fresh process each time, the way people run them, with two differences from a
bare shell that would otherwise distort the figures:

* bytecode: an installed package has compiled ``.pyc`` files, and so does any checkout after its
  first run, unless ``PYTHONDONTWRITEBYTECODE`` is set (as it is on the development machine):
  then every run compiles insatsval's modules again (about 50 ms of a ``recommend`` run). Benchmarks unset it and
  keep the bytecode in a folder of their own (``PYTHONPYCACHEPREFIX``), not in the source tree.
* the catalogue cache (``catalog/cache.py``) lives in a folder of the benchmark's own, filled by
  a first run that is not counted, as a user's is after their first run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Timing:
    """The best of several runs of one command."""

    seconds: float  #: fastest wall time
    peak_mib: float  #: largest peak resident memory of the process (MiB)
    runs: int


def load() -> float:
    """The machine's 1-minute load average (2 cores: above 2 the figures are inflated)."""
    return os.getloadavg()[0]


def environment(workdir: Path) -> dict[str, str]:
    """The environment benchmarked commands run in (module docstring: bytecode and cache)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("INSATSVAL_NO_CACHE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    env["XDG_CACHE_HOME"] = str(workdir / "cache")
    return env


def one_blas_thread(env: dict[str, str]) -> dict[str, str]:
    """``env`` with NumPy's matrix library on one thread.

    On a shared 2-core machine a two-thread matrix product stalls whenever another process takes
    one of the cores (measured: the same batch 0.1 s or 0.5 s from one run to the next); with one
    thread the figures are steady. Floors run the same way, so ratios stay fair.
    """
    return env | {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def insatsval(*args: str) -> list[str]:
    """The command line of ``insatsval ARGS`` for the tree the benchmark runs in (the current folder)."""
    return [sys.executable, "-c", "import sys; from cli import main; sys.argv[0] = 'insatsval'; main()", *args]


def run_once(argv: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MiB) and standard output of one run; a failed run raises."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(argv), stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(argv)} failed ({process.returncode}): {err.read().decode()[-2000:]}")
        out.seek(0)
        return elapsed, usage.ru_maxrss / 1024, out.read().decode("utf-8", "replace")


def best_of(
    commands: Sequence[Sequence[str]], runs: int, env: dict[str, str], cwd: Path = ROOT, warm_up: bool = True
) -> list[Timing]:
    """The best of ``runs`` runs of each command, the commands taking turns (a load spike hits all alike)."""
    if warm_up:
        for argv in commands:
            run_once(argv, env, cwd)
    best = [float("inf")] * len(commands)
    peak = [0.0] * len(commands)
    for _ in range(runs):
        for i, argv in enumerate(commands):
            seconds, mib, _ = run_once(argv, env, cwd)
            best[i], peak[i] = min(best[i], seconds), max(peak[i], mib)
    return [Timing(seconds=s, peak_mib=m, runs=runs) for s, m in zip(best, peak, strict=True)]
