"""The bundled taxonomy and evidence scale, loaded from this package's data files."""

from __future__ import annotations

from pathlib import Path

from catalog import bundled_path
from inputs.evidence_scale import EvidenceScale, read_evidence_scale
from inputs.factor_phrases import PhraseTable, read_phrase_table
from inputs.taxonomy import Taxonomy, read_taxonomy


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The factor taxonomy at ``path``, or the bundled ``catalog/factors.yaml``."""
    return read_taxonomy(path or bundled_path("factors.yaml"))


def load_evidence_scale(path: Path | None = None) -> EvidenceScale:
    """The evidence scale at ``path``, or the bundled ``catalog/evidence.yaml``."""
    return read_evidence_scale(path or bundled_path("evidence.yaml"))


def load_phrase_table(path: Path | None = None) -> PhraseTable:
    """The factor-wording mapping table at ``path``, or the bundled ``catalog/factor_phrases.yaml``."""
    return read_phrase_table(path or bundled_path("factor_phrases.yaml"))


def bundled_catalogue_path() -> Path:
    """Path of the bundled programme catalogue."""
    return bundled_path("programmes.yaml")
