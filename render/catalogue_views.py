"""Views of the taxonomy and the catalogue: ``factors``, ``programmes`` and ``show``."""

from __future__ import annotations

from typing import Any

from catalog.catalogue import Catalogue
from inputs.programme import Programme
from inputs.taxonomy import Taxonomy
from render.documents import to_json
from render.explain import benefit_cost_text, cost_text, developer_text, ratings_text, sweden_text
from render.labels import Labels
from render.tables import render_csv, text_table


def _render_rows(headers: list[str], rows: list[list[Any]], fmt: str) -> str:
    """Ids (the first column) are never wrapped: people copy them into their files."""
    if fmt == "csv":
        return render_csv(headers, rows)
    return text_table(headers, rows, fmt, [None, *[40] * (len(headers) - 1)]) + "\n"


# --- factors ---------------------------------------------------------------------------
def factors_document(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "taxonomy": taxonomy.taxonomy.model_dump(),
        "factors": [f.model_dump(mode="json") for f in taxonomy.factors],
        "problem_behaviours": [b.model_dump(mode="json") for b in taxonomy.problem_behaviours],
        "age_bands": [b.model_dump(mode="json") for b in taxonomy.age_bands],
    }


def render_factors(taxonomy: Taxonomy, L: Labels, fmt: str) -> str:
    """The taxonomy: one row per factor."""
    if fmt == "json":
        return to_json(factors_document(taxonomy))
    headers = ["id", L("col_factor"), L("col_kind"), L("col_domain"), L("col_predicts")]
    rows = [
        [
            f.id,
            f.label.get(L.lang),
            L(f"kind_{f.kind}"),
            L.domain(f.domain),
            L.join([L.behaviour(b) for b in f.predicts]),
        ]
        for f in taxonomy.factors
    ]
    return _render_rows(headers, rows, fmt)


# --- programme list --------------------------------------------------------------------
def programme_row_dict(programme: Programme, catalogue: Catalogue) -> dict[str, Any]:
    tiers = catalogue.tiers[programme.id]
    return {
        "id": programme.id,
        "name": programme.name,
        "name_sv": programme.name_sv,
        "evidence_tier": tiers.headline.tier,
        "evidence_tier_by_level": {lv: r.tier for lv, r in tiers.by_level.items()},
        "ratings": [{"registry": r.registry, "label": r.label} for r in programme.ratings],
        "evaluations": [
            {"design": e.design, "countries": list(e.countries), "result": e.result, "year": e.year}
            for e in programme.evaluations
        ],
        "levels": list(programme.levels),
        "domains": list(programme.domains),
        "ages": {"min": programme.ages.min, "max": programme.ages.max},
        "factors": [{"factor": t.factor, "basis": t.basis} for t in programme.factors],
        "catalogue_file": catalogue.origin_of(programme.id),
    }


def render_programme_list(programmes: list[Programme], catalogue: Catalogue, L: Labels, fmt: str) -> str:
    """The ``programmes`` command: matching programmes, one row each."""
    if fmt == "json":
        return to_json({"count": len(programmes), "programmes": [programme_row_dict(p, catalogue) for p in programmes]})
    headers = [
        "id",
        L("col_programme"),
        L("col_tier"),
        L("col_ratings"),
        L("col_levels"),
        L("col_domains"),
        L("col_ages"),
        L("col_source_file"),
    ]
    rows = [
        [
            p.id,
            p.display_name(L.lang),
            L.tier(catalogue.tiers[p.id].headline.tier),
            ratings_text(p, L),
            L.join([L.level(x) for x in p.levels]),
            L.join([L.domain(x) for x in p.domains]),
            f"{p.ages.min}-{p.ages.max}",
            catalogue.origin_of(p.id),
        ]
        for p in programmes
    ]
    return _render_rows(headers, rows, fmt) + (
        L("programmes_count", count=len(programmes)) + "\n" if fmt == "table" else ""
    )


