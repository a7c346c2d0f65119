"""The one place that decides what each command writes in each format, on screen and in files.

``insatsval recommend|gaps|plan --format F`` prints :func:`render_output` of ``F``; every
``--export FILE`` writes :func:`render_output` of the format its suffix names. JSON, CSV,
Markdown and terminal text depend on the command (the shortlist, the gap analysis, or the whole
brief); HTML and XLSX always hold the whole brief.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from inputs.problems import Code, InputError, Problem
from render import documents
from render.brief_text import render_gaps, render_plan
from render.labels import Labels
from render.rows import gaps_csv_rows, in_place_lines, shortlist_rows
from render.shortlist_text import render_shortlist
from render.tables import render_csv

if TYPE_CHECKING:  # pragma: no cover - types only
    from render.plan_sections import PlanExtras

Command = Literal["recommend", "gaps", "plan"]
Format = Literal["table", "md", "csv", "json", "html", "xlsx", "docx", "yaml"]
CsvDialect = Literal["standard", "excel-sv"]

JSON_DOCUMENTS = {
    "recommend": documents.recommend_document,
    "gaps": documents.gaps_document,
    "plan": documents.plan_document,
}


def render_text(
    command: Command,
    fmt: Format,
    brief: MeetingBrief,
    catalogue: Catalogue,
    L: Labels,
    extras: PlanExtras | None = None,
) -> str:
    """Terminal text (``table``) or Markdown (``md``) of a command."""
    if command == "recommend":
        return render_shortlist(brief.recommendations, catalogue, brief.loaded, L, fmt, in_place_lines(brief, L))
    if command == "gaps":
        return render_gaps(brief, catalogue, L, fmt)
    return render_plan(brief, catalogue, L, fmt, extras)


def render_output(
    command: Command,
    fmt: Format,
    brief: MeetingBrief,
    catalogue: Catalogue,
    L: Labels,
    csv_dialect: CsvDialect = "standard",
    extras: PlanExtras | None = None,
) -> bytes:
    """The bytes a command writes in ``fmt`` (heavy libraries are imported only for their format).

    ``extras``: the action plan (``insatsval plan``), whose sections every format of the plan carries;
    the plan file (``yaml``) exists only with it.
    """
    if fmt == "xlsx":
        from render.xlsx import brief_workbook_bytes

        return brief_workbook_bytes(brief, catalogue, L, extras)
    if fmt == "html":
        from render.html import brief_html

        return brief_html(brief, catalogue, L, extras).encode("utf-8")
    if fmt == "docx":
        from render.docx import brief_docx_bytes

        return brief_docx_bytes(brief, catalogue, L, extras)
    if fmt == "yaml":
        if extras is None:
            raise InputError([Problem(file=None, code=Code.PLAN_FILE_ONLY_PLAN)])
        from action_plan.plan_file import plan_file, plan_yaml

        return plan_yaml(plan_file(brief, catalogue, extras.plan)).encode("utf-8")
    if fmt == "json":
        document = JSON_DOCUMENTS[command](brief, catalogue)
        if extras is not None and command == "plan":
            from render.plan_sections import plan_json

            document = {**document, **plan_json(brief, catalogue, extras)}
        return documents.to_json(document).encode("utf-8")
    if fmt == "csv":
        # the gap table for `gaps`, the shortlist otherwise
        headers, rows = (
            gaps_csv_rows(brief, L) if command == "gaps" else shortlist_rows(brief.recommendations, catalogue, L)
        )
        return render_csv(headers, rows, csv_dialect).encode("utf-8")
    return render_text(command, fmt, brief, catalogue, L, extras).encode("utf-8")
