"""Group sub-areas with similar survey profiles into local areas, connected and large enough.

1. **Profiles.** Each sub-area's share past the cut-point on every factor (its total over all
   grades; by default pooled over every wave, which steadies small areas; or one ``wave``).
   Small areas are noisy, so each share is shrunk towards the city's share in proportion to the
   area's respondents: ``(count + K * city) / (respondents + K)`` with K = :data:`PRIOR_PUPILS`.
   A hidden area (fewer respondents than the threshold) sits at the city's shares. The shares
   are then standardised per factor (mean 0, standard deviation 1 over the sub-areas).
2. **Clustering.** scikit-learn's Ward agglomerative clustering into ``k`` groups. With an
   adjacency (a list of bordering pairs, or borders worked out from a GeoJSON), the adjacency
   graph is the clustering's connectivity, so every group is one connected piece of the map;
   networkx checks this afterwards.
3. **Size.** A group whose smallest factor total has fewer than ``min_respondents`` pupils is
   merged into its most similar group (a neighbour when there is an adjacency), until none is
   too small; groups may then be fewer than ``k``. Group totals count only sub-areas whose own
   figures are shown, so a group total never reveals a hidden sub-area.
4. **Quality.** The silhouette (scikit-learn; -1 to 1, higher: sub-areas sit closer to their own
   group than to the next) and the share of the variance between groups (0-1). ``evaluate``
   scores an existing grouping the same way and compares it with the suggestion (adjusted Rand
   index, and where each suggested group's sub-areas lie in the existing one).

scikit-learn and networkx are imported here only, by the ``cluster`` command.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from inputs.problems import Code, InputError, Problem
from inputs.survey_tables import LoadedAggregates
from inputs.taxonomy import Taxonomy
from survey.figures import area_totals
from survey.intervals import adjust, two_proportion_p

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

#: How many pupils' worth of the city's share each sub-area's share is shrunk towards.
PRIOR_PUPILS = 20
ALPHA = 0.05


@dataclass(frozen=True)
class AreaMatrix:
    """Shown area totals as [area, factor] arrays (NaN where hidden)."""

    areas: list[str]
    factors: list[str]
    respondents: np.ndarray  #: [A, F], 0 where hidden
    counts: np.ndarray  #: [A, F], 0 where hidden
    waves: list[int]


@dataclass(frozen=True)
class Group:
    name: str
    areas: list[str]
    respondents: int  #: the smallest factor total over the group's shown sub-areas
    standout: list[str]  #: factors where the group is worse than the rest of the city (after correction)


@dataclass(frozen=True)
class Quality:
    silhouette: float | None
    between_share: float
    contiguous: bool | None  #: None without an adjacency


@dataclass(frozen=True)
class Comparison:
    """An existing grouping scored like the suggestion, and how the two differ."""

    quality: Quality
    groups: int
    adjusted_rand: float
    overlap: dict[str, tuple[str, float]]  #: suggested group -> (existing group holding most of it, share)


@dataclass(frozen=True)
class Clustering:
    k: int
    groups: list[Group]
    assignment: dict[str, str]
    quality: Quality
    merged: int  #: groups merged because they were too small
    waves: list[int]
    evaluated: Comparison | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def area_matrix(aggregates: LoadedAggregates, taxonomy: Taxonomy, wave: int | None, threshold: int) -> AreaMatrix:
    """Every area's shown totals per factor, pooled over the waves (or in ``wave``)."""
    totals = area_totals(aggregates.frame, threshold)
    if wave is not None:
        totals = totals[totals["wave"] == wave]
    waves = sorted(int(w) for w in totals["wave"].unique())
    shown = totals[~totals["hidden"]]
    pooled = shown.groupby(["area", "factor"])[["respondents", "count"]].sum()
    areas = sorted(totals["area"].unique())
    factors = [f.id for f in taxonomy.factors if f.id in set(totals["factor"])]
    n = pooled["respondents"].unstack().reindex(index=areas, columns=factors).fillna(0.0).to_numpy()
    c = pooled["count"].unstack().reindex(index=areas, columns=factors).fillna(0.0).to_numpy()
    return AreaMatrix(areas, factors, n, c, waves)


