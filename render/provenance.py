"""What a result was computed from: tool version, catalogue layers, input files and their hashes, settings.

Hashes are those computed when each file was read, so a result names exactly the bytes it used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalog.catalogue import Catalogue
from inputs.inventory import LoadedInventory
from inputs.profile import LoadedProfile
from inputs.settings import Settings
from recommender import __version__

#: Version of the JSON documents insatsval writes. Raise it when a key changes meaning.
SCHEMA_VERSION = 1


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
        "sha256": loaded.doc.sha256,
        "ages": {"min": profile.ages.min, "max": profile.ages.max},
        "levels": list(profile.levels),
        "domains": list(profile.domains),
        "priorities": [
            {"rank": i + 1, "factor": p.factor, "weight": round(float(w), 6)}
            for i, (p, w) in enumerate(zip(profile.priorities, profile.weights(), strict=True))
        ],
    }


def inventory_info(inventory: LoadedInventory | None, resources: int) -> dict[str, Any] | None:
    """The ``inventory`` block: file, hash and how many resources it held (None without one)."""
    if inventory is None:
        return None
    info: dict[str, Any] = {"file": str(inventory.path), "sha256": inventory.sha256, "resources": resources}
    info["encoding"] = inventory.encoding
    if inventory.header_row is not None:
        info["header_row"] = inventory.header_row
    return info


def tool_info() -> dict[str, str]:
    return {"name": "insatsval", "version": __version__}


def settings_info(settings: Settings, path: Path | None) -> dict[str, Any]:
    """The ``weights`` block (the key predates the settings name and stays for readers of old files)."""
    return {"file": str(path) if path else None, "values": settings.model_dump(mode="json")}
