"""Every area against the rest of the city, on every factor and wave, in one pass; and the comparison table.

:func:`city_figures` computes, for every area, wave and factor at once, what ``prioritise``
computes for one area (:mod:`survey.prioritise`): the share past the cut-point with its Jeffreys
interval, the rest of the city's share, the difference with Newcombe's interval, the
Benjamini-Hochberg adjusted p-value over the area's factors in that wave, and whether the area
stands out on the unfavourable side. The statistics are the same functions
(:mod:`survey.intervals`) on the same totals (:func:`survey.figures.area_totals`), so
:func:`area_figures` gives for an area exactly what :func:`survey.prioritise.profile_area` gives
(``tests/test_compare.py`` checks it), without reading the whole file once per area.

The rest of the city is, as in ``prioritise``, every *other* area whose own total is shown: the
pooled shown totals minus the area's own. A hidden area (fewer respondents than the threshold)
is in no benchmark and has no figures, so no figure here lets anyone work it out; a benchmark of
fewer respondents than the threshold is hidden too.

:func:`compare` picks one wave, the areas and the factors to show (:class:`Comparison`). The
statistics are always computed over all of an area's factors, so a factor stands out in the
comparison exactly when it stands out in the area's ``prioritise``, whichever factors are shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from inputs.problems import Code, InputError, Problem
from inputs.survey_tables import LoadedAggregates
from inputs.taxonomy import Taxonomy
from survey.figures import area_totals
from survey.intervals import adjust, difference_interval, share_interval, two_proportion_p
from survey.prioritise import ALPHA, AreaFigures, Benchmark, FactorFigure, suggest_priorities
from survey.prioritise import unknown_area as unknown_area_problem

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


@dataclass(frozen=True)
class CityFigures:
    """Every area's figures in every wave. Arrays are [A, W, F] (areas, waves, factors), NaN where hidden or absent.

    Shares are 0-1. ``present`` says whether the file has the area's total (or grade rows) for
    that wave and factor at all; ``hidden`` whether that total rests on fewer respondents than
    the threshold.
    """

    areas: list[str]  #: A, sorted
    waves: list[int]  #: W, ascending
    factors: list[str]  #: F, the file's factors in taxonomy order
    kinds: np.ndarray  #: [F] "risk" or "protective"
    present: np.ndarray  #: bool
    hidden: np.ndarray  #: bool
    incomplete: np.ndarray  #: bool: the total lacks grade cells its producer hid
    respondents: np.ndarray
    count: np.ndarray
    prevalence: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    benchmark: np.ndarray  #: the rest of the city's share
    difference: np.ndarray
    diff_low: np.ndarray
    diff_high: np.ndarray
    p_adjusted: np.ndarray
    stands_out: np.ndarray  #: bool: significant after Benjamini-Hochberg and on the unfavourable side
    span: np.ndarray  #: [A, W, 2] the lowest and highest grade (or age) with answers, NaN without grade rows
    threshold: int
    timing: str  #: "grade" or "age"
    source: Path
    sha256: str
    notes: tuple[str, ...]

    def area_index(self, area: str) -> int | None:
        """The row of ``area``, or None when the file does not have it."""
        index = int(np.searchsorted(self.areas, area))
        return index if index < len(self.areas) and self.areas[index] == area else None

    def waves_of(self, a: int) -> list[int]:
        """The waves in which area ``a`` has any figure (shown or hidden)."""
        return [w for i, w in enumerate(self.waves) if self.present[a, i].any()]


def _cube(
    frame: pd.DataFrame, column: str, index: tuple[np.ndarray, np.ndarray, np.ndarray], shape: tuple[int, ...]
) -> np.ndarray:
    out = np.full(shape, np.nan)
    out[index] = frame[column].to_numpy(dtype=float)
    return out


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def city_figures(aggregates: LoadedAggregates, taxonomy: Taxonomy, threshold: int = 10) -> CityFigures:
    """Every area's figures against the rest of the city, for every wave and factor of the file."""
    frame = aggregates.frame
    totals = area_totals(frame, threshold)
    areas = sorted(str(a) for a in totals["area"].unique())
    waves = sorted(int(w) for w in totals["wave"].unique())
    in_file = set(totals["factor"].unique())
    factors = [f.id for f in taxonomy.factors if f.id in in_file]
    kinds = np.array([taxonomy.factors_by_id[f].kind for f in factors])
    shape = (len(areas), len(waves), len(factors))
    index = (
        np.searchsorted(areas, totals["area"].to_numpy(dtype=str)),
        np.searchsorted(waves, totals["wave"].to_numpy()),
        _positions(factors, totals["factor"].to_numpy(dtype=str)),
    )
    present = np.zeros(shape, dtype=bool)
    present[index] = True
    n = _cube(totals, "respondents", index, shape)
    c = _cube(totals, "count", index, shape)
    hidden = np.zeros(shape, dtype=bool)
    hidden[index] = totals["hidden"].to_numpy(dtype=bool)
    incomplete = np.zeros(shape, dtype=bool)
    incomplete[index] = totals["incomplete"].to_numpy(dtype=bool)

    # the rest of the city: every other area whose own total is shown (pooled shown totals minus the area's own)
    shown = present & ~hidden
    others = shown.sum(axis=0, keepdims=True) - shown
    bn = np.where(shown, n, 0.0).sum(axis=0, keepdims=True) - np.where(shown, n, 0.0)
    bc = np.where(shown, c, 0.0).sum(axis=0, keepdims=True) - np.where(shown, c, 0.0)
    unusable = (others == 0) | (bn < threshold)  # no other shown area, or too few respondents to show
    bn, bc = np.where(unusable, np.nan, bn), np.where(unusable, np.nan, bc)

    with np.errstate(invalid="ignore", divide="ignore"):
        share, bshare = c / n, bc / bn
    low, high = share_interval(c, n)
    diff, dlow, dhigh = difference_interval(c, n, bc, bn)
    p = adjust(two_proportion_p(c, n, bc, bn).reshape(-1, len(factors))).reshape(shape)  # one family per area and wave
    worse = np.where(kinds == "risk", diff > 0, diff < 0)
    return CityFigures(
        areas=areas,
        waves=waves,
        factors=factors,
        kinds=kinds,
        present=present,
        hidden=hidden,
        incomplete=incomplete,
        respondents=n,
        count=c,
        prevalence=share,
        ci_low=low,
        ci_high=high,
        benchmark=bshare,
        difference=diff,
        diff_low=dlow,
        diff_high=dhigh,
        p_adjusted=p,
        stands_out=(p < ALPHA) & worse,
        span=_spans(frame, areas, waves),
        threshold=threshold,
        timing=aggregates.timing,
        source=aggregates.path,
        sha256=aggregates.sha256,
        notes=tuple(aggregates.notes),
    )