def features(matrix: AreaMatrix) -> np.ndarray:
    """[A, F] standardised shrunk shares (see the module docstring)."""
    city = matrix.counts.sum(axis=0) / np.maximum(matrix.respondents.sum(axis=0), 1)
    shrunk = (matrix.counts + PRIOR_PUPILS * city) / (matrix.respondents + PRIOR_PUPILS)
    sd = shrunk.std(axis=0)
    return np.asarray((shrunk - shrunk.mean(axis=0)) / np.where(sd > 0, sd, 1.0))


def graph_of(areas: list[str], pairs: list[tuple[str, str]]) -> nx.Graph[str]:
    """The adjacency graph over ``areas`` (pairs naming other areas are left out)."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(areas)
    known = set(areas)
    graph.add_edges_from((a, b) for a, b in pairs if a in known and b in known and a != b)
    return graph


def ward(x: np.ndarray, k: int, graph: nx.Graph[str] | None, areas: list[str]) -> np.ndarray:
    """[A] group labels 0..k-1 from Ward clustering, constrained to ``graph`` when given."""
    from sklearn.cluster import AgglomerativeClustering

    connectivity = None
    if graph is not None:
        import networkx as nx

        connectivity = nx.to_scipy_sparse_array(graph, nodelist=areas, format="csr")
    model = AgglomerativeClustering(n_clusters=k, linkage="ward", connectivity=connectivity)
    return np.asarray(model.fit_predict(x))


def group_sizes(labels: np.ndarray, respondents: np.ndarray) -> dict[int, int]:
    """Group -> its smallest factor total (shown sub-areas only)."""
    return {int(g): int(respondents[labels == g].sum(axis=0).min()) for g in np.unique(labels)}


def merge_small(
    labels: np.ndarray,
    x: np.ndarray,
    respondents: np.ndarray,
    minimum: int,
    graph: nx.Graph[str] | None,
    areas: list[str],
) -> tuple[np.ndarray, int]:
    """Merge groups below ``minimum`` into their most similar (neighbouring) group; and how many merges."""
    labels = labels.copy()
    merges = 0
    while True:
        sizes = group_sizes(labels, respondents)
        small = [g for g, size in sorted(sizes.items(), key=lambda kv: kv[1]) if size < minimum]
        if not small or len(sizes) == 1:
            return labels, merges
        g = small[0]
        centre = x[labels == g].mean(axis=0)
        candidates = set(sizes) - {g}
        if graph is not None:
            members = {areas[i] for i in np.flatnonzero(labels == g)}
            touching = {int(labels[areas.index(b)]) for a in members for b in graph.neighbors(a)} - {g}
            candidates = touching or candidates
        target = min(candidates, key=lambda h: float(np.linalg.norm(x[labels == h].mean(axis=0) - centre)))
        labels[labels == g] = target
        merges += 1


def quality(x: np.ndarray, labels: np.ndarray, graph: nx.Graph[str] | None, areas: list[str]) -> Quality:
    """Silhouette, share of variance between groups, and whether every group is connected."""
    from sklearn.metrics import silhouette_score

    groups = np.unique(labels)
    silhouette = float(silhouette_score(x, labels)) if 2 <= len(groups) < len(labels) else None
    total = float(((x - x.mean(axis=0)) ** 2).sum())
    within = float(sum(((x[labels == g] - x[labels == g].mean(axis=0)) ** 2).sum() for g in groups))
    contiguous = None
    if graph is not None:
        import networkx as nx

        contiguous = all(
            nx.is_connected(graph.subgraph([areas[i] for i in np.flatnonzero(labels == g)])) for g in groups
        )
    return Quality(silhouette, 1.0 - within / total if total > 0 else 0.0, contiguous)


def standouts(matrix: AreaMatrix, labels: np.ndarray, taxonomy: Taxonomy) -> dict[int, list[str]]:
    """Group -> factors where its pooled share is worse than the rest of the city's (Benjamini-Hochberg)."""
    groups = np.unique(labels)
    n = np.stack([matrix.respondents[labels == g].sum(axis=0) for g in groups])  # [G, F]
    c = np.stack([matrix.counts[labels == g].sum(axis=0) for g in groups])
    rest_n, rest_c = n.sum(axis=0) - n, c.sum(axis=0) - c
    p = adjust(np.where(n > 0, two_proportion_p(c, n, rest_c, rest_n), np.nan))
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = c / n - rest_c / rest_n
    risk = np.array([taxonomy.factors_by_id[f].kind == "risk" for f in matrix.factors])
    worse = np.where(risk[None, :], diff > 0, diff < 0)
    return {
        int(g): [matrix.factors[f] for f in np.flatnonzero((p[i] < ALPHA) & worse[i])] for i, g in enumerate(groups)
    }


