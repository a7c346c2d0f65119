"""Area figures from aggregate rows: each area's total per wave and factor, and a benchmark to compare with.

An area's total is its "all grades" row when the file has one (``survey aggregate`` writes it),
else the sum of its grade rows; a total missing some hidden grade cells is marked
``incomplete``. Totals from fewer respondents than the threshold are hidden here too, whatever
the file's producer did. The benchmark of an area is either the rest of the city (the other areas
of the same file and wave, **only those whose own total is shown**, so no hidden area can be
recovered by comparing two benchmarks) or an external file (another area, the city, the nation)
pooled per wave and factor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from survey.suppression import primary

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

KEYS = ["area", "wave", "factor"]


def area_totals(rows: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Per area, wave and factor: respondents, count (NaN when hidden), ``incomplete`` and ``hidden``."""
    is_total = rows["timing"].isna()
    given = rows.loc[is_total, [*KEYS, "respondents", "count"]].assign(incomplete=False)
    parts = rows.loc[~is_total].assign(missing=lambda t: t["respondents"].isna())
    if len(given):  # groups with a total row need no sum
        parts = parts[~parts.set_index(KEYS).index.isin(given.set_index(KEYS).index)]
    summed = (
        parts.groupby(KEYS, sort=False)
        .agg(respondents=("respondents", "sum"), count=("count", "sum"), incomplete=("missing", "max"))
        .reset_index()
    )
    import pandas as pd

    totals = pd.concat([given, summed], ignore_index=True)
    hidden = primary(totals["respondents"].to_numpy(dtype=float), threshold)
    totals.loc[hidden, ["respondents", "count"]] = np.nan
    totals["hidden"] = hidden
    return totals.sort_values(KEYS, kind="stable").reset_index(drop=True)


def rest_of_city(totals: pd.DataFrame, area: str) -> pd.DataFrame:
    """Per wave and factor: the pooled shown totals of every area except ``area``."""
    others = totals[(totals["area"] != area) & ~totals["hidden"]]
    return others.groupby(["wave", "factor"], sort=False)[["respondents", "count"]].sum(min_count=1).reset_index()


def pooled(totals: pd.DataFrame) -> pd.DataFrame:
    """Per wave and factor: the pooled shown totals of every area (an external benchmark file)."""
    shown = totals[~totals["hidden"]]
    return shown.groupby(["wave", "factor"], sort=False)[["respondents", "count"]].sum(min_count=1).reset_index()


def optional(value: float) -> float | None:
    """A figure for output: None where it is NaN (hidden or not computable)."""
    return None if np.isnan(value) else float(value)


def optional_int(value: float) -> int | None:
    """A count for output: None where it is NaN (hidden)."""
    return None if np.isnan(value) else int(value)
