"""Time the survey path on the made-up survey: ``survey aggregate``, ``prioritise`` and ``follow-up``.

    python -m benchmarks.survey

Writes the made-up survey (136 sub-areas; 8 waves for about 50,000 responses, and the usual 4
waves for ``prioritise`` and ``follow-up``) to a temporary folder and times each command as a
user runs it, in a new process, with :mod:`benchmarks.harness` (best of three, after a warm-up).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import ROOT, best_of, environment, insatsval

RUNS = 3


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(Path(tmp))
        big, usual = Path(tmp) / "big", Path(tmp) / "usual"
        for folder, waves in ((big, "8"), (usual, "4")):
            synth = insatsval("survey", "synth", "--out", str(folder), "--waves", waves)
            subprocess.run(synth, check=True, capture_output=True, env=env, cwd=ROOT)
        responses = sum(1 for line in (big / "svar.csv").open(encoding="utf-8") if not line.startswith("#")) - 1
        aggregates = str(usual / "aggregat.csv")
        commands = [
            insatsval("survey", "aggregate", str(big / "svar.csv"), "--codebook", str(big / "kodbok.yaml"),
                      "--out", str(Path(tmp) / "agg.csv"), "--force"),
            insatsval("prioritise", aggregates, "--area", "Delområde 059", "--format", "json"),
            insatsval("follow-up", aggregates, "--area", "Delområde 059", "--format", "json"),
            [sys.executable, "-c", "import numpy, pandas"],
        ]  # fmt: skip
        aggregate, prioritise, follow, floor = best_of(commands, RUNS, env)
    print(f"survey aggregate, {responses:,} responses: {aggregate.seconds:.2f} s ({aggregate.peak_mib:.0f} MiB)")
    print(f"prioritise, 136 areas x 4 waves: {prioritise.seconds:.2f} s")
    print(f"follow-up, 136 areas x 4 waves: {follow.seconds:.2f} s")
    print(f"floor: python -c 'import numpy, pandas': {floor.seconds:.2f} s")


if __name__ == "__main__":
    main()
