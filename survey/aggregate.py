"""Respondent answers -> aggregates: per area, wave, grade and factor, who has a valid score and who is past the cut.

The result is the aggregate format (inputs/survey_tables.py) that area teams receive: one row per
area x wave x grade x factor with ``respondents`` (pupils with a valid scale score) and ``count``
(of those, at risk on a risk factor or protected on a protective factor), plus a total row per
area x wave x factor over all grades (empty grade), so area figures never need hidden cells.
Small cells are then suppressed (:mod:`survey.suppression`), primary and complementary, before
anything is written. Respondent data never leave the analyst's machine: only these counts do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from inputs.codebook import Codebook
from inputs.taxonomy import Taxonomy
from survey.responses import Responses
from survey.scales import score_scale
from survey.suppression import complementary, primary

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COLUMNS = ("area", "wave", "timing", "factor", "respondents", "count")


@dataclass
class Aggregates:
    """Aggregate rows (``timing`` NaN = all grades), with what was suppressed and what was not answered."""

    frame: pd.DataFrame  #: columns COLUMNS; respondents/count NaN where suppressed
    timing: str  #: "grade" or "age"
    threshold: int
    suppressed: int  #: cells hidden (primary and complementary)
    out_of_range: int  #: answers outside their item's range, counted as not answered


def count_cells(responses: Responses, codebook: Codebook, taxonomy: Taxonomy) -> tuple[pd.DataFrame, int]:
    """Unsuppressed counts per area x wave x timing x factor (grade rows only), and out-of-range answers."""
    import pandas as pd

    keys = pd.DataFrame({"area": responses.area, "wave": responses.wave, "timing": responses.timing})
    valid_cols: dict[str, np.ndarray] = {}
    flag_cols: dict[str, np.ndarray] = {}
    out_of_range = 0
    for scale in codebook.scales:
        answers = responses.answers[scale.items].to_numpy(dtype=float)
        reverse = np.array([item in scale.reverse for item in scale.items])
        span = codebook.answer_range(scale)
        kind = taxonomy.factors_by_id[scale.factor].kind
        result = score_scale(answers, reverse, span.min, span.max, scale.min_answered, scale.cut_point, kind)
        valid_cols[scale.factor] = result.valid.astype(np.int64)
        flag_cols[scale.factor] = result.flagged.astype(np.int64)
        out_of_range += result.out_of_range
    factors = list(valid_cols)
    wide = pd.concat(
        [keys, pd.DataFrame(valid_cols).add_prefix("n|"), pd.DataFrame(flag_cols).add_prefix("c|")], axis=1
    )
    sums = wide.groupby(["area", "wave", "timing"], sort=True).sum()
    long = pd.DataFrame(
        {
            "area": np.repeat(sums.index.get_level_values("area").to_numpy(), len(factors)),
            "wave": np.repeat(sums.index.get_level_values("wave").to_numpy(), len(factors)),
            "timing": np.repeat(sums.index.get_level_values("timing").to_numpy().astype(float), len(factors)),
            "factor": np.tile(np.array(factors, dtype=object), len(sums)),
            "respondents": sums[[f"n|{f}" for f in factors]].to_numpy(dtype=float).ravel(),
            "count": sums[[f"c|{f}" for f in factors]].to_numpy(dtype=float).ravel(),
        }
    )
    return long, out_of_range


def with_totals(cells: pd.DataFrame) -> pd.DataFrame:
    """``cells`` (grade rows) plus one total row per area x wave x factor (``timing`` NaN), totals first."""
    import pandas as pd

    totals = cells.groupby(["area", "wave", "factor"], sort=False, as_index=False)[["respondents", "count"]].sum()
    totals["timing"] = np.nan
    out = pd.concat([totals[list(COLUMNS)], cells[list(COLUMNS)]], ignore_index=True)
    order = out["timing"].fillna(-1)
    return out.assign(_o=order).sort_values(["area", "wave", "factor", "_o"], kind="stable").drop(columns="_o")


def suppress(frame: pd.DataFrame, threshold: int) -> tuple[pd.DataFrame, int]:
    """Hide small cells and whatever would reveal them (see :mod:`survey.suppression`); and how many were hidden.

    ``frame`` has total rows (``timing`` NaN) and grade rows per area x wave x factor.
    """
    frame = frame.reset_index(drop=True)
    n = frame["respondents"].to_numpy(dtype=float)
    hide = primary(n, threshold)
    is_total = frame["timing"].isna().to_numpy()
    groups = frame.groupby(["area", "wave", "factor"], sort=False).indices
    for members in groups.values():  # one small group per area, wave and factor
        rows = np.asarray(members)
        totals = rows[is_total[rows]]
        parts = rows[~is_total[rows]]
        if len(totals) != 1:
            continue
        total = totals[0]
        part_hidden, total_hidden = complementary(n[parts], n[total], hide[parts], threshold)
        hide[parts] = part_hidden
        hide[total] = hide[total] or total_hidden
    out = frame.copy()
    out.loc[hide, ["respondents", "count"]] = np.nan
    already = np.isnan(n)
    return out, int((hide & ~already).sum())


def aggregate(responses: Responses, codebook: Codebook, taxonomy: Taxonomy, threshold: int) -> Aggregates:
    """Responses -> suppressed aggregates with total rows (see the module docstring).

    ``codebook`` must have been read with the taxonomy (``read_codebook(path, taxonomy)``).
    """
    cells, out_of_range = count_cells(responses, codebook, taxonomy)
    frame, hidden = suppress(with_totals(cells), threshold)
    return Aggregates(frame, codebook.columns.timing, threshold, hidden, out_of_range)
