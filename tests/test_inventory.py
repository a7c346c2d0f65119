"""Inventory readers: YAML, CSV (both dialects), XLSX, and errors located by line or row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from catalog.catalogue import Catalogue
from gap_analysis.resources import resolve_resources
from inputs.evidence_scale import TIER_ORDER
from inputs.inventory_files import load_inventory, read_inventory
from inputs.problems import InputError
from inputs.settings import Settings
from render.messages import format_problem
from tests.builders import EXAMPLES

HEADER = (
    "name,provider,programme,factors,age_min,age_max,levels,domains,reach,participants,eligible,fidelity,tested,"
    "funded_until\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_yaml_example_loads_with_lines() -> None:
    loaded = load_inventory(EXAMPLES / "familj-10-15-resurser.yaml")
    assert len(loaded.inventory.resources) == 6
    assert loaded.lines[0] is not None and loaded.rows[0] is None
    connect = loaded.inventory.resources[1]
    assert connect.programme == "connect" and connect.reach_share == pytest.approx(24 / 200)


def test_xlsx_example_matches_the_yaml() -> None:
    from_yaml = load_inventory(EXAMPLES / "familj-10-15-resurser.yaml").inventory.resources
    from_xlsx = load_inventory(EXAMPLES / "familj-10-15-resurser.xlsx").inventory.resources
    assert from_xlsx == from_yaml


def test_standard_csv(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "inv.csv",
        HEADER
        + 'Läxhjälp,Fritid,,"academic_failure, low_commitment_to_school",10,15,universal,school,'
        + "0.25,,,partial,no,2027-01-31\n"
        + "FFT,Soc,fft,,,,,,,30,60,full,,\n",
    )
    resources = load_inventory(path).inventory.resources
    assert resources[0].factors == ["academic_failure", "low_commitment_to_school"]
    assert resources[0].ages is not None and resources[0].ages.max == 15
    assert resources[0].reach == 0.25 and resources[0].tested is False
    assert resources[0].funded_until == dt.date(2027, 1, 31)
    assert resources[1].reach_share == 0.5


def test_swedish_excel_csv_dialect(tmp_path: Path) -> None:
    text = (
        "namn;utförare;program;faktorer;ålder_min;ålder_max;nivåer;domäner;räckvidd;trohet;testad\n"
        "Läxhjälp;Fritid;;academic_failure, low_commitment_to_school;10;15;universell;skola;0,25;delvis;nej\n"
        "Föräldrakurs;Familjecentralen;;poor_family_management;10;12;selektiv;familj;12,5 %;full;ja\n"
    )
    path = tmp_path / "inv.csv"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    first, second = load_inventory(path).inventory.resources
    assert first.name == "Läxhjälp" and first.reach == 0.25 and first.levels == ["universal"]
    assert first.domains == ["school"] and first.fidelity == "partial" and first.tested is False
    assert second.reach == pytest.approx(0.125) and second.tested is True


def test_xlsx_with_typed_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Namn", "Faktorer", "Ålder min", "Ålder max", "Räckvidd", "Finansierad till"])
    sheet.append(["Läxhjälp", "academic_failure", 10, 15, 0.3, dt.datetime(2027, 5, 1)])
    sheet.append([None, None, None, None, None, None])  # empty rows are skipped
    path = tmp_path / "inv.xlsx"
    book.save(path)
    (resource,) = load_inventory(path).inventory.resources
    assert resource.reach == 0.3 and resource.funded_until == dt.date(2027, 5, 1)


def test_bad_row_gets_its_row_number(tmp_path: Path) -> None:
    path = write(
        tmp_path, "inv.csv", HEADER + "A,,,family_conflict,10,12,,,0.3,,,,,\nB,,,family_conflict,10,12,,,1.4,,,,,\n"
    )
    with pytest.raises(InputError) as info:
        load_inventory(path)
    (problem,) = info.value.problems
    assert problem.row == 3
    message = format_problem(problem, "en")
    assert "inv.csv, row 3" in message and "reach" in message and "at most 1" in message


def test_swedish_message_for_a_bad_row(tmp_path: Path) -> None:
    path = write(tmp_path, "inv.csv", HEADER + "A,,,family_conflict,12,10,,,0.3,,,,,\n")
    with pytest.raises(InputError) as info:
        load_inventory(path)
    message = format_problem(info.value.problems[0], "sv")
    assert "inv.csv, rad 2 i tabellen" in message and "Byt plats" in message


def test_row_needs_programme_or_factors_and_reach(tmp_path: Path) -> None:
    path = write(tmp_path, "inv.csv", HEADER + "A,,,,10,12,,,0.3,,,,,\nB,,,family_conflict,10,12,,,,,,,,\n")
    with pytest.raises(InputError) as info:
        load_inventory(path)
    messages = [format_problem(p, "en") for p in info.value.problems]
    assert "row 2" in messages[0] and "'programme'" in messages[0]
    assert "row 3" in messages[1] and "'reach'" in messages[1]


def test_unknown_column(tmp_path: Path) -> None:
    path = write(tmp_path, "inv.csv", "name,colour\nA,red\n")
    with pytest.raises(InputError) as info:
        load_inventory(path)
    assert info.value.problems[0].code == "unknown_column" and info.value.problems[0].row == 1


def test_wrong_suffix(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_inventory(write(tmp_path, "inv.txt", "x"))
    assert info.value.problems[0].code == "inventory_format"
    assert "'.txt'" in format_problem(info.value.problems[0], "sv")  # the suffix it could not read


def test_a_yaml_field_is_named_as_written_and_a_table_column_as_its_header(tmp_path: Path) -> None:
    """ages.min in a YAML file, the column age_min in a CSV: the message points at what the team wrote."""
    yaml_text = "resources:\n  - name: A\n    factors: [family_conflict]\n"
    yaml_text += "    ages: {min: tio, max: 12}\n    reach: 0.5\n"
    _, problems = read_inventory(write(tmp_path, "inv.yaml", yaml_text))
    assert [p.loc for p in problems] == [("ages", "min")] and problems[0].line == 4
    csv_text = "name,factors,age_min,age_max,reach\nA,family_conflict,tio,12,0.5\n"
    _, problems = read_inventory(write(tmp_path, "inv.csv", csv_text))
    assert [p.loc[-1] for p in problems] == ["age_min"]


def test_not_really_xlsx(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_inventory(write(tmp_path, "inv.xlsx", "name\nA\n"))
    assert info.value.problems[0].code == "not_xlsx"


def test_yaml_errors_have_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "inv.yaml", "resources:\n  - name: A\n    factors: [family_conflict]\n    reach: high\n")
    with pytest.raises(InputError) as info:
        load_inventory(path)
    assert info.value.problems[0].line == 4


def test_unknown_programme_and_factor_are_suggested(tmp_path: Path, catalogue: Catalogue) -> None:
    path = write(
        tmp_path,
        "inv.yaml",
        "resources:\n  - name: A\n    programme: ffft\n    reach: 0.5\n"
        "  - name: B\n    factors: [familyconflict]\n    ages: {min: 1, max: 5}\n    reach: 0.5\n",
    )
    with pytest.raises(InputError) as info:
        resolve_resources(load_inventory(path), catalogue, Settings())
    first, second = info.value.problems
    assert first.code == "unknown_resource_programme" and "fft" in first.params["suggestions"] and first.line == 2
    assert second.code == "unknown_factor" and "family_conflict" in second.params["suggestions"] and second.line == 5


def test_resource_outside_the_catalogue_needs_ages(tmp_path: Path, catalogue: Catalogue) -> None:
    path = write(tmp_path, "inv.yaml", "resources:\n  - name: A\n    factors: [family_conflict]\n    reach: 0.5\n")
    with pytest.raises(InputError) as info:
        resolve_resources(load_inventory(path), catalogue, Settings())
    assert info.value.problems[0].code == "resource_without_ages"


def test_linked_programme_inherits_its_tags(catalogue: Catalogue) -> None:
    resolved = resolve_resources(load_inventory(EXAMPLES / "familj-10-15-resurser.yaml"), catalogue, Settings())
    fft = resolved[0]
    assert fft.programme is not None and set(fft.factors) == {t.factor for t in fft.programme.factors}
    assert fft.levels == ("indicated",) and fft.tier == "established"  # the level the team works at
    homework = resolved[5]
    assert homework.levels == ("universal",) and homework.domains == ("community",)
    assert homework.evidence == Settings().coverage.untested


def test_what_a_resource_does_not_state_comes_from_its_programme_or_its_factors(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """docs/method.md, "Levels": a one-level programme lends its level; a resource without one is universal."""
    text = (
        "resources:\n"
        "  - name: Mentorer\n    programme: bbbs\n    reach: 0.2\n"
        "  - name: Samtalsgrupp\n    factors: [family_conflict, academic_failure]\n"
        "    ages: {min: 10, max: 12}\n    reach: 0.3\n"
    )
    mentors, group = resolve_resources(load_inventory(write(tmp_path, "inv.yaml", text)), catalogue, Settings())
    bbbs = catalogue.by_id["bbbs"]
    assert bbbs.levels == ["selective"]  # the premise: a one-level programme that is not universal
    assert mentors.levels == ("selective",) and mentors.domains == tuple(bbbs.domains)
    assert (mentors.ages.min, mentors.ages.max) == (bbbs.ages.min, bbbs.ages.max)
    assert group.levels == ("universal",) and group.domains == ("family", "school")


def test_a_resource_of_a_programme_with_several_levels_must_name_its_level(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """docs/method.md, "Levels": its reach is a share of one target group, so the level is not guessed."""
    fft = catalogue.by_id["fft"]
    assert len(fft.levels) > 1  # the premise
    unstated = "resources:\n  - name: FFT-teamet\n    programme: fft\n    reach: 0.5\n"
    with pytest.raises(InputError) as info:
        resolve_resources(load_inventory(write(tmp_path, "inv.yaml", unstated)), catalogue, Settings())
    (problem,) = info.value.problems
    assert problem.code == "resource_level_ambiguous" and problem.line == 2
    for lang in ("sv", "en"):
        assert all(level in format_problem(problem, lang) for level in fft.levels)
    stated = unstated + "    levels: [indicated]\n"
    (resolved,) = resolve_resources(load_inventory(write(tmp_path, "ok.yaml", stated)), catalogue, Settings())
    assert resolved.levels == ("indicated",)


def test_a_linked_programme_lends_its_tags_at_their_targeting_strength(tmp_path: Path, catalogue: Catalogue) -> None:
    """docs/method.md: a listed tag counts fully (targeting.listed), a mapped one at targeting.mapped."""
    programme = next(
        p for p in catalogue.programmes if {t.basis for t in p.factors} == {"listed", "mapped"} and len(p.levels) == 1
    )
    text = f"resources:\n  - name: X\n    programme: {programme.id}\n    reach: 0.5\n"
    settings = Settings.model_validate({"targeting": {"listed": 1.0, "mapped": 0.3}})
    (resolved,) = resolve_resources(load_inventory(write(tmp_path, "inv.yaml", text)), catalogue, settings)
    assert resolved.factors == {t.factor: 1.0 if t.basis == "listed" else 0.3 for t in programme.factors}


def test_a_resource_counts_its_evidence_times_its_fidelity(tmp_path: Path, catalogue: Catalogue) -> None:
    """docs/method.md, coverage: quality = evidence x fidelity; a catalogued programme brings its tier's
    multiplier whether or not `tested` is written, unless the team marks it `tested: false`."""
    text = "resources:\n" + "".join(
        f"  - name: R{i}\n    programme: ggc\n    reach: 0.5\n    fidelity: partial\n{extra}"
        for i, extra in enumerate(("", "    tested: true\n", "    tested: false\n"))
    )
    settings = Settings()
    unset, tested, untested = resolve_resources(load_inventory(write(tmp_path, "inv.yaml", text)), catalogue, settings)
    tier = catalogue.tiers["ggc"].best(list(catalogue.by_id["ggc"].levels))[1].tier
    multiplier = dict(zip(TIER_ORDER, settings.evidence.as_list(), strict=True))[tier]
    assert unset.tier == tested.tier == tier and unset.evidence == tested.evidence == multiplier
    assert untested.tier is None and untested.evidence == settings.coverage.untested
    assert unset.quality == pytest.approx(multiplier * settings.coverage.fidelity.partial)
    assert unset.effective_reach == pytest.approx(unset.quality * 0.5)


def test_a_folder_named_like_a_workbook(tmp_path: Path) -> None:
    folder = tmp_path / "inv.xlsx"
    folder.mkdir()
    with pytest.raises(InputError) as info:
        load_inventory(folder)
    assert info.value.problems[0].code == "file_is_directory"
