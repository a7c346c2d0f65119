"""Phase 3: one area's profile from the survey, and the 2-5 priorities it suggests.

For every factor: the share of pupils past the cut-point (at risk, or protected) with its 95 %
interval, the benchmark's share, the difference with its interval, whether the area stands out
after correcting for testing every factor at once (Benjamini-Hochberg, :mod:`survey.intervals`),
and the estimated number of young people affected when population figures are given. A risk
factor stands out when its share is higher than the benchmark's; a protective factor when its
share protected is *lower*. "Affected" means at risk, or lacking the protection.

The suggestion follows CTC's rule of thumb: factors that stand out locally *and* affect the most
young people. Those that stand out are taken in order of the share affected, at most
:data:`MAX_SUGGESTED`; when fewer than :data:`MIN_SUGGESTED` stand out, factors that are higher
(or, protective, lower) than the benchmark without standing out fill up to two, and their reason
says so. Each suggestion's weight is the share affected in percent, so the profile's weights say
how many young people each priority concerns. The team decides; the suggestion is a start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from inputs.problems import Code, InputError, Problem
from inputs.suggest import suggest
from inputs.survey_tables import LoadedAggregates, LoadedPopulation
from inputs.taxonomy import Taxonomy
from survey.figures import area_totals, optional, optional_int, pooled, rest_of_city
from survey.intervals import adjust, difference_interval, share_interval, two_proportion_p

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MIN_SUGGESTED = 2
MAX_SUGGESTED = 5
ALPHA = 0.05


@dataclass(frozen=True)
class Benchmark:
    """What the area is compared with."""

    kind: str  #: "city" (the rest of the file's areas) or "file"
    name: str  #: the file's name for "file"
    sha256: str | None = None

    @classmethod
    def of(cls, benchmark: LoadedAggregates | None) -> Benchmark:
        """The rest of the city (None), or the benchmark file."""
        return cls("city", "") if benchmark is None else cls("file", benchmark.path.name, benchmark.sha256)


@dataclass(frozen=True)
class FactorFigure:
    """One factor in one area and wave. Shares are 0-1; every figure is None when suppressed."""

    factor: str
    kind: str  #: "risk" or "protective"
    respondents: int | None
    count: int | None
    prevalence: float | None  #: share past the cut-point: at risk, or protected
    ci_low: float | None
    ci_high: float | None
    benchmark_prevalence: float | None
    difference: float | None  #: prevalence - benchmark
    diff_low: float | None
    diff_high: float | None
    p_adjusted: float | None
    stands_out: bool
    suppressed: bool
    incomplete: bool  #: the area total lacks grade cells its producer hid
    affected: int | None  #: young people estimated at risk or without the protection (rounded to 10)

    @property
    def affected_share(self) -> float | None:
        """Share at risk (risk factor) or lacking the protection (protective factor)."""
        if self.prevalence is None:
            return None
        return self.prevalence if self.kind == "risk" else 1.0 - self.prevalence

    @property
    def worse(self) -> bool:
        """Whether the area is on the unfavourable side of its benchmark (significant or not)."""
        if self.difference is None:
            return False
        return self.difference > 0 if self.kind == "risk" else self.difference < 0


@dataclass(frozen=True)
class Suggestion:
    factor: str
    weight: float  #: share affected, in percent
    stands_out: bool  #: False for a factor added to reach MIN_SUGGESTED


@dataclass(frozen=True)
class AreaFigures:
    """The area profile: every factor's figures and the suggested priorities, with provenance."""

    area: str
    wave: int
    benchmark: Benchmark
    threshold: int
    factors: list[FactorFigure]
    suggested: list[Suggestion]
    timing: str  #: "grade" or "age"
    span: tuple[int, int] | None  #: the grades (or ages) the area's answers cover
    source: Path
    sha256: str
    waves: list[int] = field(default_factory=list)
    population: Path | None = None
    notes: tuple[str, ...] = ()

    @property
    def ages(self) -> tuple[int, int] | None:
        """The ages the survey's pupils have: åk g pupils are g+5 to g+6 years old in a spring survey."""
        return None if self.span is None else matching_span(self.span, self.timing, "age")


