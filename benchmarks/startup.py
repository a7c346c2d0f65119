"""Start-up: ``recommend`` on the family example and ``--help``, each against the floor of its imports.

    .venv/bin/python -m benchmarks.startup

Floors: ``python -c "import numpy, pydantic, yaml, click"`` for ``recommend`` (the libraries it
cannot do without) and ``python -c "import click"`` for ``--help``. Prints the best wall times of
15 runs and their ratios (issue 13: at most 1.6x and 2x).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import ROOT, Timing, best_of, environment, insatsval, load

RUNS = 15
RECOMMEND_FLOOR = "import numpy, pydantic, yaml, click"
HELP_FLOOR = "import click"


@dataclass(frozen=True)
class Ratio:
    """A command's best time against its floor's."""

    what: str
    command: str
    floor: str
    measured: Timing
    floor_timing: Timing
    load_before: float
    load_after: float

    @property
    def ratio(self) -> float:
        return self.measured.seconds / self.floor_timing.seconds


def measure(runs: int = RUNS, tree: Path = ROOT, profile: str = "examples/familj-10-15.yaml") -> list[Ratio]:
    """Both start-up ratios for the checkout at ``tree``."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(Path(tmp))
        cases = [
            ("recommend", f"insatsval recommend {profile}", insatsval("recommend", profile), RECOMMEND_FLOOR),
            ("help", "insatsval --help", insatsval("--help"), HELP_FLOOR),
        ]
        for what, shown, argv, floor in cases:
            before = load()
            measured, floor_timing = best_of([argv, [sys.executable, "-c", floor]], runs, env, tree)
            out.append(Ratio(what, shown, f'python -c "{floor}"', measured, floor_timing, before, load()))
    return out


def main() -> None:
    for r in measure():
        print(
            f"{r.command}: {r.measured.seconds * 1000:.0f} ms; {r.floor}: {r.floor_timing.seconds * 1000:.0f} ms;"
            f" ratio {r.ratio:.2f}x (load {r.load_before:.1f}-{r.load_after:.1f})"
        )


if __name__ == "__main__":
    main()
