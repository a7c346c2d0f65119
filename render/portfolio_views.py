"""``insatsval portfolio`` for people (terminal text, Markdown) and programs (JSON), and stability tables.

JSON keys are English and stable (``schema_version``); amounts are SEK a year at the price year,
shares 0-1. Text is in the run's language.
"""

from __future__ import annotations

from typing import Any

from action_plan.candidates import Candidate
from action_plan.selection import PortfolioResult
from action_plan.stability import Stability
from brief import MeetingBrief
from catalog.catalogue import Catalogue
from render.documents import provenance_block
from render.labels import Labels
from render.tables import md_cell, text_table


# --- JSON ------------------------------------------------------------------------------
def unit_cost_dict(candidate: Candidate) -> dict[str, Any]:
    u = candidate.unit_cost
    return {
        "sek_per_participant": None if u.sek is None else round(u.sek, 2),
        "unknown_reason": u.reason,
        "source_amount": u.amount,
        "source_currency": u.currency,
        "source_year": u.year,
        "source": u.source,
        "sek_per_unit": u.rate,
        "rate_source": u.rate_source,
        "cpi_factor": None if u.cpi_factor is None else round(u.cpi_factor, 6),
    }


def stability_dict(item: Stability | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "top_k_share": round(item.share, 4),
        "rank_low": item.rank_low,
        "rank_high": item.rank_high,
        "verdict": item.verdict,
        "hinge_factor": item.hinge_factor,
    }


