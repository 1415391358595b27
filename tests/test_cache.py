"""The fast path: shipped files validated once, then read from the cache until they or the code change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from achats_durables.core import cache
from achats_durables.core.errors import FactorError
from achats_durables.knowledge import factors, mapping
from achats_durables.knowledge.factors import load_factor_set, load_factor_sets, shipped_factors_dir
from achats_durables.knowledge.mapping import load_mapping_rules


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACHATS_CACHE_DIR", str(folder))
    return folder


def _refuse_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("read again instead of the cache")

    monkeypatch.setattr(factors, "_read_factor_set", refuse)
    monkeypatch.setattr(factors, "_read_price_index", refuse)
    monkeypatch.setattr(mapping, "_read_mapping_file", refuse)


def test_shipped_files_are_read_once_then_from_the_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_sets, first_rules = load_factor_sets(), load_mapping_rules()
    factors.load_price_index()
    shipped = len(list(shipped_factors_dir().glob("*.yaml")))
    shipped += len(list((shipped_factors_dir() / "mappings").glob("*.yaml"))) + 1
    assert len(list(cache_dir.glob("*.pickle"))) == shipped
    _refuse_reading(monkeypatch)
    assert load_factor_sets() == first_sets
    again = load_mapping_rules()
    assert again == first_rules
    assert [r.patterns.keys() for r in again.rules] == [
        r.patterns.keys() for r in first_rules.rules
    ]
    factors.load_price_index()


def test_user_files_are_never_cached(cache_dir: Path, tmp_path: Path) -> None:
    own = tmp_path / "jeu.yaml"
    shutil.copy(shipped_factors_dir() / "ademe-base-carbone-v23.6-dechets.yaml", own)
    assert load_factor_set(own).factors
    assert not cache_dir.exists()
    own.write_text("id: x\nfactors: oui\n", encoding="utf-8")
    with pytest.raises(FactorError):
        load_factor_set(own)


def test_a_code_change_reads_again_and_replaces_the_entry(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shipped_factors_dir() / "ademe-base-carbone-v23.6-physiques.yaml"
    load_factor_set(path)
    (before,) = cache_dir.glob("*.pickle")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "autre version")
    calls: list[Path] = []
    read = factors._read_factor_set

    def counted(p: Path, digest: str) -> factors.FactorSet:
        calls.append(p)
        return read(p, digest)

    monkeypatch.setattr(factors, "_read_factor_set", counted)
    load_factor_set(path)
    assert calls == [path]
    (after,) = cache_dir.glob("*.pickle")
    assert after != before


def test_a_damaged_or_unwritable_cache_is_ignored(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shipped_factors_dir() / "ademe-base-carbone-v23.6-physiques.yaml"
    expected = load_factor_set(path)
    (entry,) = cache_dir.glob("*.pickle")
    entry.write_bytes(b"pas un pickle")
    assert load_factor_set(path) == expected
    blocked = cache_dir.parent / "fichier"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ACHATS_CACHE_DIR", str(blocked / "cache"))
    assert load_factor_set(path) == expected


def test_an_empty_cache_dir_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACHATS_CACHE_DIR", "")
    assert cache.cache_dir() is None
    monkeypatch.delenv("ACHATS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "achats-durables"


def test_a_corrupt_entry_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any unreadable entry (here truncated pickle bytes) is ignored and rebuilt, never an error."""
    monkeypatch.setenv("ACHATS_CACHE_DIR", str(tmp_path))
    source = tmp_path / "f.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"x": 1}

    assert cache.cached("t", source, "abc", dict, build) == {"x": 1}
    (entry,) = tmp_path.glob("*.pickle")
    entry.write_bytes(b"\x80\x05\x95garbage")
    assert cache.cached("t", source, "abc", dict, build) == {"x": 1}
    assert len(calls) == 2
