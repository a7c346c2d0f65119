"""Tables for people and for spreadsheets: terminal text, Markdown and CSV.

Every command prints its tables through these functions, so escaping (Markdown pipes) and
spreadsheet safety (formula-like text in CSV) are handled in one place.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from tabulate import tabulate

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
    return tabulate(rows, headers=list(headers), tablefmt="simple", disable_numparse=True, maxcolwidths=widths)


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
