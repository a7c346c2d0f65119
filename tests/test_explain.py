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


def test_a_programme_from_a_local_catalogue_file_names_that_file(tmp_path) -> None:
    """A team can see which recommendations rest on their own catalogue file rather than the bundled one."""
    from catalog.catalogue import load_catalogue
    from tests.builders import programme_record, write_yaml

    local = write_yaml(
        tmp_path / "lokal.yaml",
        {
            "schema_version": 2,
            "catalogue": {"name": "Malmö", "version": "1"},
            "programmes": [programme_record("lokal_insats", factors=["family_conflict"])],
        },
    )
    catalogue = load_catalogue([local])
    recs = {r.programme.id: r for r in recommend(catalogue, make_profile(factors=["family_conflict"])).recommendations}
    bundled = next(r for pid, r in recs.items() if pid != "lokal_insats")
    for lang in ("sv", "en"):
        L = Labels(lang, catalogue.taxonomy, catalogue.scale)
        local_lines = dict(explanation_lines(recs["lokal_insats"], catalogue, "10-15", L))
        assert local_lines[L("why_origin")] == str(local)
        assert L("why_origin") not in dict(explanation_lines(bundled, catalogue, "10-15", L))
