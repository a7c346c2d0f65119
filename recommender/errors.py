"""Problems with input files, and how they are reported to people.

Every check in insatsval (YAML syntax, schema, cross-references, lint rules) produces
:class:`Problem` objects. A problem names the file, the line, a stable ``code`` and the
parameters of its message; the text itself is chosen at print time from
``recommender/strings.yaml`` so the same problem reads well in Swedish and English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    file: Path | str | None
    code: str
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
        problems.append(Problem(file=file, line=line_of(loc), code="schema", params=params, loc=loc))
    return problems


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def first_problems(problems: Iterable[Problem], limit: int = 20) -> list[Problem]:
    """The first ``limit`` problems, sorted by file and line for reading."""
    ordered = sorted(problems, key=lambda p: (str(p.file), p.line or 0))
    return ordered[:limit]
