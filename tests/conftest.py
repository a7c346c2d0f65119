"""Shared fixtures: the bundled data (loaded once) and builders for small test catalogues."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner

from catalog.bundled import load_evidence_scale, load_taxonomy
from catalog.catalogue import Catalogue, catalogue_from_programmes, load_catalogue
from inputs.evidence_scale import EvidenceScale
from inputs.programme import Programme
from inputs.taxonomy import Taxonomy


# ===== bundled data =====================================================================
@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="session")
def scale() -> EvidenceScale:
    return load_evidence_scale()


@pytest.fixture(scope="session")
def catalogue(taxonomy: Taxonomy, scale: EvidenceScale) -> Catalogue:
    return load_catalogue(taxonomy=taxonomy, scale=scale)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def build_catalogue(taxonomy: Taxonomy, scale: EvidenceScale) -> Callable[..., Catalogue]:
    """Build an in-memory catalogue from programme objects."""

    def build(*programmes: Programme) -> Catalogue:
        return catalogue_from_programmes(list(programmes), taxonomy, scale)

    return build
