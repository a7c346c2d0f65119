"""``catalog diff``: what changed between two catalogue versions."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from catalog import bundled_path
from catalog.catalogue import load_catalogue
from catalog.diff import diff_catalogues
from cli import cli

BUNDLED = bundled_path("programmes.yaml").read_text(encoding="utf-8")


def edited(tmp_path: Path) -> Path:
    text = BUNDLED
    # change GGC's ages and add a factor, drop STAD, add a warning to FFT's tier
    start = text.index("- id: ggc\n")
    text = text[:start] + text[start:].replace("    min: 9\n", "    min: 10\n", 1)
    stad_start = text.index("- id: stad_rbs\n")
    stad_end = text.index("\n- id: ", stad_start + 5) + 1
    text = text[:stad_start] + text[stad_end:]
    fft = text.index("- id: fft\n")
    warnings_at = text.index("  warnings:\n", fft) + len("  warnings:\n")
    text = (
        text[:warnings_at]
        + "  - kind: null_result_sweden\n    text: {sv: Ingen effekt., en: No effect.}\n"
        + "    source: https://example.org/trial\n"
        + text[warnings_at:]
    )
    path = tmp_path / "proposed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_lists_removed_and_changed(tmp_path: Path) -> None:
    old = load_catalogue(include_bundled=True)
    new = load_catalogue([edited(tmp_path)], include_bundled=False)
    diff = diff_catalogues(old, new)
    assert diff.removed == ["stad_rbs"] and diff.added == []
    changes = {c.id: {f.field: (f.old, f.new) for f in c.changes} for c in diff.changed}
    assert changes["ggc"]["ages"] == ("9-14", "10-14")
    assert changes["fft"]["evidence_tier"] == ("established", "good")
    assert "null_result_sweden" in changes["fft"]["warnings"][1]


def test_identical_catalogues_have_no_diff() -> None:
    path = bundled_path("programmes.yaml")
    result = CliRunner().invoke(cli, ["catalog", "diff", str(path), str(path), "--lang", "en"])
    assert result.exit_code == 0 and "No differences" in result.stdout


def test_cli_diff_formats(tmp_path: Path) -> None:
    new = edited(tmp_path)
    runner = CliRunner()
    text = runner.invoke(cli, ["catalog", "diff", str(bundled_path("programmes.yaml")), str(new), "--lang", "en"])
    assert text.exit_code == 0
    assert "- stad_rbs" in text.stdout and "ages: 9-14 -> 10-14" in text.stdout
    doc = json.loads(
        runner.invoke(
            cli, ["catalog", "diff", str(bundled_path("programmes.yaml")), str(new), "--format", "json"]
        ).stdout
    )
    assert doc["removed"] == ["stad_rbs"]


def test_diff_of_a_broken_file_reports_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 2\ncatalogue: {name: x}\nprogrammes: []\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["catalog", "diff", str(bundled_path("programmes.yaml")), str(bad), "--lang", "en"]
    )
    assert result.exit_code == 1 and "version" in result.stderr
