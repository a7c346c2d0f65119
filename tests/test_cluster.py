"""cluster: planted groups recovered, groups connected and never too small, existing groupings scored."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from areas.cluster import AreaMatrix, area_matrix, cluster_areas, merge_small
from areas.geometry import polygons, shared_borders
from cli import cli
from inputs.area_files import read_adjacency, read_geojson, read_grouping
from inputs.survey_tables import read_aggregates


@pytest.fixture(scope="module")
def matrix(synthetic_survey, taxonomy) -> AreaMatrix:
    folder, _ = synthetic_survey
    return area_matrix(read_aggregates(folder / "aggregat.csv", taxonomy), taxonomy, None, 10)


def test_borders_from_the_geometry_are_the_adjacency(synthetic_survey) -> None:
    folder, _ = synthetic_survey
    from_shapes = shared_borders(polygons(read_geojson(folder / "delomraden.geojson")))
    listed = read_adjacency(folder / "grannar.csv")
    assert {frozenset(p) for p in from_shapes} == {frozenset(p) for p in listed}
    assert len(listed) == 16 * 8 + 17 * 7  # a 17 x 8 grid; corners do not count


def test_planted_groups_are_recovered_in_one_piece(synthetic_survey, matrix, taxonomy) -> None:
    folder, made = synthetic_survey
    result = cluster_areas(matrix, taxonomy, 14, 10, read_adjacency(folder / "grannar.csv"), made.groups)
    assert result.quality.contiguous is True
    assert result.evaluated is not None and result.evaluated.adjusted_rand >= 0.9
    assert result.evaluated.quality.contiguous is True
    assert all(share >= 0.75 for _, share in result.evaluated.overlap.values())
    assert 0 < result.quality.between_share < 1 and result.quality.silhouette is not None


def test_without_neighbours_groups_need_not_be_connected_but_are_reported(synthetic_survey, matrix, taxonomy) -> None:
    result = cluster_areas(matrix, taxonomy, 14, 10)
    assert result.quality.contiguous is None
    assert sorted(a for g in result.groups for a in g.areas) == matrix.areas


def test_small_groups_are_merged_into_a_neighbour() -> None:
    """Three areas in a row; the middle one is tiny, so it joins the neighbour most like it."""
    import networkx as nx

    x = np.array([[0.0], [0.9], [1.0]])
    respondents = np.array([[50.0], [3.0], [50.0]])
    graph = nx.path_graph(["a", "b", "c"])
    labels, merges = merge_small(np.array([0, 1, 2]), x, respondents, 10, graph, ["a", "b", "c"])
    assert merges == 1 and labels[1] == labels[2] != labels[0]


@pytest.mark.parametrize("minimum", [10, 400, 2000])
def test_no_group_is_ever_below_the_minimum(matrix, taxonomy, synthetic_survey, minimum: int) -> None:
    folder, _ = synthetic_survey
    result = cluster_areas(matrix, taxonomy, 14, minimum, read_adjacency(folder / "grannar.csv"))
    assert all(g.respondents >= minimum for g in result.groups) or len(result.groups) == 1
    assert result.quality.contiguous is True
    if minimum == 2000:
        assert result.merged > 0 and len(result.groups) < 14


def test_group_totals_leave_hidden_sub_areas_out(tmp_path, taxonomy) -> None:
    rows = ["area,wave,grade,factor,respondents,count"]
    rows += ["A,2024,,family_conflict,8,4", "B,2024,,family_conflict,60,12", "C,2024,,family_conflict,70,10"]
    rows += ["D,2024,,family_conflict,80,30"]
    path = tmp_path / "a.csv"
    path.write_text("\n".join(rows) + "\n")
    matrix = area_matrix(read_aggregates(path, taxonomy), taxonomy, None, 10)
    result = cluster_areas(matrix, taxonomy, 2, 10)
    group_of_a = next(g for g in result.groups if "A" in g.areas)
    shown = {"B": 60, "C": 70, "D": 80}
    assert group_of_a.respondents == sum(shown[a] for a in group_of_a.areas if a != "A")


def test_cli_formats_out_file_and_map(synthetic_survey, tmp_path: Path) -> None:
    folder, made = synthetic_survey
    out, html = tmp_path / "grupper.csv", tmp_path / "karta.html"
    args = ["cluster", str(folder / "aggregat.csv"), "--geometry", str(folder / "delomraden.geojson"),
            "--evaluate", str(folder / "lokala_omraden.csv"), "--out", str(out), "--export", str(html)]  # fmt: skip
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"k", "groups", "silhouette", "between_share", "contiguous", "evaluated"} <= set(doc)
    assert doc["contiguous"] is True and doc["evaluated"]["adjusted_rand"] >= 0.9
    assert all({"group", "areas", "respondents", "standout"} <= set(g) for g in doc["groups"])
    grouping = read_grouping(out)
    assert set(grouping) == set(made.groups) and len(set(grouping.values())) == len(doc["groups"])
    page = html.read_text(encoding="utf-8")
    assert page.count("<path ") == 136 and "<script" not in page
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 1  # the files exist: nothing is overwritten without --force


def test_graph_drawing_without_geometry(synthetic_survey, tmp_path: Path) -> None:
    folder, _ = synthetic_survey
    html = tmp_path / "graf.html"
    args = ["cluster", str(folder / "aggregat.csv"), "--adjacency", str(folder / "grannar.csv"), "--export", str(html)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert page.count("<circle ") == 136 and page.count("<line ") == 247


def test_bad_neighbour_files_are_explained(synthetic_survey, tmp_path: Path) -> None:
    folder, _ = synthetic_survey
    wrong = tmp_path / "grannar.csv"
    wrong.write_text("område;granne\nDelområde 001;Delområde 999\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["cluster", str(folder / "aggregat.csv"), "--adjacency", str(wrong), "--lang", "en"]
    )
    assert result.exit_code == 1 and "Delområde 999" in result.stderr
    grouping = tmp_path / "grupper.csv"
    grouping.write_text("area,group\nDelområde 001,A\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["cluster", str(folder / "aggregat.csv"), "--evaluate", str(grouping), "--lang", "en"]
    )
    assert result.exit_code == 1 and "135 sub-areas" in result.stderr and "missing" in result.stderr
    result = CliRunner().invoke(cli, ["cluster", str(folder / "aggregat.csv"), "--k", "500", "--lang", "en"])
    assert result.exit_code == 1 and "500 groups" in result.stderr


def test_a_group_stands_out_only_on_the_unfavourable_side(taxonomy) -> None:
    """A group listed as standing out on a factor is worse there: more at risk, or fewer protected."""
    from areas.cluster import standouts

    factors = ["family_conflict", "academic_failure", "family_attachment"]
    factors.append("school_opportunities_for_prosocial_involvement")
    assert [taxonomy.factors_by_id[f].kind for f in factors] == ["risk", "risk", "protective", "protective"]
    # group 0: more family conflict (worse), less academic failure (better); less attachment (worse),
    # more school opportunities (better). Group 1 is the mirror image.
    shares = np.array([[0.40, 0.10, 0.40, 0.80], [0.10, 0.40, 0.80, 0.40]])
    respondents = np.array([[400.0] * 4, [400.0] * 4, [150.0] * 4, [150.0] * 4])  # group 1 is smaller
    labels = np.array([0, 0, 1, 1])
    matrix = AreaMatrix(
        areas=["A", "B", "C", "D"],
        factors=factors,
        respondents=respondents,
        counts=np.round(respondents * shares[labels]),
        waves=[2024],
    )
    assert standouts(matrix, labels, taxonomy) == {
        0: ["family_conflict", "family_attachment"],
        1: ["academic_failure", "school_opportunities_for_prosocial_involvement"],
    }


def test_a_group_in_two_pieces_is_reported_as_not_contiguous() -> None:
    """quality(): contiguous only when every group is one connected piece of the map."""
    import networkx as nx

    from areas.cluster import quality

    areas = ["A", "B", "C", "D"]
    graph: nx.Graph[str] = nx.path_graph(areas)  # A - B - C - D
    x = np.array([[0.0], [0.1], [1.0], [1.1]])
    assert quality(x, np.array([0, 0, 1, 1]), graph, areas).contiguous is True
    assert quality(x, np.array([0, 1, 0, 1]), graph, areas).contiguous is False  # A+C and B+D: both split
    assert quality(x, np.array([0, 0, 1, 0]), graph, areas).contiguous is False  # only A+B+D is split


def test_wave_chooses_one_wave_and_no_wave_pools_them_all(synthetic_survey, taxonomy) -> None:
    folder, _ = synthetic_survey
    aggregates = read_aggregates(folder / "aggregat.csv", taxonomy)
    pooled = area_matrix(aggregates, taxonomy, None, 10)
    assert len(pooled.waves) >= 2  # the premise
    one = area_matrix(aggregates, taxonomy, pooled.waves[0], 10)
    assert one.waves == [pooled.waves[0]]
    assert 0 < one.respondents.sum() < pooled.respondents.sum()
