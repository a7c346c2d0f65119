"""``insatsval catalog lint``: every schema and meaning check on catalogue files.

Lint runs the same loading code as every other command (so anything the tool would reject
is reported) and then the meaning checks of :func:`catalog.checks.check_meaning`
(a negative rating with no warning, texts left untranslated, a record never checked).
Every problem carries its file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from catalog.bundled import bundled_catalogue_path
from catalog.catalogue import Catalogue, build_catalogue, display_path
from catalog.checks import check_meaning
from inputs.evidence_scale import EvidenceScale
from inputs.problems import Problem
from inputs.taxonomy import Taxonomy


@dataclass(frozen=True)
class LintReport:
    """The outcome of a lint run."""

    files: list[str]
    programmes: int
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def lint_catalogue_files(
    paths: Sequence[Path],
    taxonomy: Taxonomy,
    scale: EvidenceScale,
    with_bundled: bool = False,
) -> LintReport:
    """Lint ``paths`` as one stack of layers (the bundled catalogue first if asked).

    With no paths, the bundled catalogue is linted on its own.
    """
    stack = list(paths) or [bundled_catalogue_path()]
    if with_bundled and paths:
        stack = [bundled_catalogue_path(), *stack]
    catalogue, problems = build_catalogue(stack, taxonomy, scale)
    if catalogue is not None:
        problems = problems + meaning_problems(catalogue)
    return LintReport(
        files=[display_path(p) for p in stack],
        programmes=len(catalogue.programmes) if catalogue else 0,
        problems=sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.code)),
    )


def meaning_problems(catalogue: Catalogue) -> list[Problem]:
    """:func:`check_meaning` for every programme, located in the file that last set the field."""
    out = []
    for programme in catalogue.programmes:
        for problem in check_meaning(programme, catalogue.scale):
            file, line = catalogue.locate(programme.id, problem.loc)
            out.append(
                Problem(
                    file=file,
                    line=line,
                    code=problem.code,
                    params={**problem.params, "id": programme.id},
                    loc=problem.loc,
                )
            )
    return out
