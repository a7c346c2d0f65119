"""Score the catalogue for many areas at once (a city's sub-areas, or every DeSO area).

The same formula as :func:`recommender.ranking.recommend`, with a leading area axis: one
vectorised pass for all areas instead of a loop. Programmes that a profile excludes (ages,
levels, domains, harmful evidence) score 0. ``benchmarks/batch_scoring.py`` times it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from catalog.arrays import CatalogueArrays, catalogue_arrays, profile_arrays
from catalog.catalogue import Catalogue
from inputs.profile import AreaProfile
from inputs.settings import Settings
from recommender.scoring import score_terms


def batch_scores(
    catalogue: Catalogue,
    profiles: Sequence[AreaProfile],
    weights: Settings | None = None,
    arrays: CatalogueArrays | None = None,
) -> np.ndarray:
    """[K, P] scores (0-100) of every programme for each of K profiles, in catalogue order."""
    weights = weights or Settings()
    arrays = arrays or catalogue_arrays(catalogue)
    area = profile_arrays(profiles, catalogue.taxonomy)
    years, levels, domains = area.years, area.levels, area.domains
    scores = score_terms(arrays, years, levels, domains, area.priority, weights).score  # [K, P]
    fits = (
        (arrays.years[None] & years[:, None, :]).any(-1)
        & (arrays.levels[None] & levels[:, None, :]).any(-1)
        & (arrays.domains[None] & domains[:, None, :]).any(-1)
    )
    return np.where(fits, scores, 0.0)
