"""The goal chain as an SVG drawing: four columns, from implementation goals to problem behaviours.

Columns are the graph's layers (:data:`action_plan.goal_chain.LAYERS`); inside a column the nodes
follow networkx's multipartite layout of :func:`action_plan.goal_chain.positions` (ordered to
cross few edges), stacked so that boxes of wrapped text never overlap. Edges are curves from
the right side of a box to the left side of the next column's box: solid for a factor a
registry or developer lists, dashed for one we mapped, dotted for an inventory resource, thin
grey for "predicts". The drawing is sized for the width of an A4 page (it scales with
``width="100%"``); no system binary is needed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from action_plan.goal_chain import positions

if TYPE_CHECKING:  # pragma: no cover - types only
    import networkx as nx

COLUMN_WIDTH, GAP, MARGIN, HEADER = 170.0, 50.0, 8.0, 34.0
FONT, LINE, PAD, SPACING = 11.0, 13.5, 5.0, 8.0
#: Characters of 11 px text that fit in a box (the average letter is about half the font size wide).
CHARS = int((COLUMN_WIDTH - 2 * PAD) / (FONT * 0.52))
FILL = {
    "goal": "#eef3e6",
    "programme": "#dbe8f6",
    "resource": "#ececec",
    "factor": "#fbe3c8",
    "behaviour": "#f6d5d5",
}
STROKE = {"goal": "#6b8e3a", "programme": "#2f6aa3", "resource": "#8a8a8a", "factor": "#c07a26", "behaviour": "#b04545"}


@dataclass(frozen=True)
class Box:
    node: str
    x: float
    y: float
    height: float
    lines: list[str]
    kind: str


def wrap(label: str) -> list[str]:
    """The label in lines that fit a box (long words are broken rather than clipped)."""
    return textwrap.wrap(label, width=CHARS, break_long_words=True) or [""]


def layout_boxes(graph: nx.DiGraph[str], label: Callable[[str], str]) -> tuple[list[Box], float, float]:
    """Boxes for every node and the drawing's width and height."""
    place = positions(graph)
    columns: dict[int, list[str]] = {}
    for node, data in graph.nodes(data=True):
        columns.setdefault(int(data["layer"]), []).append(node)
    boxes: list[Box] = []
    bottom = HEADER
    heights = {n: len(wrap(label(n))) * LINE + 2 * PAD for n in graph.nodes}
    tallest = max((sum(heights[n] + SPACING for n in nodes) for nodes in columns.values()), default=0.0)
    for layer, nodes in sorted(columns.items()):
        # in the layout's order (its y grows down the list) and stacked, centred on the tallest column
        ordered = sorted(nodes, key=lambda n: place[n][1])
        total = sum(heights[n] + SPACING for n in ordered)
        y = HEADER + (tallest - total) / 2
        x = MARGIN + layer * (COLUMN_WIDTH + GAP)
        for node in ordered:
            boxes.append(Box(node, x, y, heights[node], wrap(label(node)), str(graph.nodes[node]["kind"])))
            y += heights[node] + SPACING
        bottom = max(bottom, y)
    width = 2 * MARGIN + 4 * COLUMN_WIDTH + 3 * GAP
    return boxes, width, bottom + MARGIN


def edge_style(data: dict[str, object]) -> str:
    if data.get("relation") == "predicts":
        return 'stroke="#9a9a9a" stroke-width="0.8"'
    if data.get("basis") == "mapped":
        return 'stroke="#2f6aa3" stroke-width="1.2" stroke-dasharray="5 3"'
    if data.get("basis") == "inventory":
        return 'stroke="#8a8a8a" stroke-width="1.2" stroke-dasharray="1.5 2.5"'
    return 'stroke="#2f6aa3" stroke-width="1.4"'


def goal_chain_svg(
    graph: nx.DiGraph[str], label: Callable[[str], str], headers: list[str], legend: list[tuple[str, str]], title: str
) -> str:
    """The SVG text (``headers``: the four column titles; ``legend``: (style key, text) pairs)."""
    boxes, width, height = layout_boxes(graph, label)
    legend_y = height + 6
    total_height = legend_y + 22
    by_node = {b.node: b for b in boxes}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 {width:.0f} {total_height:.0f}" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="{FONT:.0f}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, header in enumerate(headers):
        x = MARGIN + i * (COLUMN_WIDTH + GAP) + COLUMN_WIDTH / 2
        out.append(f'<text x="{x:.1f}" y="16" text-anchor="middle" font-weight="bold">{escape(header)}</text>')
    for u, v, data in graph.edges(data=True):
        a, b = by_node[u], by_node[v]
        x1, y1 = a.x + COLUMN_WIDTH, a.y + a.height / 2
        x2, y2 = b.x, b.y + b.height / 2
        mid = (x1 + x2) / 2
        out.append(
            f'<path d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" fill="none" '
            f"{edge_style(data)}><title>{escape(str(data.get('source', '')))}</title></path>"
        )
    for box in boxes:
        out.append(
            f'<g><title>{escape(" ".join(box.lines))}</title><rect x="{box.x:.1f}" y="{box.y:.1f}" '
            f'width="{COLUMN_WIDTH:.0f}" height="{box.height:.1f}" rx="4" fill="{FILL[box.kind]}" '
            f'stroke="{STROKE[box.kind]}" stroke-width="1"/>'
        )
        for i, line in enumerate(box.lines):
            y = box.y + PAD + (i + 1) * LINE - 3
            out.append(f'<text x="{box.x + PAD:.1f}" y="{y:.1f}">{escape(line)}</text>')
        out.append("</g>")
    x = MARGIN
    for key, text in legend:
        style = edge_style({"basis": key} if key != "predicts" else {"relation": key})
        out.append(f'<path d="M{x:.1f},{legend_y + 8:.1f} h26" {style}/>')
        out.append(f'<text x="{x + 32:.1f}" y="{legend_y + 12:.1f}" font-size="10">{escape(text)}</text>')
        x += 40 + len(text) * 5.6
    out.append("</svg>")
    return "\n".join(out)
