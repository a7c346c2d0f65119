"""The heat map is laid out from its labels: nothing overlaps or is cut off, in either language."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from catalog.bundled import load_evidence_scale, load_taxonomy
from inputs.vocabulary import Lang
from render.heatmap import CHAR_PX, Cell, layout, text_width, wrap
from render.labels import Labels

LEGEND = [("gap", "lucka"), ("partial", "delvis"), ("covered", "täckt")]


def grid(factors: list[str], bands: list[tuple[str, str]]) -> dict[str, Any]:
    cells = [[Cell(f, b[0], "12 %", "gap", "x") for b in bands] for f in factors]
    return layout(factors, bands, cells, LEGEND)


def boxes_do_not_overlap(spans: list[tuple[float, float]]) -> bool:
    ordered = sorted(spans)
    return all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(ordered))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_taxonomy_label_fits_in_both_languages(lang: Lang) -> None:
    taxonomy = load_taxonomy()
    L = Labels(lang, taxonomy, load_evidence_scale())
    factors = [L.factor(f) for f in taxonomy.factor_ids]
    bands = [(L.band_name(b), L.span(b)) for b in taxonomy.band_ids]
    geometry = grid(factors, bands)
    # column headers: each line fits its column, and columns do not overlap
    spans = []
    for column in geometry["columns"]:
        for line in column["lines"]:
            assert text_width(line["text"], bold=True) <= column["w"], line["text"]
        spans.append((column["x"] - column["w"] / 2, column["x"] + column["w"] / 2))
    assert boxes_do_not_overlap(spans)
    # row labels: right-aligned at label_x, so each must start at or after x = 0
    for row in geometry["rows"]:
        for line in row["lines"]:
            assert geometry["label_x"] - text_width(line["text"]) >= 0, line["text"]
    # the grid starts right of the labels and everything lies inside the drawing
    assert min(cell["x"] for cell in geometry["cells"]) > geometry["label_x"]
    assert max(cell["x"] + cell["w"] for cell in geometry["cells"]) <= geometry["width"]
    assert max(item["x"] for item in geometry["legend"]) < geometry["width"]


def test_long_labels_wrap_onto_two_lines() -> None:
    label = "Föräldrars tillåtande attityder till normbrytande beteende"
    lines = wrap(label, 34)
    assert len(lines) == 2 and " ".join(lines) == label and all(len(line) <= 34 for line in lines[:-1])
    geometry = grid([label, "Kort"], [("Högstadiet", "13-15")])
    assert len(geometry["rows"][0]["lines"]) == 2
    assert geometry["label_x"] >= max(len(line) for line in lines) * CHAR_PX
