"""Gap classification, severity, level handling, duplication and funding alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from gap_analysis.analysis import analyse_gaps, classify
from gap_analysis.resources import ResolvedResource
from inputs.inventory import Resource
from inputs.settings import CoverageSettings
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import AgeRange
from tests.builders import make_profile

AS_OF = dt.date(2026, 11, 27)


def resource(
    name: str,
    factors: Sequence[str] = ("family_conflict",),
    ages: tuple[int, int] = (10, 15),
    reach: float = 0.5,
    levels: Sequence[str] = ("universal",),
    quality: float = 1.0,
    funded_until: dt.date | None = None,
) -> ResolvedResource:
    model = Resource.model_validate(
        {"name": name, "factors": list(factors), "reach": reach, "funded_until": funded_until}
    )
    return ResolvedResource(
        index=0,
        resource=model,
        programme=None,
        factors=dict.fromkeys(factors, 1.0),
        ages=AgeRange(min=ages[0], max=ages[1]),
        levels=tuple(levels),
        domains=("family",),
        reach=reach,
        evidence=quality,
        fidelity=1.0,
        tier=None,
        line=None,
        row=None,
    )


def analyse(taxonomy: Taxonomy, resources: list[ResolvedResource], **profile: Any):
    return analyse_gaps(make_profile(**profile), resources, taxonomy, CoverageSettings(), AS_OF)


def test_thresholds() -> None:
    status = classify(np.array([0.0, 0.19, 0.2, 0.49, 0.5, 1.0]), CoverageSettings())
    assert status.tolist() == ["gap", "gap", "partial", "partial", "covered", "covered"]


def test_no_resources_means_every_cell_is_a_gap(taxonomy: Taxonomy) -> None:
    result = analyse(taxonomy, [], factors=["family_conflict", "academic_failure"], ages=(10, 15))
    assert len(result.cells) == 4  # 2 factors x 2 bands
    assert {g.status for g in result.cells} == {"gap"}
    assert [g.factor for g in result.cells[:2]] == ["family_conflict", "family_conflict"]  # heavier weight first
    assert np.isclose(result.cells[0].severity, 2 / 3)


def test_coverage_and_severity(taxonomy: Taxonomy) -> None:
    result = analyse(taxonomy, [resource("A", reach=0.6)], levels=["universal"])
    gap = result.cells[0]
    assert np.isclose(gap.coverage, 0.6) and gap.status == "covered"
    assert np.isclose(gap.severity, 1.0 * 0.4)
    assert gap.resources == ("A",)


def test_ages_limit_coverage_to_the_bands_served(taxonomy: Taxonomy) -> None:
    result = analyse(taxonomy, [resource("A", ages=(13, 15), reach=1.0)], levels=["universal"])
    by_band = {g.band: g for g in result.cells}
    assert by_band["lower_secondary"].coverage == 1.0
    assert by_band["middle_primary"].coverage == 0.0 and by_band["middle_primary"].status == "gap"


def test_wanted_levels_share_the_need(taxonomy: Taxonomy) -> None:
    indicated = resource("Treatment", reach=1.0, levels=["indicated"])
    only_universal = analyse(taxonomy, [indicated], levels=["universal"])
    assert only_universal.cells[0].coverage == 0.0 and only_universal.cells[0].resources == ()
    both = analyse(taxonomy, [indicated], levels=["universal", "indicated"])
    assert np.isclose(both.cells[0].coverage, 0.5)
    assert both.cells[0].by_level == {"universal": 0.0, "selective": 0.0, "indicated": 1.0}


def test_quality_scales_coverage(taxonomy: Taxonomy) -> None:
    untested = resource("Untested", reach=0.8, quality=0.3)
    result = analyse(taxonomy, [untested], levels=["universal"])
    assert np.isclose(result.cells[0].coverage, 0.24)


def test_duplication_groups_resources_on_the_same_factor_ages_and_level(taxonomy: Taxonomy) -> None:
    resources = [
        resource("A", reach=0.2),
        resource("B", reach=0.2),
        resource("C", ages=(16, 18)),  # other ages: no overlap
        resource("D", levels=["indicated"]),  # other level
    ]
    result = analyse(taxonomy, resources, levels=["universal", "indicated"])
    assert len(result.duplications) == 1
    dup = result.duplications[0]
    assert dup.resources == ("A", "B") and dup.factors == ("family_conflict",)
    assert dup.bands == ("middle_primary", "lower_secondary") and dup.levels == ("universal",)


def test_funding_alerts(taxonomy: Taxonomy) -> None:
    resources = [
        resource("Ended", funded_until=dt.date(2026, 6, 30)),
        resource("Soon", funded_until=dt.date(2027, 1, 31)),
        resource("Safe", funded_until=dt.date(2029, 1, 1)),
        resource("Unknown"),
    ]
    alerts = analyse(taxonomy, resources).funding
    assert [(a.resource, a.flag) for a in alerts] == [("Ended", "expired"), ("Soon", "ending")]
    assert alerts[1].days_left == (dt.date(2027, 1, 31) - AS_OF).days


def test_level_coverage_summary(taxonomy: Taxonomy) -> None:
    result = analyse(taxonomy, [resource("A", reach=0.5)], levels=["universal", "selective"])
    assert np.isclose(result.level_coverage["universal"], 0.5) and result.level_coverage["selective"] == 0.0


def test_funding_that_ends_today_is_ending_not_expired(taxonomy: Taxonomy) -> None:
    alerts = analyse(taxonomy, [resource("Today", funded_until=AS_OF)]).funding
    assert [(a.flag, a.days_left) for a in alerts] == [("ending", 0)]
    yesterday = analyse(taxonomy, [resource("Yesterday", funded_until=AS_OF - dt.timedelta(days=1))]).funding
    assert [(a.flag, a.days_left) for a in yesterday] == [("expired", -1)]


def test_funding_horizon_includes_its_last_day(taxonomy: Taxonomy) -> None:
    horizon = CoverageSettings().funding_horizon_days
    last = resource("Last", funded_until=AS_OF + dt.timedelta(days=horizon))
    beyond = resource("Beyond", funded_until=AS_OF + dt.timedelta(days=horizon + 1))
    assert [a.resource for a in analyse(taxonomy, [last, beyond]).funding] == ["Last"]


def test_equal_severity_orders_by_priority_rank_then_band(taxonomy: Taxonomy) -> None:
    result = analyse(taxonomy, [], factors=["family_conflict", "academic_failure"], ages=(10, 15), weights=[1, 1])
    order = [(c.factor, c.band) for c in result.cells]
    assert order == [
        ("family_conflict", "middle_primary"),
        ("family_conflict", "lower_secondary"),
        ("academic_failure", "middle_primary"),
        ("academic_failure", "lower_secondary"),
    ]


def test_partial_cells_are_open_gaps_and_covered_cells_are_not(taxonomy: Taxonomy) -> None:
    resources = [resource("Some", reach=0.3, ages=(10, 12)), resource("Most", reach=0.9, ages=(13, 15))]
    result = analyse(taxonomy, resources, levels=["universal"])
    status = {c.band: c.status for c in result.cells}
    assert status == {"middle_primary": "partial", "lower_secondary": "covered"}
    f = taxonomy.factor_index["family_conflict"]
    assert result.open_cells[f, taxonomy.band_ids.index("middle_primary")]
    assert not result.open_cells[f, taxonomy.band_ids.index("lower_secondary")]
    assert result.open_cells.sum() == 1