def unknown_area(path: Path, area: str, names: Sequence[str]) -> Problem:
    """The problem for an area the aggregate file ``path`` does not have, with the closest of ``names``."""
    return Problem(
        file=path,
        code=Code.SURVEY_UNKNOWN_AREA,
        params={"area": area, "suggestions": suggest(area, list(names)), "count": len(names)},
    )


def area_not_in_file(aggregates: LoadedAggregates, area: str) -> Problem:
    """:func:`unknown_area` for an aggregate file, with the file's area names."""
    return unknown_area(aggregates.path, area, sorted(aggregates.frame["area"].unique()))


def matching_span(span: tuple[int, int], timing: str, wanted: str) -> tuple[int, int]:
    """``span`` (grades or ages, as ``timing`` says) in ``wanted`` terms: grades or ages.

    A spring survey's pupils in grade g are g+5 to g+6 years old, so grades 6-9 are ages 11-15,
    and ages 13-15 are grades 7-10.
    """
    low, high = span
    if timing == wanted:
        return span
    if timing == "grade":
        return (low + 5, high + 6)
    return (max(low - 6, 0), max(high - 5, 0))


def _population_of(
    population: LoadedPopulation | None, area: str, span: tuple[int, int] | None, survey_timing: str
) -> float | None:
    """Young people in ``area`` of the grades (ages) the survey covers; all of them when the file has no steps."""
    if population is None:
        return None
    rows = population.frame[population.frame["area"] == area]
    if rows.empty:
        return None
    per_step = rows[rows["timing"].notna()]
    if span is not None and len(per_step):
        low, high = matching_span(span, survey_timing, population.timing)
        inside = per_step[(per_step["timing"] >= low) & (per_step["timing"] <= high)]
        return float(inside["population"].sum())
    return float(rows["population"].sum())


def benchmark_totals(
    totals: pd.DataFrame, area: str, benchmark: LoadedAggregates | None, taxonomy: Taxonomy, threshold: int
) -> pd.DataFrame:
    """Per wave and factor: the benchmark's respondents and count (hidden below the threshold)."""
    bench = rest_of_city(totals, area) if benchmark is None else pooled(area_totals(benchmark.frame, threshold))
    small = bench["respondents"].to_numpy(dtype=float) < threshold
    bench.loc[small, ["respondents", "count"]] = np.nan
    return bench


