"""Phase 5: the prioritised factors over every survey wave, and what changed.

For each factor: the share past the cut-point in every wave with its 95 % interval (hidden below
the threshold), the change since the first and since the previous shown wave with Newcombe's
interval, whether the change since the first wave is larger than chance (Benjamini-Hochberg over
the factors followed up), and the same change in the benchmark, so a team sees whether the area
moved with the city or on its own. Resources from the inventory with start dates say what was
running meanwhile. This is monitoring, not proof of effect: many actors work in the same area
and the pupils answering change between waves; every output says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from inputs.inventory import Resource
from inputs.problems import Code, InputError, Problem
from inputs.programme import Programme
from inputs.survey_tables import LoadedAggregates
from inputs.taxonomy import Taxonomy
from survey.figures import area_totals, optional, optional_int
from survey.intervals import adjust, difference_interval, share_interval, two_proportion_p
from survey.prioritise import ALPHA, Benchmark, area_not_in_file, benchmark_totals

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


@dataclass(frozen=True)
class WavePoint:
    """One wave of one factor; shares 0-1, None when suppressed."""

    wave: int
    respondents: int | None
    prevalence: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    benchmark_prevalence: float | None


@dataclass(frozen=True)
class Change:
    """A change in share between two waves (``later - earlier``), with its interval; None when not computable."""

    since: int | None  #: the earlier wave
    difference: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class FactorSeries:
    factor: str
    kind: str
    waves: list[WavePoint]
    since_first: Change
    since_previous: Change
    significant: bool  #: the change since the first shown wave is larger than chance (after correction)
    benchmark_change: Change  #: the benchmark's change over the same waves

    @property
    def better(self) -> bool | None:
        """Whether the change since the first wave goes the good way (None without one)."""
        d = self.since_first.difference
        if d is None:
            return None
        return d < 0 if self.kind == "risk" else d > 0


@dataclass(frozen=True)
class FollowUp:
    area: str
    factors: list[FactorSeries]
    waves: list[int]
    benchmark: Benchmark
    threshold: int
    source: Path
    sha256: str
    notes: tuple[str, ...] = ()


NO_CHANGE = Change(None, None, None, None)


def _change(c: np.ndarray, n: np.ndarray, later: int | None, earlier: int | None, waves: list[int]) -> Change:
    """The change between two wave indices of one factor's counts; :data:`NO_CHANGE` without both."""
    if later is None or earlier is None:
        return NO_CHANGE
    d, lo, hi = difference_interval(c[later], n[later], c[earlier], n[earlier])
    return Change(waves[earlier], optional(float(d)), optional(float(lo)), optional(float(hi)))


def _ends(respondents: np.ndarray) -> tuple[int | None, int | None, int | None]:
    """Indices of the last, first and previous shown waves (None where there are fewer than two)."""
    shown = np.flatnonzero(~np.isnan(respondents)).tolist()
    if len(shown) < 2:
        return (shown[-1] if shown else None), None, None
    return shown[-1], shown[0], shown[-2]


