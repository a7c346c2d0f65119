"""What people read from the survey commands: the area profile (``prioritise``) and the follow-up.

Rows are built once here and formatted per medium (terminal, Markdown, CSV, JSON, and through
:mod:`render.survey_files` HTML and XLSX). Hidden figures are ``None`` in the results and show
as "dold"/"hidden" (or ``null`` in JSON): nothing below the threshold reaches any format.
"""

from __future__ import annotations

from typing import Any

from render.documents import to_json
from render.labels import Labels
from render.provenance import SCHEMA_VERSION, tool_info
from render.tables import render_csv, text_table
from survey.follow_up import Change, FollowUp
from survey.prioritise import AreaFigures, FactorFigure, Suggestion
from survey.suppression import FLOOR

# --- shared pieces -----------------------------------------------------------------------


def _points(share: float | None, L: Labels) -> str:
    """A difference in percentage points with its sign: ``+12,3``."""
    if share is None:
        return L("survey_hidden")
    value = L.num(abs(share) * 100)
    return ("+" if share > 0 else "-" if share < 0 else "±") + value


def _share_ci(share: float | None, low: float | None, high: float | None, L: Labels) -> str:
    if share is None or low is None or high is None:
        return L("survey_hidden")
    return f"{L.pct(share)} ({L.pct(low)}-{L.pct(high)})"


def _change_text(change: Change, L: Labels) -> str:
    if change.difference is None or change.low is None or change.high is None:
        return "-"
    return f"{_points(change.difference, L)} ({_points(change.low, L)} {L('to_word')} {_points(change.high, L)})"


def benchmark_text(kind: str, name: str, L: Labels) -> str:
    return L("survey_benchmark_city") if kind == "city" else L("survey_benchmark_file", name=name)


def header_lines(
    source: str, sha: str, wave: str, benchmark: str, threshold: int, notes: tuple[str, ...], L: Labels
) -> list[str]:
    """Provenance, comparison, suppression and the file's own notes (made-up data say so there)."""
    lines = [L("survey_source", file=source, sha=sha[:12], wave=wave), L("survey_compared", benchmark=benchmark)]
    lines.append(L("survey_threshold", threshold=threshold))
    if threshold < FLOOR:
        lines.append(L("survey_threshold_low", threshold=threshold))
    lines += [L("survey_note", note=note) for note in notes]
    return lines


def _note_rows(lines: list[str], width: int) -> list[list[Any]]:
    """Lines of text as CSV rows under a table: the text in the first cell, the others empty."""
    return [[line] + [""] * (width - 1) for line in lines]


# --- prioritise ------------------------------------------------------------------------


def factor_row(f: FactorFigure, L: Labels) -> list[Any]:
    return [
        L.factor(f.factor),
        L(f"kind_{f.kind}"),
        f.respondents if f.respondents is not None else L("survey_hidden"),
        _share_ci(f.prevalence, f.ci_low, f.ci_high, L),
        L.pct(f.benchmark_prevalence) if f.benchmark_prevalence is not None else "-",
        "-"
        if f.difference is None
        else f"{_points(f.difference, L)} ({_points(f.diff_low, L)} {L('to_word')} {_points(f.diff_high, L)})",
        L("yes_word") if f.stands_out else "",
        f.affected if f.affected is not None else "-",
    ]


def factor_headers(L: Labels) -> list[str]:
    return [
        L("col_factor"),
        L("col_kind"),
        L("col_respondents"),
        L("col_share_ci"),
        L("col_benchmark"),
        L("col_difference_ci"),
        L("col_stands_out"),
        L("col_affected"),
    ]


def suggestion_reason(s: Suggestion, figures: AreaFigures, L: Labels) -> str:
    """Why a factor is suggested, in words: share, interval, difference, whether it stands out, how many."""
    f = next(x for x in figures.factors if x.factor == s.factor)
    share = f.affected_share or 0.0
    if f.kind == "risk":
        low, high = f.ci_low or 0.0, f.ci_high or 0.0
        parts = [L("reason_risk", share=L.pct(share), low=L.pct(low), high=L.pct(high))]
    else:  # lacking protection: the interval turns round
        low, high = 1 - (f.ci_high or 0.0), 1 - (f.ci_low or 0.0)
        parts = [L("reason_protective", share=L.pct(share), low=L.pct(low), high=L.pct(high))]
    if f.difference is not None:
        direction = L("reason_above") if f.difference > 0 else L("reason_below")
        parts.append(L("reason_difference", diff=L.num(abs(f.difference) * 100), direction=direction))
    tests = sum(1 for x in figures.factors if not x.suppressed)
    parts.append(L("reason_stands_out", tests=tests) if s.stands_out else L("reason_not_significant"))
    if f.affected is not None:
        parts.append(L("reason_affected", count=f.affected))
    return "; ".join(parts) + "."


