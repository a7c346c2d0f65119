"""Problems with input files: what went wrong, where, and the catalogue of problem codes.

Every check in insatsval (file access, YAML syntax, schema, cross-references, lint rules,
export targets) produces :class:`Problem` objects. A problem names the file, the line (or a
table's row), a stable :class:`Code` and the parameters of its message. The codes are a closed
catalogue, in the spirit of frictionless-py's error classes: each code has one Swedish and one
English template in ``inputs/problems.yaml``, and a test enumerates :class:`Code` to check that
every one of them reads well in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from inputs.plural import Template, plural_form

if TYPE_CHECKING:  # not imported at run time: cli.py imports this module, and --help must start fast
    from pydantic import ValidationError

Loc = tuple[str | int, ...]
Lang = Literal["sv", "en"]
TEMPLATES_PATH = Path(__file__).with_name("problems.yaml")


class Code(StrEnum):
    """Every problem insatsval can report. The value is the stable code in JSON output."""

    # a pydantic validation error; its error type chooses the template (see SCHEMA_TYPES)
    SCHEMA = "schema"
    # files
    FILE_NOT_FOUND = "file_not_found"
    FILE_IS_DIRECTORY = "file_is_directory"
    FILE_NOT_READABLE = "file_not_readable"
    FOLDER_NOT_FOUND = "folder_not_found"
    PATH_THROUGH_FILE = "path_through_file"
    NAME_TOO_LONG = "name_too_long"
    PATH_INVALID = "path_invalid"
    NOT_WRITABLE = "not_writable"
    NOT_TEXT = "not_text"
    NOT_UTF8 = "not_utf8"
    EMPTY_FILE = "empty_file"
    YAML_SYNTAX = "yaml_syntax"
    YAML_VALUE = "yaml_value"
    YAML_RECURSIVE = "yaml_recursive"
    YAML_TOO_LARGE = "yaml_too_large"
    DUPLICATE_KEY = "duplicate_key"
    DUPLICATE_TOP_KEY = "duplicate_top_key"
    # pydantic custom errors raised by our validators
    AGE_ORDER = "age_order"
    DUPLICATE_ITEM = "duplicate_item"
    PREDICTS_WITHOUT_SOURCE = "predicts_without_source"
    UNKNOWN_PREDICTED_BEHAVIOUR = "unknown_predicted_behaviour"
    INCOMPLETE_VOCABULARY = "incomplete_vocabulary"
    AGE_BANDS_GAP = "age_bands_gap"
    TIER_ORDER = "tier_order"
    EVIDENCE_NOT_MONOTONE = "evidence_not_monotone"
    THRESHOLDS_ORDER = "thresholds_order"
    RESOURCE_WITHOUT_FACTORS = "resource_without_factors"
    RESOURCE_WITHOUT_REACH = "resource_without_reach"
    # area profile
    NO_PRIORITIES = "no_priorities"
    UNKNOWN_FACTOR = "unknown_factor"
    DUPLICATE_PRIORITY = "duplicate_priority"
    PROFILE_AGES_OUT_OF_SCOPE = "profile_ages_out_of_scope"
    # catalogue
    NO_CATALOGUE = "no_catalogue"
    RECORD_WITHOUT_ID = "record_without_id"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_BEHAVIOUR = "unknown_behaviour"
    UNKNOWN_REGISTRY = "unknown_registry"
    UNKNOWN_RATING_LABEL = "unknown_rating_label"
    UNKNOWN_WARNING_KIND = "unknown_warning_kind"
    AGES_OUT_OF_SCOPE = "ages_out_of_scope"
    WARNING_LEVEL_NOT_OFFERED = "warning_level_not_offered"
    UNKNOWN_PROGRAMME = "unknown_programme"
    # catalogue lint
    NEGATIVE_RATING_WITHOUT_WARNING = "negative_rating_without_warning"
    SUMMARY_NOT_TRANSLATED = "summary_not_translated"
    WARNING_NOT_TRANSLATED = "warning_not_translated"
    NOT_CHECKED = "not_checked"
    TEXT_NOT_TRANSLATED = "text_not_translated"
    DEVELOPER_NOT_NAMES = "developer_not_names"
    INVALID_EVALUATION = "invalid_evaluation"
    PHRASE_WITHOUT_REASON = "phrase_without_reason"
    PHRASE_NOT_MAPPED = "phrase_not_mapped"
    PHRASE_FACTOR_NOT_TAGGED = "phrase_factor_not_tagged"
    LISTED_WITHOUT_PHRASE = "listed_without_phrase"
    LISTED_SOURCE_NOT_A_LIST = "listed_source_not_a_list"
    UNKNOWN_PHRASE_FACTOR = "unknown_phrase_factor"
    # resource inventory
    UNKNOWN_COLUMN = "unknown_column"
    MISSING_COLUMN = "missing_column"
    COLUMN_WITHOUT_HEADER = "column_without_header"
    EXTRA_CELLS = "extra_cells"
    MERGED_HEADER = "merged_header"
    FORMULA_WITHOUT_VALUE = "formula_without_value"
    CSV_UNREADABLE = "csv_unreadable"
    NO_WORKSHEET = "no_worksheet"
    NOT_XLSX = "not_xlsx"
    INVENTORY_FORMAT = "inventory_format"
    UNKNOWN_RESOURCE_PROGRAMME = "unknown_resource_programme"
    RESOURCE_WITHOUT_AGES = "resource_without_ages"
    RESOURCE_LEVEL_AMBIGUOUS = "resource_level_ambiguous"
    RESOURCES_NOT_FOUND = "resources_not_found"
    # export targets
    EXPORT_SUFFIX = "export_suffix"
    EXPORT_TWICE = "export_twice"
    EXPORT_NO_FOLDER = "export_no_folder"
    EXPORT_EXISTS = "export_exists"
    # survey data: responses, codebook, aggregates (phases 3 and 5)
    CODEBOOK_RANGE = "codebook_range"
    CODEBOOK_TIMING = "codebook_timing"
    CODEBOOK_REVERSE = "codebook_reverse"
    CODEBOOK_MIN_ANSWERED = "codebook_min_answered"
    SURVEY_TABLE_FORMAT = "survey_table_format"
    SURVEY_NO_WORKSHEET = "survey_no_worksheet"
    SURVEY_NO_HEADER = "survey_no_header"
    SURVEY_MISSING_COLUMN = "survey_missing_column"
    SURVEY_BAD_NUMBER = "survey_bad_number"
    SURVEY_EMPTY_CELL = "survey_empty_cell"
    SURVEY_HALF_SUPPRESSED = "survey_half_suppressed"
    SURVEY_COUNT_OVER = "survey_count_over"
    SURVEY_DUPLICATE_ROW = "survey_duplicate_row"
    SURVEY_MORE_PROBLEMS = "survey_more_problems"
    SURVEY_SPSS_MISSING = "survey_spss_missing"
    SURVEY_UNREADABLE = "survey_unreadable"
    SURVEY_MISSING_ITEMS = "survey_missing_items"
    SURVEY_BAD_RESPONSE_ROW = "survey_bad_response_row"
    SURVEY_UNKNOWN_AREA = "survey_unknown_area"
    SURVEY_NO_WAVE = "survey_no_wave"
    SURVEY_BENCHMARK_NO_WAVE = "survey_benchmark_no_wave"
    SURVEY_THRESHOLD_TOO_LOW = "survey_threshold_too_low"
    SURVEY_ONE_WAVE = "survey_one_wave"
    # action plan: goal chain, portfolio, implementation plan (phase 4)
    PRICE_FIGURE_INVALID = "price_figure_invalid"
    POPULATION_BAND_UNKNOWN = "population_band_unknown"
    POPULATION_BAND_OUTSIDE = "population_band_outside"
    PORTFOLIO_NEEDS_POPULATION = "portfolio_needs_population"
    PORTFOLIO_NEEDS_LIMIT = "portfolio_needs_limit"
    PORTFOLIO_NOT_CANDIDATE = "portfolio_not_candidate"
    PORTFOLIO_INCLUDE_UNKNOWN_COST = "portfolio_include_unknown_cost"
    PORTFOLIO_INFEASIBLE = "portfolio_infeasible"
    PLAN_PROGRAMME_UNKNOWN = "plan_programme_unknown"
    GOAL_CHAIN_SUFFIX = "goal_chain_suffix"
    PLAN_FILE_ONLY_PLAN = "plan_file_only_plan"
    # city-wide: clustering, comparing and batch runs over areas
    AREAS_TWO_GROUPS = "areas_two_groups"
    AREAS_GEOJSON = "areas_geojson"
    AREAS_NOT_COLLECTION = "areas_not_collection"
    AREAS_FEATURE = "areas_feature"
    AREAS_UNKNOWN = "areas_unknown"
    AREAS_MISSING = "areas_missing"
    AREAS_K = "areas_k"
    AREAS_ONE_SOURCE = "areas_one_source"
    COMPARE_NO_WAVE = "compare_no_wave"
    COMPARE_FACTOR_NOT_IN_FILE = "compare_factor_not_in_file"
    BATCH_NO_PROFILES = "batch_no_profiles"
    BATCH_NO_AREAS = "batch_no_areas"
    BATCH_OUT_NOT_FOLDER = "batch_out_not_folder"
    BATCH_FILES_EXIST = "batch_files_exist"
    # meeting view
    MEETING_EXPORT_SUFFIX = "meeting_export_suffix"


#: pydantic's own error types with a template of their own (``schema_<type>``); others fall
#: back to ``schema_other``. String patterns get ``schema_url``, ``schema_currency`` or
#: ``schema_identifier`` depending on the field.
SCHEMA_TYPES = frozenset(
    {
        "missing", "extra_forbidden", "literal_error", "enum", "int_parsing", "int_type", "int_from_float",
        "float_parsing", "float_type", "greater_than_equal", "less_than_equal", "greater_than", "less_than",
        "too_short", "too_long", "string_too_short", "string_type", "bool_parsing", "bool_type", "date_parsing",
        "date_from_datetime_parsing", "date_type", "model_type", "model_attributes_type", "dict_type", "list_type",
        "finite_number",
    }
)  # fmt: skip
PATTERN_KEYS = ("schema_url", "schema_currency", "schema_identifier", "schema_ages_mapping")
#: Parts of messages rather than messages: filled in by :func:`problem_message`.
FRAGMENT_KEYS = ("did_you_mean",)
_CODE_VALUES = frozenset(code.value for code in Code)
_URL_FIELDS = {"source", "sources", "url", "predicts_source"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    file: Path | str | None
    code: Code
    params: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None
    loc: Loc = ()
    #: For tables (CSV, XLSX): the spreadsheet row, counting the header as row 1.
    row: int | None = None


class InputError(Exception):
    """Raised when an input file cannot be used. Carries every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the input")
        self.problems = list(problems)


