"""A made-up CTC survey to develop and test with: 136 sub-areas, several waves, planted truths.

Nothing here is real. The generator lays 136 sub-areas on a 17 x 8 grid and groups them into 14
contiguous local areas (rectangles of the grid), gives each local area its own factor profile,
then plants what the tests must find:

* **standouts**: a few large sub-areas get a much higher share at risk on two risk factors (or a
  much lower share protected on a protective factor) than the rest of the city;
* **changes**: a few large sub-areas see one risk factor fall steadily from the first wave to the
  last.

Pupils answer the example codebook's items so that their scale scores fall on the planted side of
each cut-point; some answers are missing and some are coded 9 ("don't know"), as in real files.
The truth it planted is returned (and written as ``truth.yaml`` by ``insatsval survey synth``),
so tests compare what ``prioritise`` and ``follow-up`` find with what was put in. Every file
written says in its first line that the data are made up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from inputs.codebook import Codebook
from inputs.taxonomy import Taxonomy

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COLUMNS, ROWS = 17, 8
#: Column widths of the local areas' strips; two halves (rows 0-3 and 4-7) make 14 local areas.
STRIPS = (2, 2, 3, 2, 3, 2, 3)
GRADES = (6, 7, 8, 9, 10, 11)
#: The made-up example codebook the generator answers (installed with the package, copied by ``survey synth``).
EXAMPLE_CODEBOOK = Path(__file__).with_name("kodbok-exempel.yaml")
NOTE = "PÅHITTADE EXEMPELDATA / MADE-UP EXAMPLE DATA - not a real survey (insatsval survey synth)"


@dataclass(frozen=True)
class Planted:
    area: str
    factor: str
    effect: float  #: added to the share past the cut-point (standouts) or its total change (changes)


@dataclass
class Synthetic:
    """The made-up survey and the truth behind it."""

    responses: pd.DataFrame  #: one row per pupil, codebook column names
    population: pd.DataFrame  #: area, population
    groups: dict[str, str]  #: sub-area -> local area
    cells: dict[str, tuple[int, int]]  #: sub-area -> (column, row) on the grid
    waves: list[int]
    standouts: list[Planted] = field(default_factory=list)
    changes: list[Planted] = field(default_factory=list)
    seed: int = 0
    true_share: np.ndarray | None = None  #: [wave, area, factor] the share each pupil was drawn with
    areas: list[str] = field(default_factory=list)
    factors: list[str] = field(default_factory=list)

    def truth(self) -> dict[str, Any]:
        """The planted truth as plain data (for ``truth.yaml``)."""
        return {
            "note": NOTE,
            "seed": self.seed,
            "waves": self.waves,
            "standouts": [{"area": p.area, "factor": p.factor, "effect": p.effect} for p in self.standouts],
            "changes": [
                {"area": p.area, "factor": p.factor, "change": p.effect, "from": self.waves[0], "to": self.waves[-1]}
                for p in self.changes
            ],
            "groups": self.groups,
        }


def area_name(index: int) -> str:
    return f"Delområde {index + 1:03d}"


def grid_groups() -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    """Sub-area -> local area ("Lokalt område A".."N"), and sub-area -> grid cell."""
    starts = np.cumsum((0, *STRIPS[:-1]))
    groups, cells = {}, {}
    for index in range(COLUMNS * ROWS):
        col, row = index % COLUMNS, index // COLUMNS
        strip = int(np.searchsorted(starts, col, side="right") - 1)
        group = strip * 2 + (row >= ROWS // 2)
        groups[area_name(index)] = f"Lokalt område {chr(ord('A') + group)}"
        cells[area_name(index)] = (col, row)
    return groups, cells


def _answers(
    flagged: np.ndarray, kind: str, reverse: np.ndarray, low: int, high: int, rng: np.random.Generator
) -> np.ndarray:
    """[R, I] answer codes whose scale scores fall on the flagged side of any cut-point up to 3.0."""
    r, i = len(flagged), len(reverse)
    upper = np.full((r, i), float(high))
    upper[np.arange(r), rng.integers(0, i, r)] = rng.choice([high - 1, high], r)
    lower = rng.choice([low, low + 1], (r, i)).astype(float)
    # a flagged pupil scores high on a risk factor (at risk) and high on a protective one (protected)
    values = np.where(flagged[:, None], upper, lower)
    values = np.where(reverse[None, :], low + high - values, values)
    missing = rng.random((r, i)) < 0.03
    dont_know = rng.random((r, i)) < 0.01
    return np.where(missing, np.nan, np.where(dont_know, 9.0, values))


def generate(
    codebook: Codebook, taxonomy: Taxonomy, seed: int = 1, waves: int = 4, first_wave: int = 2019
) -> Synthetic:
    """A made-up survey for the 136 grid sub-areas (see the module docstring)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    groups, cells = grid_groups()
    areas = list(groups)
    group_names = sorted(set(groups.values()))
    factors = [s.factor for s in codebook.scales]
    kinds = np.array([taxonomy.factors_by_id[f].kind for f in factors])
    years = [first_wave + 2 * w for w in range(waves)]
    # base share past the cut-point per factor, a profile per local area, a little noise per sub-area
    base = np.where(kinds == "risk", rng.uniform(0.15, 0.3, len(factors)), rng.uniform(0.5, 0.7, len(factors)))
    group_shift = rng.normal(0, 0.06, (len(group_names), len(factors)))
    share = base[None, :] + group_shift[[group_names.index(groups[a]) for a in areas]]
    share += rng.normal(0, 0.015, share.shape)
    # pupils per sub-area and wave: from a handful (suppressed) to a couple of hundred
    size = rng.choice([6, 14, 25, 40, 60, 90, 150], len(areas), p=[0.05, 0.1, 0.2, 0.25, 0.2, 0.12, 0.08])
    large = [i for i in range(len(areas)) if size[i] >= 90]
    order = rng.permutation(large)
    standout_areas, change_areas = order[:10], order[10:16]
    standouts: list[Planted] = []
    for a in standout_areas:
        risk = rng.choice(np.flatnonzero(kinds == "risk"), 2, replace=False)
        for f in risk:
            standouts.append(Planted(areas[a], factors[f], 0.3))
            share[a, f] += 0.3
        protective = rng.choice(np.flatnonzero(kinds == "protective"))
        standouts.append(Planted(areas[a], factors[protective], -0.35))
        share[a, protective] -= 0.35
    planted_elsewhere = {(p.area, p.factor) for p in standouts}
    changes: list[Planted] = []
    for a in change_areas:
        f = int(rng.choice(np.flatnonzero(kinds == "risk")))
        if (areas[a], factors[f]) in planted_elsewhere:
            continue
        share[a, f] += 0.2  # starts high, ends at the local area's level
        changes.append(Planted(areas[a], factors[f], -0.25))
    frames = []
    truth = np.empty((len(years), len(areas), len(factors)))
    for w, year in enumerate(years):
        counts = rng.poisson(size)
        area_of = np.repeat(np.arange(len(areas)), counts)
        wave_share = share.copy()
        for p in changes:
            step = w / max(1, waves - 1)
            wave_share[areas.index(p.area), factors.index(p.factor)] += p.effect * step
        wave_share = np.clip(wave_share, 0.02, 0.98)
        truth[w] = wave_share
        columns: dict[str, Any] = {
            codebook.columns.area: np.array(areas, dtype=object)[area_of],
            codebook.columns.wave: np.full(len(area_of), year),
            codebook.columns.timing_column: rng.choice(GRADES, len(area_of)),
        }
        for f, scale in enumerate(codebook.scales):
            flagged = rng.random(len(area_of)) < wave_share[area_of, f]
            span = codebook.answer_range(scale)
            reverse = np.array([item in scale.reverse for item in scale.items])
            answers = _answers(flagged, str(kinds[f]), reverse, span.min, span.max, rng)
            for j, item in enumerate(scale.items):
                columns[item] = answers[:, j]
        frames.append(pd.DataFrame(columns))
    responses = pd.concat(frames, ignore_index=True)
    population = pd.DataFrame(
        {"area": areas, "population": (size * rng.uniform(2.5, 4.0, len(areas))).round().astype(int)}
    )
    return Synthetic(responses, population, groups, cells, years, standouts, changes, seed, truth, areas, factors)


def adjacency(cells: dict[str, tuple[int, int]]) -> list[tuple[str, str]]:
    """Pairs of sub-areas whose grid squares share a side."""
    where = {cell: area for area, cell in cells.items()}
    pairs = []
    for area, (col, row) in cells.items():
        for other in ((col + 1, row), (col, row + 1)):
            if other in where:
                pairs.append((area, where[other]))
    return pairs


def geojson(cells: dict[str, tuple[int, int]], groups: dict[str, str]) -> dict[str, Any]:
    """The grid as GeoJSON squares (made-up coordinates near Malmö), one feature per sub-area."""
    x0, y0, step = 12.95, 55.56, 0.01  # shared corners are computed the same way, so borders coincide
    features = []
    for area, (col, row) in cells.items():
        x0_, y0_ = round(x0 + col * step, 6), round(y0 + (ROWS - 1 - row) * step, 6)
        x1_, y1_ = round(x0 + (col + 1) * step, 6), round(y0 + (ROWS - row) * step, 6)
        ring = [[x0_, y0_], [x1_, y0_], [x1_, y1_], [x0_, y1_], [x0_, y0_]]
        features.append(
            {
                "type": "Feature",
                "properties": {"area": area, "local_area": groups[area]},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "name": NOTE, "features": features}
