"""The goal chain (målkedja): implementation goals -> programmes and resources -> factors -> problem behaviours.

A CTC action plan explains why each programme is there: it works on a prioritised risk or
protective factor, and the factor predicts the problem behaviours the area wants fewer of. The
chain is a directed graph (networkx) whose edges point from the means to the end they serve,
each carrying where it comes from:

* factor -> problem behaviour (``predicts``): the taxonomy's ``predicts``, with its
  ``predicts_source`` (the CTC risk-factor chart). Protective factors predict nothing in the
  chart and end the chain themselves.
* programme -> factor (``targets``): the catalogue's factor tag, with its basis (listed by a
  registry or the developer, or mapped by us) and its source URL.
* resource -> factor (``targets``): a resource of the inventory that reaches the factor at a wanted
  level; the source is the programme's tag for a catalogued programme, else the inventory row.
* implementation goal -> programme (``implements``): the participants a year, the start and who
  is responsible (the implementation plan).

Nodes carry language-neutral data (``kind``, ``ref``, ``layer``); people's labels are added by
:mod:`render.goal_chain_views`. networkx is imported only inside these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from brief import MeetingBrief
from catalog.catalogue import Catalogue
from inputs.programme import Programme

if TYPE_CHECKING:  # pragma: no cover - types only
    import networkx as nx

#: Layers from the means (0) to the end (3); exports draw them as columns left to right.
LAYERS = {"goal": 0, "programme": 1, "resource": 1, "factor": 2, "behaviour": 3}


@dataclass(frozen=True)
class ChainProgramme:
    """A chosen programme and what the plan says about it (None where the plan does not know)."""

    programme: Programme
    level: str | None = None
    participants: int | None = None
    responsible: str | None = None
    start: str | None = None  #: ISO date


def node_id(kind: str, ref: str | int) -> str:
    return f"{kind}:{ref}"


def build_goal_chain(brief: MeetingBrief, catalogue: Catalogue, chosen: Sequence[ChainProgramme]) -> nx.DiGraph[str]:
    """The goal chain of the brief's area with the ``chosen`` programmes (see the module doc)."""
    import networkx as nx

    taxonomy = catalogue.taxonomy
    profile = brief.loaded.profile
    graph: nx.DiGraph[str] = nx.DiGraph()
    priorities = list(profile.factor_ids)
    weights = dict(zip(priorities, profile.weights(), strict=True))
    for rank, factor_id in enumerate(priorities, start=1):
        factor = taxonomy.factors_by_id[factor_id]
        graph.add_node(
            node_id("factor", factor_id),
            kind="factor",
            ref=factor_id,
            layer=LAYERS["factor"],
            rank=rank,
            weight=round(float(weights[factor_id]), 6),
            factor_kind=factor.kind,
        )
        for behaviour in factor.predicts:
            graph.add_node(node_id("behaviour", behaviour), kind="behaviour", ref=behaviour, layer=LAYERS["behaviour"])
            graph.add_edge(
                node_id("factor", factor_id),
                node_id("behaviour", behaviour),
                relation="predicts",
                source=str(factor.predicts_source),
            )
    wanted = set(profile.levels)
    for resource in brief.gaps.resources if brief.inventory is not None else []:
        if not wanted & set(resource.levels):
            continue  # works at none of the wanted levels: it does not serve this plan
        reached = [f for f in priorities if resource.factors.get(f, 0.0) > 0 and resource.ages.overlaps(profile.ages)]
        if not reached:
            continue
        rid = node_id("resource", resource.index)
        graph.add_node(
            rid,
            kind="resource",
            ref=resource.name,
            layer=LAYERS["resource"],
            provider=resource.resource.provider or "",
            programme=resource.programme.id if resource.programme else "",
            levels=",".join(resource.levels),
        )
        assert brief.inventory is not None
        where = f"{brief.inventory.path}" + (f":{resource.line}" if resource.line else "")
        where += f" (row {resource.row})" if resource.row else ""
        for factor_id in reached:
            tag = _tag(resource.programme, factor_id)
            graph.add_edge(
                rid,
                node_id("factor", factor_id),
                relation="targets",
                basis=tag[0] if tag else "inventory",
                source=tag[1] if tag else where,
            )
    for item in chosen:
        programme = item.programme
        pid = node_id("programme", programme.id)
        graph.add_node(pid, kind="programme", ref=programme.id, layer=LAYERS["programme"], level=item.level or "")
        for factor_id in priorities:
            tag = _tag(programme, factor_id)
            if tag is not None:
                graph.add_edge(pid, node_id("factor", factor_id), relation="targets", basis=tag[0], source=tag[1])
        goal = node_id("goal", programme.id)
        graph.add_node(
            goal,
            kind="goal",
            ref=programme.id,
            layer=LAYERS["goal"],
            participants=-1 if item.participants is None else item.participants,
            responsible=item.responsible or "",
            start=item.start or "",
            level=item.level or "",
        )
        graph.add_edge(goal, pid, relation="implements", source="action_plan")
    return graph


