"""Sentences that explain one recommendation, shared by the table, Markdown and exports."""

from __future__ import annotations

from catalog.catalogue import Catalogue
from inputs.programme import BenefitCost, Cost, Programme
from recommender.fit import FitNotice
from recommender.ranking import Recommendation, RecommendationResult
from render.labels import Labels


def factor_parts(rec: Recommendation, L: Labels, with_basis: bool = True) -> list[str]:
    """'Factor label 12,3 p (registry-listed)' for each matched prioritised factor, largest first."""
    if not with_basis:
        return [f"{L.factor(c.factor)} {L.num(c.contribution)}" for c in rec.contributions]
    return [
        L("factor_points", factor=L.factor(c.factor), points=L.num(c.contribution), basis=L(f"basis_{c.basis}"))
        for c in rec.contributions
    ]


def ratings_text(programme: Programme, L: Labels) -> str:
    """Registry ratings with their own labels, then published evaluations; or 'no rating'.

    'Blueprints: Model; CrimeSolutions: Effective; randomiserad studie (SE 2015): effekt'.
    """
    parts = [f"{L.registry(r.registry)}: {r.label}" for r in programme.ratings]
    parts += [L.evaluation(e) for e in programme.evaluations]
    return "; ".join(parts) if parts else L("no_ratings")


def tier_text(rec: Recommendation, catalogue: Catalogue, L: Labels) -> str:
    """The common tier with the original ratings and any lowering by warnings."""
    out = L("evidence_line", tier=L.tier(rec.tier.tier), ratings=ratings_text(rec.programme, L))
    if catalogue.tiers[rec.programme.id].varies:
        out += " " + L("tier_at_level", level=L.level(rec.tier_level).lower())
    for step in rec.tier.steps:
        out += " " + L(
            "tier_lowered", before=L.tier(step.before), after=L.tier(step.after), kind=L.kind(step.warning_kind)
        )
    return out


def age_text(rec: Recommendation, profile_ages: str, L: Labels) -> str:
    return L(
        "age_line",
        programme=str(rec.programme.ages.min) + "-" + str(rec.programme.ages.max),
        overlap=str(rec.age_overlap),
        profile=profile_ages,
        share=L.pct(rec.age_share),
    )


def fit_text(rec: Recommendation, L: Labels) -> str:
    return L(
        "fit_line",
        levels=L.join([L.level(x) for x in rec.programme.levels]),
        domains=L.join([L.domain(x) for x in rec.programme.domains]),
    )


def clauses(parts: list[str]) -> str:
    """Clauses joined with '; ', each without its own closing full stop (no '.;' in the output)."""
    return "; ".join(part.strip().rstrip(".").rstrip() for part in parts if part.strip())


def cost_text(cost: Cost, L: Labels) -> str:
    amount = L.num(cost.amount, 0)
    note = f" – {cost.note.get(L.lang).rstrip('.')}" if cost.note else ""
    return (
        L(
            "cost_item",
            amount=amount,
            currency=cost.currency,
            unit=L(f"unit_{cost.unit}"),
            kind=L(f"cost_kind_{cost.kind}"),
            year=cost.year,
        )
        + note
    )


def benefit_cost_text(item: BenefitCost, L: Labels) -> str:
    """'benefit-cost ratio 1.42 (USD, price year 2023; chance benefits exceed costs 51%)'; unknowns left out."""
    text = L("benefit_cost_item", ratio=L.num(item.ratio, 2), year=item.year, currency=item.currency)
    if item.chance_benefits_exceed_costs is not None:
        text = text[:-1] + L("benefit_cost_chance", chance=L.pct(item.chance_benefits_exceed_costs)) + ")"
    return text


def costs_text(programme: Programme, L: Labels) -> str:
    """All known cost figures, or a plain 'unknown'."""
    parts = [cost_text(c, L) for c in programme.costs] + [benefit_cost_text(b, L) for b in programme.benefit_cost]
    return clauses(parts) if parts else L("cost_unknown")


def developer_text(programme: Programme, L: Labels) -> str:
    """Who developed the programme, in ``L``'s language ('' when unknown)."""
    developer = programme.developer
    return developer if isinstance(developer, str) else L.text(developer)


def sweden_text(programme: Programme, L: Labels) -> str:
    status = L(f"sweden_{programme.availability_sweden.status}")
    note = programme.availability_sweden.note
    return f"{status} – {note.get(L.lang)}" if note else status


def gaps_text(rec: Recommendation, L: Labels) -> str:
    """'Factor (10-12, 13-15); Other factor (13-15)': the open gaps the programme reaches."""
    bands: dict[str, list[str]] = {}
    for gap in rec.gaps_filled:
        bands.setdefault(gap.factor, []).append(L.span(gap.band))
    return "; ".join(f"{L.factor(f)} ({', '.join(b)})" for f, b in bands.items())


def explanation_lines(rec: Recommendation, catalogue: Catalogue, profile_ages: str, L: Labels) -> list[tuple[str, str]]:
    """(heading, text) pairs that together explain why and how a programme was ranked."""
    lines = [
        (L("why_factors"), "; ".join(factor_parts(rec, L))),
        (L("why_ages"), age_text(rec, profile_ages, L)),
        (L("why_evidence"), tier_text(rec, catalogue, L)),
        (L("why_fit"), fit_text(rec, L)),
    ]
    if rec.gaps_filled:
        lines.append((L("why_gaps"), gaps_text(rec, L)))
    for warning in rec.programme.warnings:
        lines.append((L("why_warning"), f"{warning.text.get(L.lang)} ({warning.source})"))
    lines.append((L("why_cost"), costs_text(rec.programme, L)))
    lines.append((L("why_sweden"), sweden_text(rec.programme, L)))
    lines.append((L("why_summary"), rec.programme.summary.get(L.lang)))
    lines.append((L("why_sources"), " ".join(rec.programme.sources)))
    if not rec.origin.startswith("bundled:"):
        lines.append((L("why_origin"), rec.origin))
    return lines


def notice_lines(notice: FitNotice | None, L: Labels) -> list[str]:
    """When the catalogue fits the profile poorly: a heading, what is weak, and what to do; else []."""
    if notice is None or not notice.needed:
        return []
    lines = [L("notice_heading")]
    if notice.score_is_low:
        lines.append(L("notice_low_score", score=L.num(notice.best_score), threshold=L.num(notice.low_score, 0)))
    for item in notice.poorly_covered:
        elsewhere = ", ".join(L(f"excluded_{reason}", count=n) for reason, n in item.elsewhere.items())
        lines.append(
            L("notice_factor", factor=L.factor(item.factor))
            + (" " + L("notice_elsewhere", parts=elsewhere) if elsewhere else "")
        )
    lines.append(L("notice_advice"))
    return lines


def groups(result: RecommendationResult) -> list[tuple[str, list[Recommendation]]]:
    """The recommendations split into their groups, in order: recommended, then no effect found."""
    out = []
    for group in ("recommended", "no_effect"):
        members = [r for r in result.recommendations if r.group == group]
        if members:
            out.append((group, members))
    return out
