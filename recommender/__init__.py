"""insatsval's recommender: score and rank the catalogue's programmes for an area profile.

Use it from a notebook the way the CLI does::

    from pathlib import Path
    from recommender import load_taxonomy, load_catalogue, load_profile, recommend

    taxonomy = load_taxonomy()
    catalogue = load_catalogue(taxonomy=taxonomy)
    loaded = load_profile(Path("examples/familj-10-15.yaml"), taxonomy)
    result = recommend(catalogue, loaded.profile, top=5)
    for rec in result.recommendations:
        print(rec.rank, rec.programme.name, round(rec.score, 1))

The names below are the library's public entry points, gathered from the packages that own
them (:mod:`inputs`, :mod:`catalog` and this one).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("insatsval")
except PackageNotFoundError:  # pragma: no cover - running from a tree that was never installed
    __version__ = "0+unknown"

from catalog.bundled import load_evidence_scale, load_taxonomy
from catalog.catalogue import Catalogue, load_catalogue
from inputs.problems import InputError, Problem
from inputs.profile import AreaProfile, load_profile
from inputs.settings import Settings, load_settings
from inputs.taxonomy import Taxonomy
from recommender.ranking import Recommendation, RecommendationResult, recommend

__all__ = [
    "AreaProfile",
    "Catalogue",
    "InputError",
    "Problem",
    "Recommendation",
    "RecommendationResult",
    "Settings",
    "Taxonomy",
    "__version__",
    "load_catalogue",
    "load_evidence_scale",
    "load_profile",
    "load_settings",
    "load_taxonomy",
    "recommend",
]
