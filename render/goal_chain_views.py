"""The goal chain for people and programs: labels, Mermaid, DOT, GraphML, SVG, text and JSON.

``goal-chain --export FILE`` writes ``.graphml``, ``.dot``, ``.mmd`` (Mermaid) or ``.svg`` by the
file's suffix. GraphML and DOT carry every node's and edge's data (kind, reference, basis,
source) and a ``label`` in the run's language, and load back into networkx with the same nodes
and edges. DOT is written here (no Graphviz needed); Mermaid is embedded in the Markdown export.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from action_plan.goal_chain import graph_summary, layered_order
from catalog.catalogue import Catalogue
from render.goal_chain_svg import goal_chain_svg
from render.labels import Labels
from render.tables import text_table

if TYPE_CHECKING:  # pragma: no cover - types only
    import networkx as nx

SUFFIXES = {".graphml": "graphml", ".dot": "dot", ".mmd": "mmd", ".svg": "svg"}


def labeller(graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels) -> Callable[[str], str]:
    """A function from node id to the label people read, in ``L``'s language."""

    def label(node: str) -> str:
        data = graph.nodes[node]
        kind, ref = data["kind"], data["ref"]
        if kind == "behaviour":
            return L.behaviour(ref)
        if kind == "factor":
            return f"{data['rank']}. {L.factor(ref)}"
        if kind == "programme":
            name = catalogue.by_id[ref].display_name(L.lang)
            return f"{name} ({L.level(data['level']).lower()})" if data.get("level") else name
        if kind == "resource":
            provider = data.get("provider")
            return f"{ref} ({provider})" if provider else str(ref)
        return goal_label(data, catalogue.by_id[ref].display_name(L.lang), L)

    return label


def goal_label(data: dict[str, Any], name: str, L: Labels) -> str:
    """'GGC: 250 deltagare per år från 2027-09-01; ansvarig: Norrskolan'."""
    parts = []
    if data.get("participants", -1) >= 0:
        parts.append(L("ap_goal_participants", count=data["participants"]))
    else:
        parts.append(L("ap_goal_participants_unknown"))
    if data.get("start"):
        parts.append(L("ap_goal_start", date=data["start"]))
    parts.append(L("ap_goal_responsible", who=data["responsible"]) if data.get("responsible") else L("ap_goal_nobody"))
    return f"{name}: " + "; ".join(parts)


def labelled(graph: nx.DiGraph[str], label: Callable[[str], str]) -> nx.DiGraph[str]:
    """A copy with a ``label`` on every node and no empty values (GraphML cannot hold None)."""
    out = graph.copy()
    for node in out.nodes:
        out.nodes[node]["label"] = label(node)
    return out


def headers(L: Labels) -> list[str]:
    return [L("ap_chain_goals"), L("ap_chain_programmes"), L("ap_chain_factors"), L("ap_chain_behaviours")]


def legend(L: Labels) -> list[tuple[str, str]]:
    return [
        ("listed", L("ap_chain_listed")),
        ("mapped", L("ap_chain_mapped")),
        ("inventory", L("ap_chain_inventory")),
        ("predicts", L("ap_chain_predicts")),
    ]


def svg(graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels, area: str) -> str:
    return goal_chain_svg(graph, labeller(graph, catalogue, L), headers(L), legend(L), L("ap_chain_title", area=area))


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def mermaid(graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels) -> str:
    """A Mermaid flowchart, left to right, one subgraph per layer."""
    label = labeller(graph, catalogue, L)
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    for layer, nodes in layered_order(graph).items():
        lines.append(f'  subgraph L{layer}["{_mermaid_text(headers(L)[layer])}"]')
        lines += [f'    {ids[n]}["{_mermaid_text(label(n))}"]' for n in nodes]
        lines.append("  end")
    for u, v, data in graph.edges(data=True):
        arrow = "-.->" if data.get("basis") in ("mapped", "inventory") else "-->"
        lines.append(f"  {ids[u]} {arrow} {ids[v]}")
    return "\n".join(lines) + "\n"


