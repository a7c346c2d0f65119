"""A real, non-editable install finds its bundled data (catalogue, taxonomy, strings).

Builds a wheel, installs it into a fresh virtual environment and runs the console script
from a folder outside the source tree, so nothing can be picked up from the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.builders import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # setuptools' warning box about data folders it would leave out: the package list must name them
    assert "would be ignored" not in built.stdout + built.stderr
    (wheel,) = wheels.glob("insatsval-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return env_dir / "bin" / "insatsval"


def test_installed_console_script_uses_bundled_data(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(installed), "recommend", str(EXAMPLES / "familj-10-15.yaml"), "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["catalogue"]["files"][0]["file"] == "bundled:programmes.yaml"
    assert doc["recommendations"]


def test_installed_tool_speaks_both_languages(installed: Path, tmp_path: Path) -> None:
    sv = subprocess.run([str(installed), "factors"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    en = subprocess.run(
        [str(installed), "factors", "--lang", "en"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert "Konflikter i familjen" in sv.stdout and "Family conflict" in en.stdout


def test_installed_tool_exports_html_and_xlsx(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            str(installed),
            "plan",
            str(EXAMPLES / "familj-10-15.yaml"),
            "--export",
            "plan.html",
            "--export",
            "plan.xlsx",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "plan.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "plan.xlsx").read_bytes()[:2] == b"PK"


def test_installed_tool_writes_the_meeting_view(installed: Path, tmp_path: Path) -> None:
    """The page's script and style are package data: a wheel without them could not build the page."""
    done = subprocess.run(
        [str(installed), "meeting", str(EXAMPLES / "familj-10-15.yaml"), "--export", "mote.html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "mote.html").read_text(encoding="utf-8")
    assert "window.insatsvalMeeting" in html and "--accent" in html
