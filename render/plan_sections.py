"""The action plan's sections of ``insatsval plan``: goals, goal chain, implementation plan, overlaps.

:class:`PlanExtras` carries what phase 4 adds to the meeting brief; the rows here are built once
and formatted by every medium (terminal text, Markdown, JSON, XLSX, HTML, DOCX).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from action_plan.implementation import ImplementationPlan, PlanRow
from brief import MeetingBrief
from catalog.catalogue import Catalogue
from render.labels import Labels
from render.tables import md_cell, text_table

if TYPE_CHECKING:  # pragma: no cover - types only
    import networkx as nx


@dataclass(frozen=True)
class PlanExtras:
    """The implementation plan and its goal chain, for the plan's exports."""

    plan: ImplementationPlan
    graph: nx.DiGraph[str]


def plan_extras(brief: MeetingBrief, catalogue: Catalogue, choose: Sequence[str] = ()) -> PlanExtras:
    """The implementation plan and goal chain that ``plan`` adds to the brief (``batch`` adds the same)."""
    from action_plan.goal_chain import build_goal_chain
    from action_plan.implementation import build_plan
    from action_plan.prices import load_prices

    action = build_plan(brief, catalogue, load_prices(), choose)
    return PlanExtras(action, build_goal_chain(brief, catalogue, action.chain_programmes()))


def responsible_text(row: PlanRow, L: Labels) -> str:
    if row.responsible is None:
        return L("ap_responsible_unknown")
    if row.responsible_basis == "inventory":
        return L("ap_responsible_suggested", who=row.responsible)
    return row.responsible


def delivery_text(row: PlanRow, L: Labels) -> str:
    d = row.programme.delivery
    if d is None:
        return L("ap_unknown")
    parts = []
    if d.sessions:
        parts.append(L("ap_sessions", count=d.sessions))
    if d.hours:
        parts.append(L("ap_hours", count=L.num(d.hours, 0)))
    if d.weeks:
        parts.append(L("ap_weeks", count=L.num(d.weeks, 0)))
    return ", ".join(parts) or L("ap_unknown")


def training_text(row: PlanRow, L: Labels) -> str:
    parts = [
        L("ap_training_cost", kind=c.kind, amount=L.num(c.amount, 0), currency=c.currency, year=c.year)
        for c in row.training
    ]
    availability = row.programme.availability_sweden
    sweden = L(f"ap_sweden_status_{availability.status}")
    if availability.note is not None:
        sweden += f": {availability.note.get(L.lang)}"
    return "; ".join([*parts, sweden])


def implementation_headers(L: Labels) -> list[str]:
    return [
        L("col_programme"),
        L("ap_col_responsible"),
        L("ap_col_target_group"),
        L("ap_col_participants"),
        L("ap_col_start"),
        L("ap_col_delivery"),
        L("ap_col_cost"),
        L("ap_col_training"),
        L("ap_col_indicators"),
    ]


def implementation_values(row: PlanRow, L: Labels) -> list[Any]:
    """One programme's values in :func:`implementation_headers` order; numbers stay numbers (None: unknown)."""
    return [
        row.programme.display_name(L.lang),
        responsible_text(row, L),
        L("ap_target_group", level=L.level(row.level), ages=str(row.ages)),
        row.participants,
        row.start.isoformat() if row.start else L("ap_not_set"),
        delivery_text(row, L),
        None if row.cost_sek is None else round(row.cost_sek),
        training_text(row, L),
        L.join([L.factor(f) for f in row.indicators]) or "-",
    ]


def implementation_rows(plan: ImplementationPlan, L: Labels) -> list[list[str]]:
    """Rows for people: unknown numbers say so."""
    out = []
    for row in plan.rows:
        values = implementation_values(row, L)
        values[3] = L("ap_unknown") if values[3] is None else str(values[3])
        values[6] = L("ap_unknown") if values[6] is None else L.num(values[6], 0)
        out.append(values)
    return out


def cost_line(plan: ImplementationPlan, brief: MeetingBrief, L: Labels) -> str:
    total = plan.total_cost_sek
    if total is None:
        known = sum(r.cost_sek for r in plan.rows if r.cost_sek is not None)
        line = L("ap_total_cost_unknown", known=L.num(known, 0))
    else:
        line = L("ap_total_cost_line", cost=L.num(total, 0), year=plan.price_year)
    budget = brief.loaded.profile.budget_sek
    return line + (" " + L("ap_budget_compare", budget=L.num(budget, 0)) if budget is not None else "")


