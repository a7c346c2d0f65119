"""The bundled data: factor taxonomy, programme catalogue and evidence scale.

The YAML files in this folder are data, not code; this module only tells the rest of the
package where they are once installed.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def bundled_path(name: str) -> Path:
    """Path of a bundled data file, e.g. ``bundled_path("programmes.yaml")``."""
    return Path(str(files(__name__).joinpath(name)))
