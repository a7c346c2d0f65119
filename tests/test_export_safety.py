"""Text from the catalogue or an inventory is data: escaped in HTML, never a formula in CSV/XLSX.

Includes the real-client checks: the HTML is loaded in headless Chromium and the XLSX is
opened by LibreOffice, as people would open them. Both are installed by .ci/run; the tests
skip with a reason only where the programs are missing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli import cli
from render.tables import safe_cell
from tests.builders import EXAMPLES

SCRIPT_NAME = "<script>alert(1)</script>"
FORMULA_NAME = '=HYPERLINK("https://evil.example","klicka")'
AT_NAME = "@SUM(1+1)"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A catalogue layer and an inventory full of markup and formulas, and the exports made from them."""
    folder = tmp_path_factory.mktemp("hostile")
    layer = folder / "evil.yaml"
    layer.write_text(
        f"""schema_version: 2
catalogue: {{name: evil, version: "1"}}
programmes:
  - id: evil
    name: "{SCRIPT_NAME}"
    name_sv: '{FORMULA_NAME}'
    summary: {{sv: "<img src=x onerror=alert(2)> svensk", en: "<img src=x onerror=alert(2)> english"}}
    domains: [family]
    levels: [universal, selective]
    ages: {{min: 10, max: 15, source: "https://example.org/a"}}
    factors:
      - {{factor: poor_family_management, basis: listed, source: "https://example.org/a"}}
      - {{factor: family_conflict, basis: listed, source: "https://example.org/a"}}
      - {{factor: parental_attitudes_favourable_to_drug_use, basis: listed, source: "https://example.org/a"}}
    ratings: [{{registry: blueprints, label: Model Plus, source: "https://example.org/a"}}]
    warnings:
      - {{kind: implementation, text: {{sv: "-1+1 varning", en: "+1+1 warning"}}, source: "https://example.org/w"}}
    availability_sweden: {{status: unknown}}
    sources: ["https://example.org/a"]
    checked: 2026-11-27
""",
        encoding="utf-8",
    )
    inventory = folder / "inv.csv"
    inventory.write_text(
        f"name,provider,factors,age_min,age_max,reach\n{AT_NAME},-2+3,family_conflict,10,15,0.3\n", encoding="utf-8"
    )
    outputs = {}
    for lang in ("sv", "en"):
        for fmt in ("html", "xlsx", "csv"):
            outputs[f"{lang}.{fmt}"] = folder / f"plan-{lang}.{fmt}"
        args = ["plan", str(EXAMPLES / "familj-10-15.yaml"), "--catalog", str(layer), "--resources", str(inventory)]
        args += ["--lang", lang, "--top", "3"]
        for fmt in ("html", "xlsx", "csv"):
            args += ["--export", str(outputs[f"{lang}.{fmt}"])]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.stderr
    return outputs


def test_html_escapes_catalogue_text(hostile: dict[str, Path]) -> None:
    html = hostile["en.html"].read_text(encoding="utf-8")
    assert SCRIPT_NAME not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_xlsx_formulas_stay_text(hostile: dict[str, Path]) -> None:
    book = load_workbook(hostile["sv.xlsx"])
    cells = [c for row in book["Förslag"].iter_rows() for c in row if c.value == FORMULA_NAME]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    resources = [c for row in book["Resurser"].iter_rows() for c in row if c.value in (AT_NAME, "-2+3")]
    assert len(resources) == 2 and all(c.data_type == "s" for c in resources)
    warnings = [
        c for row in book["Programdetaljer"].iter_rows() for c in row if str(c.value).startswith("-1+1 varning")
    ]
    assert warnings and warnings[0].data_type == "s" and warnings[0].quotePrefix


def test_csv_formulas_are_neutralised(hostile: dict[str, Path]) -> None:
    rows = list(csv.reader(io.StringIO(hostile["sv.csv"].read_text(encoding="utf-8"))))
    names = [row[3] for row in rows[1:]]
    assert "'" + FORMULA_NAME in names and FORMULA_NAME not in names


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("-", "-"), ("ok", "ok")],
)
def test_safe_cell(value: str, expected: str) -> None:
    assert safe_cell(value) == expected


# ----- real clients -------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: .ci/run sets this: in CI a missing client is a failure, not a skip.
REQUIRED = os.environ.get("INSATSVAL_REQUIRE_CLIENTS") == "1"


def test_ci_has_the_real_clients() -> None:
    if not REQUIRED:
        pytest.skip("INSATSVAL_REQUIRE_CLIENTS is not set (only .ci/run requires Chromium and LibreOffice)")
    assert CHROMIUM is not None, "Chromium is missing: .ci/run should have installed it"
    assert SOFFICE is not None, "LibreOffice is missing: .ci/run should have installed it"


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_html_in_headless_chromium(hostile: dict[str, Path], tmp_path: Path) -> None:
    page = hostile["en.html"].resolve().as_uri()
    dom = chromium(["--dump-dom", page], tmp_path / "profile-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = dom.stdout
    for expected in ('id="priorities"', 'id="coverage"', 'id="shortlist"', 'id="provenance"', "<svg", "<article"):
        assert expected in text
    assert "<script" not in text.lower()  # the hostile name stayed text: no script element in the DOM
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # shown as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in text and "<img" not in text
    assert "Action plan brief" in text
    screenshot = tmp_path / "plan.png"
    shot = chromium([f"--screenshot={screenshot}", "--window-size=1240,1754", page], tmp_path / "profile-shot")
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.stat().st_size > 20_000


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_html_prints_to_a4_pdf(hostile: dict[str, Path], tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    done = chromium(
        [f"--print-to-pdf={pdf}", "--no-pdf-header-footer", hostile["en.html"].resolve().as_uri()], tmp_path / "p"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 2
    boxes = re.findall(rb"/MediaBox\s*\[0 0 ([0-9.]+) ([0-9.]+)\]", data)
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4 in points


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs libreoffice-calc-nogui)")
def test_xlsx_opens_in_libreoffice(hostile: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "lo"
    done = subprocess.run(
        [
            str(SOFFICE),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(out),
            str(hostile["sv.xlsx"]),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    sheets = {p.stem.split("-", 2)[-1]: p for p in out.glob("*.csv")}
    assert {"Översikt", "Förslag", "Programdetaljer", "Luckor", "Prioriteringar", "Resurser", "Om"} <= set(sheets)
    shortlist = list(csv.reader(io.StringIO(sheets["Förslag"].read_text(encoding="utf-8"))))
    assert shortlist[0][:3] == ["Nr", "Grupp", "Program"]
    assert FORMULA_NAME in [row[2] for row in shortlist[1:]]  # shown as typed, not evaluated to "klicka"
    gaps = list(csv.reader(io.StringIO(sheets["Luckor"].read_text(encoding="utf-8"))))
    assert gaps[1][2].endswith("%")  # a number LibreOffice formats as a percentage
