"""insatsval's recommender: catalogue, taxonomy, profiles, scoring and ranking.

Use it from a notebook the way the CLI does::

    from pathlib import Path
    from recommender import load_taxonomy, load_catalogue, load_profile, recommend

    taxonomy = load_taxonomy()
    catalogue = load_catalogue(taxonomy=taxonomy)
    loaded = load_profile(Path("examples/familj-10-15.yaml"), taxonomy)
    result = recommend(catalogue, loaded.profile, top=5)
    for rec in result.recommendations:
        print(rec.rank, rec.programme.name, round(rec.score, 1))
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("insatsval")
except PackageNotFoundError:  # pragma: no cover - running from a tree that was never installed
    __version__ = "0+unknown"

from recommender.catalogue import Catalogue, load_catalogue
from recommender.errors import InputError, Problem
from recommender.evidence import load_evidence_scale
from recommender.profile import AreaProfile, load_profile
from recommender.ranking import Recommendation, RecommendationResult, recommend
from recommender.taxonomy import Taxonomy, load_taxonomy
from recommender.weights import ScoringWeights, load_weights

__all__ = [
    "AreaProfile",
    "Catalogue",
    "InputError",
    "Problem",
    "Recommendation",
    "RecommendationResult",
    "ScoringWeights",
    "Taxonomy",
    "__version__",
    "load_catalogue",
    "load_evidence_scale",
    "load_profile",
    "load_taxonomy",
    "load_weights",
    "recommend",
]
