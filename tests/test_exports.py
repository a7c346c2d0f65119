"""Export files: all five formats, safe writing, escaping, and both languages."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli import cli
from inputs.problems import InputError
from render import exports as export_files
from tests.builders import EXAMPLES

FAMILY = str(EXAMPLES / "familj-10-15.yaml")
FORMATS = ("xlsx", "html", "md", "csv", "json")


def run(*args: str, lang: str = "sv"):
    return CliRunner().invoke(cli, [*args, "--lang", lang, "--as-of", "2026-11-27"])


def export_plan(folder: Path, lang: str = "sv", extra: tuple[str, ...] = ()) -> dict[str, Path]:
    paths = {fmt: folder / f"plan.{fmt}" for fmt in FORMATS}
    args = ["plan", FAMILY, "--top", "4", *extra]
    for path in paths.values():
        args += ["--export", str(path)]
    result = run(*args, lang=lang)
    assert result.exit_code == 0, result.stderr
    return paths


class Collect(HTMLParser):
    """Minimal DOM facts: tags seen, ids, links and visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(path: Path) -> Collect:
    parser = Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_all_five_formats(tmp_path: Path) -> None:
    paths = export_plan(tmp_path)
    for path in paths.values():
        assert path.stat().st_size > 0
    doc = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1 and len(doc["recommendations"]) == 4 and doc["gaps"]
    md = paths["md"].read_text(encoding="utf-8")
    assert md.startswith("# Underlag för handlingsplan") and "## 3. Luckor" in md
    rows = list(csv.reader(io.StringIO(paths["csv"].read_text(encoding="utf-8"))))
    assert rows[0][0] == "Nr" and len(rows) == 5


def test_xlsx_sheets_headers_and_numbers(tmp_path: Path) -> None:
    path = export_plan(tmp_path)["xlsx"]
    book = load_workbook(path)
    assert book.sheetnames == [
        "Översikt", "Förslag", "Implementeringsplan", "Programdetaljer", "Luckor", "Prioriteringar", "Resurser", "Om"
    ]  # fmt: skip
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.b for cell in sheet[1] if cell.value is not None)
        assert sheet.column_dimensions["A"].width >= 5
    shortlist = book["Förslag"]
    assert isinstance(shortlist["D2"].value, float) and shortlist["A2"].value == 1 and shortlist["B2"].value
    gaps = book["Luckor"]
    assert isinstance(gaps["C2"].value, float) and gaps["C2"].number_format == "0%"
    about = {str(row[0]): str(row[1]) for row in book["Om"].iter_rows(min_row=2, values_only=True)}
    assert "sha256" in about["Katalog"] and "familj-10-15.yaml" in about["Områdesprofil"]


def test_english_labels(tmp_path: Path) -> None:
    paths = export_plan(tmp_path, lang="en")
    sheets = [
        "Overview", "Shortlist", "Implementation plan", "Programme details", "Gaps", "Priorities", "Resources", "About"
    ]  # fmt: skip
    assert load_workbook(paths["xlsx"]).sheetnames == sheets
    html = paths["html"].read_text(encoding="utf-8")
    assert 'lang="en"' in html and "Programmes that fill the gaps" in html and "Coverage by factor and age band" in html
    assert paths["md"].read_text(encoding="utf-8").startswith("# Action plan brief")


def test_html_is_self_contained_with_the_main_parts(tmp_path: Path) -> None:
    path = export_plan(tmp_path)["html"]
    dom = parse_html(path)
    assert {"priorities", "coverage", "resources", "shortlist", "provenance"} <= dom.ids
    assert "svg" in dom.tags and dom.tags.count("rect") >= 8  # 4 factors x 2 bands, plus the legend
    assert dom.tags.count("article") == 4
    assert "script" not in dom.tags and "link" not in dom.tags
    assert all(link.startswith("http") for link in dom.links) and len(dom.links) > 10
    html = path.read_text(encoding="utf-8")
    assert "@page { size: A4" in html and "src=" not in html


def test_csv_dialects(tmp_path: Path) -> None:
    standard = run("recommend", FAMILY, "--format", "csv", "--top", "2").stdout
    assert standard.splitlines()[0].startswith("Nr,Grupp,id,") and not standard.startswith("\ufeff")
    sv = tmp_path / "shortlist.csv"
    assert run("recommend", FAMILY, "--top", "2", "--export", str(sv), "--csv-dialect", "excel-sv").exit_code == 0
    raw = sv.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nr", "Grupp", "id"]
    score = rows[1][4]
    assert "," in score and "." not in score  # decimal comma


def test_gaps_command_exports_the_gap_table(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    assert run("gaps", FAMILY, "--export", str(path), lang="en").exit_code == 0
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0][:3] == ["Factor", "Age band", "Coverage"] and "factor_id" in rows[0]


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old minutes", encoding="utf-8")
    other = tmp_path / "plan.json"
    result = run("plan", FAMILY, "--export", str(other), "--export", str(target))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "old minutes"
    assert not other.exists()  # nothing is written when any target is refused
    assert run("plan", FAMILY, "--export", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Underlag")


def test_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    result = run("plan", FAMILY, "--export", str(tmp_path / "plan.pdf"))
    assert result.exit_code == 2 and ".xlsx" in result.stderr


def test_missing_folder(tmp_path: Path) -> None:
    result = run("plan", FAMILY, "--export", str(tmp_path / "no" / "plan.md"), lang="en")
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_interrupted_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError):
        export_files.write_all_or_nothing([(target, b"new content")])
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]  # no temporary file left


