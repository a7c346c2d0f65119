"""YAML loading: line numbers for every location, friendly errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from inputs.problems import InputError
from inputs.yaml_source import load_yaml, parse_yaml

TEXT = """\
area: X
ages:
  min: 10
  max: 12
priorities:
  - factor: family_conflict
  - factor: academic_failure
    weight: 2
"""


def test_line_map_points_at_keys_and_items() -> None:
    doc = parse_yaml(TEXT, Path("p.yaml"))
    assert doc.line_of(("ages", "max")) == 4
    assert doc.line_of(("priorities", 1)) == 7
    assert doc.line_of(("priorities", 1, "weight")) == 8


def test_unknown_location_falls_back_to_nearest_parent() -> None:
    doc = parse_yaml(TEXT, Path("p.yaml"))
    assert doc.line_of(("priorities", 1, "note")) == 7
    assert doc.line_of(("nothing",)) == 1  # the document itself starts on line 1


def test_duplicate_keys_are_recorded() -> None:
    doc = parse_yaml("a: 1\nb: 2\na: 3\n", Path("d.yaml"))
    assert doc.lines.duplicate_keys == [(("a",), 3)]


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(InputError) as info:
        parse_yaml("area: X\nages: {min: 10, max: 12\npriorities: []\n", Path("bad.yaml"))
    problem = info.value.problems[0]
    assert problem.code == "yaml_syntax"
    assert problem.file == Path("bad.yaml")
    assert problem.line == 3  # where the parser finds the flow mapping still open


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_yaml(tmp_path / "nope.yaml")
    assert info.value.problems[0].code == "file_not_found"


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_yaml(tmp_path)
    assert info.value.problems[0].code == "file_is_directory"


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffarea: Å\n".encode())
    assert load_yaml(path).data == {"area": "Å"}


def test_latin1_file_gets_encoding_advice(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("area: ok\nnote: Malm\xf6\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        load_yaml(path)
    problem = info.value.problems[0]
    assert problem.code == "not_utf8"
    assert problem.line == 2


def test_an_empty_document_has_no_lines() -> None:
    doc = parse_yaml("", Path("empty.yaml"))
    assert doc.data is None and doc.line_of(("anything",)) is None
