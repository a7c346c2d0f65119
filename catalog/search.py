"""Find programmes in the catalogue by factor, age, level and domain."""

from __future__ import annotations

from catalog.catalogue import Catalogue
from inputs.programme import Programme


def filter_programmes(
    catalogue: Catalogue,
    *,
    factor: str | None = None,
    age: int | None = None,
    level: str | None = None,
    domain: str | None = None,
) -> list[Programme]:
    """Programmes matching every given criterion, in catalogue order.

    Args:
        factor: a factor id the programme must target.
        age: an age in years the programme must serve.
        level: a prevention level the programme must offer.
        domain: a domain the programme must work in.
    """
    out = []
    for programme in catalogue.programmes:
        if factor is not None and factor not in {t.factor for t in programme.factors}:
            continue
        if age is not None and not programme.ages.min <= age <= programme.ages.max:
            continue
        if level is not None and level not in programme.levels:
            continue
        if domain is not None and domain not in programme.domains:
            continue
        out.append(programme)
    return out
