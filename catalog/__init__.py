"""The catalogue: its data files and the code that reads, checks and summarises them.

The YAML files here are the bundled data (``factors.yaml``: the CTC factor taxonomy,
``programmes.yaml``: the programme catalogue, ``evidence.yaml``: the evidence scale). The
modules merge catalogue layers (:mod:`catalog.catalogue`), compute evidence tiers
(:mod:`catalog.tiers`), turn the catalogue into arrays (:mod:`catalog.arrays`) and serve the
analysts' tools (lint, stats, diff, search). This package imports only :mod:`inputs`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def bundled_path(name: str) -> Path:
    """Path of a bundled data file, e.g. ``bundled_path("programmes.yaml")``."""
    return Path(str(files(__name__).joinpath(name)))
