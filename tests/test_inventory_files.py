"""Inventories as people really save them from Excel: encodings, title rows, merged headers, formulas."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from openpyxl.chart import BarChart

from cli import cli
from inputs.inventory_files import read_inventory
from inputs.problems import Code, InputError
from render.messages import format_problem
from tests.builders import EXAMPLES

HEADER_SV: list[Any] = ["Namn", "Utförare", "Faktorer", "Lägsta ålder", "Högsta ålder", "Nivåer", "Räckvidd"]
ROW_SV: list[Any] = ["Föräldraträffar på Öster", "Skolan i Åby", "family_conflict", 13, 15, "universell", "0,25"]


def workbook(path: Path, rows: list[list[Any]], merge: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def test_swedish_excel_csv_in_windows_1252_with_semicolons(tmp_path: Path) -> None:
    text = ";".join(HEADER_SV) + "\r\n" + ";".join(str(v) for v in ROW_SV) + "\r\n"
    path = tmp_path / "inventering.csv"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really not UTF-8
    loaded, problems = read_inventory(path)
    assert problems == []
    (resource,) = loaded.inventory.resources
    assert resource.name == "Föräldraträffar på Öster" and resource.provider == "Skolan i Åby"
    assert resource.reach == 0.25 and resource.levels == ["universal"]
    assert loaded.encoding == "windows-1252"


def test_the_encoding_is_named_in_the_provenance(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    inventory = tmp_path / "inv.csv"
    inventory.write_bytes((";".join(HEADER_SV) + "\n" + ";".join(str(v) for v in ROW_SV) + "\n").encode("cp1252"))
    profile.write_text(
        "area: Å\nages: {min: 10, max: 15}\npriorities: [{factor: family_conflict}]\nresources: inv.csv\n",
        encoding="utf-8",
    )
    import json

    result = CliRunner().invoke(cli, ["gaps", str(profile), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["inventory"]["encoding"] == "windows-1252"


def test_cr_only_line_endings_and_a_blank_first_line(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("\rname,provider,factors,age_min,age_max,reach\rA,B,family_conflict,10,12,0.5\r", encoding="utf-8")
    loaded, problems = read_inventory(path)
    assert problems == [] and [r.name for r in loaded.inventory.resources] == ["A"]


def test_title_rows_above_the_header_are_skipped_and_counted(tmp_path: Path) -> None:
    path = workbook(tmp_path / "inv.xlsx", [["Resurser i Öster 2026"], [], HEADER_SV, ROW_SV])
    loaded, problems = read_inventory(path)
    assert problems == [] and loaded.header_row == 3
    assert loaded.rows == [4]  # problems name the spreadsheet's own row numbers


def test_a_merged_header_is_reported_with_its_cells(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Namn", "Ålder", None, "Faktorer"], ["A", 10, 12, "family_conflict"]]
    path = workbook(tmp_path / "inv.xlsx", rows, merge="B1:C1")
    _, problems = read_inventory(path)
    codes = {p.code for p in problems}
    assert Code.MERGED_HEADER in codes and Code.UNKNOWN_COLUMN in codes  # 'Ålder' alone is not a column
    merged = next(p for p in problems if p.code == Code.MERGED_HEADER)
    assert merged.params["range"] == "B1:C1" and merged.row == 1
    assert "B1:C1" in format_problem(merged, "sv") and "Dela upp" in format_problem(merged, "sv")


def test_no_column_with_values_is_dropped_silently(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("name,factors,,age_min,age_max\nA,family_conflict,0.3,10,12\n", encoding="utf-8")
    _, problems = read_inventory(path)
    (problem,) = [p for p in problems if p.code == Code.COLUMN_WITHOUT_HEADER]
    assert problem.params["letter"] == "C" and problem.row == 2


def test_ragged_rows_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("name,factors,age_min,age_max,reach\nA,family_conflict,10,12,0.5,extra\n", encoding="utf-8")
    _, problems = read_inventory(path)
    assert [(p.code, p.params["letter"]) for p in problems] == [(Code.EXTRA_CELLS, "F")]
    # a short row before the long one must not hide the long row's extra cell
    rows = "B,family_conflict,10,12,0.5\nC,family_conflict\nA,family_conflict,10,12,0.5,,,extra\n"
    path.write_text("name,factors,age_min,age_max,reach\n" + rows, encoding="utf-8")
    _, problems = read_inventory(path)
    assert [(p.code, p.params["letter"], p.row) for p in problems if p.code == Code.EXTRA_CELLS] == [
        (Code.EXTRA_CELLS, "H", 4)
    ]


def test_formulas_without_a_saved_value_are_reported(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["name", "factors", "age_min", "age_max", "reach"],
        ["A", "family_conflict", 10, 12, "=1/4"],
    ]
    path = workbook(tmp_path / "inv.xlsx", rows)  # openpyxl saves formulas without computed values
    _, problems = read_inventory(path)
    assert [(p.code, p.params["cell"]) for p in problems if p.code == Code.FORMULA_WITHOUT_VALUE] == [
        (Code.FORMULA_WITHOUT_VALUE, "E2")
    ]


def test_a_workbook_with_a_chart_sheet_first_reads_its_worksheet(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER_SV, ROW_SV]:
        sheet.append(row)
    chart_sheet = book.create_chartsheet("Diagram", 0)
    chart_sheet.add_chart(BarChart())
    path = tmp_path / "inv.xlsx"
    book.save(path)
    loaded, problems = read_inventory(path)
    assert problems == [] and len(loaded.inventory.resources) == 1


def test_a_workbook_without_worksheets_and_broken_xml(tmp_path: Path) -> None:
    book = Workbook()
    book.create_chartsheet("Diagram").add_chart(BarChart())
    book.remove(book.worksheets[0])
    charts_only = tmp_path / "charts.xlsx"
    book.save(charts_only)
    with pytest.raises(InputError) as info:
        read_inventory(charts_only)
    assert [p.code for p in info.value.problems] == [Code.NO_WORKSHEET]
    broken = tmp_path / "broken.xlsx"
    with (
        zipfile.ZipFile(workbook(tmp_path / "ok.xlsx", [HEADER_SV, ROW_SV])) as good,
        zipfile.ZipFile(broken, "w") as bad,
    ):
        for item in good.infolist():
            data = good.read(item)
            bad.writestr(item, b"<broken" if item.filename.endswith("sheet1.xml") else data)
    with pytest.raises(InputError) as info:
        read_inventory(broken)
    assert [p.code for p in info.value.problems] == [Code.NOT_XLSX]


def test_every_problem_of_an_inventory_is_reported_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text(
        "name,colour,programme,factors,age_min,age_max,reach\n"
        "A,blue,,family_conflict,10,12,2\n"  # a bad reach (schema)
        "B,red,not_a_programme,,,,0.5\n"  # an unknown programme (resolution)
        "C,green,,family_conflict,10,12,0.5\n",  # fine
        encoding="utf-8",
    )
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "area: X\nages: {min: 10, max: 15}\npriorities: [{factor: family_conflict}]\nresources: inv.csv\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["gaps", str(profile), "--lang", "en"])
    assert result.exit_code == 1
    assert "colour" in result.stderr  # the unknown column
    assert "row 2" in result.stderr and "reach" in result.stderr  # the bad value, with its row
    assert "row 3" in result.stderr and "not_a_programme" in result.stderr  # the unknown programme


def test_a_relative_resources_path_says_it_is_read_from_the_profiles_folder(tmp_path: Path) -> None:
    profile = tmp_path / "sub" / "p.yaml"
    profile.parent.mkdir()
    profile.write_text(
        "area: X\nages: {min: 10, max: 15}\npriorities: [{factor: family_conflict}]\nresources: inv.csv\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["gaps", str(profile)])
    assert result.exit_code == 1
    assert "relativt profilens mapp" in result.stderr and str(profile.parent) in result.stderr
    assert "rad 4" in result.stderr


def test_a_decimal_comma_error_does_not_ask_for_a_decimal_point(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("namn;faktorer;lägsta ålder;högsta ålder;räckvidd\nA;family_conflict;10;12;mycket\n", "utf-8")
    _, problems = read_inventory(path)
    (problem,) = problems
    message = format_problem(problem, "sv")
    assert "0,25" in message and "decimalpunkt" not in message


def test_swedish_column_names_are_listed_in_swedish_messages(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("namn,färg\nA,blå\n", encoding="utf-8")
    _, problems = read_inventory(path)
    message = format_problem(next(p for p in problems if p.code == Code.UNKNOWN_COLUMN), "sv")
    assert "utförare" in message and "räckvidd" in message and "kolumn B" in message


def test_a_resource_never_adds_coverage_at_a_level_it_does_not_serve(catalogue) -> None:
    """Coverage at a level comes only from resources that work at that level."""
    from gap_analysis.analysis import analyse_gaps
    from gap_analysis.resources import resolve_resources
    from inputs.inventory_files import load_inventory
    from inputs.settings import Settings
    from tests.builders import make_profile

    loaded = load_inventory(EXAMPLES / "familj-10-15-resurser.yaml")
    resources = resolve_resources(loaded, catalogue, Settings())
    profile = make_profile(
        factors=["poor_family_management", "family_conflict"], levels=["universal", "selective", "indicated"]
    )
    analysis = analyse_gaps(profile, resources, catalogue.taxonomy, Settings().coverage)
    for cell in analysis.cells:
        for level, value in cell.by_level.items():
            serving = [r for r in resources if level in r.levels and r.name in cell.resources]
            assert value == 0.0 or serving, (cell.factor, cell.band, level)
        # FFT works with the indicated group only: it is never counted as selective coverage
        fft = next(r for r in resources if r.name == "FFT-teamet")
        assert fft.levels == ("indicated",)


def test_a_multi_level_programme_must_say_its_level(tmp_path: Path) -> None:
    path = tmp_path / "inv.yaml"
    path.write_text("resources:\n  - name: FFT\n    programme: fft\n    reach: 0.5\n", encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "area: X\nages: {min: 10, max: 15}\npriorities: [{factor: family_conflict}]\nresources: inv.yaml\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["gaps", str(profile), "--lang", "en"])
    assert result.exit_code == 1 and "runs at several levels" in result.stderr and "line 2" in result.stderr
