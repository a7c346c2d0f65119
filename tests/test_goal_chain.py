"""The goal chain: sourced links, exports that load back into networkx, an SVG laid out in columns."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from action_plan.goal_chain import build_goal_chain, layered_order
from action_plan.implementation import build_plan
from action_plan.prices import load_prices
from brief import build_brief
from cli import cli
from inputs.profile import load_profile
from render.goal_chain_views import dot, graphml, mermaid, svg
from render.labels import Labels
from tests.builders import EXAMPLES

SIX = ("ggc", "family_check_up", "sfp_10_14", "incredible_years", "triple_p", "familias_unidas")


@pytest.fixture(scope="module")
def chain(catalogue):
    brief = build_brief(catalogue, load_profile(EXAMPLES / "familj-10-15.yaml", catalogue.taxonomy), top=None)
    plan = build_plan(brief, catalogue, load_prices(), SIX)
    return brief, build_goal_chain(brief, catalogue, plan.chain_programmes())


def test_every_edge_carries_its_source(chain, catalogue) -> None:
    brief, graph = chain
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert kinds == {"goal", "programme", "resource", "factor", "behaviour"}
    for u, v, data in graph.edges(data=True):
        assert data["source"], (u, v)
        assert graph.nodes[u]["layer"] + 1 == graph.nodes[v]["layer"]  # means -> end, one step at a time
    # programme -> factor edges are exactly the catalogue's tags on prioritised factors
    for pid in SIX:
        tags = {t.factor: t for t in catalogue.by_id[pid].factors}
        targets = {graph.nodes[v]["ref"] for v in graph.successors(f"programme:{pid}")}
        assert targets == set(tags) & set(brief.loaded.profile.factor_ids)
        for factor in targets:
            edge = graph.edges[f"programme:{pid}", f"factor:{factor}"]
            assert edge["basis"] == tags[factor].basis and edge["source"] == str(tags[factor].source)
    # factor -> behaviour edges are the taxonomy's predicts, with its source
    factor = catalogue.taxonomy.factors_by_id["family_conflict"]
    assert {graph.nodes[v]["ref"] for v in graph.successors("factor:family_conflict")} == set(factor.predicts)
    assert graph.edges["factor:family_conflict", "behaviour:violence"]["source"] == str(factor.predicts_source)


def test_graphml_and_dot_load_back_with_the_same_nodes_and_edges(chain, catalogue, tmp_path: Path) -> None:
    _, graph = chain
    L = Labels("sv", catalogue.taxonomy, catalogue.scale)
    (tmp_path / "c.graphml").write_bytes(graphml(graph, catalogue, L))
    (tmp_path / "c.dot").write_text(dot(graph, catalogue, L), encoding="utf-8")
    back = nx.read_graphml(tmp_path / "c.graphml")
    assert set(back.nodes) == set(graph.nodes) and set(back.edges) == set(graph.edges)
    assert back.nodes["factor:family_conflict"]["label"] == "2. Konflikter i familjen"
    from_dot = nx.nx_pydot.read_dot(tmp_path / "c.dot")
    unquote = {n: n.strip('"') for n in from_dot.nodes}
    assert set(unquote.values()) == set(graph.nodes)
    assert {(unquote[u], unquote[v]) for u, v in from_dot.edges()} == set(graph.edges)


def test_mermaid_has_every_node_and_edge(chain, catalogue) -> None:
    _, graph = chain
    text = mermaid(graph, catalogue, Labels("en", catalogue.taxonomy, catalogue.scale))
    assert text.startswith("flowchart LR")
    assert len(re.findall(r'^    n\d+\["', text, flags=re.M)) == graph.number_of_nodes()
    assert len(re.findall(r"^  n\d+ -(?:\.|-)+> n\d+$", text, flags=re.M)) == graph.number_of_edges()


def test_svg_columns_and_no_overlapping_boxes(chain, catalogue) -> None:
    _, graph = chain
    text = svg(graph, catalogue, Labels("sv", catalogue.taxonomy, catalogue.scale), "Test")
    boxes = [
        tuple(map(float, m))
        for m in re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', text)
    ]
    assert len(boxes) == graph.number_of_nodes()
    by_column: dict[float, list[tuple[float, float]]] = {}
    for x, y, h in boxes:
        by_column.setdefault(x, []).append((y, h))
    assert len(by_column) == 4
    for column in by_column.values():
        column.sort()
        assert all(y1 + h1 <= y2 for (y1, h1), (y2, _) in itertools.pairwise(column))
    order = layered_order(graph)
    assert [graph.nodes[n]["rank"] for n in order[2]] == sorted(graph.nodes[n]["rank"] for n in order[2])


def test_goal_chain_command_exports_by_suffix(runner, tmp_path: Path) -> None:
    files = [tmp_path / f"c.{s}" for s in ("graphml", "dot", "mmd", "svg")]
    args = ["goal-chain", str(EXAMPLES / "familj-10-15.yaml"), "--format", "json"]
    result = runner.invoke(cli, [*args, *[a for f in files for a in ("--export", str(f))]])
    assert result.exit_code == 0, result.output
    assert all(f.exists() for f in files)
    assert files[2].read_text(encoding="utf-8").startswith("flowchart LR")
    assert files[3].read_text(encoding="utf-8").startswith("<svg")
    doc = json.loads(result.stdout)
    assert {e["relation"] for e in doc["edges"]} == {"predicts", "targets", "implements"}
    bad = runner.invoke(cli, ["goal-chain", str(EXAMPLES / "familj-10-15.yaml"), "--export", str(tmp_path / "c.png")])
    assert bad.exit_code == 2 and ".graphml" in bad.output
    md = runner.invoke(cli, ["goal-chain", str(EXAMPLES / "familj-10-15.yaml"), "--format", "md", "--choose", "ggc"])
    assert "```mermaid" in md.output and "Guiding Good Choices" in md.output and "--choose" in md.output
