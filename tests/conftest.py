"""Shared fixtures: the bundled data (loaded once) and builders for small test catalogues."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from click.testing import CliRunner

from catalog.bundled import load_evidence_scale, load_taxonomy
from catalog.catalogue import Catalogue, catalogue_from_programmes, load_catalogue
from inputs.evidence_scale import EvidenceScale
from inputs.programme import Programme
from inputs.taxonomy import Taxonomy


# ===== the catalogue cache (catalog/cache.py) ==========================================
@pytest.fixture(scope="session", autouse=True)
def _session_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests use a cache folder of their own, never the user's (commands run in subprocesses inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


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


# ===== the made-up survey (generated once per session) ====================================
@pytest.fixture(scope="session")
def synthetic_survey(tmp_path_factory: pytest.TempPathFactory, taxonomy: Taxonomy):
    """The made-up survey of ``insatsval survey synth`` (seed 1) written to a folder, and its truth."""
    from catalog.bundled import load_evidence_scale
    from inputs.codebook import read_codebook
    from render.labels import Labels
    from render.survey_writers import synth_files
    from survey.synth import EXAMPLE_CODEBOOK, generate

    folder = tmp_path_factory.mktemp("survey")
    for path, data in synth_files(folder, taxonomy, 1, 4, Labels("sv", taxonomy, load_evidence_scale())):
        path.write_bytes(data)
    made = generate(read_codebook(EXAMPLE_CODEBOOK), taxonomy, seed=1, waves=4)
    return folder, made