def test_a_failing_second_file_leaves_the_first_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("old", encoding="utf-8")
    real = export_files._write_temporary

    def fail_second(path: Path, data: bytes) -> Path:
        if path == second:
            raise PermissionError(13, "Permission denied")
        return real(path, data)

    monkeypatch.setattr(export_files, "_write_temporary", fail_second)
    with pytest.raises(InputError) as info:
        export_files.write_all_or_nothing([(first, b"new"), (second, b"new")])
    assert [p.code for p in info.value.problems] == ["not_writable"]
    assert first.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_written_files_get_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    export_files.write_all_or_nothing([(target, b"x")])
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# ----- the ranking rule and the weak-fit notice hold in every format -------------------------
@pytest.fixture(scope="module")
def with_no_effect(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A catalogue where the best-scoring programme has no effect found: it must still come last."""
    from tests.builders import programme_record, write_yaml

    folder = tmp_path_factory.mktemp("groups")
    records = [
        programme_record("strong_nulls", factors=["family_conflict", "poor_family_management"],
                         ratings=[("crimesolutions", "No Effects")]),
        programme_record("modest", factors=[("poor_family_management", "mapped")], ratings=[]),
    ]  # fmt: skip
    layer = write_yaml(folder / "c.yaml", {"schema_version": 2, "catalogue": {"name": "t", "version": "1"},
                                          "programmes": records})  # fmt: skip
    profile = folder / "p.yaml"
    profile.write_text(
        "area: T\nages: {min: 10, max: 15}\n"
        "priorities: [{factor: family_conflict}, {factor: poor_family_management}]\n",
        encoding="utf-8",
    )
    paths = {fmt: folder / f"out.{fmt}" for fmt in FORMATS}
    args = ["plan", str(profile), "--catalog", str(layer), "--no-bundled", "--lang", "en"]
    for path in paths.values():
        args += ["--export", str(path)]
    result = run(*args, lang="en")
    assert result.exit_code == 0, result.stderr
    paths["table"] = folder / "out.txt"
    paths["table"].write_text(result.stdout, encoding="utf-8")
    return paths


def test_no_effect_programmes_come_last_in_every_format(with_no_effect: dict[str, Path]) -> None:
    doc = json.loads(with_no_effect["json"].read_text(encoding="utf-8"))
    assert [(r["id"], r["group"]) for r in doc["recommendations"]] == [
        ("modest", "recommended"),
        ("strong_nulls", "no_effect"),
    ]
    assert doc["recommendations"][1]["score"] > doc["recommendations"][0]["score"]  # higher score, still last
    rows = list(csv.reader(io.StringIO(with_no_effect["csv"].read_text(encoding="utf-8"))))
    assert [(r[1], r[2]) for r in rows[1:]] == [("Proposed", "modest"), ("Tested without effect found", "strong_nulls")]
    sheet = load_workbook(with_no_effect["xlsx"])["Shortlist"]
    assert [sheet.cell(row=r, column=2).value for r in (2, 3)] == ["Proposed", "Tested without effect found"]
    for key in ("table", "md", "html"):
        text = with_no_effect[key].read_text(encoding="utf-8")
        heading = text.index("Tested without effect found")
        assert text.index("Modest") < heading < text.index("Strong Nulls"), key


def test_a_weak_fit_is_said_above_the_list_in_every_format(with_no_effect: dict[str, Path]) -> None:
    doc = json.loads(with_no_effect["json"].read_text(encoding="utf-8"))
    assert doc["fit"]["weak_fit"] is True
    assert [p["factor"] for p in doc["fit"]["poorly_covered"]] == ["family_conflict", "poor_family_management"]
    for key in ("table", "md", "html"):
        text = with_no_effect[key].read_text(encoding="utf-8")
        notice = text.index("the catalogue fits this profile poorly")
        assert notice < text.index("Modest") and "--catalog" in text, key
    overview = [c.value for row in load_workbook(with_no_effect["xlsx"])["Overview"].iter_rows() for c in row]
    assert any("fits this profile poorly" in str(v) for v in overview)


def test_without_an_inventory_there_is_no_gap_table_or_heat_map(tmp_path: Path) -> None:
    paths = {fmt: tmp_path / f"p.{fmt}" for fmt in ("html", "xlsx", "json")}
    args = ["plan", str(EXAMPLES / "skola-6-12.yaml"), "--lang", "en"]
    for path in paths.values():
        args += ["--export", str(path)]
    result = run(*args, lang="en")
    assert result.exit_code == 0
    html = paths["html"].read_text(encoding="utf-8")
    # no heat map (the goal chain's drawing is the only SVG)
    assert 'class="heatmap"' not in html and html.count("<svg") == 1 and "No resource inventory was given" in html
    assert not re.search(r">0%<", html)
    assert "Gaps" not in load_workbook(paths["xlsx"]).sheetnames
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["gaps"] == []
    assert "No resource inventory was given, so coverage is unknown" in result.stdout


def test_the_settings_are_shown_as_a_readable_table(tmp_path: Path) -> None:
    paths = export_plan(tmp_path, lang="en")
    html = paths["html"].read_text(encoding="utf-8")
    assert "&#34;targeting&#34;" not in html and '"targeting"' not in html
    assert "Evidence multipliers" in html and "Established 1.00" in html
    about = [str(c.value) for row in load_workbook(paths["xlsx"])["About"].iter_rows() for c in row]
    assert not any(v.startswith("{") for v in about) and "Coverage thresholds" in about