def goal_rows(brief: MeetingBrief, plan: ImplementationPlan, L: Labels) -> list[list[str]]:
    """Per prioritised factor: the team's goal (or what to follow), what it predicts, who works on it."""
    coverage: dict[str, list[float]] = {}
    for cell in brief.gaps.cells:
        coverage.setdefault(cell.factor, []).append(cell.coverage)
    rows = []
    for rank, factor in enumerate(brief.loaded.profile.factor_ids, start=1):
        goal = plan.goals.get(factor)
        if goal is None:
            goal = (
                L("ap_goal_generated", coverage=L.pct(sum(coverage[factor]) / len(coverage[factor])))
                if brief.inventory is not None and coverage.get(factor)
                else L("ap_goal_generated_no_inventory")
            )
        programmes = [r.programme.display_name(L.lang) for r in plan.rows if factor in r.factors]
        rows.append([f"{rank}. {L.factor(factor)}", goal, L.join(L.predicts(factor)) or "-", L.join(programmes) or "-"])
    return rows


def goal_headers(L: Labels) -> list[str]:
    return [L("col_factor"), L("ap_col_goal"), L("col_predicts"), L("ap_col_programmes_for")]


def behaviour_goal_lines(plan: ImplementationPlan, L: Labels) -> list[str]:
    behaviours = set(L.taxonomy.behaviour_ids)
    return [L("ap_behaviour_goal", behaviour=L.behaviour(k), goal=v) for k, v in plan.goals.items() if k in behaviours]


def overlap_lines(plan: ImplementationPlan, catalogue: Catalogue, L: Labels) -> list[str]:
    def name(item: str) -> str:
        programme = catalogue.by_id.get(item)
        return programme.display_name(L.lang) if programme is not None else item

    def org(value: str) -> str:
        return L("ap_responsible_unknown") if value == "?" else value

    return [
        L(
            "ap_overlap_line",
            a=org(o.providers[0]),
            b=org(o.providers[1]),
            items_a=", ".join(name(i) for i in o.items[0]),
            items_b=", ".join(name(i) for i in o.items[1]),
            factors=L.join([L.factor(f) for f in o.factors]),
            bands=L.join([L.band(b) for b in o.bands]),
            levels=L.join([L.level(lv).lower() for lv in o.levels]),
        )
        for o in plan.overlaps
    ]


def plan_text_sections(
    brief: MeetingBrief, catalogue: Catalogue, extras: PlanExtras, L: Labels, fmt: str
) -> list[tuple[str, str]]:
    """(heading, body) of the action plan's sections for terminal text and Markdown."""
    from render.goal_chain_views import goal_chain_text, mermaid

    plan = extras.plan
    intro = L(f"ap_chosen_{plan.chosen_by}")
    goals = text_table(goal_headers(L), goal_rows(brief, plan, L), fmt, [30, 50, 40, 30])
    behaviour = behaviour_goal_lines(plan, L)
    goals_body = "\n".join([goals, *([""] + behaviour if behaviour else [])])
    if fmt == "md":
        chain = "\n".join([intro, "", "```mermaid", mermaid(extras.graph, catalogue, L).rstrip(), "```"])
    else:
        text = goal_chain_text(extras.graph, catalogue, L, brief.loaded.profile.area, "table", intro)
        chain = "\n".join(text.splitlines()[3:]).strip("\n") + "\n\n" + L("ap_chain_svg_note")
    widths = [22, 22, 16, 9, 11, 16, 10, 40, 26]
    table = text_table(implementation_headers(L), implementation_rows(plan, L), fmt, widths)
    implementation = "\n".join([intro, "", table, "", cost_line(plan, brief, L), "", L("ap_fidelity_note")])
    lines = overlap_lines(plan, catalogue, L)
    bullets = [f"- {md_cell(x) if fmt == 'md' else x}" for x in lines] or [L("ap_no_overlaps")]
    overlaps = "\n".join([L("ap_overlap_intro"), "", *bullets])
    return [
        (L("ap_section_goals"), goals_body),
        (L("ap_section_chain"), chain),
        (L("ap_section_implementation"), implementation),
        (L("ap_section_overlaps"), overlaps),
    ]


def plan_json(brief: MeetingBrief, catalogue: Catalogue, extras: PlanExtras) -> dict[str, Any]:
    """The action plan's part of ``plan --format json``: the plan file's content plus overlaps and the chain."""
    from action_plan.plan_file import plan_file
    from render.goal_chain_views import goal_chain_document

    L = Labels("en", catalogue.taxonomy, catalogue.scale)
    document = plan_file(brief, catalogue, extras.plan).model_dump(mode="json")
    return {
        "action_plan": {
            "chosen_by": document["chosen_by"],
            "start": document["start"],
            "price_year": document["price_year"],
            "total_cost_sek": None if extras.plan.total_cost_sek is None else round(extras.plan.total_cost_sek, 2),
            "goals": document["goals"],
            "behaviour_goals": document["behaviour_goals"],
            "programmes": document["programmes"],
            "overlaps": [
                {
                    "providers": list(o.providers),
                    "items": [list(o.items[0]), list(o.items[1])],
                    "factors": list(o.factors),
                    "age_bands": list(o.bands),
                    "levels": list(o.levels),
                }
                for o in extras.plan.overlaps
            ],
            "goal_chain": {
                k: v for k, v in goal_chain_document(extras.graph, catalogue, L).items() if k in ("nodes", "edges")
            },
        }
    }
