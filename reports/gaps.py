"""Render the resource assessment and the gap analysis (``insatsval gaps`` and ``plan``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gap_analysis.gaps import GapAnalysis
from gap_analysis.plan import AreaPlan, InPlace
from gap_analysis.resources import ResolvedResource
from reports.labels import Labels
from reports.provenance import file_sha256
from reports.tables import text_table


# --- JSON ------------------------------------------------------------------------------
def resource_dict(resource: ResolvedResource) -> dict[str, Any]:
    r = resource.resource
    return {
        "name": r.name,
        "provider": r.provider,
        "programme": resource.programme.id if resource.programme else None,
        "factors": list(resource.factors),
        "ages": {"min": resource.ages.min, "max": resource.ages.max},
        "levels": list(resource.levels),
        "domains": list(resource.domains),
        "reach": round(resource.reach, 4),
        "fidelity": r.fidelity,
        "tested": r.tested,
        "evidence_tier": resource.tier,
        "quality": round(resource.quality, 4),
        "effective_reach": round(resource.effective_reach, 4),
        "funded_until": r.funded_until.isoformat() if r.funded_until else None,
        "line": resource.line,
        "row": resource.row,
    }


def gaps_block(analysis: GapAnalysis) -> dict[str, Any]:
    """The gap-analysis part of JSON outputs (English keys, ids not labels)."""
    return {
        "as_of": analysis.as_of.isoformat(),
        "gaps": [
            {
                "factor": g.factor,
                "age_band": g.band,
                "priority_rank": g.priority_rank,
                "weight": round(g.weight, 6),
                "coverage": round(g.coverage, 4),
                "status": g.status,
                "severity": round(g.severity, 4),
                "resources": list(g.resources),
                "coverage_by_level": {k: round(v, 4) for k, v in g.by_level.items()},
                "coverage_by_domain": {k: round(v, 4) for k, v in g.by_domain.items()},
            }
            for g in analysis.gaps
        ],
        "coverage_by_level": {k: round(v, 4) for k, v in analysis.level_coverage.items()},
        "coverage_by_domain": {k: round(v, 4) for k, v in analysis.domain_coverage.items()},
        "duplications": [
            {
                "resources": list(d.resources),
                "factors": list(d.factors),
                "age_bands": list(d.bands),
                "levels": list(d.levels),
            }
            for d in analysis.duplications
        ],
        "funding_alerts": [
            {
                "resource": a.resource,
                "funded_until": a.funded_until.isoformat(),
                "status": a.flag,
                "days_left": a.days_left,
            }
            for a in analysis.funding
        ],
        "resources": [resource_dict(r) for r in analysis.resources],
    }


def inventory_info(plan: AreaPlan) -> dict[str, Any] | None:
    if plan.inventory is None:
        return None
    return {
        "file": str(plan.inventory.path),
        "sha256": file_sha256(plan.inventory.path),
        "resources": len(plan.gaps.resources),
    }


def in_place_dict(item: InPlace) -> dict[str, Any]:
    return {
        "programme": item.programme_id,
        "resource": item.resource.name,
        "reach": round(item.resource.reach, 4),
        "fidelity": item.resource.resource.fidelity,
        "evidence_tier": item.resource.tier,
        "advice": list(item.advice),
    }


# --- people ----------------------------------------------------------------------------
def gap_headers(analysis: GapAnalysis, L: Labels, levels: Sequence[str]) -> list[str]:
    return [
        L("col_factor"),
        L("col_age_band"),
        L("col_coverage"),
        *[L.level(lv) for lv in levels],
        L("col_gap_status"),
        L("col_severity"),
        L("col_resources"),
    ]


def gap_rows(analysis: GapAnalysis, L: Labels, levels: Sequence[str]) -> list[list[Any]]:
    return [
        [
            L.factor(g.factor),
            L.band(g.band),
            L.pct(g.coverage),
            *[L.pct(g.by_level[lv]) for lv in levels],
            L(f"gap_status_{g.status}"),
            L.num(100 * g.severity),
            ", ".join(g.resources) or "-",
        ]
        for g in analysis.gaps
    ]


def resource_headers(L: Labels) -> list[str]:
    return [
        L("col_resource"),
        L("col_provider"),
        L("col_programme"),
        L("col_tier"),
        L("col_ages"),
        L("col_levels"),
        L("col_reach"),
        L("col_fidelity"),
        L("col_effective_reach"),
        L("col_funded_until"),
    ]


def resource_evidence(resource: ResolvedResource, L: Labels) -> str:
    """The evidence tier of a catalogued programme, or whether an uncatalogued resource is tested."""
    if resource.tier:
        return L.tier(resource.tier)
    return L("tested_yes") if resource.resource.tested else L("tested_no")


def resource_rows(analysis: GapAnalysis, L: Labels) -> list[list[Any]]:
    rows = []
    for r in analysis.resources:
        rows.append(
            [
                r.name,
                r.resource.provider or "-",
                r.programme.display_name(L.lang) if r.programme else "-",
                resource_evidence(r, L),
                str(r.ages),
                L.join([L.level(x) for x in r.levels]),
                L.pct(r.reach),
                L(f"fidelity_{r.resource.fidelity}"),
                L.pct(r.effective_reach),
                r.resource.funded_until.isoformat() if r.resource.funded_until else "-",
            ]
        )
    return rows


def in_place_lines(plan: AreaPlan, L: Labels) -> list[str]:
    lines = []
    for item in plan.in_place:
        advice = "; ".join(L(f"advice_{a}") for a in item.advice) or L("advice_ok")
        name = item.resource.programme.display_name(L.lang) if item.resource.programme else item.resource.name
        lines.append(
            L(
                "in_place_line",
                programme=name,
                resource=item.resource.name,
                reach=L.pct(item.resource.reach),
                advice=advice,
            )
        )
    return lines


def duplication_lines(analysis: GapAnalysis, L: Labels) -> list[str]:
    return [
        L(
            "duplication_line",
            resources=", ".join(d.resources),
            factors=L.join([L.factor(f) for f in d.factors]),
            bands=L.join([L.band(b) for b in d.bands]),
            levels=L.join([L.level(lv).lower() for lv in d.levels]),
        )
        for d in analysis.duplications
    ]


def funding_lines(analysis: GapAnalysis, L: Labels) -> list[str]:
    return [
        L(f"funding_{a.flag}", resource=a.resource, date=a.funded_until.isoformat(), days=abs(a.days_left))
        for a in analysis.funding
    ]


def level_line(analysis: GapAnalysis, L: Labels) -> str:
    parts = [f"{L.level(lv)} {L.pct(v)}" for lv, v in analysis.level_coverage.items()]
    return L("level_coverage_line", parts=", ".join(parts))


def gaps_sections(plan: AreaPlan, L: Labels, fmt: str) -> list[tuple[str, str]]:
    """(heading, body) sections of the resource assessment and the gap analysis."""
    analysis = plan.gaps
    levels = list(plan.loaded.profile.levels)
    sections = []
    if plan.inventory is None:
        sections.append((L("section_resources"), L("no_inventory")))
    else:
        body = [text_table(resource_headers(L), resource_rows(analysis, L), fmt, [24, 20, 22, 14, 6, 14, 6, 10, 6, 10])]
        if plan.in_place:
            body += ["", L("in_place_heading"), *[f"- {line}" for line in in_place_lines(plan, L)]]
        dup = duplication_lines(analysis, L)
        body += ["", L("duplication_heading"), *([f"- {line}" for line in dup] or [L("none_found")])]
        fund = funding_lines(analysis, L)
        body += [
            "",
            L("funding_heading", days=plan.weights.coverage.funding_horizon_days),
            *([f"- {line}" for line in fund] or [L("none_found")]),
        ]
        sections.append((L("section_resources"), "\n".join(body)))
    gap_body = [
        text_table(
            gap_headers(analysis, L, levels),
            gap_rows(analysis, L, levels),
            fmt,
            [34, 26, 8, *[8] * len(levels), 9, 8, 40],
        ),
        "",
        level_line(analysis, L),
        L(
            "gap_thresholds",
            covered=L.pct(plan.weights.coverage.covered),
            partial=L.pct(plan.weights.coverage.partial),
        ),
    ]
    sections.append((L("section_gaps"), "\n".join(gap_body)))
    return sections