def _positions(names: Sequence[str], values: np.ndarray) -> np.ndarray:
    """The position of each of ``values`` in ``names`` (every value is one of the names)."""
    order = np.argsort(names)
    return order[np.searchsorted(np.asarray(names)[order], values)]


def _spans(frame: pd.DataFrame, areas: list[str], waves: list[int]) -> np.ndarray:
    """[A, W, 2]: the lowest and highest grade (or age) of each area's grade rows in each wave."""
    rows = frame[frame["timing"].notna()]
    out = np.full((len(areas), len(waves), 2), np.nan)
    if len(rows):
        grouped = rows.groupby(["area", "wave"])["timing"].agg(["min", "max"]).reset_index()
        a = np.searchsorted(areas, grouped["area"].to_numpy(dtype=str))
        w = np.searchsorted(waves, grouped["wave"].to_numpy())
        out[a, w, 0] = grouped["min"].to_numpy(dtype=float)
        out[a, w, 1] = grouped["max"].to_numpy(dtype=float)
    return out


def unknown_area(city: CityFigures, area: str) -> Problem:
    """The problem for an area the file does not have, with the closest names."""
    return unknown_area_problem(city.source, area, city.areas)


def no_wave(city: CityFigures, a: int, wave: int) -> Problem:
    """The problem for an area without answers in ``wave``, naming its waves."""
    waves = ", ".join(map(str, city.waves_of(a)))
    return Problem(
        file=city.source, code=Code.SURVEY_NO_WAVE, params={"area": city.areas[a], "wave": wave, "waves": waves}
    )


