"""The gap analysis: coverage per prioritised factor and age band, gaps ranked by severity.

Coverage is computed per prevention level (only resources working at that level count) and
the profile's wanted levels share the need equally: with universal and selective wanted, a
factor is fully covered only when both the whole age group and the group at risk are
reached. An indicated-only treatment team therefore cannot make a universal need look met.

Thresholds (``--weights``, section ``coverage``): coverage of at least ``covered`` (0.5) is
*covered*, at least ``partial`` (0.2) is *partial*, below that a *gap*. Severity is the
factor's priority weight times the uncovered share, so an uncovered top priority comes
first. Duplication (two or more resources on the same factor and ages, which CTC teams are
asked to spot) and funding that ends within a year are flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from catalog.arrays import band_shares, band_year_matrix, year_mask
from gap_analysis.coverage import coverage_by_group, effective_reach, resource_matrices
from gap_analysis.resources import ResolvedResource
from inputs.profile import AreaProfile
from inputs.settings import CoverageSettings
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import DOMAINS, LEVELS

Status = Literal["covered", "partial", "gap"]
FundingFlag = Literal["expired", "ending"]


@dataclass(frozen=True)
class CoverageCell:
    """Coverage of one prioritised factor in one age band; its status says whether it is a gap."""

    factor: str
    band: str
    priority_rank: int
    weight: float  #: normalised priority weight
    coverage: float
    status: Status
    severity: float  #: weight times uncovered share
    resources: tuple[str, ...]  #: names of the resources that contribute
    by_level: dict[str, float]
    by_domain: dict[str, float]


@dataclass(frozen=True)
class Duplication:
    """Two or more resources that reach the same prioritised factors, ages and level."""

    resources: tuple[str, ...]
    factors: tuple[str, ...]
    bands: tuple[str, ...]
    levels: tuple[str, ...]


@dataclass(frozen=True)
class FundingAlert:
    resource: str
    funded_until: dt.date
    flag: FundingFlag
    days_left: int


@dataclass
class GapAnalysis:
    """Everything ``insatsval gaps`` reports, plus the arrays the recommender needs."""

    cells: list[CoverageCell]  #: every prioritised factor x profile band, most severe first
    resources: list[ResolvedResource]
    coverage: np.ndarray  #: [F, B] for every factor
    open_cells: np.ndarray  #: [F, B] bool: prioritised factor, profile band, status gap or partial
    duplications: list[Duplication] = field(default_factory=list)
    funding: list[FundingAlert] = field(default_factory=list)
    level_coverage: dict[str, float] = field(default_factory=dict)
    domain_coverage: dict[str, float] = field(default_factory=dict)
    as_of: dt.date = field(default_factory=dt.date.today)

    @property
    def uncovered(self) -> np.ndarray:
        """[F, B]: share still uncovered; the recommender weighs needs by it."""
        return 1.0 - self.coverage


def classify(coverage: np.ndarray, thresholds: CoverageSettings) -> np.ndarray:
    """Status per cell: 'covered', 'partial' or 'gap' (same shape as ``coverage``)."""
    return np.where(
        coverage >= thresholds.covered - 1e-12,
        "covered",
        np.where(coverage >= thresholds.partial - 1e-12, "partial", "gap"),
    )


def find_duplications(
    x: np.ndarray,
    levels: np.ndarray,
    resources: Sequence[ResolvedResource],
    taxonomy: Taxonomy,
    cells: np.ndarray,
) -> list[Duplication]:
    """Groups of resources that reach the same (factor, band) cell at the same level.

    Cells with the same group of resources are merged into one row, so a team sees
    "these three services all work on family conflict for 13-15-year-olds, selectively"
    once rather than cell by cell.
    """
    touches = (x > 0) & cells[None, :, :]  # [R, F, B]
    groups: dict[tuple[int, ...], tuple[set[int], set[int], set[int]]] = {}
    for li in range(len(LEVELS)):
        at_level = touches & levels[:, li][:, None, None]
        crowded = at_level.sum(axis=0) >= 2  # [F, B]
        for f, b in zip(*np.nonzero(crowded), strict=True):
            key = tuple(int(r) for r in np.flatnonzero(at_level[:, f, b]))
            factors, bands, lvls = groups.setdefault(key, (set(), set(), set()))
            factors.add(int(f))
            bands.add(int(b))
            lvls.add(li)
    return [
        Duplication(
            resources=tuple(resources[r].name for r in key),
            factors=tuple(taxonomy.factor_ids[f] for f in sorted(factors)),
            bands=tuple(taxonomy.band_ids[b] for b in sorted(bands)),
            levels=tuple(LEVELS[li] for li in sorted(lvls)),
        )
        for key, (factors, bands, lvls) in sorted(groups.items(), key=lambda kv: (-len(kv[0]), kv[0]))
    ]


def funding_alerts(resources: Sequence[ResolvedResource], as_of: dt.date, horizon_days: int) -> list[FundingAlert]:
    """Resources whose funding has ended or ends within ``horizon_days`` of ``as_of``."""
    alerts = []
    for resource in resources:
        until = resource.resource.funded_until
        if until is None:
            continue
        days = (until - as_of).days
        if days < 0:
            alerts.append(FundingAlert(resource.name, until, "expired", days))
        elif days <= horizon_days:
            alerts.append(FundingAlert(resource.name, until, "ending", days))
    return sorted(alerts, key=lambda a: (a.days_left, a.resource))


def analyse_gaps(
    profile: AreaProfile,
    resources: Sequence[ResolvedResource],
    taxonomy: Taxonomy,
    thresholds: CoverageSettings,
    as_of: dt.date | None = None,
) -> GapAnalysis:
    """Coverage, gaps, duplication and funding alerts for ``profile`` given ``resources``."""
    as_of = as_of or dt.date.today()
    band_years = band_year_matrix(taxonomy)
    shares = band_shares(year_mask(profile.ages, taxonomy.max_age + 1), band_years)
    strength, ages, effect, levels, domains = resource_matrices(resources, taxonomy, profile.ages, band_years)
    x = effective_reach(strength, ages, effect)
    wanted = np.array([lv in profile.levels for lv in LEVELS])
    by_level = coverage_by_group(x, levels)
    coverage = by_level[wanted].mean(axis=0)
    # resources at none of the wanted levels do not serve this plan
    serves = (levels & wanted).any(axis=1)
    by_domain = coverage_by_group(x, domains & serves[:, None])
    status = classify(coverage, thresholds)

    weights = profile.weights()
    priority_idx = np.array([taxonomy.factor_index[f] for f in profile.factor_ids], dtype=int)
    bands_in_profile = np.flatnonzero(shares > 0)
    cells = np.zeros_like(coverage, dtype=bool)
    cells[np.ix_(priority_idx, bands_in_profile)] = True
    open_cells = cells & (status != "covered")

    rows = []
    for rank, (f, w) in enumerate(zip(priority_idx, weights, strict=True), start=1):
        for b in bands_in_profile:
            contributing = tuple(resources[int(r)].name for r in np.flatnonzero((x[:, f, b] > 0) & serves))
            rows.append(
                CoverageCell(
                    factor=taxonomy.factor_ids[f],
                    band=taxonomy.band_ids[b],
                    priority_rank=rank,
                    weight=float(w),
                    coverage=float(coverage[f, b]),
                    status=str(status[f, b]),  # type: ignore[arg-type]
                    severity=float(w * (1.0 - coverage[f, b])),
                    resources=contributing,
                    by_level={lv: float(by_level[i, f, b]) for i, lv in enumerate(LEVELS)},
                    by_domain={d: float(by_domain[i, f, b]) for i, d in enumerate(DOMAINS)},
                )
            )
    rows.sort(key=lambda g: (-round(g.severity, 9), g.priority_rank, taxonomy.band_ids.index(g.band)))

    # Need-weighted mean coverage per level and domain over the prioritised cells
    need = np.zeros_like(coverage)
    need[np.ix_(priority_idx, bands_in_profile)] = np.outer(weights, shares[bands_in_profile])
    level_cov: dict[str, float] = {
        lv: float((by_level[i] * need).sum()) for i, lv in enumerate(LEVELS) if lv in profile.levels
    }
    domain_cov: dict[str, float] = {
        d: float((by_domain[i] * need).sum()) for i, d in enumerate(DOMAINS) if d in profile.domains
    }

    return GapAnalysis(
        cells=rows,
        resources=list(resources),
        coverage=coverage,
        open_cells=open_cells,
        duplications=find_duplications(x, levels & wanted, resources, taxonomy, cells),
        funding=funding_alerts(resources, as_of, thresholds.funding_horizon_days),
        level_coverage=level_cov,
        domain_coverage=domain_cov,
        as_of=as_of,
    )
