"""The catalogue cache: what it serves equals a fresh load, and it never serves anything stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from catalog import cache
from catalog.catalogue import Catalogue, build_catalogue, load_catalogue
from inputs.evidence_scale import EvidenceScale
from inputs.problems import Code, InputError
from inputs.taxonomy import Taxonomy
from tests.builders import programme_record, write_yaml


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(cache.DISABLE_VARIABLE, raising=False)
    return tmp_path / "xdg" / "insatsval"


def layer(path: Path, *ids: str, name: str = "local", version: str = "1") -> Path:
    records = [programme_record(pid) for pid in ids]
    return write_yaml(
        path, {"schema_version": 2, "catalogue": {"name": name, "version": version}, "programmes": records}
    )


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalogue-*.json"))


def same(a: Catalogue, b: Catalogue) -> bool:
    def layers(c: Catalogue) -> list[object]:
        return [(x.path, x.display, x.info, x.sha256, x.phrases) for x in c.layers]

    return (
        a.programmes == b.programmes
        and a.origins == b.origins
        and a.field_origins == b.field_origins
        and a.tiers == b.tiers
        and a.taxonomy == b.taxonomy
        and a.scale == b.scale
        and layers(a) == layers(b)
        and (a.version, a.sha256) == (b.version, b.sha256)
    )


def test_the_bundled_catalogue_from_the_cache_equals_a_fresh_load(
    folder: Path, taxonomy: Taxonomy, scale: EvidenceScale
) -> None:
    first = load_catalogue()  # built from YAML, then stored
    assert len(entries(folder)) == 1
    second = load_catalogue()  # served from the cache
    assert all(layer.parsed is None for layer in second.layers)
    fresh, problems = build_catalogue([first.layers[0].path], taxonomy, scale)
    assert not problems and fresh is not None
    assert same(first, second) and same(second, fresh)


def test_lines_of_a_cached_catalogue_are_read_again_when_asked_for(folder: Path, tmp_path: Path) -> None:
    path = layer(tmp_path / "local.yaml", "alpha", "beta")
    fresh = load_catalogue([path], include_bundled=False)
    cached = load_catalogue([path], include_bundled=False)
    assert cached.layers[0].parsed is None
    assert cached.locate("beta", ("ages", "min")) == fresh.locate("beta", ("ages", "min"))
    assert cached.locate("beta", ("ages", "min"))[1] is not None


def test_a_changed_layer_is_read_again_not_served_stale(folder: Path, tmp_path: Path) -> None:
    path = layer(tmp_path / "local.yaml", "alpha")
    assert [p.id for p in load_catalogue([path], include_bundled=False).programmes] == ["alpha"]
    layer(path, "alpha", "beta", version="2")  # same file name, new bytes: a new key
    changed = load_catalogue([path], include_bundled=False)
    assert [p.id for p in changed.programmes] == ["alpha", "beta"]
    assert changed.version == "2"
    assert len(entries(folder)) == 2


def test_the_key_covers_every_input_and_the_code(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = layer(tmp_path / "a.yaml", "alpha"), layer(tmp_path / "b.yaml", "beta")
    key = cache.cache_key([a, b])
    assert key is not None and key == cache.cache_key([a, b])
    assert cache.cache_key([b, a]) != key  # order of the layers
    assert cache.cache_key([a]) != key
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    assert cache.cache_key([a, b]) != key
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    source = tmp_path / "fake_root"
    for package in cache.CODE_PACKAGES:
        (source / package).mkdir(parents=True)
        (source / package / "x.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "__file__", str(source / "catalog" / "cache.py"))
    assert cache.cache_key([a, b]) != key  # the code that builds catalogues changed


def test_a_corrupt_entry_is_ignored_and_replaced(folder: Path, tmp_path: Path) -> None:
    path = layer(tmp_path / "local.yaml", "alpha")
    load_catalogue([path], include_bundled=False)
    (entry,) = entries(folder)
    for garbage in (b"", b"{not json", b'{"format": 1}', entry.read_bytes()[:-20]):
        entry.write_bytes(garbage)
        assert [p.id for p in load_catalogue([path], include_bundled=False).programmes] == ["alpha"]
        assert cache.read_entry(cache.cache_key([path]) or "") is not None  # replaced by a good one


def test_an_entry_under_the_wrong_name_is_not_served(folder: Path, tmp_path: Path) -> None:
    a, b = layer(tmp_path / "a.yaml", "alpha"), layer(tmp_path / "b.yaml", "beta")
    load_catalogue([a], include_bundled=False)
    (entry,) = entries(folder)
    key_b = cache.cache_key([b])
    assert key_b is not None
    entry.rename(folder / f"catalogue-{key_b[:40]}.json")  # a's catalogue where b's would be
    assert [p.id for p in load_catalogue([b], include_bundled=False).programmes] == ["beta"]


def test_the_cache_can_be_turned_off(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = layer(tmp_path / "local.yaml", "alpha")
    monkeypatch.setenv(cache.DISABLE_VARIABLE, "1")
    assert cache.cache_key([path]) is None
    load_catalogue([path], include_bundled=False)
    assert not folder.exists()


def test_a_catalogue_with_problems_is_never_stored_and_keeps_its_lines(folder: Path, tmp_path: Path) -> None:
    record = programme_record("alpha")
    record["ages"]["min"] = 12
    record["ages"]["max"] = 9
    path = write_yaml(
        tmp_path / "bad.yaml", {"schema_version": 2, "catalogue": {"name": "x", "version": "1"}, "programmes": [record]}
    )
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            load_catalogue([path], include_bundled=False)
        (problem,) = caught.value.problems
        assert problem.file == str(path) and problem.line is not None
        assert problem.code in (Code.SCHEMA, Code.AGE_ORDER)
    assert entries(folder) == []


def test_a_cache_folder_that_cannot_be_written_is_not_used(folder: Path, tmp_path: Path) -> None:
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the folder should be", encoding="utf-8")
    path = layer(tmp_path / "local.yaml", "alpha")
    assert [p.id for p in load_catalogue([path], include_bundled=False).programmes] == ["alpha"]
    assert [p.id for p in load_catalogue([path], include_bundled=False).programmes] == ["alpha"]


def test_old_entries_are_pruned(folder: Path, tmp_path: Path) -> None:
    for i in range(cache.KEEP_ENTRIES + 3):
        path = layer(tmp_path / f"layer{i}.yaml", "alpha", version=str(i))
        load_catalogue([path], include_bundled=False)
        stamp = 1_000_000 + i  # distinct modification times, oldest first
        for entry in entries(folder):
            if os.stat(entry).st_mtime > 2_000_000:
                os.utime(entry, (stamp, stamp))
    assert len(entries(folder)) == cache.KEEP_ENTRIES
    assert load_catalogue([path], include_bundled=False).version == str(cache.KEEP_ENTRIES + 2)