def _named(labels: np.ndarray, areas: list[str]) -> tuple[list[int], dict[int, str]]:
    """Groups in the order of their first sub-area, named by number: "1", "2", ... (outputs add the word)."""
    order = list(dict.fromkeys(int(labels[i]) for i in range(len(areas))))
    return order, {g: str(i) for i, g in enumerate(order, start=1)}


def cluster_areas(
    matrix: AreaMatrix,
    taxonomy: Taxonomy,
    k: int,
    minimum: int,
    pairs: list[tuple[str, str]] | None = None,
    existing: dict[str, str] | None = None,
) -> Clustering:
    """Suggest ``k`` groups of the sub-areas (see the module docstring); score ``existing`` alongside."""
    x = features(matrix)
    graph = graph_of(matrix.areas, pairs) if pairs is not None else None
    labels = ward(x, k, graph, matrix.areas)
    labels, merged = merge_small(labels, x, matrix.respondents, minimum, graph, matrix.areas)
    order, names = _named(labels, matrix.areas)
    sizes = group_sizes(labels, matrix.respondents)
    marks = standouts(matrix, labels, taxonomy)
    groups = [
        Group(names[g], [a for a, label in zip(matrix.areas, labels, strict=True) if label == g], sizes[g], marks[g])
        for g in order
    ]
    assignment = {a: names[int(label)] for a, label in zip(matrix.areas, labels, strict=True)}
    evaluated = compare_grouping(x, assignment, existing, graph, matrix.areas) if existing is not None else None
    return Clustering(k, groups, assignment, quality(x, labels, graph, matrix.areas), merged, matrix.waves, evaluated)


def compare_grouping(
    x: np.ndarray, suggested: dict[str, str], existing: dict[str, str], graph: nx.Graph[str] | None, areas: list[str]
) -> Comparison:
    """The existing grouping's quality, and how the suggestion differs from it."""
    from sklearn.metrics import adjusted_rand_score

    given = [existing[a] for a in areas]
    codes = {g: i for i, g in enumerate(sorted(set(given)))}
    labels = np.array([codes[g] for g in given])
    ours = [suggested[a] for a in areas]
    overlap: dict[str, tuple[str, float]] = {}
    for group in dict.fromkeys(ours):
        members = [existing[a] for a, g in zip(areas, ours, strict=True) if g == group]
        best, count = Counter(members).most_common(1)[0]
        overlap[group] = (best, count / len(members))
    return Comparison(quality(x, labels, graph, areas), len(codes), float(adjusted_rand_score(given, ours)), overlap)


def check_names(path: Path, areas: list[str], named: set[str], missing_ok: bool) -> None:
    """The sub-areas a file names must be the survey's (and, unless ``missing_ok``, all of them).

    Raises:
        InputError: names the survey does not know, or sub-areas the file leaves out.
    """
    known = set(areas)
    problems = []
    for found, code, wrong in ((sorted(named - known), Code.AREAS_UNKNOWN, True),
                               (sorted(known - named), Code.AREAS_MISSING, not missing_ok)):  # fmt: skip
        if found and wrong:
            problems.append(
                Problem(file=path, code=code, params={"count": len(found), "examples": ", ".join(found[:5])})
            )
    if problems:
        raise InputError(problems)


def as_document(result: Clustering) -> dict[str, Any]:
    """The JSON contract of ``cluster --format json``."""

    def measures(q: Quality) -> dict[str, Any]:
        return {"silhouette": q.silhouette, "between_share": q.between_share, "contiguous": q.contiguous}

    doc: dict[str, Any] = {
        "k": result.k,
        "groups": [
            {"group": g.name, "areas": g.areas, "respondents": g.respondents, "standout": g.standout}
            for g in result.groups
        ],
        **measures(result.quality),
        "merged": result.merged,
        "waves": result.waves,
    }
    if result.evaluated is not None:
        e = result.evaluated
        doc["evaluated"] = {
            **measures(e.quality),
            "groups": e.groups,
            "adjusted_rand": e.adjusted_rand,
            "overlap": {g: {"group": best, "share": share} for g, (best, share) in e.overlap.items()},
        }
    return doc
