"""What a result was computed from: tool version, catalogue layers, input files, weights."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from recommender import __version__
from recommender.catalogue import Catalogue
from recommender.profile import LoadedProfile
from recommender.weights import ScoringWeights

#: Version of the JSON documents insatsval writes. Raise it when a key changes meaning.
SCHEMA_VERSION = 1


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def catalogue_info(catalogue: Catalogue) -> dict[str, Any]:
    """The ``catalogue`` block of JSON outputs."""
    return {
        "version": catalogue.version,
        "sha256": catalogue.sha256,
        "programmes": len(catalogue.programmes),
        "files": [
            {"file": layer.display, "name": layer.info.name, "version": layer.info.version, "sha256": layer.sha256}
            for layer in catalogue.layers
        ],
    }


def profile_info(loaded: LoadedProfile) -> dict[str, Any]:
    """The ``profile`` block of JSON outputs: the inputs that shaped the result."""
    profile = loaded.profile
    return {
        "file": str(loaded.path),
        "sha256": hashlib.sha256(loaded.doc.text.encode("utf-8")).hexdigest(),
        "ages": {"min": profile.ages.min, "max": profile.ages.max},
        "levels": list(profile.levels),
        "domains": list(profile.domains),
        "priorities": [
            {"rank": i + 1, "factor": p.factor, "weight": round(float(w), 6)}
            for i, (p, w) in enumerate(zip(profile.priorities, profile.weights(), strict=True))
        ],
    }


def tool_info() -> dict[str, str]:
    return {"name": "insatsval", "version": __version__}


def weights_info(weights: ScoringWeights, path: Path | None) -> dict[str, Any]:
    return {"file": str(path) if path else None, "values": weights.model_dump(mode="json")}