def area_figures(city: CityFigures, area: str, wave: int | None = None) -> AreaFigures:
    """What :func:`survey.prioritise.profile_area` gives for ``area`` (rest of the city, no population).

    ``wave`` defaults to the area's latest.

    Raises:
        InputError: the area is not in the file, or has no answers in ``wave``.
    """
    a = city.area_index(area)
    if a is None:
        raise InputError([unknown_area(city, area)])
    waves = city.waves_of(a)
    wave = waves[-1] if wave is None else wave
    if wave not in waves:
        raise InputError([no_wave(city, a, wave)])
    w = city.waves.index(wave)
    figures = []
    for f in np.flatnonzero(city.present[a, w]):
        n, c = city.respondents[a, w, f], city.count[a, w, f]
        figures.append(
            FactorFigure(
                factor=city.factors[f],
                kind=str(city.kinds[f]),
                respondents=None if np.isnan(n) else int(n),
                count=None if np.isnan(c) else int(c),
                prevalence=_optional(city.prevalence[a, w, f]),
                ci_low=_optional(city.ci_low[a, w, f]),
                ci_high=_optional(city.ci_high[a, w, f]),
                benchmark_prevalence=_optional(city.benchmark[a, w, f]),
                difference=_optional(city.difference[a, w, f]),
                diff_low=_optional(city.diff_low[a, w, f]),
                diff_high=_optional(city.diff_high[a, w, f]),
                p_adjusted=_optional(city.p_adjusted[a, w, f]),
                stands_out=bool(city.stands_out[a, w, f]),
                suppressed=bool(np.isnan(n)),
                incomplete=bool(city.incomplete[a, w, f]),
                affected=None,
            )
        )
    low, high = city.span[a, w]
    return AreaFigures(
        area=area,
        wave=wave,
        benchmark=Benchmark.of(None),
        threshold=city.threshold,
        factors=figures,
        suggested=suggest_priorities(figures),
        timing=city.timing,
        span=None if np.isnan(low) else (int(low), int(high)),
        source=city.source,
        sha256=city.sha256,
        waves=waves,
        notes=city.notes,
    )


@dataclass(frozen=True)
class Comparison:
    """Areas (rows) x factors (columns) in one wave: a view of :class:`CityFigures`.

    ``rows`` index the city's areas, ``columns`` its factors; ``absent`` are areas the file has
    but without answers in this wave (left out of the table and named in it).
    """

    city: CityFigures
    wave: int
    rows: np.ndarray  #: [R] indices into city.areas
    columns: np.ndarray  #: [C] indices into city.factors, the factors shown
    chosen_factors: bool  #: the factors were chosen (--factor), not all of them
    absent: list[str]

    @property
    def w(self) -> int:
        return self.city.waves.index(self.wave)

    @property
    def area_names(self) -> list[str]:
        return [self.city.areas[a] for a in self.rows]

    @property
    def factor_ids(self) -> list[str]:
        return [self.city.factors[f] for f in self.columns]

    def cells(self, values: np.ndarray) -> np.ndarray:
        """[R, C]: one of the city's [A, W, F] arrays for the shown areas and factors in this wave."""
        return values[:, self.w][np.ix_(self.rows, self.columns)]

    def standouts(self, r: int) -> list[int]:
        """The factors (indices into city.factors) on which row ``r`` stands out, over all factors."""
        return [int(f) for f in np.flatnonzero(self.city.stands_out[self.rows[r], self.w])]


def compare(
    city: CityFigures,
    wave: int | None = None,
    areas: Sequence[str] = (),
    factors: Sequence[str] = (),
) -> Comparison:
    """The table of ``areas`` (default all) on ``factors`` (ids; default all) in ``wave`` (default the latest).

    Raises:
        InputError: a wave the file does not have, an area it does not have (or that has no
            answers in the wave), a factor without figures in the file.
    """
    wave = city.waves[-1] if wave is None else wave
    if wave not in city.waves:
        waves = ", ".join(map(str, city.waves))
        raise InputError([Problem(file=city.source, code=Code.COMPARE_NO_WAVE, params={"wave": wave, "waves": waves})])
    w = city.waves.index(wave)
    problems: list[Problem] = []
    rows: list[int] = []
    for area in dict.fromkeys(areas):  # in the order given, once each
        a = city.area_index(area)
        if a is None:
            problems.append(unknown_area(city, area))
        elif not city.present[a, w].any():
            problems.append(no_wave(city, a, wave))
        else:
            rows.append(a)
    columns = []
    for factor in dict.fromkeys(factors):
        if factor in city.factors:
            columns.append(city.factors.index(factor))
        else:
            problems.append(Problem(file=city.source, code=Code.COMPARE_FACTOR_NOT_IN_FILE, params={"factor": factor}))
    if problems:
        raise InputError(problems)
    with_answers = city.present[:, w].any(axis=1)
    if not areas:
        rows = [int(a) for a in np.flatnonzero(with_answers)]
    return Comparison(
        city=city,
        wave=wave,
        rows=np.array(rows, dtype=int),
        columns=np.array(columns if factors else range(len(city.factors)), dtype=int),
        chosen_factors=bool(factors),
        absent=[] if areas else [city.areas[a] for a in np.flatnonzero(~with_answers)],
    )
