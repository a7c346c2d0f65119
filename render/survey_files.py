"""The survey commands' files: HTML (tables and SVG charts, prints on A4 landscape) and XLSX.

One dispatch, :func:`survey_output`, serves both ``--format`` and ``--export`` of ``prioritise``
and ``follow-up``, like :mod:`render.outputs` does for the meeting brief. Jinja2 (autoescaped)
and openpyxl are imported only for their format.
"""

from __future__ import annotations

import io
from typing import Any, Literal

from recommender import __version__
from render.labels import Labels
from render.survey_chart import chart
from render.survey_views import (
    factor_headers,
    factor_row,
    followup_headers,
    followup_lines,
    followup_rows,
    prioritise_lines,
    render_follow_up,
    render_prioritise,
    running_lines,
    suggestion_lines,
)
from render.templating import render_template
from survey.follow_up import FollowUp
from survey.prioritise import AreaFigures

SurveyCommand = Literal["prioritise", "follow-up"]


def _html(context: dict[str, Any]) -> str:
    return render_template("survey.html", **context)


def prioritise_html(figures: AreaFigures, L: Labels) -> str:
    rows = [{"cells": factor_row(f, L), "highlight": f.stands_out} for f in figures.factors]
    return _html(
        {
            "lang": L.lang,
            "version": __version__,
            "title": L("survey_title", area=figures.area, wave=figures.wave),
            "caveat": None,
            "header": prioritise_lines(figures, L),
            "headers": factor_headers(L),
            "rows": rows,
            "method": L("survey_method"),
            "charts": [],
            "charts_title": "",
            "legend_area": "",
            "legend_benchmark": "",
            "list_title": L("survey_suggested"),
            "items": suggestion_lines(figures, L),
            "numbered": False,
            "footer": L("footer"),
        }
    )


def follow_up_html(result: FollowUp, running: list[dict[str, Any]], L: Labels) -> str:
    charts = [
        {
            "title": L.factor(s.factor)
            + " – "
            + (L("survey_chart_at_risk") if s.kind == "risk" else L("survey_chart_protected")),
            "chart": chart(s, L.pct),
        }
        for s in result.factors
    ]
    rows = [{"cells": row, "highlight": False} for row in followup_rows(result, L)]
    return _html(
        {
            "lang": L.lang,
            "version": __version__,
            "title": L("followup_title", area=result.area, first=result.waves[0], last=result.waves[-1]),
            "caveat": L("followup_caveat"),
            "header": followup_lines(result, L),
            "headers": followup_headers(result, L),
            "rows": rows,
            "method": L("survey_method"),
            "charts": charts,
            "charts_title": L("col_wave"),
            "legend_area": L("survey_chart_legend_area"),
            "legend_benchmark": L("survey_chart_legend_benchmark"),
            "list_title": L("followup_running"),
            "items": running_lines(running, L),
            "numbered": False,
            "footer": L("footer"),
        }
    )


def _workbook(
    title: str, lines: list[str], headers: list[str], rows: list[list[Any]], extra: list[str], L: Labels
) -> bytes:
    from openpyxl import Workbook

    from render.xlsx import Column, add_sheet

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    widths = [30.0] + [16.0] * (len(headers) - 1)
    add_sheet(book, title[:31], [Column(h, w) for h, w in zip(headers, widths, strict=True)], rows)
    add_sheet(
        book, L("survey_info_sheet"), [Column(L("survey_info_sheet"), 120.0)], [[line] for line in [*lines, "", *extra]]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def survey_output(
    command: SurveyCommand,
    fmt: str,
    result: AreaFigures | FollowUp,
    L: Labels,
    running: list[dict[str, Any]] | None = None,
    csv_dialect: str = "standard",
) -> bytes:
    """The bytes ``command`` writes in ``fmt`` (table, md, csv, json, html or xlsx)."""
    if command == "prioritise":
        assert isinstance(result, AreaFigures)
        if fmt == "html":
            return prioritise_html(result, L).encode("utf-8")
        if fmt == "xlsx":
            rows = [factor_row(f, L) for f in result.factors]
            return _workbook(
                L("survey_title", area=result.area, wave=result.wave),
                prioritise_lines(result, L),
                factor_headers(L),
                rows,
                [L("survey_method"), "", L("survey_suggested"), *suggestion_lines(result, L)],
                L,
            )
        return render_prioritise(result, L, fmt, csv_dialect).encode("utf-8")
    assert isinstance(result, FollowUp)
    running = running or []
    if fmt == "html":
        return follow_up_html(result, running, L).encode("utf-8")
    if fmt == "xlsx":
        return _workbook(
            L("followup_title", area=result.area, first=result.waves[0], last=result.waves[-1]),
            [L("followup_caveat"), *followup_lines(result, L)],
            followup_headers(result, L),
            followup_rows(result, L),
            [L("survey_method"), "", L("followup_running"), *running_lines(running, L)],
            L,
        )
    return render_follow_up(result, running, L, fmt, csv_dialect).encode("utf-8")
