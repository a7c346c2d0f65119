"""Run every area at once: whose profiles, which file names, the top k of every area in one pass, and the summary.

``insatsval batch`` takes either a survey aggregate file (each area's profile is its suggested
priorities, as ``prioritise --write-profile`` writes them; :func:`suggested_areas`) or a folder
of profiles (:func:`profiles_in_folder`), and for every area writes what ``plan`` writes, plus
one summary (:func:`summarise`):

* for every programme, in how many areas it is in the top k;
* for every factor, how many areas prioritise it and how many have a gap in it (a band of the
  area's ages with the status *gap*; without an inventory every prioritised cell is a gap).

The top k of every area comes from one vectorised pass over all areas and programmes
(:func:`top_programmes`): areas without an inventory are scored by
:func:`recommender.batch.batch_scores`, areas with one by :func:`recommender.scoring.score_terms`
with a leading area axis and each area's uncovered shares; the order is
:func:`recommender.ranking.recommend`'s (no-effect group last, then score, tier, factors matched,
id), so each area's top k is exactly what ``recommend --top k`` gives it
(``tests/test_batch_command.py`` checks it on every area).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from areas.compare import CityFigures, area_figures
from brief import MeetingBrief
from catalog.arrays import catalogue_arrays, profile_arrays
from catalog.catalogue import Catalogue
from inputs.loading import read_document
from inputs.problems import Code, InputError, Problem
from inputs.profile import AreaProfile, LoadedProfile, profile_from_document
from inputs.settings import Settings
from inputs.taxonomy import Taxonomy
from inputs.yaml_source import YamlDocument
from recommender.batch import batch_scores
from recommender.ranking import NO_EFFECT
from recommender.scoring import effective_tier, score_terms
from survey.prioritise import AreaFigures

#: Areas in the summary's top k unless ``--top`` says otherwise.
DEFAULT_TOP = 5
#: File names that batch writes itself, so no area may take them.
RESERVED = ("summary", "profiles")
#: Characters no file name may hold on Windows, macOS or Linux, and control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
#: Names Windows keeps for devices, whatever the suffix.
_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})
#: Bytes (UTF-8) kept of an area's name in its file name: a file name may have 255 bytes, and the
#: temporary file written first adds about 15 to the name with its suffix.
MAX_STEM_BYTES = 120


def safe_stem(name: str) -> str:
    """A file name (without suffix) for ``name``: no path separators or characters a file system refuses.

    Letters stay as they are (``Delområde 059`` stays readable); characters that are unsafe
    become ``_``, leading and trailing dots and spaces go, device names get a ``_``.
    """
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    stem = stem.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore").strip(" .")
    if not stem:
        return "_"
    return stem + "_" if stem.lower().split(".")[0] in _DEVICES else stem


def file_stems(names: Sequence[str], reserved: Collection[str] = RESERVED) -> list[str]:
    """One safe, distinct file name per name, in order.

    Names are distinct without regard to case (``Norr`` and ``norr`` clash on Windows and macOS):
    the second and later of a clash get ``-2``, ``-3`` ... , and so does a name batch writes
    itself (``summary``).
    """
    taken = {r.lower() for r in reserved}
    out = []
    for name in names:
        stem = base = safe_stem(name)
        n = 1
        while stem.lower() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.lower())
        out.append(stem)
    return out


# --- where the profiles come from ---------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """An area of the aggregate file that gets no plan, and why."""

    area: str
    reason: str  #: "no_suggestion" (nothing lies on the wrong side of the city) or "no_wave"


def suggested_areas(city: CityFigures, wave: int | None = None) -> tuple[list[AreaFigures], list[Skipped]]:
    """Every area's figures and suggested priorities (as ``prioritise``), and the areas left without a profile.

    ``wave`` defaults to each area's latest; an area without answers in the given wave is
    skipped, and so is an area with no suggestion (no factor on the unfavourable side of the
    rest of the city, or every figure hidden): a profile needs at least one priority.

    Raises:
        InputError: ``wave`` is not a wave of the file.
    """
    if wave is not None and wave not in city.waves:
        params = {"wave": wave, "waves": ", ".join(map(str, city.waves))}
        raise InputError([Problem(file=city.source, code=Code.COMPARE_NO_WAVE, params=params)])
    chosen, skipped = [], []
    for a, area in enumerate(city.areas):
        if wave is not None and wave not in city.waves_of(a):
            skipped.append(Skipped(area, "no_wave"))
            continue
        figures = area_figures(city, area, wave)
        if figures.suggested:
            chosen.append(figures)
        else:
            skipped.append(Skipped(area, "no_suggestion"))
    return chosen, skipped


def profiles_in_folder(folder: Path, taxonomy: Taxonomy) -> list[LoadedProfile]:
    """Every area profile (``*.yaml``, ``*.yml``) in ``folder``, in name order.

    A YAML file that a profile in the folder names under ``resources:`` is that profile's
    inventory, not a profile, and is left out (``examples/`` keeps them side by side).

    Raises:
        InputError: no profile in the folder, or every problem of every profile at once.
    """
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
    problems: list[Problem] = []
    documents: list[YamlDocument] = []
    for path in paths:
        try:
            documents.append(read_document(path))
        except InputError as exc:
            problems += exc.problems
    inventories = {
        (doc.path.parent / doc.data["resources"]).resolve()
        for doc in documents
        if isinstance(doc.data, dict) and isinstance(doc.data.get("resources"), str)
    }
    loaded = []
    for doc in documents:
        if doc.path.resolve() in inventories:
            continue
        try:
            loaded.append(profile_from_document(doc, taxonomy))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    if not loaded:
        raise InputError([Problem(file=folder, code=Code.BATCH_NO_PROFILES)])
    return loaded


# --- the top k of every area, in one pass -------------------------------------------------------


def top_programmes(
    catalogue: Catalogue,
    profiles: Sequence[AreaProfile],
    settings: Settings,
    k: int,
    uncovered: Sequence[np.ndarray | None] | None = None,
    in_place: Sequence[Collection[str]] | None = None,
) -> np.ndarray:
    """[K, k] int: the catalogue index of each area's first k recommendations, -1 where it has fewer.

    Args:
        profiles: the K area profiles.
        uncovered: per area, the [F, B] share still uncovered (its gap analysis), or None
            without an inventory (nothing covered); default None for every area.
        in_place: per area, ids of programmes already running there (never recommended).
    """
    arrays = catalogue_arrays(catalogue)
    area = profile_arrays(profiles, catalogue.taxonomy)
    n_areas = len(profiles)
    uncovered = uncovered if uncovered is not None else [None] * n_areas
    score = np.zeros((n_areas, arrays.n_programmes))
    plain = np.array([u is None for u in uncovered], dtype=bool)
    if plain.any():
        score[plain] = batch_scores(catalogue, [p for p, u in zip(profiles, uncovered, strict=True) if u is None],
                                    settings, arrays)  # fmt: skip
    if (~plain).any():
        rows = np.flatnonzero(~plain)
        terms = score_terms(
            arrays,
            area.years[rows],
            area.levels[rows],
            area.domains[rows],
            area.priority[rows],
            settings,
            np.stack([u for u in uncovered if u is not None]),
        )
        score[rows] = terms.score
    fits = (
        (arrays.years[None] & area.years[:, None, :]).any(-1)
        & (arrays.levels[None] & area.levels[:, None, :]).any(-1)
        & (arrays.domains[None] & area.domains[:, None, :]).any(-1)
    )
    running = np.zeros_like(fits)
    if in_place is not None:
        index = {pid: p for p, pid in enumerate(arrays.ids)}
        for r, ids in enumerate(in_place):  # a handful of resources per area
            running[r, [index[i] for i in ids]] = True
    eligible = fits & ~running & (score > 1e-9)
    tier = effective_tier(arrays.tier, arrays.levels, area.levels)  # [K, P]
    matched = (area.priority > 0).astype(np.int64) @ (arrays.basis > 0).T.astype(np.int64)  # [K, P]
    id_rank = np.broadcast_to(np.argsort(np.argsort(np.array(arrays.ids))), score.shape)
    # recommend()'s order, eligible first: the last key sorts first
    order = np.lexsort((id_rank, -matched, tier, -np.round(score, 9), tier == NO_EFFECT, ~eligible), axis=-1)
    top = order[:, :k]
    return np.where(np.take_along_axis(eligible, top, axis=-1), top, -1)


def brief_top_programmes(
    catalogue: Catalogue, briefs: Sequence[MeetingBrief], settings: Settings, k: int
) -> np.ndarray:
    """:func:`top_programmes` for areas whose gap analyses are done (their inventories and what runs)."""
    return top_programmes(
        catalogue,
        [b.loaded.profile for b in briefs],
        settings,
        k,
        [b.gaps.uncovered if b.inventory is not None else None for b in briefs],
        [{i.programme_id for i in b.in_place} for b in briefs],
    )


# --- the summary ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeCount:
    programme: str  #: catalogue id
    areas: tuple[str, ...]  #: the areas with it in their top k, in area order


@dataclass(frozen=True)
class FactorCount:
    factor: str
    prioritising: tuple[str, ...]  #: areas that prioritise it
    with_gap: tuple[str, ...]  #: areas with a gap in it (at least one age band with the status gap)


@dataclass(frozen=True)
class BatchSummary:
    """What every area's plan has in common: programmes in the top k, factors prioritised and with gaps."""

    k: int
    areas: list[str]  #: the areas run, in order
    files: list[str]  #: each area's file name, in the same order
    programmes: list[ProgrammeCount]  #: most areas first, then catalogue id
    factors: list[FactorCount]  #: most areas prioritising first, then taxonomy order
    without_inventory: list[str]  #: areas whose gaps were computed without an inventory
    skipped: list[Skipped] = field(default_factory=list)


