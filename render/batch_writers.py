"""``batch``'s files: each area's profile (from aggregates), each area's plan, and the summary; nothing written yet.

Each area's file is built by the functions ``plan`` itself uses (:func:`brief.build_brief`,
:func:`render.plan_sections.plan_extras`, :func:`render.outputs.render_output`), so it holds
exactly what ``insatsval plan PROFILE --format FMT --top K`` writes for that profile. From an
aggregate file, each area's profile is its suggested priorities as ``prioritise
--write-profile`` writes them (:func:`render.survey_writers.profile_yaml`); it is written to
``DIR/profiles/`` and read back from those very bytes, so ``plan`` run later on that file gives
the same result, hashes included.

The summary's top k comes from one vectorised pass over every area (:mod:`areas.batch`), not
from the areas' own rankings; ``tests/test_batch_command.py`` checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from areas.batch import (
    BatchSummary,
    Skipped,
    brief_top_programmes,
    file_stems,
    gap_factors,
    profiles_in_folder,
    suggested_areas,
    summarise,
)
from areas.compare import CityFigures
from brief import MeetingBrief, build_brief
from catalog.catalogue import Catalogue
from inputs.problems import Code, InputError, Problem
from inputs.profile import LoadedProfile, profile_from_document
from inputs.settings import Settings
from inputs.yaml_source import parse_yaml
from render.exports import _target_problem
from render.labels import Labels
from render.outputs import render_output
from render.plan_sections import plan_extras
from render.survey_writers import profile_yaml

#: Where the profiles made from aggregates go, inside the output folder.
PROFILES_FOLDER = "profiles"
#: The per-area file formats.
SUFFIXES = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx"}


@dataclass(frozen=True)
class AreaRun:
    """One area to run: its name, the name of its files, and its profile."""

    name: str  #: the area (aggregates) or the profile file's stem (a folder of profiles)
    stem: str  #: its files' name without suffix: safe and distinct
    loaded: LoadedProfile


Progress = Callable[[Sequence[AreaRun]], Iterable[AreaRun]]


def area_path(out: Path, run: AreaRun, fmt: str) -> Path:
    """Where ``run``'s plan goes: named after the area, with the format's suffix."""
    return out / f"{run.stem}{SUFFIXES[fmt]}"


def summary_path(out: Path, fmt: str) -> Path:
    return out / f"summary{SUFFIXES[fmt]}"


def runs_from_aggregates(
    city: CityFigures, wave: int | None, out: Path, created: dt.date, L: Labels
) -> tuple[list[AreaRun], list[tuple[Path, bytes]], list[Skipped]]:
    """Each area's suggested profile: the runs, the profile files to write, and the areas left out."""
    figures, skipped = suggested_areas(city, wave)
    runs, files = [], []
    for figure, stem in zip(figures, file_stems([f.area for f in figures]), strict=True):
        path = out / PROFILES_FOLDER / f"{stem}.yaml"
        text = profile_yaml(figure, created, L)
        runs.append(AreaRun(figure.area, stem, profile_from_document(parse_yaml(text, path), L.taxonomy)))
        files.append((path, text.encode("utf-8")))
    return runs, files, skipped


def runs_from_folder(folder: Path, L: Labels) -> list[AreaRun]:
    """Every profile in ``folder``, each named after its file."""
    loaded = profiles_in_folder(folder, L.taxonomy)
    stems = file_stems([p.path.stem for p in loaded])
    return [AreaRun(stem, stem, profile) for profile, stem in zip(loaded, stems, strict=True)]


@dataclass
class BatchResult:
    """Every area's brief and file, and the summary over them."""

    briefs: list[MeetingBrief]
    files: list[tuple[Path, bytes]]
    summary: BatchSummary


def run_batch(
    runs: Sequence[AreaRun],
    catalogue: Catalogue,
    settings: Settings,
    out: Path,
    fmt: str,
    L: Labels,
    k: int,
    *,
    settings_path: Path | None = None,
    as_of: dt.date | None = None,
    csv_dialect: str = "standard",
    skipped: Sequence[Skipped] = (),
    progress: Progress = lambda runs: runs,
) -> BatchResult:
    """Every area's plan in ``fmt`` (as ``plan --top k`` writes it) and the summary of the whole city.

    ``progress`` wraps the loop over areas (the command's progress bar); each step is one
    area's plan, vectorised over programmes inside.

    Raises:
        InputError: an area's inventory has problems (every problem of every area at once).
    """
    briefs, files, problems = [], [], []
    for run in progress(runs):
        try:
            brief = build_brief(catalogue, run.loaded, settings, settings_path=settings_path, as_of=as_of, top=k)
        except InputError as exc:
            problems += exc.problems
            continue
        data = render_output("plan", fmt, brief, catalogue, L, csv_dialect, plan_extras(brief, catalogue))  # type: ignore[arg-type]
        briefs.append(brief)
        files.append((area_path(out, run, fmt), data))
    if problems:
        raise InputError(problems)
    top = brief_top_programmes(catalogue, briefs, settings, k)
    summary = summarise(
        catalogue,
        k,
        [r.name for r in runs],
        [path.name for path, _ in files],
        [b.loaded.profile for b in briefs],
        top,
        gap_factors(briefs, catalogue.taxonomy),
        [r.name for r, b in zip(runs, briefs, strict=True) if b.inventory is None],
        skipped,
    )
    return BatchResult(briefs, files, summary)


def check_targets(out: Path, paths: Sequence[Path], force: bool) -> None:
    """Refuse before writing: ``out`` is a file, a file exists (without ``force``), a target is a folder.

    Raises:
        InputError: every such problem.
    """
    if out.exists() and not out.is_dir():
        raise InputError([Problem(file=out, code=Code.BATCH_OUT_NOT_FOLDER)])
    problems = [_target_problem(path, force) for path in paths]
    # folders batch creates itself are not a problem
    found = [p for p in problems if p is not None and p.code != Code.EXPORT_NO_FOLDER]
    existing = [Path(str(p.file)).name for p in found if p.code == Code.EXPORT_EXISTS]
    if len(existing) > 1:  # a folder of an earlier run: one problem, not one per area
        params = {"count": len(existing), "examples": ", ".join(existing[:3])}
        found = [p for p in found if p.code != Code.EXPORT_EXISTS]
        found.append(Problem(file=out, code=Code.BATCH_FILES_EXIST, params=params))
    if found:
        raise InputError(found)
