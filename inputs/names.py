"""The closed vocabularies (domains, levels, languages) and the Swedish names people type for them.

Plain Python, no pydantic: ``cli.py`` builds its options from these names, and ``insatsval
--help`` must not wait for the input models to be built. :mod:`inputs.vocabulary` re-exports
everything here next to the pydantic types that use it.
"""

from __future__ import annotations

from typing import Literal

#: The four CTC domains. ``individual_peer`` is CTC's "individual/peer" domain.
Domain = Literal["community", "family", "school", "individual_peer"]
DOMAINS: tuple[Domain, ...] = ("community", "family", "school", "individual_peer")

#: Prevention levels (Institute of Medicine classification used by CTC).
Level = Literal["universal", "selective", "indicated"]
LEVELS: tuple[Level, ...] = ("universal", "selective", "indicated")

#: Interface languages.
Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")

#: Swedish names people read in the output and type back into their files, for each id.
LEVEL_SWEDISH: dict[str, tuple[str, ...]] = {
    "universal": ("universell",),
    "selective": ("selektiv",),
    "indicated": ("indikerad",),
}
DOMAIN_SWEDISH: dict[str, tuple[str, ...]] = {
    "community": ("närsamhälle", "samhälle"),
    "family": ("familj",),
    "school": ("skola",),
    "individual_peer": ("individ och kamrater", "individ/kamrater", "individ"),
}
#: Every name accepted for a level or a domain: the ids, then the Swedish names (any case).
LEVEL_NAMES: tuple[str, ...] = (*LEVELS, *(name for names in LEVEL_SWEDISH.values() for name in names))
DOMAIN_NAMES: tuple[str, ...] = (*DOMAINS, *(name for names in DOMAIN_SWEDISH.values() for name in names))
_LEVEL_LOOKUP: dict[str, str] = {
    **{lv: lv for lv in LEVELS},
    **{n: lv for lv, names in LEVEL_SWEDISH.items() for n in names},
}
_DOMAIN_LOOKUP: dict[str, str] = {
    **{d: d for d in DOMAINS},
    **{n: d for d, names in DOMAIN_SWEDISH.items() for n in names},
}


def _fold(value: str) -> str:
    return " ".join(value.strip().casefold().split())


def canonical_level(value: str) -> str:
    """The level id for an id or Swedish name in any case (``Selektiv`` -> ``selective``); else unchanged."""
    return _LEVEL_LOOKUP.get(_fold(value), value)


def canonical_domain(value: str) -> str:
    """The domain id for an id or Swedish name in any case (``Familj`` -> ``family``); else unchanged."""
    return _DOMAIN_LOOKUP.get(_fold(value), value)
