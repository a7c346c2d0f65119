"""One readable paragraph per :class:`~inputs.problems.Problem`: where, what is wrong, the fix."""

from __future__ import annotations

from inputs.problems import Code, Problem, loc_to_path, problem_message
from inputs.vocabulary import Lang
from render.labels import text


def format_problem(problem: Problem, lang: Lang) -> str:
    """``file, line N (field): message`` as one paragraph (just the message when no file is involved)."""
    if problem.file is None:
        return problem_message(problem, lang)
    where = str(problem.file)
    if problem.row:
        where = text("where_row", lang, file=where, row=problem.row)
    elif problem.line:
        where = text("where_line", lang, file=where, line=problem.line)
    field = loc_to_path(problem.loc)
    if field and problem.code == Code.SCHEMA:
        where += f" ({field})"
    elif problem.params.get("id"):
        where += f" ({problem.params['id']})"
    return f"{where}: {problem_message(problem, lang)}"
