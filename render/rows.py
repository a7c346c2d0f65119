"""The rows of every table in the meeting brief, built once for every format.

Each builder returns the values of a table (priorities, resources, gaps, shortlist, "About");
the terminal, Markdown, HTML, CSV and XLSX renderers only format them: as text with Swedish or
English number formats, or as numbers a spreadsheet can calculate with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from gap_analysis.analysis import CoverageCell, GapAnalysis
from gap_analysis.resources import ResolvedResource
from inputs.settings import Settings
from recommender import __version__
from recommender.ranking import RecommendationResult
from render.explain import costs_text, factor_parts, gaps_text, ratings_text, sweden_text
from render.labels import Labels
from render.provenance import catalogue_info, inventory_info, profile_info


# --- priorities ------------------------------------------------------------------------
@dataclass(frozen=True)
class PriorityRow:
    rank: int
    factor: str  #: id
    label: str
    weight: float  #: normalised, 0-1
    predicts: str  #: the problem behaviours it predicts, joined; "" when none
    note: str | None


def priority_rows(brief: MeetingBrief, L: Labels) -> list[PriorityRow]:
    """The profile's priorities, most important first."""
    profile = brief.loaded.profile
    return [
        PriorityRow(i, p.factor, L.factor(p.factor), float(w), L.join(L.predicts(p.factor)), p.note)
        for i, (p, w) in enumerate(zip(profile.priorities, profile.weights(), strict=True), start=1)
    ]


def priority_headers(L: Labels) -> list[str]:
    return [L("col_rank"), L("col_factor"), L("col_weight"), L("col_predicts"), L("col_note")]


# --- resources -------------------------------------------------------------------------
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


def in_place_lines(brief: MeetingBrief, L: Labels) -> list[str]:
    lines = []
    for item in brief.in_place:
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


def resource_lists(brief: MeetingBrief, L: Labels) -> list[tuple[str, list[str]]]:
    """(heading, lines) of the notes under the resource table: in place, duplication, funding."""
    lists = []
    if brief.in_place:
        lists.append((L("in_place_heading"), in_place_lines(brief, L)))
    lists.append((L("duplication_heading"), duplication_lines(brief.gaps, L)))
    days = brief.settings.coverage.funding_horizon_days
    lists.append((L("funding_heading", days=days), funding_lines(brief.gaps, L)))
    return lists


# --- gaps ------------------------------------------------------------------------------
def gap_headers(L: Labels, levels: Sequence[str]) -> list[str]:
    return [
        L("col_factor"),
        L("col_age_band"),
        L("col_coverage"),
        *[L.level(lv) for lv in levels],
        L("col_gap_status"),
        L("col_severity"),
        L("col_resources"),
    ]


def gap_values(cell: CoverageCell, L: Labels, levels: Sequence[str]) -> list[Any]:
    """One cell's values in :func:`gap_headers` order; shares 0-1, severity 0-1, resources a list."""
    return [
        L.factor(cell.factor),
        L.band(cell.band),
        cell.coverage,
        *[cell.by_level[lv] for lv in levels],
        L(f"gap_status_{cell.status}"),
        cell.severity,
        list(cell.resources),
    ]


def gap_rows(analysis: GapAnalysis, L: Labels, levels: Sequence[str]) -> list[list[Any]]:
    """Gap rows for people: percentages, severity 0-100, '-' for no resources."""
    n = len(levels)
    rows = []
    for cell in analysis.cells:
        values = gap_values(cell, L, levels)
        rows.append(
            [
                *values[:2],
                *[L.pct(v) for v in values[2 : 3 + n]],
                values[3 + n],
                L.num(100 * values[4 + n]),
                ", ".join(values[5 + n]) or "-",
            ]
        )
    return rows


def level_line(analysis: GapAnalysis, L: Labels) -> str:
    parts = [f"{L.level(lv)} {L.pct(v)}" for lv, v in analysis.level_coverage.items()]
    return L("level_coverage_line", parts=", ".join(parts))


def gap_notes(brief: MeetingBrief, L: Labels) -> list[str]:
    """The lines under the gap table: coverage per level and how statuses are set."""
    coverage = brief.settings.coverage
    return [
        level_line(brief.gaps, L),
        L("gap_thresholds", covered=L.pct(coverage.covered), partial=L.pct(coverage.partial)),
    ]


