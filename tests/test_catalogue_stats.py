"""``catalog stats``: counts per factor, thin and missing coverage."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import CliRunner

from catalog.catalogue import Catalogue
from catalog.stats import factor_stats
from cli import cli
from tests.builders import make_programme


def test_counts_by_level_band_and_domain(build_catalogue: Callable[..., Catalogue]) -> None:
    catalogue = build_catalogue(
        make_programme("a", factors=["family_conflict"], ages=(10, 12), levels=["universal"]),
        make_programme(
            "b", factors=["family_conflict", "academic_failure"], ages=(13, 15), levels=["selective"], ratings=[]
        ),
    )
    stats = {s.factor: s for s in factor_stats(catalogue)}
    conflict = stats["family_conflict"]
    assert conflict.programmes == 2 and conflict.good_or_better == 1
    assert conflict.by_level == {"universal": 1, "selective": 1, "indicated": 0}
    assert conflict.by_band["middle_primary"] == 1 and conflict.by_band["lower_secondary"] == 1
    assert conflict.by_domain["family"] == 2
    assert conflict.status == "thin"  # fewer than 3
    assert stats["academic_failure"].status == "thin"  # and no good evidence
    assert stats["religiosity"].status == "none" and stats["religiosity"].programme_ids == []
    assert "infancy" in conflict.empty_bands


def test_thin_threshold_is_configurable(build_catalogue: Callable[..., Catalogue]) -> None:
    catalogue = build_catalogue(make_programme("a"))
    assert {s.factor: s for s in factor_stats(catalogue, thin_below=1)}["family_conflict"].status == "ok"


def test_json_reports_every_taxonomy_factor(catalogue: Catalogue) -> None:
    result = CliRunner().invoke(cli, ["catalog", "stats", "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [f["factor"] for f in doc["factors"]] == catalogue.taxonomy.factor_ids
    assert doc["programmes"] == len(catalogue.programmes)
    assert set(doc["uncovered"]) <= {"religiosity", "parental_attitudes_favourable_to_antisocial_behaviour"}


def test_bundled_catalogue_covers_the_taxonomy(catalogue: Catalogue) -> None:
    # factors no tested programme is known to target are documented in docs/catalogue.md
    uncovered = {s.factor for s in factor_stats(catalogue) if s.status == "none"}
    assert uncovered == {"religiosity"}


def test_table_names_thin_and_missing_factors() -> None:
    out = CliRunner().invoke(cli, ["catalog", "stats", "--lang", "en"]).stdout
    assert "No programme targets: " in out and "Religiosity" in out and "Thinly covered: " in out
