"""``insatsval catalog stats``: how well the catalogue covers each factor, and where tags come from.

For every taxonomy factor: how many programmes target it, split by age band, prevention
level and domain, and how many of them have at least `good` evidence. A factor is
``none`` when no programme targets it and ``thin`` when fewer than ``thin_below``
programmes do or none of them has `good` evidence or better; analysts use this to see
where the catalogue needs more programmes. Per programme, :func:`tag_stats` counts the tags that
follow from published factor lists and those we mapped from content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from catalog.arrays import catalogue_arrays
from catalog.catalogue import Catalogue
from inputs.evidence_scale import TIER_ORDER
from inputs.factor_phrases import PhraseTable, normalise_phrase
from inputs.vocabulary import DOMAINS, LEVELS

CoverageStatus = Literal["ok", "thin", "none"]
GOOD_INDEX = TIER_ORDER.index("good")


@dataclass(frozen=True)
class FactorStats:
    factor: str
    programmes: int
    good_or_better: int
    by_level: dict[str, int]
    by_domain: dict[str, int]
    by_band: dict[str, int]
    status: CoverageStatus
    programme_ids: list[str]

    @property
    def empty_bands(self) -> list[str]:
        """Age bands no programme targeting this factor serves."""
        return [band for band, n in self.by_band.items() if n == 0]


def factor_stats(catalogue: Catalogue, thin_below: int = 3) -> list[FactorStats]:
    """Coverage statistics for every factor, in taxonomy order (one matrix product per axis)."""
    arrays = catalogue_arrays(catalogue)
    targets = (arrays.basis > 0).astype(int)  # [P, F]
    in_band = (arrays.years.astype(int) @ arrays.band_years.astype(int)) > 0  # [P, B]
    good = (arrays.tier.min(axis=1) <= GOOD_INDEX).astype(int)  # best level's tier
    by_level = targets.T @ arrays.levels.astype(int)  # [F, 3]
    by_domain = targets.T @ arrays.domains.astype(int)  # [F, 4]
    by_band = targets.T @ in_band.astype(int)  # [F, B]
    totals = targets.sum(axis=0)
    good_totals = targets.T @ good
    out = []
    for f, factor in enumerate(catalogue.taxonomy.factor_ids):
        total, strong = int(totals[f]), int(good_totals[f])
        status: CoverageStatus = "none" if total == 0 else ("thin" if total < thin_below or strong == 0 else "ok")
        out.append(
            FactorStats(
                factor=factor,
                programmes=total,
                good_or_better=strong,
                by_level={lv: int(by_level[f, i]) for i, lv in enumerate(LEVELS)},
                by_domain={d: int(by_domain[f, i]) for i, d in enumerate(DOMAINS)},
                by_band={b: int(by_band[f, i]) for i, b in enumerate(catalogue.taxonomy.band_ids)},
                status=status,
                programme_ids=[arrays.ids[p] for p in np.flatnonzero(targets[:, f])],
            )
        )
    return out


@dataclass(frozen=True)
class TagStats:
    """Where one programme's factor tags come from.

    ``listed`` tags follow from published factor lists, ``mapped`` ones from our reading of the
    programme; ``phrases`` counts the wordings in its lists, ``unmapped`` those the mapping
    table deliberately maps to no factor, and ``unknown`` those missing from the table (``catalog
    lint`` fails on them).
    """

    programme: str
    tags: int
    listed: int
    mapped: int
    lists: int
    phrases: int
    unmapped: int
    unknown: int


def tag_stats(catalogue: Catalogue, phrases: PhraseTable) -> list[TagStats]:
    """Tag and factor-list counts for every programme, in catalogue order."""
    out = []
    for programme in catalogue.programmes:
        wordings = [normalise_phrase(p) for fl in programme.factor_lists for p in fl.phrases]
        entries = [phrases.by_phrase.get(w) for w in wordings]
        listed = sum(tag.basis == "listed" for tag in programme.factors)
        out.append(
            TagStats(
                programme=programme.id,
                tags=len(programme.factors),
                listed=listed,
                mapped=len(programme.factors) - listed,
                lists=len(programme.factor_lists),
                phrases=len(wordings),
                unmapped=sum(e is not None and not e.factors for e in entries),
                unknown=sum(e is None for e in entries),
            )
        )
    return out
