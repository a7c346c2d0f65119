"""Coverage arithmetic: how much of each factor and age band existing resources reach.

Each resource *r* effectively reaches ``x[r, f, b] = q[r] * reach[r] * T[r, f] * A[r, b]`` of
the group for factor *f* in band *b*: its quality (evidence times fidelity), its reach, how
strongly it targets the factor and the share of the band's years (within the profile) it
serves. Resources are treated as reaching children independently, so they combine without
ever exceeding full coverage::

    coverage[f, b] = 1 - prod over r of (1 - x[r, f, b])

Two resources that each reach 50 % cover 75 %, not 100 %. All functions are pure and
vectorised over resources.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from catalog.arrays import age_coverage, year_mask
from gap_analysis.resources import ResolvedResource
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import DOMAINS, LEVELS, AgeRange


def resource_matrices(
    resources: Sequence[ResolvedResource], taxonomy: Taxonomy, profile_ages: AgeRange, band_years: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Arrays for :func:`effective_reach`.

    Returns:
        strength [R, F], age share [R, B], effect [R] (quality times reach),
        levels [R, 3] bool, domains [R, 4] bool.
    """
    n_r, n_f, n_y = len(resources), len(taxonomy.factor_ids), taxonomy.max_age + 1
    strength = np.zeros((n_r, n_f))
    tags = [(r, taxonomy.factor_index[f], value) for r, res in enumerate(resources) for f, value in res.factors.items()]
    if tags:
        rows, columns, values = zip(*tags, strict=True)
        strength[list(rows), list(columns)] = values
    bounds = np.array([(res.ages.min, res.ages.max) for res in resources], dtype=int).reshape(n_r, 2)
    y = np.arange(n_y)
    years = (y >= bounds[:, :1]) & (y <= bounds[:, 1:])  # [R, Y]: year_mask of every resource at once
    ages = age_coverage(years, year_mask(profile_ages, n_y), band_years)
    effect = np.array([res.effective_reach for res in resources], dtype=float)
    levels = np.array([[lv in res.levels for lv in LEVELS] for res in resources], dtype=bool).reshape(n_r, len(LEVELS))
    domains = np.array([[d in res.domains for d in DOMAINS] for res in resources], dtype=bool).reshape(
        n_r, len(DOMAINS)
    )
    return strength, ages, effect, levels, domains


def effective_reach(strength: np.ndarray, ages: np.ndarray, effect: np.ndarray) -> np.ndarray:
    """[R, F, B]: ``x``, the share each resource effectively reaches per factor and band."""
    return effect[:, None, None] * strength[:, :, None] * ages[:, None, :]


def combine(reach: np.ndarray, axis: int = 0) -> np.ndarray:
    """Combine independent reaches: ``1 - prod(1 - x)`` along ``axis`` (stays within 0-1)."""
    return 1.0 - np.prod(1.0 - np.clip(reach, 0.0, 1.0), axis=axis)


def coverage_matrix(x: np.ndarray) -> np.ndarray:
    """[F, B]: combined coverage of every factor and band (0 when there are no resources)."""
    if x.shape[0] == 0:
        return np.zeros(x.shape[1:])
    return combine(x, axis=0)


def coverage_by_group(x: np.ndarray, member: np.ndarray) -> np.ndarray:
    """[G, F, B]: coverage from only the resources in each group (e.g. each level).

    ``member`` is [R, G] bool: resource r belongs to group g. Each group combines only its own
    resources (not all resources with the others zeroed: that made G copies of ``x``, hundreds of
    megabytes for a city's inventory); the product runs over the same rows in the same order, so
    the result is the same to the last bit.
    """
    return np.stack([coverage_matrix(x[member[:, g]]) for g in range(member.shape[1])])
