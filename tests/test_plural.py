"""Singular and plural (inputs/plural.py): "1 område", "2 områden"; "1 hour", "2 hours"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inputs.plural import plural_form
from inputs.problems import templates
from inputs.vocabulary import Lang
from render.labels import strings, text

FORMS = {"one": "{count} timme", "other": "{count} timmar"}

#: Words that read right after "1" in the plain (single-form) messages: prepositions, verbs, and
#: Swedish nouns whose singular and plural are the same. A noun with a plural of its own in a
#: message needs one/other forms; a new such message fails the test below until it has them.
SAME_AFTER_ONE = {
    "sv": {"av", "men", "deltagare", "finns", "första", "i", "kan", "med", "problem", "program", "på", "som", "utan",
           "utanför", "är"},
    "en": {"but", "affordable", "already", "at", "cannot", "in", "is", "of", "outside", "targeting", "with"},
}  # fmt: skip


def test_one_takes_the_singular_and_everything_else_the_plural() -> None:
    assert plural_form(FORMS, 1) == plural_form(FORMS, "1") == "{count} timme"
    for count in (0, 2, 11, 21, "0", "12\u00a0345", 1.5, "1,5", None):
        assert plural_form(FORMS, count) == "{count} timmar", count
    assert plural_form("{count} program", 1) == "{count} program"


@given(st.integers(min_value=0, max_value=10**6))
def test_the_singular_is_for_exactly_one(count: int) -> None:
    assert (plural_form(FORMS, count) == FORMS["one"]) == (count == 1)


def _catalogues() -> list[tuple[str, dict[str, Any]]]:
    return [("render/strings*.yaml", strings()), ("inputs/problems.yaml", templates())]


#: Parameters that hold a number of things that can be one. A sentence with several of them takes
#: each as a counted phrase (``n_areas``, ``n_waves``, ... in render/strings.yaml).
COUNTS = ("count", "areas", "waves", "rows", "hidden", "out_of_range", "resources")
#: Messages whose count cannot be one, and why.
NEVER_ONE = {"cluster_title": "cluster refuses fewer than two sub-areas (areas_k) before it titles a grouping"}


def test_every_count_followed_by_a_changing_noun_has_both_forms() -> None:
    missing = []
    pattern = re.compile(r"\{(" + "|".join(COUNTS) + r")\}\)?\s+([^\W\d_][\w-]*)")
    for where, table in _catalogues():
        for key, entry in table.items():
            for lang, form in entry.items():
                if not isinstance(form, str):
                    continue
                for match in pattern.finditer(form):
                    if match.group(2) not in SAME_AFTER_ONE[lang] and key not in NEVER_ONE:
                        missing.append(f"{where}: {key} ({lang}): '{match.group(0)}'")
    assert not missing, "give these one/other forms (inputs/plural.py):\n" + "\n".join(missing)


def test_sentences_with_several_counts_read_right_for_one() -> None:
    expected: dict[Lang, str] = {
        "sv": "Skrev a.csv: 1 rad (1 område, 1 våg), 1 cell dold (färre än 10 svarande eller möjliga att räkna fram), "
        "1 svar utanför svarsintervallet räknades som obesvarat.",
        "en": "Wrote a.csv: 1 row (1 area, 1 wave), 1 cell hidden (fewer than 10 respondents, or derivable), "
        "1 answer outside the answer range counted as unanswered.",
    }
    for lang, sentence in expected.items():
        names = ("rows", "areas", "waves", "cells_hidden", "out_of_range")
        parts = {name: text(f"n_{name}", lang, count=1) for name in names}
        parts["hidden"] = parts.pop("cells_hidden")
        assert text("survey_aggregate_done", lang, path="a.csv", threshold=10, **parts) == sentence


@pytest.mark.parametrize(
    ("key", "params", "sv", "en"),
    [
        ("header_inventory", {"file": "r.csv"}, "(1 resurs)", "(1 resource)"),
        ("compare_absent", {"wave": 2024, "areas": "A"}, "1 område har", "1 area has"),
        ("ap_hours", {}, "1 timme", "1 hour"),
        ("programmes_count", {}, "1 program.", "1 programme."),
    ],
)
def test_interface_strings_read_right_for_one_and_for_two(key: str, params: dict[str, Any], sv: str, en: str) -> None:
    assert sv in text(key, "sv", count=1, **params) and en in text(key, "en", count=1, **params)
    assert sv not in text(key, "sv", count=2, **params) and en not in text(key, "en", count=2, **params)


def test_problem_messages_read_right_for_one() -> None:
    from inputs.problems import Code, Problem, problem_message

    def message(count: int, lang: str) -> str:
        params = {"area": "X", "suggestions": "", "count": count}
        return problem_message(Problem(file="a.csv", code=Code.SURVEY_UNKNOWN_AREA, params=params), lang)  # type: ignore[arg-type]

    assert "(1 område)" in message(1, "sv") and "(2 områden)" in message(2, "sv")
    assert "(1 area)" in message(1, "en") and "(2 areas)" in message(2, "en")
