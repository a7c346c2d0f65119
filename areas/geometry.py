"""Sub-area outlines: which sub-areas share a border, and how to draw them (shapely).

Two sub-areas are neighbours when their outlines share a stretch of border (a line of positive
length); touching at a single corner does not count, so a chessboard's diagonal squares are not
neighbours. A spatial index (shapely's STRtree) keeps this fast for thousands of areas.
Drawing projects longitude and latitude onto a plane scaled by the cosine of the mean latitude,
good enough for a city or a region on one page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from inputs.area_files import AreaShape

#: Shared borders shorter than this share of the smaller outline's perimeter are treated as corners.
MIN_SHARED = 1e-3
#: Borders drawn by different hands rarely coincide exactly: outlines closer than this share of the
#: smaller one's perimeter count as touching.
SNAP = 1e-6


def polygons(shapes: Sequence[AreaShape]) -> dict[str, Any]:
    """Sub-area -> shapely geometry (repaired with ``make_valid`` when the file's polygon is invalid)."""
    from shapely.geometry import shape
    from shapely.validation import make_valid

    out: dict[str, Any] = {}
    for item in shapes:
        geometry = shape(item.geometry)
        out[item.area] = geometry if geometry.is_valid else make_valid(geometry)
    return out


def shared_borders(outlines: dict[str, Any]) -> list[tuple[str, str]]:
    """Pairs of sub-areas whose outlines share a border of positive length."""
    from shapely.strtree import STRtree

    names = list(outlines)
    geometries = [outlines[n] for n in names]
    tree = STRtree(geometries)
    pairs = []
    for i, geometry in enumerate(geometries):
        for j in tree.query(geometry.buffer(SNAP * geometry.length)):
            j = int(j)
            if j <= i:
                continue
            other = geometries[j]
            size = min(geometry.length, other.length)
            border = geometry.boundary.intersection(other.buffer(SNAP * size))
            if border.length > MIN_SHARED * size:
                pairs.append((names[i], names[j]))
    return pairs


@dataclass(frozen=True)
class Drawing:
    """SVG path data per sub-area in a ``width`` x ``height`` box, and a label point per group."""

    width: float
    height: float
    paths: dict[str, str]
    label_points: dict[str, tuple[float, float]]


def draw(outlines: dict[str, Any], groups: dict[str, str], width: float = 700.0) -> Drawing:
    """Project the outlines onto a ``width``-wide box; label each group at a point inside its union."""
    from shapely.ops import unary_union

    xs, ys = [], []
    for geometry in outlines.values():
        minx, miny, maxx, maxy = geometry.bounds
        xs += [minx, maxx]
        ys += [miny, maxy]
    scale_x = math.cos(math.radians((min(ys) + max(ys)) / 2))
    span_x = (max(xs) - min(xs)) * scale_x or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    factor = width / span_x
    height = span_y * factor

    def point(x: float, y: float) -> tuple[float, float]:
        return (x - min(xs)) * scale_x * factor, (max(ys) - y) * factor

    def ring(coords: Any) -> str:
        pts = [point(x, y) for x, y, *_ in coords]
        return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + " Z"

    paths = {}
    for area, geometry in outlines.items():
        parts = getattr(geometry, "geoms", [geometry])
        rings = []
        for part in parts:
            if not hasattr(part, "exterior"):
                continue
            rings.append(ring(part.exterior.coords))
            rings += [ring(hole.coords) for hole in part.interiors]
        paths[area] = " ".join(rings)
    labels = {}
    for group in sorted(set(groups.values())):
        union = unary_union([outlines[a] for a, g in groups.items() if g == group and a in outlines])
        if not union.is_empty:
            p = union.representative_point()
            labels[group] = point(p.x, p.y)
    return Drawing(width, height, paths, labels)
