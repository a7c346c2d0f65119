"""Costs in SEK at the price year: the formula, the sources, and unknown stays unknown."""

from __future__ import annotations

import pytest

from action_plan.costs import unit_cost
from action_plan.prices import load_prices
from inputs.prices import PriceTable
from tests.builders import make_programme

URL = "https://example.org/cost"


def with_cost(amount: float, currency: str, year: int, unit: str = "per_participant", kind: str = "net_programme_cost"):
    cost = {"amount": amount, "currency": currency, "year": year, "unit": unit, "kind": kind, "source": URL}
    return make_programme("p", costs=[cost])


def test_the_price_table_has_sources_and_a_price_year() -> None:
    prices = load_prices()
    assert prices.price_year == max(prices.cpi.annual_average) == 2023
    assert prices.cpi.source.startswith("https://www.scb.se/")
    assert all(s.source.startswith("https://") for s in prices.exchange_rates)
    assert prices.rate("USD", 2016) is None  # not verified in any source: left out, never guessed


def test_conversion_is_rate_times_cpi_ratio() -> None:
    prices = load_prices()
    cost = unit_cost(with_cost(805.0, "USD", 2023), prices)
    assert cost.sek == pytest.approx(805.0 * 10.6089)
    older = unit_cost(with_cost(698.0, "USD", 2022), prices)
    assert older.sek == pytest.approx(698.0 * 10.1177 * 403.70 / 371.91)
    assert older.cpi_factor == pytest.approx(403.70 / 371.91)
    sek = unit_cost(with_cost(1000.0, "SEK", 2015), prices)
    assert sek.sek == pytest.approx(1000.0 * 403.70 / 313.35)


@pytest.mark.parametrize(
    ("programme", "reason"),
    [
        (make_programme("p"), "no_cost"),
        (with_cost(100.0, "USD", 2016), "no_rate"),
        (with_cost(100.0, "EUR", 2023), "no_rate"),
        (with_cost(100.0, "SEK", 2001), "no_cpi"),
        (with_cost(100.0, "USD", 2023, unit="per_school"), "unit"),
        (with_cost(100.0, "USD", 2023, kind="licence"), "unit"),
    ],
)
def test_what_cannot_be_converted_stays_unknown(programme, reason: str) -> None:
    cost = unit_cost(programme, load_prices())
    assert cost.sek is None and not cost.known
    assert cost.reason == reason


def test_the_highest_convertible_figure_is_used() -> None:
    costs = [
        {"amount": a, "currency": "USD", "year": 2023, "unit": "per_participant", "kind": "net_programme_cost",
         "source": URL}
        for a in (150.0, 890.0)
    ]  # fmt: skip
    assert unit_cost(make_programme("p", costs=costs), load_prices()).amount == 890.0


def test_a_bad_figure_is_refused() -> None:
    from pydantic import ValidationError

    data = load_prices().model_dump(mode="json")
    data["cpi"]["annual_average"]["2024"] = -1
    with pytest.raises(ValidationError):
        PriceTable.model_validate(data)
