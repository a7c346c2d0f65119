"""Published factor lists, the shared mapping table and the tags derived from them (docs/catalogue.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog import bundled_path
from catalog.bundled import load_phrase_table
from catalog.catalogue import Catalogue
from catalog.checks import check_factor_lists, check_phrase_table
from catalog.lint import lint_catalogue_files
from catalog.stats import tag_stats
from cli import cli
from inputs.evidence_scale import EvidenceScale
from inputs.factor_phrases import PhraseEntry, PhraseTable, normalise_phrase
from inputs.problems import Problem
from inputs.taxonomy import Taxonomy
from tests.builders import write_yaml

BUNDLED = bundled_path("programmes.yaml").read_text(encoding="utf-8")
LST = BUNDLED.index("- id: lst\n")
LST_END = BUNDLED.index("\n- id: ", LST + 5)


def edit_lst(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the bundled catalogue with ``old`` replaced once inside the LST record."""
    record = BUNDLED[LST:LST_END]
    assert old in record, old
    path = tmp_path / "programmes.yaml"
    path.write_text(BUNDLED[:LST] + record.replace(old, new, 1) + BUNDLED[LST_END:], encoding="utf-8")
    return path


def codes(path: Path, taxonomy: Taxonomy, scale: EvidenceScale) -> list[str]:
    return sorted(p.code for p in lint_catalogue_files([path], taxonomy, scale).problems)


LST_LIST = "https://www.episcenter.psu.edu/node/678"
SENSATION_TAG = f"  - factor: sensation_seeking\n    basis: listed\n    source: {LST_LIST}\n    note: null\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a wording the table does not know, so the tag it backed has no phrase any more
        ("    - Sensation Seeking\n", "    - Sensation Seekin\n", ["listed_without_phrase", "phrase_not_mapped"]),
        # the list names the factor but the record does not tag it
        (SENSATION_TAG, "", ["phrase_factor_not_tagged"]),
        # tagged from content although the list names it
        (SENSATION_TAG, SENSATION_TAG.replace("listed", "mapped"), ["phrase_factor_not_tagged"]),
        # a listed tag no list names
        ("    - Sensation Seeking\n", "", ["listed_without_phrase"]),
        # a listed tag citing a page that is not the list
        (
            SENSATION_TAG,
            SENSATION_TAG.replace("https://www.episcenter.psu.edu/node/678", "https://example.org/other"),
            ["listed_source_not_a_list"],
        ),
    ],
)
def test_tags_and_lists_must_agree(tmp_path, taxonomy, scale, old: str, new: str, expected: list[str]) -> None:
    assert codes(edit_lst(tmp_path, old, new), taxonomy, scale) == expected


def test_problem_names_file_line_and_phrase(tmp_path, taxonomy, scale) -> None:
    path = edit_lst(tmp_path, "    - Sensation Seeking\n", "    - Sensation Seekin\n")
    problems = lint_catalogue_files([path], taxonomy, scale).problems
    unmapped = next(p for p in problems if p.code == "phrase_not_mapped")
    text = path.read_text(encoding="utf-8")
    assert (
        unmapped.file == str(path) and unmapped.line == text[: text.index("    - Sensation Seekin\n")].count("\n") + 1
    )
    result = CliRunner().invoke(cli, ["catalog", "lint", str(path), "--lang", "en"])
    assert result.exit_code == 1 and "Sensation Seekin" in result.stdout and "factor_phrases" in result.stdout


def test_matching_ignores_case_quotes_spaces_and_closing_marks() -> None:
    assert normalise_phrase("Friends\u2019  Delinquent Behavior*") == normalise_phrase("friends' delinquent behavior")
    assert normalise_phrase("Family Conflict:") == normalise_phrase("family conflict.")
    assert normalise_phrase("Family conflict") != normalise_phrase("Family")


def test_a_layer_brings_its_own_wordings(tmp_path, taxonomy, scale) -> None:
    """An analyst adds a list whose wording the bundled table lacks, with the mapping in the same file."""
    record = BUNDLED[LST:LST_END].replace("    - Sensation Seeking\n", "    - Thrill seeking (sensation seeking)\n", 1)
    text = BUNDLED[:LST] + record + BUNDLED[LST_END:]
    text = text.replace(
        "programmes:\n",
        "factor_phrases:\n- phrase: Thrill seeking (sensation seeking)\n  factors: [sensation_seeking]\n"
        "  reason: Same construct as the CTC sensation-seeking scale.\nprogrammes:\n",
        1,
    )
    path = tmp_path / "programmes.yaml"
    path.write_text(text, encoding="utf-8")
    assert codes(path, taxonomy, scale) == []


