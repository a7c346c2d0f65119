"""Everything a person reads, in Swedish or English.

Domain words (factor names, tiers, levels, bands) come from the taxonomy and evidence
files; interface words (headings, column names, sentences) come from
``render/strings.yaml``. Nothing human-facing is written inline in the logic.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from inputs.evidence_scale import EvidenceScale
from inputs.plural import Template, plural_form
from inputs.programme import Evaluation
from inputs.taxonomy import AgeBand, Taxonomy
from inputs.vocabulary import Lang, LocalText

STRINGS_PATH = Path(__file__).with_name("strings.yaml")
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def strings() -> dict[str, dict[str, Template]]:
    """The interface strings, keyed by id then language.

    ``strings.yaml`` holds the core; each later phase keeps its words in ``strings_<phase>.yaml``
    next to it. A key defined twice is a bug (``tests/test_strings.py``).
    """
    data: dict[str, dict[str, Template]] = {}
    for path in sorted(STRINGS_PATH.parent.glob("strings*.yaml")):
        # libyaml's loader: the pure-Python one spent a tenth of a `recommend` run on this file
        data.update(yaml.load(path.read_bytes(), Loader=_LOADER) or {})
    return data


def text(key: str, lang: Lang, **params: Any) -> str:
    """The interface string ``key`` in ``lang`` with ``params`` filled in."""
    template = plural_form(strings()[key][lang], params.get("count"))
    return template.format(**params) if params else template


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


def band_span(band: AgeBand) -> str:
    """``10-12`` (or ``0`` for a one-year band)."""
    return f"{band.min}-{band.max}" if band.min != band.max else str(band.min)


class Labels:
    """Every label in one language, looked up once from the loaded taxonomy and evidence scale."""

    def __init__(self, lang: Lang, taxonomy: Taxonomy, scale: EvidenceScale):
        self.lang = lang
        self.taxonomy = taxonomy
        self.scale = scale
        self._factors = {f.id: f.label.get(lang) for f in taxonomy.factors}
        self._behaviours = {b.id: b.label.get(lang) for b in taxonomy.problem_behaviours}
        self._domains: dict[str, str] = {d.id: d.label.get(lang) for d in taxonomy.domains}
        self._levels: dict[str, str] = {lv.id: lv.label.get(lang) for lv in taxonomy.levels}
        self._bands = {b.id: f"{b.label.get(lang)} ({band_span(b)})" for b in taxonomy.age_bands}
        self._spans = {b.id: band_span(b) for b in taxonomy.age_bands}
        self._band_names = {b.id: b.label.get(lang) for b in taxonomy.age_bands}
        self._tiers: dict[str, str] = {t.id: t.label.get(lang) for t in scale.tiers}
        self._registries = {r.id: r.short.get(lang) for r in scale.registries}
        self._kinds = {k.id: k.label.get(lang) for k in scale.warning_kinds}
        self._designs = {d.id: d.label.get(lang) for d in scale.evaluations.designs}
        self._results = {r.id: r.label.get(lang) for r in scale.evaluations.results}

    def __call__(self, key: str, **params: Any) -> str:
        return text(key, self.lang, **params)

    def factor(self, factor_id: str) -> str:
        return self._factors.get(factor_id, factor_id)

    def behaviour(self, behaviour_id: str) -> str:
        return self._behaviours.get(behaviour_id, behaviour_id)

    def predicts(self, factor_id: str) -> list[str]:
        """Labels of the problem behaviours a factor predicts."""
        return [self.behaviour(b) for b in self.taxonomy.factors_by_id[factor_id].predicts]

    def domain(self, domain: str) -> str:
        return self._domains.get(domain, domain)

    def level(self, level: str) -> str:
        return self._levels.get(level, level)

    def band(self, band_id: str) -> str:
        """``Högstadiet (13-15)``."""
        return self._bands.get(band_id, band_id)

    def band_name(self, band_id: str) -> str:
        """The band's stage name only: ``Högstadiet``."""
        return self._band_names.get(band_id, band_id)

    def span(self, band_id: str) -> str:
        """The band's ages only: ``13-15``."""
        return self._spans.get(band_id, band_id)

    def tier(self, tier: str) -> str:
        return self._tiers.get(tier, tier)

    def registry(self, registry_id: str) -> str:
        """The registry's short name for tables and explanations."""
        return self._registries.get(registry_id, registry_id)

    def kind(self, kind: str) -> str:
        """Label of a warning kind."""
        return self._kinds.get(kind, kind)

    def evaluation(self, evaluation: Evaluation) -> str:
        """'randomiserad studie (SE 2015): effekt'."""
        where = ", ".join(evaluation.countries)
        design = self._designs.get(evaluation.design, evaluation.design)
        return f"{design} ({where} {evaluation.year}): {self._results.get(evaluation.result, evaluation.result)}"

    def text(self, value: LocalText | None) -> str:
        """A catalogue text in this language ('' when there is none)."""
        return value.get(self.lang) if value is not None else ""

    def num(self, value: float, digits: int = 1) -> str:
        return number(value, self.lang, digits)

    def pct(self, share: float) -> str:
        return percent(share, self.lang)

    def join(self, items: list[str]) -> str:
        return ", ".join(items)
