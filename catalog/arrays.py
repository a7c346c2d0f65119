"""Dense NumPy arrays built once from the catalogue and the profiles; scoring and gap analysis work on these.

Axes (sizes for the bundled data in brackets):

* ``P`` programmes, in catalogue order;
* ``K`` area profiles (one for ``recommend``, thousands for a batch);
* ``F`` factors, in taxonomy order [39];
* ``Y`` single years of age ``0 .. max_age`` [25];
* ``B`` age bands, in taxonomy order [7];
* levels and domains in :data:`~inputs.vocabulary.LEVELS` / ``DOMAINS`` order.

The age arithmetic (which years a range covers, what share of a profile's years fall in each
band and are served) is shared by the score and the coverage model, so it lives here, below both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from catalog.catalogue import Catalogue
from inputs.evidence_scale import TIER_ORDER
from inputs.profile import AreaProfile
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import DOMAINS, LEVELS, AgeRange

#: Codes in :attr:`CatalogueArrays.basis`.
NOT_TARGETED, MAPPED, LISTED = 0, 1, 2


@dataclass(frozen=True)
class CatalogueArrays:
    """The catalogue as arrays."""

    ids: tuple[str, ...]
    factor_ids: tuple[str, ...]  #: the columns of ``basis``, in taxonomy order
    basis: np.ndarray  #: [P, F] int8: 0 not targeted, 1 mapped, 2 listed
    years: np.ndarray  #: [P, Y] bool: the programme serves this age
    levels: np.ndarray  #: [P, 3] bool
    domains: np.ndarray  #: [P, 4] bool
    tier: np.ndarray  #: [P, 3] int: tier index (0 = best) at each level; worst where not offered
    band_years: np.ndarray  #: [Y, B] bool: year y lies in band b

    @property
    def n_programmes(self) -> int:
        return len(self.ids)


def year_mask(ages: AgeRange, n_years: int) -> np.ndarray:
    """[Y] bool: which single years of age ``ages`` covers (clipped to the tool's scope)."""
    y = np.arange(n_years)
    return (y >= ages.min) & (y <= ages.max)


def band_year_matrix(taxonomy: Taxonomy) -> np.ndarray:
    """[Y, B] bool membership of each single year in each age band."""
    y = np.arange(taxonomy.max_age + 1)[:, None]
    lo = np.array([b.min for b in taxonomy.age_bands])[None, :]
    hi = np.array([b.max for b in taxonomy.age_bands])[None, :]
    return (y >= lo) & (y <= hi)


def catalogue_arrays(catalogue: Catalogue) -> CatalogueArrays:
    """Build :class:`CatalogueArrays` for ``catalogue`` (one pass over its records)."""
    taxonomy = catalogue.taxonomy
    n_p, n_f, n_y = len(catalogue.programmes), len(taxonomy.factor_ids), taxonomy.max_age + 1
    basis = np.zeros((n_p, n_f), dtype=np.int8)
    years = np.zeros((n_p, n_y), dtype=bool)
    levels = np.zeros((n_p, len(LEVELS)), dtype=bool)
    domains = np.zeros((n_p, len(DOMAINS)), dtype=bool)
    tier = np.full((n_p, len(LEVELS)), len(TIER_ORDER) - 1, dtype=np.int8)
    for p, programme in enumerate(catalogue.programmes):
        for tag in programme.factors:
            basis[p, taxonomy.factor_index[tag.factor]] = LISTED if tag.basis == "listed" else MAPPED
        years[p] = year_mask(programme.ages, n_y)
        levels[p] = [level in programme.levels for level in LEVELS]
        domains[p] = [domain in programme.domains for domain in DOMAINS]
        for level, result in catalogue.tiers[programme.id].by_level.items():
            tier[p, LEVELS.index(level)] = TIER_ORDER.index(result.tier)
    return CatalogueArrays(
        ids=tuple(p.id for p in catalogue.programmes),
        factor_ids=tuple(taxonomy.factor_ids),
        basis=basis,
        years=years,
        levels=levels,
        domains=domains,
        tier=tier,
        band_years=band_year_matrix(taxonomy),
    )


def band_shares(profile_years: np.ndarray, band_years: np.ndarray) -> np.ndarray:
    """[..., B]: share of the profile's years that lie in each band (sums to 1)."""
    counts = profile_years.astype(float) @ band_years
    return counts / counts.sum(axis=-1, keepdims=True)


def age_coverage(programme_years: np.ndarray, profile_years: np.ndarray, band_years: np.ndarray) -> np.ndarray:
    """[..., P, B]: the share of the profile's years in band b that each programme (or resource) serves.

    0 for bands the profile does not reach.
    """
    inside = programme_years & profile_years[..., None, :]
    served = inside.astype(float) @ band_years
    wanted = profile_years.astype(float) @ band_years
    return np.divide(served, wanted[..., None, :], out=np.zeros_like(served), where=wanted[..., None, :] > 0)


@dataclass(frozen=True)
class ProfileArrays:
    """K area profiles as arrays, one row per profile."""

    years: np.ndarray  #: [K, Y] bool: the profile targets this age
    levels: np.ndarray  #: [K, 3] bool: wanted levels
    domains: np.ndarray  #: [K, 4] bool: wanted domains
    priority: np.ndarray  #: [K, F] normalised priority weights, 0 for factors not prioritised


def profile_arrays(profiles: Sequence[AreaProfile], taxonomy: Taxonomy) -> ProfileArrays:
    """Stack ``profiles`` into :class:`ProfileArrays`, one row per area.

    Python touches each profile once to collect plain values; the arrays are then built in a
    few NumPy operations (a batch of 6,000 areas spent more time here than scoring them).
    """
    n, n_years = len(profiles), taxonomy.max_age + 1
    bounds = np.array([(p.ages.min, p.ages.max) for p in profiles], dtype=int).reshape(n, 2)
    y = np.arange(n_years)
    weights = [p.weights() for p in profiles]
    priority = np.zeros((n, len(taxonomy.factor_ids)))
    rows = np.repeat(np.arange(n), [len(w) for w in weights])
    columns = [taxonomy.factor_index[f] for p in profiles for f in p.factor_ids]
    priority[rows, columns] = np.concatenate(weights) if weights else []
    return ProfileArrays(
        years=(y >= bounds[:, :1]) & (y <= bounds[:, 1:]),  # year_mask of every profile at once
        levels=np.array([[lv in p.levels for lv in LEVELS] for p in profiles], dtype=bool).reshape(n, len(LEVELS)),
        domains=np.array([[d in p.domains for d in DOMAINS] for p in profiles], dtype=bool).reshape(n, len(DOMAINS)),
        priority=priority,
    )