def prioritise_document(figures: AreaFigures, L: Labels) -> dict[str, Any]:
    """The JSON contract of ``prioritise`` (stable keys, ``schema_version``)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(),
        "area": figures.area,
        "wave": figures.wave,
        "waves": figures.waves,
        "benchmark": {
            "kind": figures.benchmark.kind,
            "name": figures.benchmark.name or None,
            "sha256": figures.benchmark.sha256,
        },
        "suppression_threshold": figures.threshold,
        "source": {"file": figures.source.name, "sha256": figures.sha256, "notes": list(figures.notes)},
        "ages": list(figures.ages) if figures.ages else None,
        "factors": [
            {
                "factor": f.factor,
                "kind": f.kind,
                "respondents": f.respondents,
                "prevalence": f.prevalence,
                "ci_low": f.ci_low,
                "ci_high": f.ci_high,
                "benchmark_prevalence": f.benchmark_prevalence,
                "difference": f.difference,
                "difference_ci_low": f.diff_low,
                "difference_ci_high": f.diff_high,
                "p_adjusted": f.p_adjusted,
                "stands_out": f.stands_out,
                "suppressed": f.suppressed,
                "incomplete": f.incomplete,
                "affected": f.affected,
            }
            for f in figures.factors
        ],
        "suggested": [
            {
                "factor": s.factor,
                "weight": s.weight,
                "stands_out": s.stands_out,
                "reason": suggestion_reason(s, figures, L),
            }
            for s in figures.suggested
        ],
    }


def prioritise_lines(figures: AreaFigures, L: Labels) -> list[str]:
    """The heading lines above the table."""
    benchmark = benchmark_text(figures.benchmark.kind, figures.benchmark.name, L)
    return header_lines(
        figures.source.name,
        figures.sha256,
        L("survey_wave", wave=figures.wave),
        benchmark,
        figures.threshold,
        figures.notes,
        L,
    )


def suggestion_lines(figures: AreaFigures, L: Labels) -> list[str]:
    if not figures.suggested:
        return [L("survey_suggested_none")]
    lines = [
        f"{i}. {L.factor(s.factor)} ({L('weight_word')} {L.num(s.weight, 0)}): {suggestion_reason(s, figures, L)}"
        for i, s in enumerate(figures.suggested, 1)
    ]
    return [*lines, L("survey_decides")]


def render_prioritise(figures: AreaFigures, L: Labels, fmt: str, csv_dialect: str = "standard") -> str:
    """``prioritise`` as terminal text, Markdown, CSV or JSON."""
    if fmt == "json":
        return to_json(prioritise_document(figures, L))
    rows = [factor_row(f, L) for f in figures.factors]
    if fmt == "csv":
        # provenance, benchmark and threshold follow the table, one line per row, as in every other format
        return render_csv(factor_headers(L), rows + _note_rows(prioritise_lines(figures, L), 8), csv_dialect)
    title = L("survey_title", area=figures.area, wave=figures.wave)
    table = text_table(factor_headers(L), rows, fmt, [30, None, None, 20, None, 24, None, None])
    suggested = suggestion_lines(figures, L)
    if fmt == "md":
        head = "\n".join(f"- {line}" for line in prioritise_lines(figures, L))
        items = "\n".join(suggested)
        return f"# {title}\n\n{head}\n\n{table}\n\n{L('survey_method')}\n\n## {L('survey_suggested')}\n\n{items}\n"
    head = "\n".join(prioritise_lines(figures, L))
    return (
        f"{title}\n{head}\n\n{table}\n\n{L('survey_method')}\n\n{L('survey_suggested')}\n" + "\n".join(suggested) + "\n"
    )


# --- follow-up -------------------------------------------------------------------------


def followup_headers(result: FollowUp, L: Labels) -> list[str]:
    first = result.waves[0]
    return [
        L("col_factor"),
        *[str(w) for w in result.waves],
        L("col_change_first", wave=first),
        L("col_change_previous"),
        L("col_significant"),
        L("col_benchmark_change"),
    ]


def followup_rows(result: FollowUp, L: Labels) -> list[list[Any]]:
    rows = []
    for series in result.factors:
        waves = [_share_ci(p.prevalence, p.ci_low, p.ci_high, L) for p in series.waves]
        direction = (
            "" if series.better is None else f" ({L('followup_better') if series.better else L('followup_worse')})"
        )
        rows.append(
            [
                L.factor(series.factor),
                *waves,
                _change_text(series.since_first, L) + direction,
                _change_text(series.since_previous, L),
                L("yes_word") if series.significant else L("no_word"),
                _change_text(series.benchmark_change, L),
            ]
        )
    return rows


def running_lines(running: list[dict[str, Any]], L: Labels) -> list[str]:
    if not running:
        return [L("followup_running_none")]
    return [
        L(
            "followup_running_line",
            name=r["name"],
            provider=r["provider"] or "-",
            started=r["started"],
            until=L("followup_until", date=r["funded_until"]) if r.get("funded_until") else "",
            factors=", ".join(L.factor(f) for f in r["factors"]) or "-",
        )
        for r in running
    ]


def followup_document(result: FollowUp, running: list[dict[str, Any]], L: Labels) -> dict[str, Any]:
    """The JSON contract of ``follow-up`` (stable keys, ``schema_version``)."""

    def change(c: Change) -> dict[str, Any] | None:
        return (
            None
            if c.difference is None
            else {"since": c.since, "difference": c.difference, "ci_low": c.low, "ci_high": c.high}
        )

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(),
        "area": result.area,
        "waves": result.waves,
        "benchmark": {"kind": result.benchmark.kind, "name": result.benchmark.name or None},
        "suppression_threshold": result.threshold,
        "source": {"file": result.source.name, "sha256": result.sha256, "notes": list(result.notes)},
        "factors": [
            {
                "factor": s.factor,
                "kind": s.kind,
                "waves": [
                    {
                        "wave": p.wave,
                        "respondents": p.respondents,
                        "prevalence": p.prevalence,
                        "ci_low": p.ci_low,
                        "ci_high": p.ci_high,
                        "suppressed": p.suppressed,
                        "benchmark_prevalence": p.benchmark_prevalence,
                    }
                    for p in s.waves
                ],
                "change_since_first": change(s.since_first),
                "change_since_previous": change(s.since_previous),
                "significant": s.significant,
                "benchmark_change": change(s.benchmark_change),
            }
            for s in result.factors
        ],
        "running": running,
        "caveat": L("followup_caveat"),
    }


def followup_lines(result: FollowUp, L: Labels) -> list[str]:
    benchmark = benchmark_text(result.benchmark.kind, result.benchmark.name, L)
    waves = L("survey_waves", first=result.waves[0], last=result.waves[-1])
    return header_lines(result.source.name, result.sha256, waves, benchmark, result.threshold, result.notes, L)


def render_follow_up(
    result: FollowUp, running: list[dict[str, Any]], L: Labels, fmt: str, csv_dialect: str = "standard"
) -> str:
    """``follow-up`` as terminal text, Markdown, CSV or JSON; every one carries the caveat."""
    if fmt == "json":
        return to_json(followup_document(result, running, L))
    headers, rows = followup_headers(result, L), followup_rows(result, L)
    if fmt == "csv":
        notes = _note_rows([L("followup_caveat"), *followup_lines(result, L)], len(headers))
        return render_csv(headers, rows + notes, csv_dialect)
    title = L("followup_title", area=result.area, first=result.waves[0], last=result.waves[-1])
    table = text_table(headers, rows, fmt, [28, *[18] * len(result.waves), 24, 22, None, 22])
    running_text = running_lines(running, L)
    if fmt == "md":
        head = "\n".join(f"- {line}" for line in followup_lines(result, L))
        items = "\n".join(f"- {line}" for line in running_text)
        return (
            f"# {title}\n\n**{L('followup_caveat')}**\n\n{head}\n\n{table}\n\n{L('survey_method')}\n\n"
            f"## {L('followup_running')}\n\n{items}\n"
        )
    head = "\n".join(followup_lines(result, L))
    return (
        f"{title}\n{L('followup_caveat')}\n{head}\n\n{table}\n\n{L('survey_method')}\n\n{L('followup_running')}\n"
        + "\n".join(running_text)
        + "\n"
    )