def test_unmapped_wording_needs_a_reason(tmp_path) -> None:
    path = write_yaml(
        tmp_path / "phrases.yaml", {"schema_version": 1, "phrases": [{"phrase": "Anxiety", "factors": []}]}
    )
    result = CliRunner().invoke(cli, ["catalog", "lint", "--lang", "en", "--phrases", str(path)])
    assert (
        result.exit_code == 1
        and "Anxiety" in result.stdout
        and "Say why" in result.stdout
        and "phrases.yaml)" in result.stdout
    )


def test_wording_mapped_to_an_unknown_factor(taxonomy: Taxonomy) -> None:
    table = PhraseTable(phrases=[PhraseEntry(phrase="Poor grades", factors=["academic_failur"], reason="x")])
    problems = check_phrase_table(table, taxonomy)
    assert [p.code for p in problems] == ["unknown_phrase_factor"] and "academic_failure" in str(problems[0].params)


def test_bundled_table_is_clean(taxonomy: Taxonomy) -> None:
    table = load_phrase_table()
    assert check_phrase_table(table, taxonomy) == []
    assert len(table.phrases) >= 200
    assert all(e.factors or (e.reason or "").strip() for e in table.phrases)


def test_every_registry_list_is_fully_accounted_for(catalogue: Catalogue) -> None:
    """Each phrase of a Blueprints, EPISCenter or Athena list is tagged, or unmapped with a reason."""
    table = load_phrase_table()
    registry_lists = 0
    for programme in catalogue.programmes:
        problems: list[Problem] = check_factor_lists(programme, table)
        assert problems == [], (programme.id, problems)
        tagged = {t.factor for t in programme.factors if t.basis == "listed"}
        for factor_list in programme.factor_lists:
            registry_lists += factor_list.publisher in {"blueprints", "episcenter", "athena"}
            for phrase in factor_list.phrases:
                entry = table.by_phrase[normalise_phrase(phrase)]
                assert set(entry.factors) <= tagged or not entry.factors
                assert entry.factors or entry.reason
    assert registry_lists >= 15


def test_issue_examples_are_complete(catalogue: Catalogue) -> None:
    """The incomplete records named in the issue now carry every factor their lists name."""
    tags = {p.id: {t.factor for t in p.factors} for p in catalogue.programmes}
    assert {"sensation_seeking", "rebelliousness", "interaction_with_antisocial_peers",
            "rewards_for_antisocial_involvement"} <= tags["lst"]  # fmt: skip
    assert {"rebelliousness", "interaction_with_antisocial_peers"} <= tags["paths"]
    assert len(tags["bbbs"]) >= 14
    assert {"family_conflict", "parental_attitudes_favourable_to_antisocial_behaviour"} <= tags["art"]
    assert {"incredible_years", "iy_teacher", "iy_dina"} <= set(tags)


def test_tag_stats_count_listed_and_mapped(catalogue: Catalogue) -> None:
    stats = {s.programme: s for s in tag_stats(catalogue, load_phrase_table())}
    assert len(stats) == len(catalogue.programmes) >= 110
    lst = stats["lst"]
    assert lst.listed == lst.tags and lst.lists == 1 and lst.unknown == 0
    assert all(s.listed + s.mapped == s.tags for s in stats.values())
    assert sum(s.unmapped for s in stats.values()) > 0


def test_stats_by_programme_in_every_format() -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["catalog", "stats", "--by", "programme", "--lang", "en"]).stdout
    assert "Listed" in table and "Mapped" in table and "No CTC factor" in table and "\nlst " in table
    sv = runner.invoke(cli, ["catalog", "stats", "--by", "programme"]).stdout
    assert "Enligt lista" in sv and "enligt publicerade faktorlistor" in sv
    csv = runner.invoke(cli, ["catalog", "stats", "--by", "programme", "--format", "csv", "--lang", "en"]).stdout
    assert csv.splitlines()[0].startswith("id,Factor tags,Listed,Mapped")
    import json

    doc = json.loads(runner.invoke(cli, ["catalog", "stats", "--format", "json"]).stdout)
    assert {"programme", "listed", "mapped", "unmapped"} <= set(doc["tags"][0])
