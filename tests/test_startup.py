"""Everyday commands start fast: no scikit-learn, SciPy, matplotlib or pandas at start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.builders import EXAMPLES, ROOT

HEAVY = ("sklearn", "scipy", "matplotlib", "pandas")
PROBE = """
import sys
sys.argv = ["insatsval", *sys.argv[1:]]
import cli
try:
    cli.main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print("EXIT", code, "HEAVY", ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["recommend", str(EXAMPLES / "familj-10-15.yaml")],
        ["recommend", str(EXAMPLES / "familj-10-15.yaml"), "--format", "json"],
        ["plan", str(EXAMPLES / "familj-10-15.yaml")],
        ["gaps", str(EXAMPLES / "familj-10-15.yaml"), "--format", "json"],
        ["programmes", "--age", "12"],
        ["factors"],
    ],
)
def test_no_heavy_imports(args: list[str]) -> None:
    probe = PROBE.replace("{heavy!r}", repr(set(HEAVY)))
    done = subprocess.run([sys.executable, "-c", probe, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("EXIT 0 HEAVY"), done.stderr
    assert last == "EXIT 0 HEAVY", f"heavy modules imported: {last}"


#: ``--help`` needs click and the message catalogue, nothing else (issue 13: within 2x of importing click).
NOT_FOR_HELP = ("numpy", "pydantic", "pydantic_core", "yaml", "tabulate", "jinja2", "openpyxl")


@pytest.mark.parametrize("args", [["--help"], ["--lang", "en", "--help"], ["--version"]])
def test_help_imports_no_library_but_click(args: list[str]) -> None:
    probe = PROBE.replace("{heavy!r}", repr(set(NOT_FOR_HELP)))
    done = subprocess.run([sys.executable, "-c", probe, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    last = done.stderr.strip().splitlines()[-1]
    assert last == "EXIT 0 HEAVY", f"imported for {' '.join(args)}: {last}"
