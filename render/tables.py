"""Tables for people and for spreadsheets: terminal text, Markdown and CSV.

Every command prints its tables through these functions, so escaping (Markdown pipes) and
spreadsheet safety (formula-like text in CSV) are handled in one place.

Terminal tables are tabulate's ``simple`` format with text wrapped to column widths. They are
drawn here rather than by tabulate itself: tabulate classifies every cell and wraps every cell
with a new wrapper, which made ``gaps`` with 10,000 resources spend seconds on one table, and
importing it (with its version lookup) was a noticeable part of every run's start-up. The output
is tabulate's, byte for byte (``tests/test_tables.py`` compares the two on random tables); text
this code does not reproduce (terminal escape codes, line breaks other than ``\n``) is handed
to tabulate itself.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Sequence
from functools import cache
from typing import Any

#: Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: str) -> bool:
    """True for text a spreadsheet would run as a formula; a lone sign ("-") is harmless."""
    return value not in ("-", "+") and value[:1] in FORMULA_START


def safe_cell(value: str) -> str:
    """Prefix formula-like text with an apostrophe so spreadsheets keep it as text."""
    return "'" + value if is_formula_like(value) else value


def md_cell(value: Any) -> str:
    """Markdown table cells cannot hold pipes or newlines."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def text_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str = "table",
    widths: int | Sequence[int | None] | None = None,
) -> str:
    """A table as terminal text (``table``) or Markdown (``md``), without a trailing newline."""
    if fmt == "md":
        lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
        return "\n".join(lines)
    column_widths = [widths] * len(headers) if isinstance(widths, int) else list(widths or [])[: len(headers)]
    column_widths += [None] * (len(headers) - len(column_widths))
    cells = _plain_cells(headers, rows, column_widths)
    if cells is None:  # text only tabulate draws as tabulate does
        from tabulate import tabulate

        return tabulate(rows, headers=list(headers), tablefmt="simple", disable_numparse=True, maxcolwidths=widths)
    wrapped = [[_wrap_cell(c, w) for c, w in zip(row, column_widths, strict=True)] for row in cells]
    return simple_table(list(headers), wrapped)


#: Text this module leaves to tabulate: terminal escape codes (tabulate measures text without
#: them), line breaks other than "\n" (tabulate splits lines in two different ways) and its
#: separating-line marker "\x01".
_UNUSUAL = re.compile("[\x01\x1b\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: tabulate reads these cell texts as truth values when it wraps them (and prints "False" as "True").
_TRUTH_WORDS = ("True", "False")


def _plain_cells(
    headers: Sequence[Any], rows: Sequence[Sequence[Any]], widths: Sequence[int | None]
) -> list[list[str]] | None:
    """The cells as text (None as ''), or None when the table holds anything :func:`simple_table` does not draw."""
    if not headers or not all(isinstance(h, str) and not _UNUSUAL.search(h) for h in headers):
        return None
    out = []
    for row in rows:
        if len(row) != len(headers):
            return None
        cells = []
        for cell, width in zip(row, widths, strict=True):
            if isinstance(cell, bytes):
                return None
            text = "" if cell is None else str(cell)
            if _UNUSUAL.search(text) or (width is not None and text in _TRUTH_WORDS):
                return None
            cells.append(text)
        out.append(cells)
    return out


class _Wrapper(textwrap.TextWrapper):
    """The standard wrapper, but a word too long for a line is cut at the width, never at a hyphen (as tabulate)."""

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words and space_left > 0:
            chunk = reversed_chunks[-1]
            cur_line.append(chunk[:space_left])
            reversed_chunks[-1] = chunk[space_left:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())


@cache
def _wrapper(width: int) -> _Wrapper:
    return _Wrapper(width=width, break_long_words=True, break_on_hyphens=True)


def _wrap_cell(text: str, width: int | None) -> str:
    """``text`` wrapped to ``width`` characters per line; blank lines dropped (tabulate's rules)."""
    if width is None or not text:
        return text
    if len(text) <= width and "\n" not in text and "\t" not in text and not text[-1].isspace():
        return text  # one line that fits (most cells): what the wrapper would return, without its cost
    lines = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if len(line) <= width and "\t" not in line and not line[-1].isspace():
            lines.append(line)
        else:
            lines.append("\n".join(_wrapper(width).wrap(line)))
    return "\n".join(lines)


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def simple_table(headers: list[str], rows: list[list[str]]) -> str:
    """tabulate's ``simple`` format, every column flush left, of cells already wrapped.

    Each column is as wide as its widest line, and at least two wider than its header; cells
    are stripped of surrounding whitespace, lines joined by two spaces and stripped on the right.
    """
    multiline = any("\n" in h for h in headers) or any("\n" in c for row in rows for c in row)
    columns = [[c.strip() for c in column] for column in zip(*rows, strict=True)] or [[] for _ in headers]
    widths = [
        max(_width(header) + 2, max(map(_width, column), default=0))
        for header, column in zip(headers, columns, strict=True)
    ]
    if multiline:
        out = _multiline_row([h.split("\n") for h in headers], widths)
    else:
        out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    for row in zip(*columns, strict=True):
        if multiline and (any("\n" in c for c in row) or not any(row)):
            out += _multiline_row([_lines(c) for c in row], widths)
        else:  # one line (in a multi-line table too: the same text, much faster)
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(out)


def _width(text: str) -> int:
    """Characters in the longest line of ``text``."""
    return max(map(len, text.split("\n"))) if "\n" in text else len(text)


def _multiline_row(cells: list[list[str]], widths: list[int]) -> list[str]:
    """The printed lines of one row whose cells may span several lines (a row of empty cells has none)."""
    height = max(len(lines) for lines in cells)
    padded = [
        [line.ljust(w) for line in lines] + [" " * w] * (height - len(lines))
        for lines, w in zip(cells, widths, strict=True)
    ]
    return ["  ".join(parts).rstrip() for parts in zip(*padded, strict=True)]


def render_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]], dialect: str = "standard") -> str:
    """CSV text. ``excel-sv`` uses ';', decimal commas and a BOM, as Swedish Excel expects.

    Numbers stay numbers; formula-like text is neutralised with :func:`safe_cell`.
    """
    buffer = io.StringIO()
    excel_sv = dialect == "excel-sv"
    writer = csv.writer(buffer, delimiter=";" if excel_sv else ",", lineterminator="\r\n" if excel_sv else "\n")
    writer.writerow([safe_cell(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_csv_value(v, excel_sv) for v in row])
    text = buffer.getvalue()
    return ("\ufeff" + text) if excel_sv else text


def _csv_value(value: Any, excel_sv: bool) -> Any:
    if isinstance(value, float) and excel_sv:
        return repr(value).replace(".", ",")
    if isinstance(value, str):
        return safe_cell(value)
    return value