def gaps_csv_rows(brief: MeetingBrief, L: Labels) -> tuple[list[str], list[list[Any]]]:
    """Gap rows for CSV; numbers stay numbers (shares 0-1)."""
    levels = list(brief.loaded.profile.levels)
    n = len(levels)
    headers = [*gap_headers(L, levels), "factor_id", "age_band_id"]
    rows = []
    for cell in brief.gaps.cells if brief.inventory is not None else []:
        values = gap_values(cell, L, levels)
        rows.append(
            [
                *values[:2],
                *[round(v, 4) for v in values[2 : 3 + n]],
                values[3 + n],
                round(100 * values[4 + n], 2),  # severity 0-100, as in every output
                ", ".join(values[5 + n]) or "-",
                cell.factor,
                cell.band,
            ]
        )
    return headers, rows


# --- shortlist -------------------------------------------------------------------------
def shortlist_rows(result: RecommendationResult, catalogue: Catalogue, L: Labels) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the shortlist for CSV and XLSX: one row per programme, numbers as numbers."""
    headers = [
        L("col_rank"), L("col_group"), "id", L("col_programme"), L("col_score"), L("col_tier"), L("col_ratings"),
        L("col_levels"), L("col_domains"), L("col_age_min"), L("col_age_max"), L("col_factors"), L("why_gaps"),
        L("col_warnings"), L("col_cost"), L("why_sweden"), L("col_sources"),
    ]  # fmt: skip
    rows = []
    for rec in result.recommendations:
        p = rec.programme
        rows.append(
            [
                rec.rank,
                L(f"group_{rec.group}"),
                p.id,
                p.display_name(L.lang),
                round(rec.score, 2),
                L.tier(rec.tier.tier),
                ratings_text(p, L),
                L.join([L.level(x) for x in p.levels]),
                L.join([L.domain(x) for x in p.domains]),
                p.ages.min,
                p.ages.max,
                "; ".join(factor_parts(rec, L)),
                gaps_text(rec, L),
                "\n".join(w.text.get(L.lang) for w in p.warnings),
                costs_text(p, L),
                sweden_text(p, L),
                "\n".join(p.sources),
            ]
        )
    return headers, rows


# --- about -----------------------------------------------------------------------------
def about_rows(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> list[tuple[str, str]]:
    """What the brief was computed from, for the XLSX "About" sheet and the HTML provenance block."""
    cat = catalogue_info(catalogue)
    prof = profile_info(brief.loaded)
    inv = inventory_info(brief.inventory, len(brief.gaps.resources))
    return [
        (L("about_tool"), f"insatsval {__version__}"),
        (L("about_created"), dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")),
        (L("about_as_of"), brief.gaps.as_of.isoformat()),
        (L("about_area"), brief.loaded.profile.area),
        (L("about_profile"), f"{prof['file']} (sha256 {prof['sha256']})"),
        (
            L("about_inventory"),
            L("about_inventory_text", **{**inv, "resources": L("n_resources", count=inv["resources"])})
            if inv
            else L("about_none"),
        ),
        (
            L("about_catalogue"),
            f"{cat['version']} (sha256 {cat['sha256']}), {cat['programmes']} {L('programmes_word')}",
        ),
        *[
            (L("about_catalogue_file"), f"{f['file']} {f['name']}@{f['version']} (sha256 {f['sha256']})")
            for f in cat["files"]
        ],
        (L("about_weights"), str(brief.settings_path) if brief.settings_path else L("about_default_weights")),
        *settings_rows(brief.settings, L),
        (L("about_method"), L("about_method_text")),
    ]


def settings_rows(settings: Settings, L: Labels) -> list[tuple[str, str]]:
    """The settings a result was computed with, as rows people can read (docs/method.md names them)."""
    tiers = settings.evidence.model_dump()
    fidelity = settings.coverage.fidelity.model_dump()
    coverage = settings.coverage
    return [
        (
            L("settings_targeting"),
            f"{L('basis_listed')} {L.num(settings.targeting.listed, 2)}; "
            f"{L('basis_mapped')} {L.num(settings.targeting.mapped, 2)}",
        ),
        (L("settings_evidence"), "; ".join(f"{L.tier(tier)} {L.num(value, 2)}" for tier, value in tiers.items())),
        (L("settings_fit"), L.num(settings.fit_bonus, 2)),
        (L("settings_fidelity"), "; ".join(f"{L(f'fidelity_{k}')} {L.num(v, 2)}" for k, v in fidelity.items())),
        (
            L("settings_quality"),
            L("settings_quality_text", untested=L.num(coverage.untested, 2), tested=L.num(coverage.tested_unrated, 2)),
        ),
        (
            L("settings_thresholds"),
            L(
                "settings_thresholds_text",
                covered=L.pct(coverage.covered),
                partial=L.pct(coverage.partial),
                reach=L.pct(coverage.good_reach),
            ),
        ),
        (L("settings_horizon"), L("settings_days", days=coverage.funding_horizon_days)),
        (L("settings_low_score"), L("settings_of_100", score=L.num(settings.low_score, 0))),
    ]