def profile_area(
    aggregates: LoadedAggregates,
    taxonomy: Taxonomy,
    area: str,
    wave: int | None = None,
    benchmark: LoadedAggregates | None = None,
    population: LoadedPopulation | None = None,
    threshold: int = 10,
) -> AreaFigures:
    """Every factor's figures for ``area`` in ``wave`` (its latest by default) and the suggested priorities.

    Raises:
        InputError: the area is not in the file, or has no answers in ``wave``.
    """
    frame = aggregates.frame
    if not (frame["area"] == area).any():
        raise InputError([area_not_in_file(aggregates, area)])
    totals = area_totals(frame, threshold)
    waves = sorted(int(w) for w in totals.loc[totals["area"] == area, "wave"].unique())
    wave = waves[-1] if wave is None else wave
    if wave not in waves:
        params = {"area": area, "wave": wave, "waves": ", ".join(map(str, waves))}
        raise InputError([Problem(file=aggregates.path, code=Code.SURVEY_NO_WAVE, params=params)])
    if benchmark is not None and not (benchmark.frame["wave"] == wave).any():
        raise InputError([Problem(file=benchmark.path, code=Code.SURVEY_BENCHMARK_NO_WAVE, params={"wave": wave})])
    bench = benchmark_totals(totals, area, benchmark, taxonomy, threshold)
    mine = totals[(totals["area"] == area) & (totals["wave"] == wave)].set_index("factor")
    theirs = bench[bench["wave"] == wave].set_index("factor")
    factor_ids = [f.id for f in taxonomy.factors if f.id in mine.index]
    kinds = np.array([taxonomy.factors_by_id[f].kind for f in factor_ids])
    n = mine.loc[factor_ids, "respondents"].to_numpy(dtype=float)
    c = mine.loc[factor_ids, "count"].to_numpy(dtype=float)
    bn = theirs["respondents"].reindex(factor_ids).to_numpy(dtype=float)
    bc = theirs["count"].reindex(factor_ids).to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = c / n
        bshare = bc / bn
    low, high = share_interval(c, n)
    diff, dlow, dhigh = difference_interval(c, n, bc, bn)
    p = adjust(two_proportion_p(c, n, bc, bn))
    worse = np.where(kinds == "risk", diff > 0, diff < 0)
    stands = (p < ALPHA) & worse
    rows = frame[(frame["area"] == area) & (frame["wave"] == wave) & frame["timing"].notna()]
    span = (int(rows["timing"].min()), int(rows["timing"].max())) if len(rows) else None
    people = _population_of(population, area, span, aggregates.timing)
    affected_share = np.where(kinds == "risk", share, 1.0 - share)
    affected = np.round(affected_share * people, -1) if people is not None else np.full(len(share), np.nan)
    figures = [
        FactorFigure(
            factor=f,
            kind=str(kinds[i]),
            respondents=optional_int(n[i]),
            count=optional_int(c[i]),
            prevalence=optional(share[i]),
            ci_low=optional(low[i]),
            ci_high=optional(high[i]),
            benchmark_prevalence=optional(bshare[i]),
            difference=optional(diff[i]),
            diff_low=optional(dlow[i]),
            diff_high=optional(dhigh[i]),
            p_adjusted=optional(p[i]),
            stands_out=bool(stands[i]),
            suppressed=bool(np.isnan(n[i])),
            incomplete=bool(mine.loc[f, "incomplete"]),
            affected=optional_int(affected[i]),
        )
        for i, f in enumerate(factor_ids)
    ]
    return AreaFigures(
        area=area,
        wave=wave,
        threshold=threshold,
        factors=figures,
        suggested=suggest_priorities(figures),
        benchmark=Benchmark.of(benchmark),
        timing=aggregates.timing,
        span=span,
        source=aggregates.path,
        sha256=aggregates.sha256,
        waves=waves,
        population=population.path if population is not None else None,
        notes=tuple(aggregates.notes),
    )


def suggest_priorities(figures: list[FactorFigure]) -> list[Suggestion]:
    """The 2-5 factors to prioritise first (see the module docstring)."""

    def by_share(items: list[FactorFigure]) -> list[FactorFigure]:
        return sorted(items, key=lambda f: (-(f.affected_share or 0.0), f.factor))

    def by_gap(items: list[FactorFigure]) -> list[FactorFigure]:
        # without a clear standout, the factors furthest on the wrong side of the benchmark come first:
        # ranking these by share affected would favour protective factors, whose shares lacking the
        # protection are large everywhere, over risks that are really higher here
        return sorted(items, key=lambda f: (-abs(f.difference or 0.0), -(f.affected_share or 0.0), f.factor))

    shown = [f for f in figures if not f.suppressed and f.affected_share is not None]
    chosen = by_share([f for f in shown if f.stands_out])[:MAX_SUGGESTED]
    if len(chosen) < MIN_SUGGESTED:
        extra = by_gap([f for f in shown if f.worse and not f.stands_out])
        chosen += extra[: MIN_SUGGESTED - len(chosen)]
    return [Suggestion(f.factor, max(1.0, round(100 * (f.affected_share or 0.0))), f.stands_out) for f in chosen]


def profile_document(figures: AreaFigures, created: dt.date) -> dict[str, Any]:
    """A profile ``recommend`` and ``plan`` accept as it is: ages, suggested priorities, provenance."""
    ages = figures.ages or (0, 24)
    return {
        "area": figures.area,
        "description": None,
        "ages": {"min": ages[0], "max": ages[1]},
        "priorities": [{"factor": s.factor, "weight": s.weight} for s in figures.suggested],
        "survey": {
            "file": figures.source.name,
            "sha256": figures.sha256,
            "area": figures.area,
            "wave": figures.wave,
            "benchmark": figures.benchmark.name or figures.benchmark.kind,
            "threshold": figures.threshold,
            "created": created.isoformat(),
        },
    }
