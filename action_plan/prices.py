"""Load the price table (``catalog/prices.yaml``): exchange rates to SEK and the Swedish KPI."""

from __future__ import annotations

from pathlib import Path

from catalog import bundled_path
from inputs.loading import load_document
from inputs.prices import PriceTable


def load_prices(path: Path | None = None) -> PriceTable:
    """The price table at ``path``, or the bundled ``catalog/prices.yaml``.

    Raises:
        InputError: the file is missing, not YAML, or does not follow ``schemas/prices.schema.json``.
    """
    return load_document(path or bundled_path("prices.yaml"), PriceTable)[0]