def loc_to_path(loc: Sequence[str | int]) -> str:
    """Render a location as people read it: ``programmes[3].ages.min``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]" if out else f"item {part + 1}"
        else:
            out += f".{part}" if out else str(part)
    return out


def problems_from_validation(
    exc: ValidationError,
    file: Path | str | None,
    line_of: Any,
    prefix: Loc = (),
) -> list[Problem]:
    """Turn a pydantic :class:`ValidationError` into located problems.

    Args:
        exc: the error raised by ``model_validate``.
        file: the file the data came from.
        line_of: a callable mapping a location (tuple) to a line number or None.
        prefix: location of the validated object inside the file.
    """
    problems = []
    for error in exc.errors(include_url=False):
        loc = prefix + tuple(error["loc"])
        params: dict[str, Any] = dict(error.get("ctx") or {})
        params.update(
            {
                "pydantic_type": error["type"],
                "msg": error["msg"],
                "field": loc_to_path(loc),
                "input": _short(error.get("input")),
            }
        )
        problems.append(Problem(file=file, line=line_of(loc), code=Code.SCHEMA, params=params, loc=loc))
    return problems


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def first_problems(problems: Iterable[Problem], limit: int = 20) -> list[Problem]:
    """The first ``limit`` problems, sorted by file and line for reading."""
    ordered = sorted(problems, key=lambda p: (str(p.file), p.line or 0))
    return ordered[:limit]


# --- messages --------------------------------------------------------------------------
@cache
def templates() -> dict[str, dict[str, Template]]:
    """Message templates keyed by code (or ``schema_<type>``), then language (see inputs/plural.py)."""
    import yaml  # only when a problem is reported

    with TEMPLATES_PATH.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, Template]] = yaml.safe_load(handle)
    return data


def template_key(problem: Problem) -> str:
    """Which template describes ``problem``."""
    if problem.code != Code.SCHEMA:
        return str(problem.code)
    kind = str(problem.params.get("pydantic_type", ""))
    if kind in _CODE_VALUES:
        return kind
    if kind == "string_pattern_mismatch":
        names = {part for part in problem.loc if isinstance(part, str)}
        return (
            "schema_url" if names & _URL_FIELDS else ("schema_currency" if "currency" in names else "schema_identifier")
        )
    if kind == "too_short" and problem.loc and problem.loc[-1] == "priorities":
        return str(Code.NO_PRIORITIES)
    if kind in ("model_type", "model_attributes_type", "dict_type") and problem.loc and problem.loc[-1] == "ages":
        return "schema_ages_mapping"  # 'ages: 13-17' is not an indentation problem: show the form
    return f"schema_{kind}" if kind in SCHEMA_TYPES else "schema_other"


def problem_message(problem: Problem, lang: Lang) -> str:
    """The message body (without location) in ``lang``.

    Schema problems are worded from pydantic's error type and context, not from pydantic's
    English text, which changes between versions.
    """
    params = dict(problem.params)
    params.setdefault("field", loc_to_path(problem.loc))
    params.setdefault("msg", "")
    for bound in ("ge", "le", "gt", "lt"):
        if isinstance(params.get(bound), float) and params[bound].is_integer():
            params[bound] = int(params[bound])
    if "expected" in params:
        params["expected"] = str(params["expected"]).replace("'", "")
    # "Did you mean ...?" only when there is something to suggest, never an empty list
    suggestions = str(params.get("suggestions") or "")
    params["did_you_mean"] = _template("did_you_mean", lang).format(suggestions=suggestions) if suggestions else ""
    try:
        return _template(template_key(problem), lang, params.get("count")).format(**params)
    except (KeyError, IndexError):  # a template asks for a parameter this problem lacks
        return _template("schema_other", lang).format(field=params["field"], msg=params.get("msg") or problem.code)


def _template(key: str, lang: Lang, count: Any = None) -> str:
    """The message template ``key`` in ``lang``, in its singular or plural form for ``count``."""
    return plural_form(templates()[key][lang], count)
