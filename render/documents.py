"""The JSON documents of ``recommend``, ``gaps`` and ``plan``: English keys, ids not labels.

Keys are stable whatever ``--lang`` says (texts meant for people are given in both languages)
and every document carries ``schema_version`` and the provenance of its inputs.
"""

from __future__ import annotations

import json
from typing import Any

from brief import InPlace, MeetingBrief
from catalog.catalogue import Catalogue
from gap_analysis.analysis import GapAnalysis
from gap_analysis.resources import ResolvedResource
from recommender.fit import FitNotice
from recommender.ranking import Recommendation
from render.provenance import SCHEMA_VERSION, catalogue_info, inventory_info, profile_info, settings_info, tool_info


def to_json(document: dict[str, Any]) -> str:
    """Any document as JSON text (UTF-8 characters kept, two-space indent, final newline)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def recommendation_dict(rec: Recommendation, catalogue: Catalogue) -> dict[str, Any]:
    """One recommendation as a JSON-ready dict."""
    programme = rec.programme
    return {
        "rank": rec.rank,
        "group": rec.group,
        "id": programme.id,
        "name": programme.name,
        "name_sv": programme.name_sv,
        "score": round(rec.score, 3),
        "matched_factors": [
            {
                "factor": c.factor,
                "basis": c.basis,
                "weight": round(c.weight, 6),
                "contribution": round(c.contribution, 3),
            }
            for c in rec.contributions
        ],
        "evidence_tier": rec.tier.tier,
        "evidence_base_tier": rec.tier.base,
        "evidence_steps": [{"warning_kind": s.warning_kind, "from": s.before, "to": s.after} for s in rec.tier.steps],
        "ratings": [
            {
                "registry": r.registry,
                "label": r.label,
                "tier": catalogue.scale.tier_of_rating(r),
                "source": r.source,
            }
            for r in programme.ratings
        ],
        "evaluations": [
            {**e.model_dump(mode="json"), "tier": catalogue.scale.tier_of_evaluation(e)} for e in programme.evaluations
        ],
        "levels": list(programme.levels),
        "levels_matched": list(rec.levels_matched),
        "domains": list(programme.domains),
        "domains_matched": list(rec.domains_matched),
        "ages": {"min": programme.ages.min, "max": programme.ages.max},
        "age_overlap": {"min": rec.age_overlap.min, "max": rec.age_overlap.max},
        "age_share": round(rec.age_share, 4),
        "score_parts": {"evidence_multiplier": rec.evidence_multiplier, "fit": round(rec.fit, 6)},
        "warnings": [w.model_dump(mode="json") for w in programme.warnings],
        "costs": [c.model_dump(mode="json") for c in programme.costs],
        "benefit_cost": [b.model_dump(mode="json") for b in programme.benefit_cost],
        "availability_sweden": programme.availability_sweden.model_dump(mode="json"),
        "summary": programme.summary.model_dump(mode="json"),
        "sources": list(programme.sources),
        "catalogue_file": rec.origin,
        "gaps_filled": [{"factor": g.factor, "age_band": g.band} for g in rec.gaps_filled],
    }


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


def gaps_block(analysis: GapAnalysis, with_inventory: bool = True) -> dict[str, Any]:
    """The gap-analysis part of JSON outputs; without an inventory there is no gap analysis to give."""
    if not with_inventory:
        return {
            "as_of": analysis.as_of.isoformat(),
            "gaps": [],
            "coverage_by_level": {},
            "coverage_by_domain": {},
            "duplications": [],
            "funding_alerts": [],
            "resources": [],
        }
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
                "severity": round(100 * g.severity, 2),  # 0-100, as in every output
                "resources": list(g.resources),
                "coverage_by_level": {k: round(v, 4) for k, v in g.by_level.items()},
                "coverage_by_domain": {k: round(v, 4) for k, v in g.by_domain.items()},
            }
            for g in analysis.cells
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


def in_place_dict(item: InPlace) -> dict[str, Any]:
    return {
        "programme": item.programme_id,
        "resource": item.resource.name,
        "reach": round(item.resource.reach, 4),
        "fidelity": item.resource.resource.fidelity,
        "evidence_tier": item.resource.tier,
        "advice": list(item.advice),
    }


def provenance_block(brief: MeetingBrief, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(),
        "area": brief.loaded.profile.area,
        "profile": profile_info(brief.loaded),
        "catalogue": catalogue_info(catalogue),
        "inventory": inventory_info(brief.inventory, len(brief.gaps.resources)),
        "weights": settings_info(brief.settings, brief.settings_path),
    }


def notice_dict(notice: FitNotice | None) -> dict[str, Any] | None:
    """How well the catalogue fits the profile: the data behind the notice people read."""
    if notice is None:
        return None
    return {
        "weak_fit": notice.needed,
        "best_score": round(notice.best_score, 3),
        "low_score_threshold": notice.low_score,
        "score_is_low": notice.score_is_low,
        "poorly_covered": [{"factor": p.factor, "left_out_elsewhere": p.elsewhere} for p in notice.poorly_covered],
    }


def recommendations_block(brief: MeetingBrief, catalogue: Catalogue) -> dict[str, Any]:
    result = brief.recommendations
    return {
        "fit": notice_dict(result.notice),
        "considered": result.considered,
        "eligible": result.eligible,
        "excluded": result.excluded,
        "in_place": [in_place_dict(i) for i in brief.in_place],
        "recommendations": [recommendation_dict(r, catalogue) for r in result.recommendations],
    }


def recommend_document(brief: MeetingBrief, catalogue: Catalogue) -> dict[str, Any]:
    """``insatsval recommend --format json``."""
    return {**provenance_block(brief, catalogue), **recommendations_block(brief, catalogue)}


def gaps_document(brief: MeetingBrief, catalogue: Catalogue) -> dict[str, Any]:
    """``insatsval gaps --format json``."""
    return {**provenance_block(brief, catalogue), **gaps_block(brief.gaps, brief.inventory is not None)}


def plan_document(brief: MeetingBrief, catalogue: Catalogue) -> dict[str, Any]:
    """``insatsval plan --format json``: everything, in one object."""
    priorities = [
        {"rank": i + 1, "factor": p.factor, "weight": round(float(w), 6), "note": p.note}
        for i, (p, w) in enumerate(zip(brief.loaded.profile.priorities, brief.loaded.profile.weights(), strict=True))
    ]
    return {
        **provenance_block(brief, catalogue),
        "priorities": priorities,
        **gaps_block(brief.gaps, brief.inventory is not None),
        **recommendations_block(brief, catalogue),
    }