def follow_up(
    aggregates: LoadedAggregates,
    taxonomy: Taxonomy,
    area: str,
    factors: list[str] | None = None,
    benchmark: LoadedAggregates | None = None,
    threshold: int = 10,
) -> FollowUp:
    """The series of ``factors`` (every factor in the file by default) for ``area``.

    Raises:
        InputError: the area is not in the file, or has only one wave.
    """
    frame = aggregates.frame
    if not (frame["area"] == area).any():
        raise InputError([area_not_in_file(aggregates, area)])
    totals = area_totals(frame, threshold)
    mine = totals[totals["area"] == area]
    waves = sorted(int(w) for w in mine["wave"].unique())
    if len(waves) < 2:
        raise InputError(
            [Problem(file=aggregates.path, code=Code.SURVEY_ONE_WAVE, params={"area": area, "wave": waves[0]})]
        )
    bench = benchmark_totals(totals, area, benchmark, taxonomy, threshold)
    present = set(mine["factor"])
    wanted = [f for f in (factors or [f.id for f in taxonomy.factors]) if f in present]

    def grid(table: pd.DataFrame, col: str) -> np.ndarray:
        """[F, W] values of ``col`` (NaN where hidden or missing); one row per factor and wave in ``table``."""
        return (
            table.pivot(index="factor", columns="wave", values=col)
            .reindex(index=wanted, columns=waves)
            .to_numpy(dtype=float)
        )

    n, c = grid(mine, "respondents"), grid(mine, "count")
    bn, bc = grid(bench, "respondents"), grid(bench, "count")
    with np.errstate(invalid="ignore", divide="ignore"):
        share, bshare = c / n, bc / bn
    low, high = share_interval(c, n)
    ends = [_ends(n[f]) for f in range(len(wanted))]  # one factor at a time: a handful of waves each
    p_first = np.array(
        [
            two_proportion_p(c[f, last], n[f, last], c[f, first], n[f, first]) if first is not None else np.nan
            for f, (last, first, _) in enumerate(ends)
        ]
    )
    p_adj = adjust(p_first)
    series: list[FactorSeries] = []
    for f, factor in enumerate(wanted):
        last, first, previous = ends[f]
        points = [
            WavePoint(
                wave,
                optional_int(n[f, w]),
                optional(share[f, w]),
                optional(low[f, w]),
                optional(high[f, w]),
                bool(np.isnan(n[f, w])),
                optional(bshare[f, w]),
            )
            for w, wave in enumerate(waves)
        ]
        since_first = _change(c[f], n[f], last, first, waves)
        since_prev = _change(c[f], n[f], last, previous, waves)
        bench_change = _change(bc[f], bn[f], last, first, waves)
        series.append(
            FactorSeries(
                factor=factor,
                kind=taxonomy.factors_by_id[factor].kind,
                waves=points,
                since_first=since_first,
                since_previous=since_prev,
                significant=bool(p_adj[f] < ALPHA),
                benchmark_change=bench_change,
            )
        )
    return FollowUp(
        area=area,
        factors=series,
        waves=waves,
        threshold=threshold,
        source=aggregates.path,
        sha256=aggregates.sha256,
        notes=tuple(aggregates.notes),
        benchmark=Benchmark.of(benchmark),
    )


def resource_factors(resources: list[Resource], programmes: Mapping[str, Programme]) -> dict[str, list[str]]:
    """Each resource's factors by name: its own, or else those of the catalogued programme it runs."""
    out: dict[str, list[str]] = {}
    for resource in resources:
        if resource.factors:
            out[resource.name] = list(resource.factors)
        elif resource.programme is not None and resource.programme in programmes:
            out[resource.name] = [tag.factor for tag in programmes[resource.programme].factors]
    return out


def running_resources(
    resources: list[Resource], factors_of: dict[str, list[str]], followed: list[str], first: int, last: int
) -> list[dict[str, object]]:
    """Resources with a start date that ran during the waves ``first``-``last`` and touch a followed factor.

    Args:
        resources: the inventory's resources.
        factors_of: each resource's factors (its own, or its catalogued programme's), by name.
        followed: the factors followed up.
        first, last: the first and last survey wave (years).
    """
    out: list[dict[str, object]] = []
    for resource in resources:
        if resource.started is None or resource.started.year > last:
            continue
        if resource.funded_until is not None and resource.funded_until.year < first:
            continue
        touched = [f for f in factors_of.get(resource.name, []) if f in followed]
        if touched:
            out.append(
                {
                    "name": resource.name,
                    "provider": resource.provider,
                    "started": resource.started.isoformat(),
                    "funded_until": resource.funded_until.isoformat() if resource.funded_until else None,
                    "factors": touched,
                }
            )
    return sorted(out, key=lambda r: (str(r["started"]), str(r["name"])))
