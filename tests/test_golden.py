"""Every example, command and format renders exactly as the reviewed golden files say.

A failure here means a change altered what users see. If that was the intent, run
``make golden`` and review the diff of ``tests/golden/`` before committing.
"""

from __future__ import annotations

import difflib

import pytest

from tests.golden import GOLDEN, cases, render_case

CASES = list(cases())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_matches_golden(case) -> None:
    for name, text in render_case(case).items():
        path = GOLDEN / name
        assert path.exists(), f"no golden file {name}: run `make golden`"
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = "".join(
                difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden/" + name, "now", n=2)
            )
            pytest.fail(f"{name} changed; run `make golden` if intended:\n{diff[:4000]}")


def test_no_stale_golden_files() -> None:
    expected = {name for case in CASES for name in render_case_names(case)}
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.name not in expected)
    assert not stale, f"golden files no case produces (run `make golden`): {stale}"


def render_case_names(case) -> list[str]:
    return [f"{case.name}.out", *[f"{case.name}.export.{suffix}" for suffix in case.exports]]


def test_outputs_have_no_placeholders_or_doubled_punctuation() -> None:
    """What people read never shows '?' for an unknown value, '<indata>', or '.;' / ',.' pairs."""
    import csv
    import io
    import re

    bad = re.compile(r"(?<!\.)\.[;,]|[;,]\.|(?<!\.)\.\.(?!\.)|\?\)|\( ?\?|<indata>|<input>| \?( |$)")
    abbreviations = re.compile(r"\b(e\.g|i\.e|t\.ex|bl\.a|m\.fl|s\.k)\.,")  # "e.g.," is not doubled punctuation
    offenders = []
    for path in sorted(GOLDEN.iterdir()):
        text = path.read_text(encoding="utf-8")
        if ".json" in path.name or ".xlsx" in path.name:
            continue
        # CSV: judge each cell, not the separators between them
        chunks = (
            ["\n".join(cells) for cells in csv.reader(io.StringIO(text.split("\n", 1)[1]))]
            if path.name.endswith(".csv") or ".csv." in path.name
            else text.splitlines()
        )
        for chunk in chunks:
            for cell in chunk.split("\n") if isinstance(chunk, str) else chunk:
                if bad.search(abbreviations.sub("", re.sub(r"https?://\S+", "", cell))):
                    offenders.append(f"{path.name}: {cell.strip()[:100]}")
    assert not offenders, offenders[:10]
