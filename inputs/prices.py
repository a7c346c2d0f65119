"""The price table: exchange rates to SEK and the Swedish consumer price index (KPI).

``catalog/prices.yaml`` is the data; this module defines its format
(``schemas/prices.schema.json``). Every figure sits in a series that names the public page it
was read from. A year a source did not show is left out of its series, and a conversion that
needs it says "unknown" (:mod:`action_plan.costs`); nothing is interpolated.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from inputs.problems import Code
from inputs.vocabulary import LocalText, NonEmptyStr, SourceUrl, StrictModel


class RateSeries(StrictModel):
    """Annual average exchange rates of one currency, in SEK per unit, from one source."""

    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code of the foreign currency, e.g. USD.")
    source: SourceUrl = Field(description="The public page the figures were read from.")
    publisher: NonEmptyStr = Field(description="Who publishes the figures.")
    note: LocalText | None = None
    sek_per_unit: dict[int, float] = Field(
        min_length=1, description="Year -> annual average, SEK per one unit of the currency."
    )

    @field_validator("sek_per_unit")
    @classmethod
    def _positive(cls, values: dict[int, float]) -> dict[int, float]:
        for year, rate in values.items():
            if not (1990 <= year <= 2100) or rate <= 0:
                raise PydanticCustomError(
                    Code.PRICE_FIGURE_INVALID,
                    "year {year}: a rate must be positive and the year 1990-2100",
                    {"year": year},
                )
        return values


class CpiSeries(StrictModel):
    """Annual averages of a consumer price index, from one source."""

    name: NonEmptyStr = Field(description="The index as its publisher names it, with its base.")
    source: SourceUrl
    publisher: NonEmptyStr
    note: LocalText | None = None
    annual_average: dict[int, float] = Field(min_length=1, description="Year -> annual average index value.")

    @field_validator("annual_average")
    @classmethod
    def _positive(cls, values: dict[int, float]) -> dict[int, float]:
        for year, value in values.items():
            if not (1980 <= year <= 2100) or value <= 0:
                raise PydanticCustomError(
                    Code.PRICE_FIGURE_INVALID,
                    "year {year}: an index value must be positive and the year 1980-2100",
                    {"year": year},
                )
        return values


class PriceTable(StrictModel):
    """The whole of ``catalog/prices.yaml``."""

    schema_version: Literal[1] = 1
    checked: str = Field(description="When the figures were read from their sources (YYYY-MM-DD).")
    exchange_rates: list[RateSeries] = Field(default_factory=list)
    cpi: CpiSeries = Field(description="Swedish CPI (KPI); costs are moved to the price year with it.")

    @property
    def price_year(self) -> int:
        """The latest year with a KPI annual average: every SEK figure is given in this year's prices."""
        return max(self.cpi.annual_average)

    def rate(self, currency: str, year: int) -> tuple[float, str] | None:
        """SEK per unit of ``currency`` in ``year`` and its source, or None when the table lacks it."""
        if currency == "SEK":
            return 1.0, ""
        for series in self.exchange_rates:
            if series.currency == currency and year in series.sek_per_unit:
                return series.sek_per_unit[year], series.source
        return None
