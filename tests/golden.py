"""Golden outputs: every example through every command and format, rendered with a fixed date.

``tests/test_golden.py`` renders these cases and compares them with the files in
``tests/golden/``; a change to any output fails the suite until the files are regenerated on
purpose with ``make golden`` (``python -m tests.golden``), so the diff of the golden files shows
a reviewer exactly what a change does to what users see. Export files are compared too: HTML,
Markdown, CSV and JSON as text, XLSX as a text dump of every sheet (values, number formats and
print settings), with the creation time, which differs on every run, blanked out.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = "2026-11-27"
EXAMPLES = ("familj-10-15", "skola-6-12", "alkohol-13-20")
EXPORT_SUFFIXES = ("xlsx", "html", "md", "csv", "json")


@dataclass(frozen=True)
class Case:
    """One command line whose stdout (and exports) are kept as golden files."""

    name: str
    args: tuple[str, ...]
    exports: tuple[str, ...] = ()


def cases() -> Iterator[Case]:
    for example in EXAMPLES:
        profile = f"examples/{example}.yaml"
        for lang in ("sv", "en"):
            for command, formats in (
                ("recommend", ("table", "json", "csv", "md")),
                ("gaps", ("table", "json", "csv", "md")),
                ("plan", ("table", "json", "md")),
            ):
                for fmt in formats:
                    if fmt in ("json", "csv") and lang == "en" and command != "gaps":
                        continue  # language-independent apart from labels already covered in sv
                    yield Case(
                        f"{example}.{command}.{lang}.{fmt}",
                        (command, profile, "--format", fmt, "--lang", lang, "--as-of", AS_OF),
                    )
            yield Case(
                f"{example}.plan-export.{lang}",
                ("plan", profile, "--lang", lang, "--as-of", AS_OF, "--format", "md"),
                exports=EXPORT_SUFFIXES,
            )
        yield Case(
            f"{example}.recommend-export.sv",
            ("recommend", profile, "--as-of", AS_OF, "--top", "3"),
            exports=("md", "csv", "json"),
        )
        yield Case(
            f"{example}.gaps-export.sv",
            ("gaps", profile, "--as-of", AS_OF),
            exports=("md", "csv", "json"),
        )
    for lang in ("sv", "en"):
        yield Case(f"factors.{lang}", ("factors", "--lang", lang))
        yield Case(f"programmes.{lang}", ("programmes", "--age", "12", "--level", "selective", "--lang", lang))
        for pid in ("mst", "ggc", "effekt_opp"):
            yield Case(f"show.{pid}.{lang}", ("show", pid, "--lang", lang))
        yield Case(f"stats.{lang}", ("catalog", "stats", "--lang", lang))
        yield Case(f"lint.{lang}", ("catalog", "lint", "--lang", lang))
    yield Case("factors.json", ("factors", "--format", "json"))
    yield Case("show.mst.json", ("show", "mst", "--format", "json"))
    yield Case("stats.json", ("catalog", "stats", "--format", "json"))


_CREATED = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def _blank_created(text: str) -> str:
    """The creation time changes on every run; everything else must not."""
    return _CREATED.sub("YYYY-MM-DD hh:mm:ss", text)


def xlsx_dump(path: Path) -> str:
    """Every sheet as text: print settings, then each non-empty cell with its number format."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    out = []
    for sheet in book.worksheets:
        setup = sheet.page_setup
        out.append(
            f"== {sheet.title} | orientation={setup.orientation} paper={setup.paperSize} "
            f"fitToWidth={setup.fitToWidth} fitToHeight={setup.fitToHeight} "
            f"fitToPage={sheet.sheet_properties.pageSetUpPr.fitToPage if sheet.sheet_properties.pageSetUpPr else None} "
            f"print_title_rows={sheet.print_title_rows} freeze={sheet.freeze_panes}"
        )
        widths = {key: round(dim.width, 2) for key, dim in sorted(sheet.column_dimensions.items()) if dim.width}
        out.append(f"widths {widths}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                wrap = " wrap" if cell.alignment is not None and cell.alignment.wrap_text else ""
                out.append(f"{cell.coordinate} [{cell.number_format}{wrap}] {cell.value!r}")
    return _blank_created("\n".join(out) + "\n")


def render_case(case: Case) -> dict[str, str]:
    """File name -> text for the case's stdout and each export."""
    from cli import cli

    previous = Path.cwd()
    os.chdir(ROOT)  # outputs name input files as given; keep them relative to the repository
    try:
        with tempfile.TemporaryDirectory() as tmp:
            args = list(case.args)
            for suffix in case.exports:
                args += ["--export", str(Path(tmp) / f"out.{suffix}")]
            result = CliRunner().invoke(cli, args, env={"INSATSVAL_LANG": None})
            if result.exception and not isinstance(result.exception, SystemExit):
                raise result.exception
            files = {f"{case.name}.out": f"exit {result.exit_code}\n{result.stdout}"}
            for suffix in case.exports:
                path = Path(tmp) / f"out.{suffix}"
                text = xlsx_dump(path) if suffix == "xlsx" else _blank_created(path.read_text(encoding="utf-8"))
                files[f"{case.name}.export.{suffix}"] = text
    finally:
        os.chdir(previous)
    return files


def render_all() -> dict[str, str]:
    out: dict[str, str] = {}
    for case in cases():
        out.update(render_case(case))
    return out


def write_golden() -> None:
    """Regenerate ``tests/golden/`` (``make golden``); review the diff before committing."""
    GOLDEN.mkdir(exist_ok=True)
    rendered = render_all()
    for old in GOLDEN.iterdir():
        if old.name not in rendered:
            old.unlink()
    for name, text in rendered.items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
    print(f"{len(rendered)} golden files in {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover - `make golden`
    write_golden()
