"""The phase 4 meeting brief for people: priorities, resources, gaps and shortlist, in order.

``insatsval plan`` prints all four parts, ``insatsval gaps`` the resource assessment and the
gaps; both as terminal text or Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from render.labels import Labels
from render.rows import (
    gap_headers,
    gap_notes,
    gap_rows,
    priority_headers,
    priority_rows,
    resource_headers,
    resource_lists,
    resource_rows,
)
from render.shortlist_text import exclusion_line, header_lines, shortlist_body
from render.tables import text_table

if TYPE_CHECKING:  # pragma: no cover - types only
    from render.plan_sections import PlanExtras


def priorities_section(brief: MeetingBrief, L: Labels, fmt: str) -> str:
    rows = [[str(r.rank), r.label, L.pct(r.weight), r.predicts or "-", r.note or "-"] for r in priority_rows(brief, L)]
    return text_table(priority_headers(L), rows, fmt, [None, 34, None, 40, 40])


def resources_section(brief: MeetingBrief, L: Labels, fmt: str) -> str:
    if brief.inventory is None:
        return L("no_inventory")
    table = text_table(resource_headers(L), resource_rows(brief.gaps, L), fmt, [24, 20, 22, 14, 6, 14, 6, 10, 6, 10])
    body = [table]
    for heading, lines in resource_lists(brief, L):
        body += ["", heading, *([f"- {line}" for line in lines] or [L("none_found")])]
    return "\n".join(body)


def gaps_section(brief: MeetingBrief, L: Labels, fmt: str) -> str:
    if brief.inventory is None:  # every cell would read 0 %: say why instead
        return L("no_inventory_gaps")
    levels = list(brief.loaded.profile.levels)
    widths = [34, 26, 8, *[8] * len(levels), 9, 8, 40]
    table = text_table(gap_headers(L, levels), gap_rows(brief.gaps, L, levels), fmt, widths)
    return "\n".join([table, "", *gap_notes(brief, L)])


def gaps_sections(brief: MeetingBrief, L: Labels, fmt: str) -> list[tuple[str, str]]:
    """(heading, body) sections of the resource assessment and the gap analysis."""
    return [
        (L("section_resources"), resources_section(brief, L, fmt)),
        (L("section_gaps"), gaps_section(brief, L, fmt)),
    ]


def shortlist_section(brief: MeetingBrief, catalogue: Catalogue, L: Labels, fmt: str) -> str:
    body = shortlist_body(brief.recommendations, catalogue, str(brief.loaded.profile.ages), L, fmt)
    return body + "\n\n" + exclusion_line(brief.recommendations, L)


def _heading(text: str, fmt: str, level: int = 2) -> list[str]:
    if fmt == "md":
        return [f"{'#' * level} {text}", ""]
    return [text, "=" * len(text) if level == 1 else "-" * len(text)]


def _document(title: str, header: list[str], sections: list[tuple[str, str]], L: Labels, fmt: str) -> str:
    out = [*_heading(title, fmt, 1)]
    out += [f"- {line}" if fmt == "md" else line for line in header]
    for heading, body in sections:
        out += ["", *_heading(heading, fmt), body]
    out += ["", L("score_help")]
    return "\n".join(out) + "\n"


def brief_header(brief: MeetingBrief, catalogue: Catalogue, L: Labels) -> list[str]:
    lines = header_lines(brief.loaded, catalogue, L)[1:]
    if brief.inventory is not None:
        lines.append(L("header_inventory", file=str(brief.inventory.path), count=len(brief.gaps.resources)))
    lines.append(L("header_as_of", date=brief.gaps.as_of.isoformat()))
    return lines


def render_plan(
    brief: MeetingBrief, catalogue: Catalogue, L: Labels, fmt: str, extras: PlanExtras | None = None
) -> str:
    """``insatsval plan`` as a terminal document or Markdown (with the action plan's sections when given)."""
    sections = [
        (L("section_priorities"), priorities_section(brief, L, fmt)),
        *gaps_sections(brief, L, fmt),
        (L("section_shortlist"), shortlist_section(brief, catalogue, L, fmt)),
    ]
    if extras is not None:
        from render.plan_sections import plan_text_sections

        sections += plan_text_sections(brief, catalogue, extras, L, fmt)
    title = L("plan_title", area=brief.loaded.profile.area)
    return _document(title, brief_header(brief, catalogue, L), sections, L, fmt)


def render_gaps(brief: MeetingBrief, catalogue: Catalogue, L: Labels, fmt: str) -> str:
    """``insatsval gaps`` as a terminal document or Markdown."""
    title = L("gaps_title", area=brief.loaded.profile.area)
    sections = [(L("section_priorities"), priorities_section(brief, L, fmt)), *gaps_sections(brief, L, fmt)]
    return _document(title, brief_header(brief, catalogue, L), sections, L, fmt)
