"""Terminal tables: drawn by render/tables.py, byte for byte what tabulate's ``simple`` format draws."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from render.tables import render_csv, text_table

# Words, spaces, hyphens, line breaks, tabs, Swedish letters, non-breaking spaces, long words,
# escape codes and odd line breaks (those two are handed to tabulate itself).
ALPHABET = st.sampled_from(
    ["a", "b", "å", "Ö", " ", " ", "  ", "-", "--", "\n", "\t", "\u00a0", "x" * 13, "ab-cd", "\x1b[31m", "\r", "\u2028"]
)
TEXT = st.lists(ALPHABET, max_size=12).map("".join) | st.sampled_from(["", "True", "False", " - ", "1.5"])
CELL = TEXT | st.none() | st.integers(-5, 99) | st.floats(allow_nan=False, allow_infinity=False, width=16)
WIDTH = st.none() | st.integers(1, 14)


def reference(headers: list[str], rows: list[list[Any]], widths: Any) -> str:
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True, maxcolwidths=widths)


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_text_tables_are_what_tabulate_draws(data: st.DataObject) -> None:
    n_cols = data.draw(st.integers(1, 4))
    headers = data.draw(st.lists(TEXT, min_size=n_cols, max_size=n_cols))
    rows = data.draw(st.lists(st.lists(CELL, min_size=n_cols, max_size=n_cols), max_size=5))
    widths = data.draw(st.none() | st.integers(1, 14) | st.lists(WIDTH, max_size=n_cols + 1))
    if widths is not None and not isinstance(widths, int) and len(widths) > n_cols:
        widths = widths[:n_cols]
    try:
        expected = reference(headers, rows, widths)
    except ValueError:  # tabulate fails on some number-like text it wraps ("1,234", a lone "\n")
        assume(False)
    assert text_table(headers, rows, "table", widths) == expected


def test_number_like_text_that_tabulate_cannot_wrap_is_drawn() -> None:
    assert text_table(["a"], [["1,234"], ["\n"]], "table", 3) == "a\n---\n1,2\n34"


def test_a_wide_table_wraps_like_tabulate() -> None:
    text = "Föräldrastöd i grupp för familjer med barn i mellanstadieåldern, universellt och selektivt erbjudet"
    rows = [[str(i), text[: 10 + 7 * i], f"{i}\u00a0%", "-"] for i in range(12)]
    headers = ["Nr", "Namn", "Räckvidd", "Finansierad till"]
    for widths in ([None, 24, 6, 10], [2, 5, 3, 1], None, 12):
        assert text_table(headers, rows, "table", widths) == reference(headers, rows, widths)


def test_a_table_without_rows_is_its_header() -> None:
    assert text_table(["Faktor", "Täckning"], [], "table") == "Faktor    Täckning\n--------  ----------"


def test_markdown_escapes_pipes_and_line_breaks() -> None:
    assert text_table(["a|b"], [["x\ny"]], "md") == "| a\\|b |\n|---|\n| x y |"


def test_csv_neutralises_formulas() -> None:
    assert render_csv(["h"], [["=SUM(A1)"], ["-"]]) == "h\n'=SUM(A1)\n-\n"
