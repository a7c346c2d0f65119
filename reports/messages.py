"""Turn :class:`~recommender.errors.Problem` objects into one readable paragraph each.

A message names the file and line, says what is wrong in the reader's language and says
how to fix it. Schema problems reported by pydantic are translated from their error
``type`` and context, not from pydantic's English text, which changes between versions.
"""

from __future__ import annotations

from typing import Any

from recommender.errors import Problem, loc_to_path
from recommender.vocabulary import Lang
from reports.labels import strings, text

#: pydantic error types with a message of their own; the rest fall back to pydantic's text.
_SCHEMA_TYPES = {
    "missing",
    "extra_forbidden",
    "literal_error",
    "enum",
    "int_parsing",
    "int_type",
    "int_from_float",
    "float_parsing",
    "float_type",
    "greater_than_equal",
    "less_than_equal",
    "greater_than",
    "less_than",
    "too_short",
    "too_long",
    "string_too_short",
    "string_type",
    "bool_parsing",
    "bool_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_type",
    "model_type",
    "model_attributes_type",
    "dict_type",
    "list_type",
    "age_order",
    "duplicate_item",
    "evidence_not_monotone",
    "thresholds_order",
    "resource_without_factors",
    "resource_without_reach",
}
_URL_FIELDS = {"source", "sources", "url", "predicts_source"}


def _schema_key(params: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    kind = params.get("pydantic_type", "")
    if kind == "string_pattern_mismatch":
        names = {part for part in loc if isinstance(part, str)}
        return (
            "schema_url" if names & _URL_FIELDS else ("schema_currency" if "currency" in names else "schema_identifier")
        )
    if kind == "too_short" and loc and loc[-1] == "priorities":
        return "no_priorities"
    return f"schema_{kind}" if kind in _SCHEMA_TYPES else "schema_other"


def problem_message(problem: Problem, lang: Lang) -> str:
    """The message body (without location) in ``lang``."""
    params = dict(problem.params)
    key = _schema_key(params, problem.loc) if problem.code == "schema" else problem.code
    if key not in strings():
        key = "schema_other"
    params.setdefault("field", loc_to_path(problem.loc))
    params.setdefault("msg", "")
    for bound in ("ge", "le", "gt", "lt"):
        if isinstance(params.get(bound), float) and params[bound].is_integer():
            params[bound] = int(params[bound])
    if "expected" in params:
        params["expected"] = str(params["expected"]).replace("'", "")
    try:
        return text(key, lang, **params)
    except (KeyError, IndexError):  # a template asks for a parameter this problem lacks
        return text("schema_other", lang, field=params["field"], msg=params.get("msg") or problem.code)


def format_problem(problem: Problem, lang: Lang) -> str:
    """``file, line N (field): message`` as one paragraph."""
    where = str(problem.file) if problem.file is not None else text("where_input", lang)
    if problem.row:
        where = text("where_row", lang, file=where, row=problem.row)
    elif problem.line:
        where = text("where_line", lang, file=where, line=problem.line)
    field = loc_to_path(problem.loc)
    if field and problem.code == "schema":
        where += f" ({field})"
    elif problem.params.get("id"):
        where += f" ({problem.params['id']})"
    return f"{where}: {problem_message(problem, lang)}"
