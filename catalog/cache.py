"""A cache of the validated catalogue, so that everyday commands need not parse and check YAML.

Reading the bundled ``programmes.yaml`` with a line for every value and validating every record
took more than a quarter of an ``insatsval recommend`` run (docs/performance.md). A catalogue that
loaded without a single problem is therefore stored as the JSON of its validated models, and
the next run reads it back with one pydantic validation pass: the stored file is checked like
any input, and nothing in it is ever executed (no pickle).

It never serves stale data. An entry is found by a key, the SHA-256 over

* the cache format, and the Python, pydantic, pydantic-core and PyYAML versions;
* the source of every module in ``inputs/`` and ``catalog/`` (the models and checks that
  built the catalogue);
* the bundled taxonomy, evidence scale and wording table, and every catalogue layer's path
  (as given and resolved) and bytes;

so a changed file or a changed program gives a new key, and the old entry is never read again.
A catalogue with problems is never stored, so errors keep their files and lines.

Where: ``$XDG_CACHE_HOME/insatsval``, or ``~/.cache/insatsval``. ``INSATSVAL_NO_CACHE=1``
turns it off. Entries are written atomically (a temporary file, then a rename); an entry that
cannot be read or does not validate is ignored and replaced, and a cache folder that cannot be
written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from catalog import bundled_path
from inputs.evidence_scale import EvidenceScale
from inputs.factor_phrases import PhraseEntry
from inputs.programme import CatalogueInfo, Programme
from inputs.taxonomy import Taxonomy

#: Raise when the stored layout changes; older entries then simply stop matching.
CACHE_FORMAT = 1
#: Entries kept; older ones are removed when a new one is written.
KEEP_ENTRIES = 8
#: The bundled files every catalogue is checked against (their bytes are part of every key).
BUNDLED_INPUTS = ("factors.yaml", "evidence.yaml", "factor_phrases.yaml")
#: The packages whose code builds the catalogue (their source is part of every key).
CODE_PACKAGES = ("inputs", "catalog")
DISABLE_VARIABLE = "INSATSVAL_NO_CACHE"

Loc = list[str | int]


class CachedLayer(BaseModel):
    """One catalogue layer as read: everything :class:`catalog.catalogue.Layer` holds but the parsed YAML."""

    model_config = ConfigDict(extra="forbid")

    path: str
    display: str
    info: CatalogueInfo
    sha256: str
    phrases: list[PhraseEntry]


class CachedCatalogue(BaseModel):
    """The stored form of a catalogue that loaded cleanly (tiers are recomputed: they are cheap)."""

    model_config = ConfigDict(extra="forbid")

    format: int
    key: str
    taxonomy: Taxonomy
    scale: EvidenceScale
    layers: list[CachedLayer]
    programmes: list[Programme]
    origins: dict[str, list[str]]
    #: programme id -> top-level field -> (layer index, location of the record in that layer)
    field_origins: dict[str, dict[str, tuple[int, Loc]]]


def cache_dir() -> Path | None:
    """The folder entries live in, or None when caching is turned off."""
    if os.environ.get(DISABLE_VARIABLE, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "insatsval"


def _code_fingerprint() -> bytes:
    """SHA-256 over the source of the modules that read, validate and merge catalogues."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    found = 0
    for package in CODE_PACKAGES:
        for path in sorted((root / package).glob("*.py")):
            digest.update(f"{package}/{path.name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
            found += 1
    if not found:  # pragma: no cover - an installation without sources: no safe key
        raise OSError("no source files to fingerprint")
    return digest.digest()


def cache_key(paths: Sequence[Path]) -> str | None:
    """The key of the catalogue built from ``paths`` (bundled taxonomy and scale), or None.

    None when caching is off or a file cannot be read (the normal loading then reports it).
    """
    if cache_dir() is None:
        return None
    import pydantic
    import pydantic_core
    import yaml

    digest = hashlib.sha256()
    digest.update(f"format {CACHE_FORMAT}; python {sys.version}; pydantic {pydantic.VERSION}\0".encode())
    digest.update(f"pydantic-core {pydantic_core.__version__}\0".encode())
    digest.update(f"PyYAML {yaml.__version__} libyaml {yaml.__with_libyaml__}\0".encode())
    try:
        digest.update(_code_fingerprint())
        for name in BUNDLED_INPUTS:
            digest.update(hashlib.sha256(bundled_path(name).read_bytes()).digest())
        for path in paths:
            digest.update(f"{path}\0{path.resolve()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _entry(folder: Path, key: str) -> Path:
    return folder / f"catalogue-{key[:40]}.json"


def read_entry(key: str) -> CachedCatalogue | None:
    """The stored catalogue for ``key``; None when there is none, or it is unreadable or invalid."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = CachedCatalogue.model_validate_json(_entry(folder, key).read_bytes())
    except (OSError, ValueError, ValidationError):
        return None
    if entry.key != key or entry.format != CACHE_FORMAT:
        return None
    return entry


def write_entry(entry: CachedCatalogue) -> None:
    """Store ``entry`` atomically; any trouble (read-only home, full disk) leaves the cache unused."""
    folder = cache_dir()
    if folder is None:
        return
    target = _entry(folder, entry.key)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".catalogue-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(entry.model_dump_json().encode("utf-8"))
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(folder, keep=target)
    except OSError:
        return


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the newest :data:`KEEP_ENTRIES` entries (never ``keep``)."""
    entries = sorted(folder.glob("catalogue-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        if old != keep:
            old.unlink(missing_ok=True)
