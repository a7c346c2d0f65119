"""What a programme costs an area: a cost per participant in SEK at the price year, times participants.

A catalogue cost is kept exactly as its source gives it (e.g. WSIPP: 805 US dollars of 2023 per
participant). Here it becomes Swedish kronor at the price year of ``catalog/prices.yaml``::

    sek = amount * rate[currency, year] * KPI[price_year] / KPI[year]

the rate being the annual average SEK per unit in the cost's own year, and KPI the Swedish
consumer price index. A cost that cannot be converted (no per-participant figure, no rate or
no KPI for its year) stays unknown, with the reason; it never counts as zero. When a programme
has several convertible per-participant figures (e.g. Triple P's population level and its
individual level 4) the highest is used, so a budget is never planned on the cheaper reading.

Participants: the children of the profile's ages in the bands the programme serves, times the
share of them in the target group of the level it would run at, times the share of that group a
new programme reaches in a year (profile ``action_plan.target_group`` and ``action_plan.reach``;
docs/action_plan.md gives the defaults and says they are assumptions to change).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from inputs.prices import PriceTable
from inputs.programme import Programme

#: Units that mean "per person reached"; WSIPP's per-participant figures count a family as one
#: participant in family programmes.
PER_PARTICIPANT = ("per_participant", "per_child", "per_family")
#: Kinds that are a programme's whole running cost (licence, training or materials alone are not).
WHOLE_COST = ("net_programme_cost", "programme_cost")

UnknownReason = Literal["no_cost", "unit", "no_rate", "no_cpi"]


@dataclass(frozen=True)
class UnitCost:
    """A programme's cost per participant in SEK at ``price_year``, or why it is unknown."""

    programme: str
    price_year: int
    sek: float | None  #: None when unknown
    reason: UnknownReason | None = None  #: why it is unknown
    amount: float | None = None  #: as the source gives it
    currency: str | None = None
    year: int | None = None  #: the source's price year
    source: str | None = None  #: the cost's source URL
    rate: float | None = None  #: SEK per unit in ``year``
    rate_source: str | None = None
    cpi_factor: float | None = None  #: KPI[price_year] / KPI[year]

    @property
    def known(self) -> bool:
        return self.sek is not None


def unit_cost(programme: Programme, prices: PriceTable) -> UnitCost:
    """The programme's cost per participant in SEK at the table's price year (see the module doc)."""
    price_year = prices.price_year
    figures = [c for c in programme.costs if c.unit in PER_PARTICIPANT and c.kind in WHOLE_COST]
    if not figures:
        reason: UnknownReason = "unit" if programme.costs else "no_cost"
        return UnitCost(programme.id, price_year, None, reason)
    converted: list[UnitCost] = []
    failures: list[UnitCost] = []
    for cost in figures:
        base = UnitCost(programme.id, price_year, None, None, cost.amount, cost.currency, cost.year, str(cost.source))
        rate = prices.rate(cost.currency, cost.year)
        if rate is None:
            failures.append(_with(base, reason="no_rate"))
            continue
        cpi = prices.cpi.annual_average
        if cost.year not in cpi:
            failures.append(_with(base, reason="no_cpi", rate=rate[0], rate_source=rate[1] or None))
            continue
        factor = cpi[price_year] / cpi[cost.year]
        converted.append(
            _with(
                base,
                sek=cost.amount * rate[0] * factor,
                rate=rate[0],
                rate_source=rate[1] or None,
                cpi_factor=factor,
            )
        )
    if converted:
        return max(converted, key=lambda c: (c.sek or 0.0, c.year or 0))
    return failures[0]


def _with(base: UnitCost, **changes: object) -> UnitCost:
    return replace(base, **changes)  # type: ignore[arg-type]


def participants(
    age_share: np.ndarray, population: np.ndarray, target_share: np.ndarray, reach: np.ndarray
) -> np.ndarray:
    """[P]: people a year each programme would reach in the area (not rounded).

    Args:
        age_share: [P, B] share of the profile's years in each band that the programme serves.
        population: [B] children of the profile's ages living in the area, per band.
        target_share: [P] share of them in the target group of the level the programme runs at.
        reach: [P] share of the target group a new programme reaches in a year.
    """
    return (age_share @ population) * target_share * reach
