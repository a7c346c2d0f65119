"""Time ``compare`` and ``batch`` on the made-up city of 136 sub-areas, as a user runs them.

    python -m benchmarks.compare_batch

Writes the made-up survey (136 sub-areas, 4 waves) to a temporary folder and times each command
in a new process, the best of three, with a fresh output folder for every ``batch`` run. Prints
one line per measurement, and the floor of starting Python with NumPy and pandas.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3


def best_of(command: list[str], clean: Path | None = None) -> float:
    """Fastest wall time in seconds of ``command`` over RUNS runs (``clean`` is removed before each)."""
    times = []
    for _ in range(RUNS):
        if clean is not None:
            shutil.rmtree(clean, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    exe = [sys.executable, "-c", "from cli import main; main()"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "enkat"
        subprocess.run([*exe, "survey", "synth", "--out", str(folder)], check=True, capture_output=True)
        aggregates = str(folder / "aggregat.csv")
        results = {
            "compare (terminal)": best_of([*exe, "compare", aggregates]),
            "compare --export .html --export .xlsx": best_of(
                [*exe, "compare", aggregates, "--export", f"{tmp}/j.html", "--export", f"{tmp}/j.xlsx", "--force"]
            ),
        }
        for fmt in ("json", "csv", "xlsx"):
            out = Path(tmp) / f"ut-{fmt}"
            results[f"batch --format {fmt}, 136 areas"] = best_of(
                [*exe, "batch", aggregates, "--out", str(out), "--format", fmt], clean=out
            )
        results["floor: python -c 'import numpy, pandas'"] = best_of([sys.executable, "-c", "import numpy, pandas"])
    for what, seconds in results.items():
        print(f"{what}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
