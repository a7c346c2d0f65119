"""Printouts people can hand round: every export printed the way a team would print it.

The HTML export is printed to A4 by headless Chromium and every XLSX sheet by LibreOffice; the
pages are then read back as text to check what a reader would see.
"""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli import cli
from tests.builders import EXAMPLES
from tests.clients import pdf_pages, print_html, soffice_to_pdf

CASES = [(example, lang) for example in ("familj-10-15", "skola-6-12", "alkohol-13-20") for lang in ("sv", "en")]
TOP = 8  # plan's default


def export(folder: Path, example: str, lang: str, suffix: str) -> Path:
    path = folder / f"{example}.{lang}.{suffix}"
    args = ["plan", str(EXAMPLES / f"{example}.yaml"), "--lang", lang, "--top", str(TOP), "--export", str(path)]
    result = CliRunner().invoke(cli, [*args, "--as-of", "2026-11-27"])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.mark.parametrize(("example", "lang"), CASES)
def test_html_prints_compactly(example: str, lang: str, tmp_path: Path) -> None:
    """At most 5 + ceil(programmes / 2) A4 pages, and no page but the last less than a third full.

    The bound: header, priorities, resources, the heat map with the gap table and the overview
    of the shortlist fill at most three pages (two in the examples); each programme's card, with
    its explanation, warnings and sources, takes at most half a page at 9 pt; the action plan
    (goals, the goal chain kept whole on one page, the implementation plan and the overlaps) at
    most two pages; the provenance table shares the last page. Before the print CSS flowed, the
    family example printed to 11 pages, several of them half empty.
    """
    html = export(tmp_path, example, lang, "html")
    pdf = tmp_path / "out.pdf"
    print_html(html, pdf, tmp_path / "profile")
    pages = pdf_pages(pdf)
    bound = 5 + math.ceil(TOP / 2)
    assert 2 <= len(pages) <= bound, f"{len(pages)} pages"
    sizes = [len("".join(page.split())) for page in pages]
    typical = statistics.median(sizes[:-1] or sizes)
    thin = [i + 1 for i, size in enumerate(sizes[:-1]) if size < typical / 3]
    assert not thin, f"pages {thin} are almost empty: {sizes}"


@pytest.mark.parametrize(("example", "lang"), CASES)
def test_no_xlsx_sheet_is_split_across_pages_sideways(example: str, lang: str, tmp_path: Path) -> None:
    """Every printed page shows one sheet's whole header row: first and last column together."""
    book_path = export(tmp_path, example, lang, "xlsx")
    book = load_workbook(book_path)
    headers = []
    for sheet in book.worksheets:
        row = [str(cell.value) for cell in sheet[1] if cell.value is not None]
        assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
        headers.append((sheet.title, row[0], row[-1]))
    pages = pdf_pages(soffice_to_pdf(book_path, tmp_path))
    assert len(pages) >= len(book.worksheets)

    def first_word(text: str) -> str:
        return text.split()[0]

    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines, f"page {number} is empty"
        top = " ".join(lines[:3])
        matching = [title for title, first, last in headers if first_word(first) in top and first_word(last) in top]
        assert matching, f"page {number} does not start with a whole header row: {lines[0][:120]!r}"
