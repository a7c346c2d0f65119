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

from catalog import bundled_path
from catalog.bundled import bundled_catalogue_path
from catalog.catalogue import Catalogue, build_catalogue, display_path
from catalog.checks import check_meaning, check_phrase_table
from inputs.evidence_scale import EvidenceScale
from inputs.factor_phrases import PhraseTable, normalise_phrase
from inputs.loading import load_document
from inputs.problems import InputError, Problem
from inputs.taxonomy import Taxonomy
from inputs.yaml_source import YamlDocument


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
    phrases_path: Path | None = None,
) -> LintReport:
    """Lint ``paths`` as one stack of layers (the bundled catalogue first if asked).

    With no paths, the bundled catalogue is linted on its own. ``phrases_path`` is the mapping
    table of factor-list wordings (the bundled one by default), extended by the layers' own
    wordings; when the table itself cannot be read, its problems are reported and the
    factor-list checks are skipped rather than failing on every wording.
    """
    stack = list(paths) or [bundled_catalogue_path()]
    if with_bundled and paths:
        stack = [bundled_catalogue_path(), *stack]
    catalogue, problems = build_catalogue(stack, taxonomy, scale)
    table_path = phrases_path or bundled_path("factor_phrases.yaml")
    try:
        bundled_table, doc = load_document(table_path, PhraseTable)
    except InputError as exc:
        bundled_table, doc = None, None
        problems = problems + [
            Problem(file=display_path(table_path), line=p.line, code=p.code, params=p.params, loc=p.loc)
            for p in exc.problems
        ]
    if catalogue is not None:
        table = catalogue.phrase_table(bundled_table) if bundled_table is not None else None
        problems = problems + meaning_problems(catalogue, table)
        if table is not None and doc is not None:
            problems += table_problems(table, taxonomy, display_path(table_path), doc)
    return LintReport(
        files=[display_path(p) for p in stack] + ([display_path(phrases_path)] if phrases_path else []),
        programmes=len(catalogue.programmes) if catalogue else 0,
        problems=sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.code)),
    )


def table_problems(table: PhraseTable, taxonomy: Taxonomy, display: str, doc: YamlDocument) -> list[Problem]:
    """Problems in the mapping table itself (wordings mapped to unknown factors), with their lines.

    Wordings a layer added are checked too; they are located in the table file only when the
    table defines them (a layer's own wordings are located by the layer's schema checks).
    """
    rows = doc.data.get("phrases", []) if isinstance(doc.data, dict) else []
    table_rows = {normalise_phrase(str(e.get("phrase", ""))): i for i, e in enumerate(rows) if isinstance(e, dict)}
    out = []
    for problem in check_phrase_table(table, taxonomy):
        wording = normalise_phrase(str(problem.params.get("phrase", "")))
        row = table_rows.get(wording)
        line = doc.line_of(("phrases", row, "factors")) if row is not None else None
        out.append(Problem(file=display, line=line, code=problem.code, params=problem.params, loc=problem.loc))
    return out


def meaning_problems(catalogue: Catalogue, phrases: PhraseTable | None = None) -> list[Problem]:
    """:func:`check_meaning` for every programme, located in the file that last set the field."""
    out = []
    for programme in catalogue.programmes:
        for problem in check_meaning(programme, catalogue.scale, phrases):
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