# --- one programme ---------------------------------------------------------------------
def programme_detail_lines(programme: Programme, catalogue: Catalogue, L: Labels) -> list[tuple[str, str]]:
    """(heading, text) pairs describing every field of a programme, with sources."""
    tiers = catalogue.tiers[programme.id]
    tier_parts = []
    for level, result in tiers.by_level.items():
        part = f"{L.level(level)}: {L.tier(result.tier)}"
        for step in result.steps:
            part += " " + L(
                "tier_lowered", before=L.tier(step.before), after=L.tier(step.after), kind=L.kind(step.warning_kind)
            )
        tier_parts.append(part)
    lines = [
        (L("why_summary"), programme.summary.get(L.lang)),
        (L("col_developer"), developer_text(programme, L) or L("unknown")),
        (L("col_domains"), L.join([L.domain(x) for x in programme.domains])),
        (L("col_levels"), L.join([L.level(x) for x in programme.levels])),
        (
            L("col_ages"),
            f"{programme.ages.min}-{programme.ages.max}"
            + (f" ({L.text(programme.ages.note)})" if programme.ages.note else "")
            + f" – {programme.ages.source}",
        ),
        (L("col_tier"), "; ".join(tier_parts)),
        (L("col_ratings"), ratings_text(programme, L)),
    ]
    for rating in programme.ratings:
        tier = catalogue.scale.tier_of_rating(rating)
        note = f" – {L.text(rating.note)}" if rating.note else ""
        registry = L.registry(rating.registry)
        lines.append((L("col_rating"), f"{registry}: {rating.label} → {L.tier(tier or '')}{note} ({rating.source})"))
    for evaluation in programme.evaluations:
        tier = catalogue.scale.tier_of_evaluation(evaluation)
        text = f"{L.evaluation(evaluation)} → {L.tier(tier or '')} – {evaluation.outcome.get(L.lang)}"
        lines.append((L("col_evaluation"), f"{text} {evaluation.citation} ({evaluation.source})"))
    for factor_list in programme.factor_lists:
        note = f" – {L.text(factor_list.note)}" if factor_list.note else ""
        lines.append((L("col_factor_list"), f"{'; '.join(factor_list.phrases)}{note} ({factor_list.source})"))
    for tag in programme.factors:
        note = f" – {L.text(tag.note)}" if tag.note else ""
        basis = L(f"basis_{tag.basis}")
        lines.append((L("col_factor"), f"{L.factor(tag.factor)} ({basis}){note} ({tag.source})"))
    for outcome in programme.outcomes:
        lines.append((L("col_outcome"), f"{L.behaviour(outcome.behaviour)} ({outcome.source})"))
    for warning in programme.warnings:
        scope = f" [{L.join([L.level(x) for x in warning.levels])}]" if warning.levels else ""
        lines.append(
            (L("why_warning"), f"{L.kind(warning.kind)}{scope}: {warning.text.get(L.lang)} ({warning.source})")
        )
    if programme.delivery is not None and programme.delivery.summary is not None:
        source = f" ({programme.delivery.source})" if programme.delivery.source else ""
        lines.append((L("col_delivery"), programme.delivery.summary.get(L.lang) + source))
    for cost in programme.costs:
        lines.append((L("why_cost"), f"{cost_text(cost, L)} ({cost.source})"))
    for item in programme.benefit_cost:
        lines.append((L("col_benefit_cost"), f"{benefit_cost_text(item, L)} ({item.source})"))
    if not programme.costs and not programme.benefit_cost:
        lines.append((L("why_cost"), L("cost_unknown")))
    lines.append((L("why_sweden"), sweden_text(programme, L)))
    lines.append((L("why_sources"), " ".join(programme.sources)))
    lines.append((L("col_checked"), str(programme.checked) if programme.checked else L("unknown")))
    lines.append((L("col_source_file"), catalogue.origin_of(programme.id)))
    return lines


def render_programme_detail(programme: Programme, catalogue: Catalogue, L: Labels, fmt: str) -> str:
    """The ``show`` command."""
    if fmt == "json":
        doc = programme.model_dump(mode="json")
        doc["evidence_tier"] = catalogue.tiers[programme.id].headline.tier
        doc["evidence_tier_by_level"] = {lv: r.tier for lv, r in catalogue.tiers[programme.id].by_level.items()}
        doc["catalogue_file"] = catalogue.origin_of(programme.id)
        return to_json(doc)
    title = programme.display_name(L.lang)
    if programme.display_name(L.lang) != programme.name:
        title += f" ({programme.name})"
    lines = programme_detail_lines(programme, catalogue, L)
    if fmt == "md":
        return "\n".join([f"# {title}", "", *[f"- **{h}:** {t}" for h, t in lines]]) + "\n"
    width = max(len(h) for h, _ in lines)
    return "\n".join([title, "=" * len(title), *[f"{h.ljust(width)}  {t}" for h, t in lines]]) + "\n"
