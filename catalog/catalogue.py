"""Load the programme catalogue from one or more layered files.

The bundled ``catalog/programmes.yaml`` is the first layer. A department can keep its own
file and pass it with ``--catalog``: each later layer adds programmes (a new ``id``) or
overrides fields of an existing programme (same ``id``; only the fields it gives). Every
programme remembers which files it came from, and every error points at the file and
line that caused it. A catalogue that loaded cleanly is kept in a cache (:mod:`catalog.cache`),
so everyday commands need not read and check the YAML again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from catalog import bundled_path
from catalog.cache import CACHE_FORMAT, CachedCatalogue, CachedLayer, cache_key, read_entry, write_entry
from catalog.checks import check_cross_references
from catalog.tiers import ProgrammeTiers, programme_tiers
from inputs.evidence_scale import EvidenceScale
from inputs.factor_phrases import PhraseEntry, PhraseTable
from inputs.problems import Code, InputError, Problem, problems_from_validation
from inputs.programme import CatalogueInfo, CatalogueLayerFile, Programme
from inputs.taxonomy import Taxonomy
from inputs.yaml_source import LineMap, YamlDocument, duplicate_key_problems, load_yaml

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Layer:
    """One catalogue file as read."""

    path: Path
    display: str
    info: CatalogueInfo
    sha256: str
    #: the parsed file; None for a layer of a cached catalogue (see :attr:`doc`)
    parsed: YamlDocument | None
    #: wordings of this layer's factor lists that the bundled mapping table does not hold
    phrases: tuple[PhraseEntry, ...] = ()

    @cached_property
    def doc(self) -> YamlDocument:
        """The parsed file, with a line for every value.

        A catalogue served from the cache (:mod:`catalog.cache`) did not parse its files; the
        file is read again the first time a line is asked for (its bytes were the cache's key).
        """
        return self.parsed if self.parsed is not None else load_yaml(self.path)


@dataclass
class _Draft:
    """A programme record being merged, with the origin of each top-level field."""

    fields: dict[str, Any]
    origin: dict[str, tuple[int, Loc]]  # field -> (layer index, location of the record)
    layers: list[int]


@dataclass(repr=False)
class Catalogue:
    """The merged, validated catalogue with each programme's tier and origin."""

    layers: list[Layer]
    programmes: list[Programme]
    origins: dict[str, list[str]]
    tiers: dict[str, ProgrammeTiers]
    taxonomy: Taxonomy
    scale: EvidenceScale
    #: programme id -> top-level field -> (layer index, location of the record in that layer)
    field_origins: dict[str, dict[str, tuple[int, Loc]]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Catalogue(version={self.version!r}, programmes={len(self.programmes)})"

    @cached_property
    def by_id(self) -> dict[str, Programme]:
        return {p.id: p for p in self.programmes}

    @property
    def version(self) -> str:
        """The base layer's version, with each added layer's name and version appended."""
        base = self.layers[0].info.version
        extra = [f"{layer.info.name}@{layer.info.version}" for layer in self.layers[1:]]
        return "+".join([base, *extra])

    @property
    def sha256(self) -> str:
        """Hash over every layer's bytes, in order: identifies exactly what was used."""
        digest = hashlib.sha256()
        for layer in self.layers:
            digest.update(layer.sha256.encode())
        return digest.hexdigest() if len(self.layers) > 1 else self.layers[0].sha256

    def locate(self, programme_id: str, loc: Loc) -> tuple[str, int | None]:
        """File and line where ``loc`` of a programme's record was written."""
        origin = self.field_origins.get(programme_id)
        if not origin:
            return self.origin_of(programme_id), None
        return _locate(self.layers, origin, loc)

    def phrase_table(self, bundled: PhraseTable) -> PhraseTable:
        """The bundled wording table with every layer's own wordings added (later layers win)."""
        return bundled.extended([entry for layer in self.layers for entry in layer.phrases])

    def origin_of(self, programme_id: str) -> str:
        """The file that last defined or changed the programme."""
        return self.origins[programme_id][-1]


def display_path(path: Path) -> str:
    """How a catalogue file is named in outputs: bundled files by name, others as given."""
    try:
        if path.resolve() == bundled_path(path.name).resolve():
            return f"bundled:{path.name}"
    except OSError:  # pragma: no cover - unreadable paths are reported when read
        pass
    return str(path)


def read_layer(path: Path) -> tuple[Layer | None, list[Problem]]:
    """Read one catalogue file; structural problems are returned, not raised."""
    doc = load_yaml(path)
    try:
        top = CatalogueLayerFile.model_validate(doc.data)
    except ValidationError as exc:
        # Errors inside records are reported after merging, with the record's context.
        return None, problems_from_validation(exc, path, doc.line_of)
    display = display_path(path)
    layer = Layer(
        path=path, display=display, info=top.catalogue, sha256=doc.sha256, parsed=doc, phrases=tuple(top.factor_phrases)
    )
    return layer, duplicate_key_problems(doc, display)


def _merge(layers: Sequence[Layer]) -> tuple[dict[str, _Draft], list[str], list[Problem]]:
    drafts: dict[str, _Draft] = {}
    order: list[str] = []
    problems: list[Problem] = []
    for li, layer in enumerate(layers):
        seen_here: dict[str, int] = {}
        for ri, record in enumerate(layer.doc.data.get("programmes") or []):
            loc: Loc = ("programmes", ri)
            pid = record.get("id") if isinstance(record, dict) else None
            if not isinstance(record, dict) or not isinstance(pid, str):
                problems.append(
                    Problem(file=layer.display, line=layer.doc.line_of(loc), code=Code.RECORD_WITHOUT_ID, loc=loc)
                )
                continue
            if pid in seen_here:
                problems.append(
                    Problem(
                        file=layer.display,
                        line=layer.doc.line_of(loc + ("id",)),
                        code=Code.DUPLICATE_ID,
                        params={"id": pid, "first_line": layer.doc.line_of(("programmes", seen_here[pid]))},
                        loc=loc + ("id",),
                    )
                )
                continue
            seen_here[pid] = ri
            draft = drafts.get(pid)
            if draft is None:
                draft = drafts[pid] = _Draft(fields={}, origin={}, layers=[])
                order.append(pid)
            for key, value in record.items():
                draft.fields[key] = value
                draft.origin[key] = (li, loc)
            draft.layers.append(li)
    return drafts, order, problems


def _locate(layers: Sequence[Layer], origin: dict[str, tuple[int, Loc]], loc: Loc) -> tuple[str, int | None]:
    """File and line of ``loc`` inside a merged record, from the layer that set that field."""
    key = loc[0] if loc and isinstance(loc[0], str) and loc[0] in origin else "id"
    li, record_loc = origin[key]
    layer = layers[li]
    return layer.display, layer.doc.line_of(record_loc + tuple(loc))


def build_catalogue(
    paths: Sequence[Path], taxonomy: Taxonomy, scale: EvidenceScale
) -> tuple[Catalogue | None, list[Problem]]:
    """Read, merge and check catalogue layers; return the catalogue and all problems.

    The catalogue is None when any layer could not be read structurally. Problems in
    individual records leave those records out, so a lint run reports every problem.
    """
    layers: list[Layer] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            layer, layer_problems = read_layer(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(layer_problems)
        if layer is not None:
            layers.append(layer)
    if problems or not layers:
        return None, problems

    drafts, order, merge_problems = _merge(layers)
    problems.extend(merge_problems)
    programmes: list[Programme] = []
    origins: dict[str, list[str]] = {}
    for pid in order:
        draft = drafts[pid]

        def resolve(loc: Loc, origin: dict[str, tuple[int, Loc]] = draft.origin) -> tuple[str, int | None]:
            return _locate(layers, origin, loc)

        try:
            programme = Programme.model_validate(draft.fields)
        except ValidationError as exc:
            for problem in problems_from_validation(exc, None, lambda loc: None):
                file, line = resolve(problem.loc)
                problems.append(
                    Problem(
                        file=file,
                        line=line,
                        code=problem.code,
                        params={**problem.params, "id": pid},
                        loc=problem.loc,
                    )
                )
            continue
        for problem in check_cross_references(programme, taxonomy, scale):
            file, line = resolve(problem.loc)
            problems.append(
                Problem(file=file, line=line, code=problem.code, params={**problem.params, "id": pid}, loc=problem.loc)
            )
        programmes.append(programme)
        origins[pid] = [layers[li].display for li in draft.layers]
    tiers = {p.id: programme_tiers(p, scale) for p in programmes}
    catalogue = Catalogue(
        layers=layers,
        programmes=programmes,
        origins=origins,
        tiers=tiers,
        taxonomy=taxonomy,
        scale=scale,
        field_origins={pid: drafts[pid].origin for pid in origins},
    )
    return catalogue, problems


def load_catalogue(
    extra: Sequence[Path] = (),
    taxonomy: Taxonomy | None = None,
    scale: EvidenceScale | None = None,
    include_bundled: bool = True,
) -> Catalogue:
    """Load the catalogue for everyday commands: bundled file first, then ``extra`` layers.

    With the bundled taxonomy and evidence scale (``taxonomy`` and ``scale`` not given), a
    catalogue loaded before from exactly the same files by the same code comes from the cache
    of :mod:`catalog.cache`, equal to what reading the files gives.

    Raises:
        InputError: any layer has a problem; every problem found is reported at once.
    """
    from catalog.bundled import bundled_catalogue_path, load_evidence_scale, load_taxonomy

    paths = ([bundled_catalogue_path()] if include_bundled else []) + list(extra)
    if not paths:
        raise InputError([Problem(file=None, code=Code.NO_CATALOGUE)])
    # Only catalogues checked against the bundled taxonomy and scale are cached: those are keyed by file.
    key = cache_key(paths) if taxonomy is None and scale is None else None
    entry = read_entry(key) if key is not None else None
    if entry is not None:
        return from_cache(entry)
    taxonomy = taxonomy or load_taxonomy()
    scale = scale or load_evidence_scale()
    catalogue, problems = build_catalogue(paths, taxonomy, scale)
    if problems or catalogue is None:
        raise InputError(problems)
    if key is not None:
        write_entry(to_cache(catalogue, key))
    return catalogue


def to_cache(catalogue: Catalogue, key: str) -> CachedCatalogue:
    """The stored form of a catalogue that loaded without problems."""
    return CachedCatalogue(
        format=CACHE_FORMAT,
        key=key,
        taxonomy=catalogue.taxonomy,
        scale=catalogue.scale,
        layers=[
            CachedLayer(
                path=str(layer.path),
                display=layer.display,
                info=layer.info,
                sha256=layer.sha256,
                phrases=list(layer.phrases),
            )
            for layer in catalogue.layers
        ],
        programmes=catalogue.programmes,
        origins=catalogue.origins,
        field_origins={
            pid: {name: (li, list(loc)) for name, (li, loc) in fields.items()}
            for pid, fields in catalogue.field_origins.items()
        },
    )


def from_cache(entry: CachedCatalogue) -> Catalogue:
    """The catalogue a cache entry holds; equal to the one :func:`build_catalogue` built."""
    layers = [
        Layer(
            path=Path(layer.path),
            display=layer.display,
            info=layer.info,
            sha256=layer.sha256,
            parsed=None,
            phrases=tuple(layer.phrases),
        )
        for layer in entry.layers
    ]
    return Catalogue(
        layers=layers,
        programmes=entry.programmes,
        origins=entry.origins,
        tiers={p.id: programme_tiers(p, entry.scale) for p in entry.programmes},
        taxonomy=entry.taxonomy,
        scale=entry.scale,
        field_origins={
            pid: {name: (li, tuple(loc)) for name, (li, loc) in fields.items()}
            for pid, fields in entry.field_origins.items()
        },
    )


def catalogue_from_programmes(
    programmes: Sequence[Programme],
    taxonomy: Taxonomy,
    scale: EvidenceScale,
    name: str = "in-memory",
) -> Catalogue:
    """A catalogue built from programme objects, e.g. to try a hypothetical programme.

    Cross-reference problems (unknown factor ids, labels) raise :class:`InputError`.
    """
    problems = [p for programme in programmes for p in check_cross_references(programme, taxonomy, scale)]
    if problems:
        raise InputError(problems)
    info = CatalogueInfo(name=name, version="0")
    text = "\n".join(p.model_dump_json() for p in programmes)
    digest = hashlib.sha256(text.encode()).hexdigest()
    layer = Layer(
        path=Path(f"<{name}>"),
        display=f"<{name}>",
        info=info,
        sha256=digest,
        parsed=YamlDocument(path=Path(f"<{name}>"), data={}, lines=LineMap(), text=text, sha256=digest),
    )
    return Catalogue(
        layers=[layer],
        programmes=list(programmes),
        origins={p.id: [layer.display] for p in programmes},
        tiers={p.id: programme_tiers(p, scale) for p in programmes},
        taxonomy=taxonomy,
        scale=scale,
    )
