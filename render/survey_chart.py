"""A small line chart for one factor over the survey waves, laid out as plain SVG geometry.

The area's share per wave is a line with its 95 % interval as a band; the benchmark is a dashed
line. Hidden waves leave a gap (the line is broken there, never drawn through). The geometry is
computed here and drawn by the template, so the HTML needs no script and no network.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from survey.follow_up import FactorSeries

WIDTH, HEIGHT = 330, 150
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 12, 26


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: list[str]  #: SVG path data of the area's line, one per run of shown waves
    bands: list[str]  #: SVG path data of the interval band, one per run
    benchmark: list[str]  #: SVG path data of the benchmark line
    points: list[tuple[float, float, str]]  #: x, y and a tooltip per shown wave
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def _runs(values: list[float | None]) -> list[list[int]]:
    """Indices grouped into runs of consecutive non-None values."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs


def chart(series: FactorSeries, percent: Callable[[float], str]) -> Chart:
    """Geometry of ``series``'s chart; ``percent`` formats a share for labels (``L.pct``)."""
    shares = [p.prevalence for p in series.waves]
    lows = [p.ci_low for p in series.waves]
    highs = [p.ci_high for p in series.waves]
    bench = [p.benchmark_prevalence for p in series.waves]
    known = [v for v in [*lows, *highs, *bench] if v is not None]
    # the axis ends at a multiple of 20 %, so the four gridlines fall on round numbers (5 %, 10 %, ...)
    top = min(1.0, math.ceil(max([0.05, *known]) * 1.1 / 0.2) * 0.2)
    n = len(series.waves)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (inner_w * i / (n - 1) if n > 1 else inner_w / 2)

    def y(v: float) -> float:
        return TOP + inner_h * (1 - v / top)

    lines, bands = [], []
    for run in _runs(shares):
        lines.append(" ".join(f"{'M' if k == 0 else 'L'}{x(i):.1f},{y(shares[i] or 0):.1f}" for k, i in enumerate(run)))
        upper = [f"{x(i):.1f},{y(highs[i] or 0):.1f}" for i in run]
        lower = [f"{x(i):.1f},{y(lows[i] or 0):.1f}" for i in reversed(run)]
        if len(run) == 1:  # a lone wave: a short vertical band
            i = run[0]
            upper = [f"{x(i) - 3:.1f},{y(highs[i] or 0):.1f}", f"{x(i) + 3:.1f},{y(highs[i] or 0):.1f}"]
            lower = [f"{x(i) + 3:.1f},{y(lows[i] or 0):.1f}", f"{x(i) - 3:.1f},{y(lows[i] or 0):.1f}"]
        bands.append("M" + " L".join(upper + lower) + " Z")
    benchmark = [
        " ".join(f"{'M' if k == 0 else 'L'}{x(i):.1f},{y(bench[i] or 0):.1f}" for k, i in enumerate(run))
        for run in _runs(bench)
    ]
    points = [(x(i), y(s), f"{series.waves[i].wave}: {percent(s)}") for i, s in enumerate(shares) if s is not None]
    steps = 4
    y_ticks = [(y(top * k / steps), percent(top * k / steps)) for k in range(steps + 1)]
    x_ticks = [(x(i), str(p.wave)) for i, p in enumerate(series.waves)]
    return Chart(WIDTH, HEIGHT, lines, bands, benchmark, points, x_ticks, y_ticks)
