"""The house has one-way stairs: no module imports a package above its own layer, and no circles.

Layers, bottom to top (docs/architecture.md):

0. ``inputs``: input formats and their loading
1. ``catalog``: the catalogue (layers, tiers, arrays, lint, stats, diff)
2. ``recommender``, ``gap_analysis`` and ``survey``: scoring and ranking; resources and gaps; survey
   data to area profiles and follow-up (siblings)
3. ``brief``: the meeting brief that joins recommending and gaps
4. ``action_plan`` and ``areas``: the phase 4 plan (goal chain, portfolio, implementation);
   city-wide work over many areas (siblings)
5. ``render``: everything people read
6. ``cli``: parses options and prints

Function-level imports count too: a lazy import is still an arrow.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from tests.builders import ROOT

LAYERS = {
    "inputs": 0,
    "catalog": 1,
    "recommender": 2,
    "gap_analysis": 2,
    "survey": 2,
    "brief": 3,
    "action_plan": 4,
    "areas": 4,
    "render": 5,
    "cli": 6,
}


def modules() -> dict[str, Path]:
    found = {"cli": ROOT / "cli.py"}
    for package in LAYERS:
        if package == "cli" or not (ROOT / package).is_dir():
            continue
        for path in (ROOT / package).glob("*.py"):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            found[name] = path
    return found


def imports_of(path: Path, known: set[str]) -> set[str]:
    """First-party modules ``path`` imports (``from pkg import mod`` counts as ``pkg.mod`` when that exists)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names if alias.name.split(".")[0] in LAYERS}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LAYERS:
            out.add(node.module)
            out |= {f"{node.module}.{alias.name}" for alias in node.names if f"{node.module}.{alias.name}" in known}
    return {name for name in out if name in known}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(path, set(found)) for name, path in found.items()}


def test_the_layers_are_all_found() -> None:
    found = modules()
    assert {name.split(".")[0] for name in found} == {p for p in LAYERS if p == "cli" or (ROOT / p).is_dir()}
    assert len(found) > 40


def test_no_arrow_runs_up_or_sideways() -> None:
    wrong = []
    for module, targets in graph().items():
        own = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other == own:
                continue
            if LAYERS[other] >= LAYERS[own]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, wrong


def test_no_import_circles() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target] if target in path else [node, target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    # a package's __init__ re-exporting its own modules is not a circle
    real = [
        c for c in cycles if not any(a.split(".")[0] == a and b.startswith(a + ".") for a, b in itertools.pairwise(c))
    ]
    assert not real, real
