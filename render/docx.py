"""The plan as a Word document (``plan --export plan.docx``): teams write their handlingsplan in Word.

Headings, paragraphs and tables, in the run's language, on A4 with Word's built-in styles so a
team can restyle it: the header lines, priorities, the gaps (with an inventory), the shortlist,
and, for ``insatsval plan``, the goals, the goal chain (its links as a table; the drawing is in
the HTML export), the implementation plan and the overlaps between organisations. python-docx is
imported only when this module is used.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from recommender import __version__
from render.brief_text import brief_header
from render.labels import Labels
from render.rows import (
    gap_headers,
    gap_rows,
    priority_headers,
    priority_rows,
    resource_headers,
    resource_lists,
    resource_rows,
)

if TYPE_CHECKING:  # pragma: no cover - types only
    from docx.document import Document as DocumentType

    from render.plan_sections import PlanExtras


def _table(
    document: DocumentType,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    font_pt: float = 8,
    widths_mm: Sequence[float] | None = None,
) -> None:
    """A table with a bold header row; ``widths_mm`` sizes the columns (they share the page evenly otherwise)."""
    from docx.shared import Mm, Pt

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            if widths_mm is not None:
                cell.width = Mm(widths_mm[i])
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(font_pt)
    if widths_mm is not None:
        table.autofit = False
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)  # the grid: LibreOffice lays tables out by it


def brief_docx(brief: MeetingBrief, catalogue: Catalogue, L: Labels, extras: PlanExtras | None = None) -> DocumentType:
    """The document object (see the module doc)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    title = L("plan_title", area=brief.loaded.profile.area)
    document.core_properties.title = title
    document.core_properties.author = f"insatsval {__version__}"
    document.add_heading(title, level=0)
    for line in brief_header(brief, catalogue, L):
        document.add_paragraph(line)

    document.add_heading(L("section_priorities"), level=1)
    rows = [[r.rank, r.label, L.pct(r.weight), r.predicts or "-", r.note or "-"] for r in priority_rows(brief, L)]
    _table(document, priority_headers(L), rows, 8, [12, 60, 18, 88, 89])

    document.add_heading(L("section_resources"), level=1)
    if brief.inventory is None:
        document.add_paragraph(L("no_inventory"))
    else:
        _table(document, resource_headers(L), resource_rows(brief.gaps, L), 7.5)
        for heading, lines in resource_lists(brief, L):
            document.add_paragraph(heading)
            for line in lines or [L("none_found")]:
                document.add_paragraph(line, style="List Bullet")

    document.add_heading(L("section_gaps"), level=1)
    if brief.inventory is None:
        document.add_paragraph(L("no_inventory_gaps"))
    else:
        levels = list(brief.loaded.profile.levels)
        _table(document, gap_headers(L, levels), gap_rows(brief.gaps, L, levels))

    document.add_heading(L("section_shortlist"), level=1)
    headers = [L("col_rank"), L("col_programme"), L("col_score"), L("col_tier"), L("col_levels"), L("col_ages")]
    shortlist = [
        [
            r.rank,
            r.programme.display_name(L.lang),
            L.num(r.score),
            L.tier(r.tier.tier),
            L.join([L.level(x) for x in r.programme.levels]),
            f"{r.programme.ages.min}-{r.programme.ages.max}",
        ]
        for r in brief.recommendations.recommendations
    ]
    _table(document, headers, shortlist)
    if extras is not None:
        action_sections(document, brief, catalogue, extras, L)
    document.add_paragraph(L("score_help"))
    return document


def action_sections(
    document: DocumentType, brief: MeetingBrief, catalogue: Catalogue, extras: PlanExtras, L: Labels
) -> None:
    """Goals, goal chain, implementation plan and overlaps."""
    from render.goal_chain_views import chain_headers, chain_rows, labeller
    from render.plan_sections import (
        behaviour_goal_lines,
        cost_line,
        goal_headers,
        goal_rows,
        implementation_headers,
        implementation_rows,
        overlap_lines,
    )

    plan = extras.plan
    document.add_heading(L("ap_section_goals"), level=1)
    _table(document, goal_headers(L), goal_rows(brief, plan, L), 8, [50, 90, 72, 55])
    for line in behaviour_goal_lines(plan, L):
        document.add_paragraph(line)

    document.add_heading(L("ap_section_chain"), level=1)
    document.add_paragraph(L(f"ap_chosen_{plan.chosen_by}"))
    label = labeller(extras.graph, catalogue, L)
    goals = [label(n) for n, d in extras.graph.nodes(data=True) if d["kind"] == "goal"]
    for goal in goals:
        document.add_paragraph(goal, style="List Bullet")
    _table(document, chain_headers(L), chain_rows(extras.graph, catalogue, L), 7, [52, 48, 24, 68, 75])
    document.add_paragraph(L("ap_chain_svg_note"))

    document.add_heading(L("ap_section_implementation"), level=1)
    widths = [32, 30, 24, 16, 18, 20, 18, 65, 44]
    _table(document, implementation_headers(L), implementation_rows(plan, L), 7.5, widths)
    document.add_paragraph(cost_line(plan, brief, L))
    document.add_paragraph(L("ap_fidelity_note"))

    document.add_heading(L("ap_section_overlaps"), level=1)
    document.add_paragraph(L("ap_overlap_intro"))
    for line in overlap_lines(plan, catalogue, L) or [L("ap_no_overlaps")]:
        document.add_paragraph(line, style="List Bullet")


def brief_docx_bytes(brief: MeetingBrief, catalogue: Catalogue, L: Labels, extras: PlanExtras | None = None) -> bytes:
    buffer = io.BytesIO()
    brief_docx(brief, catalogue, L, extras).save(buffer)
    return buffer.getvalue()
