"""The sentences that explain a recommendation say what the data says."""

from __future__ import annotations

from collections.abc import Callable

from catalog.catalogue import Catalogue
from recommender.ranking import recommend
from render.explain import explanation_lines, factor_parts
from render.labels import Labels
from tests.builders import make_profile, make_programme


def test_listed_and_mapped_tags_are_named_as_such(build_catalogue: Callable[..., Catalogue]) -> None:
    catalogue = build_catalogue(
        make_programme("p", factors=[("family_conflict", "listed"), ("poor_family_management", "mapped")])
    )
    (rec,) = recommend(catalogue, make_profile(factors=["family_conflict", "poor_family_management"])).recommendations
    for lang in ("sv", "en"):
        L = Labels(lang, catalogue.taxonomy, catalogue.scale)
        parts = dict(zip([c.factor for c in rec.contributions], factor_parts(rec, L), strict=True))
        assert parts["family_conflict"].endswith(f"({L('basis_listed')})")
        assert parts["poor_family_management"].endswith(f"({L('basis_mapped')})")
        lines = dict(explanation_lines(rec, catalogue, "10-15", L))
        assert L("basis_listed") in lines[L("why_factors")] and L("basis_mapped") in lines[L("why_factors")]