def portfolio_document(
    result: PortfolioResult,
    brief: MeetingBrief,
    catalogue: Catalogue,
    stability: list[Stability] | None = None,
    stability_info: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``insatsval portfolio --format json``."""
    by_id = {s.programme: s for s in stability or []}
    coverage = result.coverage
    doc: dict[str, Any] = {
        **provenance_block(brief, catalogue),
        "budget_sek": result.budget_sek,
        "max_programmes": result.max_programmes,
        "one_per_level": result.one_per_level,
        "price_year": result.price_year,
        "chosen": [
            {
                "id": p.candidate.id,
                "cost_sek": round(p.cost_sek, 2),
                "participants": p.candidate.participants,
                "level": p.candidate.level,
                "evidence_tier": p.candidate.tier,
                "gain": round(p.gain, 6),
                "unit_cost": unit_cost_dict(p.candidate),
            }
            for p in result.chosen
        ],
        "total_cost_sek": round(result.total_cost_sek, 2),
        "objective_before": round(result.objective_before, 6),
        "objective": round(result.objective, 6),
        "exact": {
            "status": result.exact.status,
            "proven_gap": result.exact.proven_gap,
            "milp_solves": result.exact.rounds,
            "cuts": result.exact.cuts,
        },
        "greedy": {
            "chosen": [c.id for c in result.greedy_chosen],
            "objective": round(result.greedy_objective, 6),
            "feasible": result.greedy_feasible,
            "trace": [
                {
                    "step": g.step.step,
                    "id": g.candidate.id,
                    "reason": g.step.reason,
                    "gain": round(g.step.gain, 6),
                    "cost_sek": round(g.step.cost, 2),
                    "objective": round(g.step.objective, 6),
                    "budget_left_sek": None if g.step.remaining is None else round(g.step.remaining, 2),
                    "affordable": g.step.affordable,
                }
                for g in result.greedy_trace
            ],
        },
        "optimality_gap": round(result.optimality_gap, 9),
        "considered": result.considered,
        "excluded": result.excluded,
        "unknown_cost": [c.id for c in result.unknown_cost],
        "unknown_cost_reasons": {
            c.id: c.unit_cost.reason or ("no_population" if c.participants is None else None)
            for c in result.unknown_cost
        },
        "coverage_before": [{"factor": c.factor, "age_band": c.band, "coverage": round(c.before, 4)} for c in coverage],
        "coverage_after": [{"factor": c.factor, "age_band": c.band, "coverage": round(c.after, 4)} for c in coverage],
        "uncovered": [
            {"factor": c.factor, "age_band": c.band, "coverage": round(c.after, 4), "need": round(c.need, 6)}
            for c in result.uncovered(brief.settings.coverage.covered)
        ],
    }
    if stability is not None:
        doc["stability"] = {
            **(stability_info or {}),
            "programmes": [{"id": s.programme, **(stability_dict(s) or {})} for s in stability],
        }
        doc["chosen"] = [{**c, "stability": stability_dict(by_id.get(c["id"]))} for c in doc["chosen"]]
    return doc


# --- text ------------------------------------------------------------------------------
def _heading(text: str, fmt: str, level: int = 2) -> list[str]:
    if fmt == "md":
        return [f"{'#' * level} {text}", ""]
    return [text, ("=" if level == 1 else "-") * len(text)]


def _pp(share: float, L: Labels) -> str:
    """A share 0-1 as percentage points with one decimal."""
    return L.num(100 * share, 1)


def unknown_reason(candidate: Candidate, L: Labels) -> str:
    u = candidate.unit_cost
    if u.reason is None:
        return L("ap_reason_no_population")
    return L(f"ap_reason_{u.reason}", currency=u.currency or "", year=u.year or "")


def chosen_rows(result: PortfolioResult, L: Labels) -> list[list[str]]:
    return [
        [
            p.candidate.programme.display_name(L.lang),
            L.level(p.candidate.level),
            L.tier(p.candidate.tier),
            str(p.candidate.participants),
            L.num(p.candidate.unit_cost.sek or 0.0, 0),
            L.num(p.cost_sek, 0),
            _pp(p.gain, L),
        ]
        for p in result.chosen
    ]


def chosen_headers(L: Labels) -> list[str]:
    return [
        L("col_programme"),
        L("ap_col_level"),
        L("col_tier"),
        L("ap_col_participants"),
        L("ap_col_unit_cost"),
        L("ap_col_cost"),
        L("ap_col_gain"),
    ]


def why(step: Any, L: Labels) -> str:
    """The reason of one greedy step, in words."""
    reason = step.step.reason
    if reason == "level":
        return L("ap_why_level", level=L.level(step.candidate.level).lower())
    return L(f"ap_why_{reason}", count=step.step.affordable)


def total_line(result: PortfolioResult, L: Labels) -> str:
    before, after = L.pct(result.objective_before), L.pct(result.objective)
    if result.budget_sek is None:
        return L("ap_total_line", cost=L.num(result.total_cost_sek, 0), before=before, after=after)
    return L(
        "ap_total_budget_line",
        cost=L.num(result.total_cost_sek, 0),
        budget=L.num(result.budget_sek, 0),
        left=L.num(result.budget_sek - result.total_cost_sek, 0),
        before=before,
        after=after,
    )


def solution_lines(result: PortfolioResult, L: Labels) -> list[str]:
    exact = result.exact
    if exact.status == "optimal":
        lines = [L("ap_exact_line", value=L.pct(result.objective), rounds=exact.rounds, cuts=exact.cuts)]
    else:
        lines = [L("ap_exact_unproven", value=L.pct(result.objective), rounds=exact.rounds, bound=L.pct(exact.bound))]
    if not result.greedy_feasible:
        return [*lines, L("ap_greedy_infeasible")]
    lines.append(L("ap_greedy_line", value=L.pct(result.greedy_objective), gap=_pp(result.optimality_gap, L)))
    same = {c.id for c in result.greedy_chosen} == {p.candidate.id for p in result.chosen}
    names = ", ".join(c.programme.display_name(L.lang) for c in result.greedy_chosen) or "-"
    lines.append(L("ap_greedy_same") if same else L("ap_greedy_differs", programmes=names))
    return lines


def trace_rows(result: PortfolioResult, L: Labels) -> list[list[str]]:
    return [
        [
            str(g.step.step),
            g.candidate.programme.display_name(L.lang),
            why(g, L),
            _pp(g.step.gain, L),
            L.num(g.step.cost, 0),
            "-" if g.step.remaining is None else L.num(g.step.remaining, 0),
        ]
        for g in result.greedy_trace
    ]


def trace_headers(L: Labels) -> list[str]:
    return [L("ap_col_step"), L("col_programme"), L("ap_col_why"), L("ap_col_gain"), L("ap_col_cost"), L("ap_col_left")]


def coverage_rows(result: PortfolioResult, L: Labels) -> list[list[str]]:
    return [
        [L.factor(c.factor), L.band(c.band), L.pct(c.need), L.pct(c.before), L.pct(c.after)] for c in result.coverage
    ]


def coverage_headers(L: Labels) -> list[str]:
    return [L("col_factor"), L("col_age_band"), L("ap_col_need"), L("ap_col_before"), L("ap_col_after")]


def uncovered_lines(result: PortfolioResult, covered: float, L: Labels) -> list[str]:
    cells = result.uncovered(covered)
    if not cells:
        return [L("ap_all_covered", covered=L.pct(covered))]
    return [L("ap_uncovered_intro", covered=L.pct(covered))] + [
        "- "
        + L(
            "ap_uncovered_line",
            factor=L.factor(c.factor),
            band=L.band(c.band),
            after=L.pct(c.after),
            need=L.pct(c.need),
        )
        for c in cells
    ]


def unknown_rows(result: PortfolioResult, L: Labels) -> list[list[str]]:
    return [
        [str(c.rank), c.programme.display_name(L.lang), L.level(c.level), L.tier(c.tier), unknown_reason(c, L)]
        for c in result.unknown_cost
    ]


def unknown_headers(L: Labels) -> list[str]:
    return [L("col_rank"), L("col_programme"), L("ap_col_level"), L("col_tier"), L("ap_col_reason")]


def stability_rows(items: list[Stability], names: dict[str, str], L: Labels, with_rank: bool) -> list[list[str]]:
    rows = []
    for s in items:
        row = [names.get(s.programme, s.programme), L.pct(s.share)]
        if with_rank:
            row.append(f"{s.rank_low}-{s.rank_high}")
        row += [L(f"ap_verdict_{s.verdict}"), L.factor(s.hinge_factor) if s.hinge_factor else "-"]
        rows.append(row)
    return rows


def stability_headers(L: Labels, with_rank: bool) -> list[str]:
    headers = [L("col_programme"), L("ap_col_share")]
    if with_rank:
        headers.append(L("ap_col_rank_interval"))
    return [*headers, L("ap_col_verdict"), L("ap_col_hinge")]


def stability_section(
    items: list[Stability], names: dict[str, str], draws: int, seed: int, k: int | None, L: Labels, fmt: str
) -> str:
    """The stability table with its explanation (k None: portfolio membership)."""
    shown = [s for s in items if s.share > 0] if k is None else items
    intro = [L("ap_stability_intro", draws=draws, seed=seed)]
    intro.append(L("ap_stability_portfolio") if k is None else L("ap_stability_topk", k=k))
    table = text_table(
        stability_headers(L, k is not None), stability_rows(shown, names, L, k is not None), fmt, [30, 10, 12, 20, 34]
    )
    return "\n".join([*intro, "", table])


def render_portfolio(
    result: PortfolioResult,
    brief: MeetingBrief,
    L: Labels,
    fmt: str,
    stability: str | None = None,
) -> str:
    """``insatsval portfolio`` as terminal text or Markdown (``stability``: an already rendered section)."""
    profile = brief.loaded.profile
    out = _heading(L("ap_portfolio_title", area=profile.area), fmt, 1)
    header = []
    if result.budget_sek is not None:
        header.append(L("ap_budget_line", budget=L.num(result.budget_sek, 0), year=result.price_year))
        if result.max_programmes is not None:
            header.append(L("ap_max_line", count=result.max_programmes))
    else:
        header.append(L("ap_no_budget_line", count=result.max_programmes, year=result.price_year))
    if result.one_per_level:
        header.append(L("ap_one_per_level_line"))
    header.append(L("ap_considered_line", known=result.considered, unknown=len(result.unknown_cost)))
    out += [f"- {line}" if fmt == "md" else line for line in header]

    def section(title: str, body: list[str]) -> None:
        out.extend(["", *_heading(title, fmt), *body])

    chosen = (
        [text_table(chosen_headers(L), chosen_rows(result, L), fmt, [30, 12, 14, 10, 10, 12, 12])]
        if result.chosen
        else [L("ap_nothing_chosen")]
    )
    section(L("ap_section_chosen"), [*chosen, "", total_line(result, L)])
    trace = text_table(trace_headers(L), trace_rows(result, L), fmt, [None, 30, 40, 12, 12, 14])
    section(L("ap_section_solutions"), [*solution_lines(result, L), "", trace])
    section(
        L("ap_section_coverage"),
        [text_table(coverage_headers(L), coverage_rows(result, L), fmt, [34, 26, 10, 8, 8])],
    )
    section(L("ap_section_uncovered"), uncovered_lines(result, brief.settings.coverage.covered, L))
    unknown = (
        [
            L("ap_unknown_intro"),
            "",
            text_table(unknown_headers(L), unknown_rows(result, L), fmt, [None, 30, 12, 14, 40]),
        ]
        if result.unknown_cost
        else [L("ap_none")]
    )
    section(L("ap_section_unknown"), unknown)
    if stability is not None:
        section(L("ap_section_stability"), [stability])
    out += ["", L("ap_method_note")]
    if fmt == "md":
        out = [line if not line.startswith("- ") else "- " + md_cell(line[2:]) for line in out]
    return "\n".join(out) + "\n"
