"""Score the catalogue for many areas at once (a city's sub-areas, or every DeSO area).

The same score as :func:`recommender.ranking.recommend` without an inventory, with a leading
area axis. Programmes that a profile excludes (ages, levels, domains, harmful evidence) score 0.

Without an inventory nothing is covered, so an area's need is a product, ``w[f] * s[b]``
(priority weight times the share of the area's years in band ``b``), and the score of
docs/method.md factorises into two small matrix products and a table lookup instead of an
areas x programmes x factors (x bands) array::

    score[a, p] = (sum_f w[a, f] T[p, f]) * age[a, p] * M[set(a), p]
    age[a, p]   = sum_b A[a, p, b] s[a, b] = sum_y Y[a, y] c[y] G[p, y] / sum_y Y[a, y] c[y]
    M[set, p]   = 100 * E[set, p] * fit[set, p]   (0 when p offers none of the wanted levels or domains)

with ``Y`` and ``G`` the area's and the programme's single years of age and ``c[y]`` the number
of bands year ``y`` lies in (1 for every year of the bundled taxonomy), so ``age`` is the share
of the area's years the programme serves. ``E`` and ``fit`` depend on an area only through the
set of levels and the set of domains it wants (8 x 16 sets), so ``M`` is computed once per set
and looked up. Areas are scored in chunks: memory stays at the result plus two arrays of
``chunk x programmes`` whatever the number of areas. ``benchmarks/batch_scoring.py`` times this
against a bare NumPy floor (one matrix product and ``argpartition``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from catalog.arrays import CatalogueArrays, ProfileArrays, catalogue_arrays, profile_arrays
from catalog.catalogue import Catalogue
from inputs.profile import AreaProfile
from inputs.settings import Settings
from recommender.scoring import effective_tier, evidence_multiplier, fit_multiplier, share_wanted, targeting_strength

#: Areas scored per pass: bounds the working memory to two arrays of this many rows (8 MB each per 1,000 programmes).
CHUNK = 512


def batch_scores(
    catalogue: Catalogue,
    profiles: Sequence[AreaProfile],
    weights: Settings | None = None,
    arrays: CatalogueArrays | None = None,
    chunk: int = CHUNK,
) -> np.ndarray:
    """[K, P] scores (0-100) of every programme for each of K profiles, in catalogue order.

    Equal (to within 1e-9 points, the tolerance rankings compare scores with) to the scores
    :func:`recommender.ranking.recommend` gives each profile on its own, without an inventory.
    """
    arrays = arrays or catalogue_arrays(catalogue)
    return scores_from_arrays(arrays, profile_arrays(profiles, catalogue.taxonomy), weights or Settings(), chunk)


def all_subsets(n: int) -> np.ndarray:
    """[2**n, n] bool: row ``i`` holds item ``j`` when bit ``j`` of ``i`` is set."""
    return ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(bool)


def subset_index(wanted: np.ndarray) -> np.ndarray:
    """[K]: the row of :func:`all_subsets` that equals each row of ``wanted`` ([K, n] bool)."""
    return wanted.astype(np.int64) @ (1 << np.arange(wanted.shape[1]))


def set_multipliers(arrays: CatalogueArrays, weights: Settings) -> np.ndarray:
    """[2**L * 2**D, P]: ``M``, 100 times evidence times fit, for every set of wanted levels and domains.

    Row ``l * 2**D + d`` is for level set ``l`` and domain set ``d`` (see :func:`all_subsets`);
    0 where the programme offers none of the wanted levels or none of the wanted domains (and
    for the empty sets, which no profile has).
    """
    n_levels, n_domains = arrays.levels.shape[1], arrays.domains.shape[1]
    level_sets, domain_sets = all_subsets(n_levels), all_subsets(n_domains)
    with np.errstate(invalid="ignore", divide="ignore"):  # the empty sets divide by zero; masked below
        level_share = share_wanted(arrays.levels, level_sets)  # [2**L, P]
        domain_share = share_wanted(arrays.domains, domain_sets)  # [2**D, P]
    evidence = evidence_multiplier(effective_tier(arrays.tier, arrays.levels, level_sets), weights.evidence)
    fit = fit_multiplier(level_share[:, None, :], domain_share[None, :, :], weights.fit_bonus)  # [2**L, 2**D, P]
    offered = (level_share > 0)[:, None, :] & (domain_share > 0)[None, :, :]
    table = np.where(offered, 100.0 * evidence[:, None, :] * fit, 0.0)
    return table.reshape(len(level_sets) * len(domain_sets), -1)


def scores_from_arrays(
    arrays: CatalogueArrays, area: ProfileArrays, weights: Settings, chunk: int = CHUNK
) -> np.ndarray:
    """[K, P] scores for areas already stacked by :func:`catalog.arrays.profile_arrays` (formula above)."""
    strength_t = targeting_strength(arrays.basis, weights.targeting).T.copy()  # [F, P]
    programme_years_t = arrays.years.T.astype(float)  # [Y, P]
    multipliers = set_multipliers(arrays, weights)
    years = area.years * arrays.band_years.sum(axis=1).astype(float)  # [K, Y]: Y c
    in_bands = years.sum(axis=1, keepdims=True)
    years = np.divide(years, in_bands, where=in_bands > 0, out=np.zeros_like(years))  # each row sums to 1
    sets = subset_index(area.levels) * 2 ** area.domains.shape[1] + subset_index(area.domains)
    out = np.empty((area.priority.shape[0], arrays.n_programmes))
    buffer = np.empty((min(chunk, out.shape[0]), arrays.n_programmes))
    for start in range(0, out.shape[0], chunk):
        rows = slice(start, min(start + chunk, out.shape[0]))
        n = rows.stop - rows.start
        score, work = out[rows], buffer[:n]
        np.matmul(area.priority[rows], strength_t, out=score)  # sum_f w T
        score *= np.matmul(years[rows], programme_years_t, out=work)  # age
        score *= np.take(multipliers, sets[rows], axis=0, out=work)  # M
    return out
