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


def find_programme(catalogue: Catalogue, query: str) -> Programme | None:
    """The programme ``query`` names: its id in any case, or its name, Swedish name or an alias.

    Names are compared ignoring case and extra spaces; an id always wins over a name.
    """
    folded = " ".join(query.strip().casefold().split())
    by_id = {pid.casefold(): programme for pid, programme in catalogue.by_id.items()}
    if folded.replace(" ", "_") in by_id:
        return by_id[folded.replace(" ", "_")]
    for programme in catalogue.programmes:
        names = [programme.name, programme.name_sv or "", *programme.aliases]
        if folded in {" ".join(name.casefold().split()) for name in names if name}:
            return programme
    return None
