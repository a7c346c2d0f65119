"""What people read from ``cluster``: the groups as a table, JSON, CSV, and an HTML page with a map.

With a GeoJSON the HTML draws each sub-area in its group's colour, with the group's name on it
(plain SVG: no tiles, no script, no network). Without one, it draws the adjacency graph with each
sub-area as a dot in its group's colour (networkx lays it out); with neither, it has the tables
only.
"""

from __future__ import annotations

import colorsys
import io
from typing import Any

from areas.cluster import Clustering, as_document
from areas.geometry import Drawing
from recommender import __version__
from render.documents import to_json
from render.labels import Labels
from render.provenance import SCHEMA_VERSION, tool_info
from render.tables import render_csv, text_table
from render.templating import render_template


def palette(count: int) -> list[str]:
    """``count`` distinguishable colours: hues spread round the circle, lightness alternating."""
    colours = []
    for i in range(count):
        hue = (i * 0.618033988749895) % 1.0  # golden-ratio steps keep neighbours in the list apart
        light = 0.62 if i % 2 else 0.72
        r, g, b = colorsys.hls_to_rgb(hue, light, 0.55)
        colours.append(f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}")
    return colours


def quality_lines(result: Clustering, L: Labels) -> list[str]:
    q = result.quality
    lines = [
        L(
            "cluster_quality",
            silhouette="-" if q.silhouette is None else L.num(q.silhouette, 2),
            between=L.pct(q.between_share),
        ),
    ]
    if q.contiguous is not None:
        lines.append(L("cluster_contiguous_yes") if q.contiguous else L("cluster_contiguous_no"))
    if result.merged:
        lines.append(L("cluster_merged", merged=result.merged, groups=len(result.groups), k=result.k))
    if result.evaluated is not None:
        e = result.evaluated
        lines.append(
            L(
                "cluster_evaluated",
                groups=e.groups,
                silhouette="-" if e.quality.silhouette is None else L.num(e.quality.silhouette, 2),
                between=L.pct(e.quality.between_share),
                rand=L.num(e.adjusted_rand, 2),
            )
        )
        if e.quality.contiguous is not None:
            lines.append(L("cluster_contiguous_yes") if e.quality.contiguous else L("cluster_contiguous_no"))
    return lines


def group_rows(result: Clustering, L: Labels) -> tuple[list[str], list[list[Any]]]:
    headers = [
        L("col_group_name"),
        L("col_areas_count"),
        L("col_respondents_min"),
        L("col_standout_factors"),
        L("col_sub_areas"),
    ]
    if result.evaluated is not None:
        headers.insert(4, L("col_existing_group"))
    rows = []
    for g in result.groups:
        row: list[Any] = [
            L("cluster_group", n=g.name),
            len(g.areas),
            g.respondents,
            ", ".join(L.factor(f) for f in g.standout) or "-",
            ", ".join(g.areas),
        ]
        if result.evaluated is not None:
            best, share = result.evaluated.overlap[g.name]
            row.insert(4, f"{best} ({L.pct(share)})")
        rows.append(row)
    return headers, rows


def render_cluster(result: Clustering, L: Labels, fmt: str) -> str:
    """``cluster`` as terminal text, Markdown, CSV (area, group) or JSON."""
    if fmt == "json":
        return to_json({"schema_version": SCHEMA_VERSION, "tool": tool_info(), **as_document(result)})
    if fmt == "csv":
        return render_csv(["area", "group"], [[a, g] for a, g in result.assignment.items()])
    headers, rows = group_rows(result, L)
    widths: list[int | None] = [12, None, None, 40, 24, 50] if result.evaluated else [12, None, None, 40, 50]
    table = text_table(headers, rows, fmt, widths)
    title = L("cluster_title", groups=len(result.groups), areas=len(result.assignment))
    lines = quality_lines(result, L) + [L("cluster_waves", waves=", ".join(map(str, result.waves)))]
    if fmt == "md":
        return f"# {title}\n\n" + "\n".join(f"- {line}" for line in lines) + f"\n\n{table}\n\n{L('cluster_method')}\n"
    return f"{title}\n" + "\n".join(lines) + f"\n\n{table}\n\n{L('cluster_method')}\n"


def _graph_drawing(pairs: list[tuple[str, str]], areas: list[str], width: float = 700.0) -> dict[str, Any]:
    """Dots and lines of the adjacency graph (a fixed-seed spring layout, scaled to ``width``)."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(areas)
    graph.add_edges_from((a, b) for a, b in pairs if a in graph and b in graph)
    pos = nx.spring_layout(graph, seed=1)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    height = width * span_y / span_x
    margin = 10.0

    def at(node: str) -> tuple[float, float]:
        x, y = pos[node]
        return (
            margin + (x - min(xs)) / span_x * (width - 2 * margin),
            margin + (max(ys) - y) / span_y * (height - 2 * margin),
        )

    return {
        "width": width,
        "height": height,
        "edges": [(*at(a), *at(b)) for a, b in graph.edges],
        "nodes": {a: at(a) for a in areas},
    }


def cluster_html(result: Clustering, L: Labels, drawing: Drawing | None, pairs: list[tuple[str, str]] | None) -> str:
    """The groups on one self-contained page: map (or graph), quality, group table."""
    names = [g.name for g in result.groups]
    colours = dict(zip(names, palette(len(names)), strict=True))
    headers, rows = group_rows(result, L)
    graph = None
    if drawing is None and pairs is not None:
        graph = _graph_drawing(pairs, list(result.assignment))
    return render_template(
        "cluster.html",
        lang=L.lang,
        version=__version__,
        title=L("cluster_title", groups=len(names), areas=len(result.assignment)),
        lines=quality_lines(result, L),
        headers=headers,
        rows=rows,
        method=L("cluster_method"),
        drawing=drawing,
        graph=graph,
        assignment=result.assignment,
        colours=colours,
        legend=[
            (g.name, f"{L('cluster_group', n=g.name)}: {len(g.areas)} {L('col_areas_count').lower()}")
            for g in result.groups
        ],
        map_title=L("cluster_map_title") if drawing else L("cluster_graph_title"),
        footer=L("footer"),
    )


def cluster_xlsx(result: Clustering, L: Labels) -> bytes:
    from openpyxl import Workbook

    from render.xlsx import Column, add_sheet

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    headers, rows = group_rows(result, L)
    add_sheet(
        book,
        L("col_group_name"),
        # the two long lists (standout factors, sub-areas) get the width; landscape A4 scales the sheet to fit
        [
            Column(h, w)
            for h, w in zip(
                headers, [11.0, 11, 14, 60, 24, 60] if result.evaluated else [11.0, 11, 14, 60, 60], strict=True
            )
        ],
        rows,
    )
    add_sheet(
        book, "area-group", [Column("area", 24), Column("group", 14)], [[a, g] for a, g in result.assignment.items()]
    )
    add_sheet(
        book, L("survey_info_sheet"), [Column(L("survey_info_sheet"), 120)], [[x] for x in quality_lines(result, L)]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
