"""The coverage heat map's geometry, laid out from the lengths of its labels.

Prioritised factors are rows and the profile's age bands columns. Column headers are wrapped
onto two lines (the stage name, then the ages) and each column is as wide as its longest line;
row labels wrap onto at most two lines and the left margin is as wide as the longest line, so
no label overlaps another or is cut off, in Swedish or English. Text widths are estimated from
character counts with a generous average width for the sans-serif fonts browsers print with;
:func:`text_width` is the one place that estimate lives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FONT_PX = 11
#: Average advance of a character at FONT_PX in common sans-serif fonts, rounded up (bold is wider).
CHAR_PX, BOLD_CHAR_PX = 6.4, 7.0
CELL_MIN_W, CELL_H, GAP, LINE_H, PAD = 84, 26, 4, 13, 10
ROW_LABEL_MAX_CHARS = 34
STATUS_FILL = {"gap": "#d73027", "partial": "#e08214", "covered": "#3a9a5b"}


def text_width(text: str, bold: bool = False) -> float:
    """Estimated width in pixels of ``text`` at FONT_PX."""
    return len(text) * (BOLD_CHAR_PX if bold else CHAR_PX)


def wrap(text: str, max_chars: int, max_lines: int = 2) -> list[str]:
    """``text`` broken at spaces into lines of at most ``max_chars`` (the last line takes the rest)."""
    words, lines, line = text.split(), list[str](), ""
    for word in words:
        if line and len(line) + 1 + len(word) > max_chars and len(lines) < max_lines - 1:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


@dataclass(frozen=True)
class Cell:
    factor: str
    band: str
    coverage_text: str  #: "22 %"
    status: str  #: gap, partial or covered
    title: str  #: the tooltip: factor, band, coverage and status in words


def layout(
    row_labels: Sequence[str],
    column_labels: Sequence[tuple[str, str]],
    cells: Sequence[Sequence[Cell]],
    legend: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    """Positions of every label, cell and legend entry.

    Args:
        row_labels: one label per factor (row).
        column_labels: (stage name, ages) per band (column), e.g. ("Högstadiet", "13-15").
        cells: [row][column] cells.
        legend: (status, label) pairs.
    """
    rows = [wrap(label, ROW_LABEL_MAX_CHARS) for label in row_labels]
    label_w = PAD + max((text_width(line) for lines in rows for line in lines), default=0)
    columns = [[name, f"({ages})"] if ages else [name] for name, ages in column_labels]
    widths = [max(CELL_MIN_W, PAD + max(text_width(line, bold=True) for line in lines)) for lines in columns]
    header_h = LINE_H * max((len(lines) for lines in columns), default=1) + 8
    top = header_h + 4
    row_h = max(CELL_H, max((len(lines) for lines in rows), default=1) * LINE_H + 4)

    x_of = [label_w + PAD + sum(widths[:j]) + j * GAP for j in range(len(widths))]
    out_cells = []
    for i, row in enumerate(cells):
        y = top + i * (row_h + GAP)
        for j, cell in enumerate(row):
            x = x_of[j]
            out_cells.append(
                {
                    "x": x,
                    "y": y,
                    "w": widths[j],
                    "h": row_h,
                    "tx": x + widths[j] / 2,
                    "ty": y + row_h / 2,
                    "fill": STATUS_FILL[cell.status],
                    "text": cell.coverage_text,
                    "title": cell.title,
                }
            )
    grid_right = (x_of[-1] + widths[-1]) if widths else label_w + PAD
    legend_y = top + len(cells) * (row_h + GAP) + 10
    legend_items, x = [], label_w + PAD
    for status, label in legend:
        legend_items.append({"x": x, "fill": STATUS_FILL[status], "label": label})
        x += 16 + text_width(label) + 24
    width = max(grid_right, x) + PAD
    return {
        "width": round(width),
        "height": round(legend_y + 22),
        "label_x": label_w,
        "columns": [
            {
                "x": x_of[j] + widths[j] / 2,
                "lines": [{"dy": k * LINE_H, "text": t} for k, t in enumerate(lines)],
                "w": widths[j],
            }
            for j, lines in enumerate(columns)
        ],
        "header_y": top - 8 - LINE_H * (max((len(lines) for lines in columns), default=1) - 1),
        "rows": [
            {
                "y": top + i * (row_h + GAP) + row_h / 2 - (len(lines) - 1) * LINE_H / 2,
                "lines": [{"dy": k * LINE_H, "text": t} for k, t in enumerate(lines)],
            }
            for i, lines in enumerate(rows)
        ],
        "cells": out_cells,
        "legend_y": legend_y,
        "legend": legend_items,
    }