def _dot_quote(value: object) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels) -> str:
    """Graphviz DOT text with every attribute (left to right; boxes)."""
    label = labeller(graph, catalogue, L)
    lines = ["digraph goal_chain {", "  rankdir=LR;", "  node [shape=box];"]
    for node, data in graph.nodes(data=True):
        attrs = {**data, "label": label(node)}
        lines.append(f"  {_dot_quote(node)} [" + ", ".join(f"{k}={_dot_quote(v)}" for k, v in attrs.items()) + "];")
    for u, v, data in graph.edges(data=True):
        text = ", ".join(f"{k}={_dot_quote(val)}" for k, val in data.items())
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [{text}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def graphml(graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(labelled(graph, labeller(graph, catalogue, L)), buffer, encoding="utf-8")
    return buffer.getvalue()


def export_bytes(kind: str, graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels, area: str) -> bytes:
    """The goal chain in the export format ``kind`` (a value of :data:`SUFFIXES`)."""
    if kind == "graphml":
        return graphml(graph, catalogue, L)
    if kind == "dot":
        return dot(graph, catalogue, L).encode("utf-8")
    if kind == "mmd":
        return mermaid(graph, catalogue, L).encode("utf-8")
    return svg(graph, catalogue, L, area).encode("utf-8")


# --- terminal text, Markdown, JSON ----------------------------------------------------------
def chain_rows(graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels) -> list[list[str]]:
    """One row per programme or resource and factor: what it targets, on what basis, and where it leads."""
    label = labeller(graph, catalogue, L)
    rows = []
    for node in [n for layer in (1,) for n in layered_order(graph).get(layer, [])]:
        for _, factor, data in graph.out_edges(node, data=True):
            leads = [label(b) for b in graph.successors(factor)]
            basis = {"listed": L("basis_listed"), "mapped": L("basis_mapped")}.get(
                data.get("basis", ""), L("ap_basis_inventory")
            )
            rows.append([label(node), label(factor), basis, ", ".join(leads) or "-", str(data.get("source", ""))])
    return rows


def chain_headers(L: Labels) -> list[str]:
    return [L("ap_chain_programmes"), L("col_factor"), L("ap_col_basis"), L("ap_chain_behaviours"), L("col_sources")]


def goal_chain_text(graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels, area: str, fmt: str, note: str) -> str:
    """``goal-chain`` as terminal text or Markdown (Markdown embeds the Mermaid diagram)."""
    title = L("ap_chain_title", area=area)
    label = labeller(graph, catalogue, L)
    goals = [label(n) for n in layered_order(graph).get(0, [])]
    if fmt == "md":
        out = [f"# {title}", "", note, "", "```mermaid", mermaid(graph, catalogue, L).rstrip(), "```", ""]
        out += [f"## {L('ap_chain_goals')}", "", *[f"- {g}" for g in goals], ""]
        out += [f"## {L('ap_chain_links')}", "", text_table(chain_headers(L), chain_rows(graph, catalogue, L), "md")]
    else:
        out = [title, "=" * len(title), note, "", L("ap_chain_goals"), *[f"- {g}" for g in goals], ""]
        out += [text_table(chain_headers(L), chain_rows(graph, catalogue, L), "table", [30, 30, 10, 40, 40])]
    return "\n".join(out) + "\n"


def goal_chain_document(graph: nx.DiGraph[str], catalogue: Catalogue, L: Labels) -> dict[str, Any]:
    """The chain as JSON: nodes with their data and label, edges with relation, basis and source."""
    label = labeller(graph, catalogue, L)
    return {
        "summary": graph_summary(graph),
        "nodes": [{"id": n, **data, "label": label(n)} for n, data in graph.nodes(data=True)],
        "edges": [{"from": u, "to": v, **data} for u, v, data in graph.edges(data=True)],
    }