def gap_factors(briefs: Sequence[MeetingBrief], taxonomy: Taxonomy) -> np.ndarray:
    """[K, F] bool: the factors in which each area has a gap (a cell whose status is gap)."""
    out = np.zeros((len(briefs), len(taxonomy.factor_ids)), dtype=bool)
    for r, brief in enumerate(briefs):  # an area's cells are its priorities x age bands: a few dozen
        for cell in brief.gaps.cells:
            if cell.status == "gap":
                out[r, taxonomy.factor_index[cell.factor]] = True
    return out


def summarise(
    catalogue: Catalogue,
    k: int,
    names: Sequence[str],
    files: Sequence[str],
    profiles: Sequence[AreaProfile],
    top: np.ndarray,
    gaps: np.ndarray,
    without_inventory: Sequence[str],
    skipped: Sequence[Skipped] = (),
) -> BatchSummary:
    """Count, over the areas, the programmes in their top ``k`` (``top``, from :func:`top_programmes`) and the factors.

    ``gaps`` is [K, F] (:func:`gap_factors`); ``names``, ``files`` and ``profiles`` are per area.
    """
    taxonomy = catalogue.taxonomy
    n_programmes = len(catalogue.programmes)
    in_top = np.zeros((len(names), n_programmes), dtype=bool)
    rows, cols = np.nonzero(top >= 0)
    in_top[rows, top[rows, cols]] = True
    ids = [p.id for p in catalogue.programmes]
    counts = in_top.sum(axis=0)
    programme_order = sorted(np.flatnonzero(counts).tolist(), key=lambda p: (-counts[p], ids[p]))
    programmes = [
        ProgrammeCount(ids[p], tuple(names[r] for r in np.flatnonzero(in_top[:, p]).tolist())) for p in programme_order
    ]
    area = profile_arrays(profiles, taxonomy)
    prioritised = area.priority > 0
    factor_counts = prioritised.sum(axis=0)
    used = np.flatnonzero(prioritised.any(axis=0) | gaps.any(axis=0)).tolist()
    factor_order = sorted(used, key=lambda f: (-factor_counts[f], f))
    factors = [
        FactorCount(
            taxonomy.factor_ids[f],
            tuple(names[r] for r in np.flatnonzero(prioritised[:, f]).tolist()),
            tuple(names[r] for r in np.flatnonzero(gaps[:, f]).tolist()),
        )
        for f in factor_order
    ]
    return BatchSummary(
        k=k,
        areas=list(names),
        files=list(files),
        programmes=programmes,
        factors=factors,
        without_inventory=list(without_inventory),
        skipped=list(skipped),
    )
