"""Everything a person reads, in Swedish or English.

Domain words (factor names, tiers, levels, bands) come from the taxonomy and evidence
files; interface words (headings, column names, sentences) come from
``reports/strings.yaml``. Nothing human-facing is written inline in the logic.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from recommender.evidence import EvidenceScale
from recommender.taxonomy import Taxonomy
from recommender.vocabulary import Lang

STRINGS_PATH = Path(__file__).with_name("strings.yaml")


@cache
def strings() -> dict[str, dict[str, str]]:
    """The interface strings, keyed by id then language."""
    with STRINGS_PATH.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, str]] = yaml.safe_load(handle)
    return data


def text(key: str, lang: Lang, **params: Any) -> str:
    """The interface string ``key`` in ``lang`` with ``params`` filled in."""
    entry = strings()[key]
    return entry[lang].format(**params) if params else entry[lang]


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """A number for people: ``12 345,6`` in Swedish, ``12,345.6`` in English."""
    formatted = f"{value:,.{digits}f}"
    if lang == "sv":
        return formatted.replace(",", "\u00a0").replace(".", ",")
    return formatted


def percent(share: float, lang: Lang) -> str:
    """A share 0-1 as a whole percentage, with the Swedish non-breaking space before %."""
    value = round(100 * share)
    return f"{value}\u00a0%" if lang == "sv" else f"{value}%"


class Labels:
    """Bound to one language and the loaded taxonomy and evidence scale."""

    def __init__(self, lang: Lang, taxonomy: Taxonomy, scale: EvidenceScale):
        self.lang = lang
        self.taxonomy = taxonomy
        self.scale = scale

    def __call__(self, key: str, **params: Any) -> str:
        return text(key, self.lang, **params)

    def factor(self, factor_id: str) -> str:
        return self.taxonomy.factor_label(factor_id, self.lang)

    def behaviour(self, behaviour_id: str) -> str:
        return self.taxonomy.behaviour_label(behaviour_id, self.lang)

    def domain(self, domain: str) -> str:
        return self.taxonomy.domain_label(domain, self.lang)

    def level(self, level: str) -> str:
        return self.taxonomy.level_label(level, self.lang)

    def band(self, band_id: str) -> str:
        return self.taxonomy.band_label(band_id, self.lang)

    def tier(self, tier: str) -> str:
        return self.scale.tier_label(tier, self.lang)

    def kind(self, kind: str) -> str:
        """Label of a warning kind."""
        info = self.scale.warning_kinds_by_id.get(kind)
        return info.label.get(self.lang) if info else kind

    def num(self, value: float, digits: int = 1) -> str:
        return number(value, self.lang, digits)

    def pct(self, share: float) -> str:
        return percent(share, self.lang)

    def join(self, items: list[str]) -> str:
        return ", ".join(items)
