"""Score the catalogue for many areas at once (a city's sub-areas, or every DeSO area).

The same formula as :func:`recommender.ranking.recommend`, with a leading area axis: one
vectorised pass for all areas instead of a loop. Programmes that a profile excludes (ages,
levels, domains, harmful evidence) score 0. ``benchmarks/batch_scoring.py`` times it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from recommender.arrays import CatalogueArrays, catalogue_arrays, year_mask
from recommender.catalogue import Catalogue
from recommender.profile import AreaProfile
from recommender.scoring import score_terms
from recommender.vocabulary import DOMAINS, LEVELS
from recommender.weights import ScoringWeights


def batch_scores(
    catalogue: Catalogue,
    profiles: Sequence[AreaProfile],
    weights: ScoringWeights | None = None,
    arrays: CatalogueArrays | None = None,
) -> np.ndarray:
    """[K, P] scores (0-100) of every programme for each of K profiles, in catalogue order."""
    weights = weights or ScoringWeights()
    arrays = arrays or catalogue_arrays(catalogue)
    taxonomy = catalogue.taxonomy
    n_years = taxonomy.max_age + 1
    years = np.stack([year_mask(p.ages, n_years) for p in profiles])  # [K, Y]
    levels = np.array([[lv in p.levels for lv in LEVELS] for p in profiles])  # [K, 3]
    domains = np.array([[d in p.domains for d in DOMAINS] for p in profiles])  # [K, 4]
    priority = np.zeros((len(profiles), len(taxonomy.factor_ids)))
    for k, profile in enumerate(profiles):  # building inputs, one row per area
        priority[k, [taxonomy.factor_index[f] for f in profile.factor_ids]] = profile.weights()

    scores = score_terms(arrays, years, levels, domains, priority, weights).score  # [K, P]
    fits = (
        (arrays.years[None] & years[:, None, :]).any(-1)
        & (arrays.levels[None] & levels[:, None, :]).any(-1)
        & (arrays.domains[None] & domains[:, None, :]).any(-1)
    )
    return np.where(fits, scores, 0.0)
