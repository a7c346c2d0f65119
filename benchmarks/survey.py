"""Time the survey path on the made-up survey: ``survey aggregate`` and ``prioritise``.

    python -m benchmarks.survey

Writes the made-up survey (136 sub-areas; 8 waves for about 50,000 responses, and the usual 4
waves for ``prioritise``) to a temporary folder and times each command as a user runs it (a new
process each time, the best of three). Prints one line per measurement.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3


def best_of(command: list[str]) -> float:
    """Fastest wall time in seconds of ``command`` over RUNS runs."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    exe = [sys.executable, "-c", "from cli import main; main()"]
    with tempfile.TemporaryDirectory() as tmp:
        big, usual = Path(tmp) / "big", Path(tmp) / "usual"
        subprocess.run([*exe, "survey", "synth", "--out", str(big), "--waves", "8"], check=True, capture_output=True)
        subprocess.run([*exe, "survey", "synth", "--out", str(usual)], check=True, capture_output=True)
        responses = sum(1 for line in (big / "svar.csv").open(encoding="utf-8") if not line.startswith("#")) - 1
        aggregate = best_of(
            [*exe, "survey", "aggregate", str(big / "svar.csv"), "--codebook", str(big / "kodbok.yaml"),
             "--out", str(Path(tmp) / "agg.csv"), "--force"]
        )  # fmt: skip
        prioritise = best_of(
            [*exe, "prioritise", str(usual / "aggregat.csv"), "--area", "Delområde 059", "--format", "json"]
        )
        follow = best_of(
            [*exe, "follow-up", str(usual / "aggregat.csv"), "--area", "Delområde 059", "--format", "json"]
        )
        floor = best_of([sys.executable, "-c", "import numpy, pandas"])
    print(f"survey aggregate, {responses:,} responses: {aggregate:.2f} s")
    print(f"prioritise, 136 areas x 4 waves: {prioritise:.2f} s")
    print(f"follow-up, 136 areas x 4 waves: {follow:.2f} s")
    print(f"floor: python -c 'import numpy, pandas': {floor:.2f} s")


if __name__ == "__main__":
    main()