def _tag(programme: Programme | None, factor_id: str) -> tuple[str, str] | None:
    """(basis, source) of the programme's tag on the factor, or None."""
    if programme is None:
        return None
    for tag in programme.factors:
        if tag.factor == factor_id:
            return tag.basis, str(tag.source)
    return None


def layered_order(graph: nx.DiGraph[str], sweeps: int = 4) -> dict[int, list[str]]:
    """Nodes per layer, ordered to cross few edges (barycentre heuristic, alternating sweeps).

    Factors start in priority order and behaviours in the taxonomy's order; each sweep sorts a
    layer by the mean position of its neighbours in the layer before it.
    """
    layers: dict[int, list[str]] = {}
    for node, data in graph.nodes(data=True):
        layers.setdefault(int(data["layer"]), []).append(node)
    layers[2] = sorted(layers.get(2, []), key=lambda n: graph.nodes[n]["rank"])

    def by_neighbours(layer: int, reference: int) -> None:
        position = {n: i for i, n in enumerate(layers.get(reference, []))}
        current = layers.get(layer, [])

        def centre(node: str) -> float:
            near = [position[m] for m in (*graph.successors(node), *graph.predecessors(node)) if m in position]
            return sum(near) / len(near) if near else float(current.index(node))

        layers[layer] = sorted(current, key=lambda n: (centre(n), current.index(n)))

    for _ in range(sweeps):
        by_neighbours(3, 2)
        by_neighbours(1, 2)
        by_neighbours(0, 1)
    return {k: layers[k] for k in sorted(layers)}


def positions(graph: nx.DiGraph[str]) -> dict[str, tuple[float, float]]:
    """Node positions in layers (networkx's multipartite layout, in :func:`layered_order`), x from 0 to 1."""
    import networkx as nx

    order = layered_order(graph)
    ordered: nx.DiGraph[str] = nx.DiGraph()
    for layer, nodes in order.items():
        ordered.add_nodes_from((n, {"layer": layer}) for n in nodes)
    # a dict of ordered lists keeps the order inside each layer (a node attribute would not)
    layout = nx.multipartite_layout(ordered, subset_key=order, align="vertical", scale=1.0)
    xs = sorted({float(p[0]) for p in layout.values()})
    span = (xs[-1] - xs[0]) or 1.0
    return {n: ((float(p[0]) - xs[0]) / span, float(p[1])) for n, p in layout.items()}


def graph_summary(graph: nx.DiGraph[str]) -> dict[str, Any]:
    """Counts per kind of node and relation of edge (for tests and the JSON output)."""
    kinds: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    relations: dict[str, int] = {}
    for _, _, data in graph.edges(data=True):
        relations[data["relation"]] = relations.get(data["relation"], 0) + 1
    return {"nodes": kinds, "edges": relations}
