"""The disk cache: an entry is trusted only for its own key and only when it is whole."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from docgen import diskcache, i18n
from docgen.i18n import translate


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(diskcache.CACHE_ENV, str(folder))
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.bin"))


def test_an_entry_is_read_back_under_its_key(cache: Path) -> None:
    diskcache.store("things", "key 1", b"content")
    assert diskcache.load("things", "key 1") == b"content"
    assert diskcache.load("things", "key 2") is None
    assert diskcache.load("other", "key 1") is None
    assert [p.name for p in cache.rglob("*") if p.name.startswith(".tmp")] == []


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-1], id="truncated"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 1]), id="content-altered"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"PK\x03\x04 another program's file", id="foreign"),
        pytest.param(lambda data: data.replace(b"key 1", b"key 2"), id="other-key-inside"),
    ],
)
def test_a_damaged_or_foreign_entry_is_not_trusted(cache: Path, damage: object) -> None:
    diskcache.store("things", "key 1", b"content of the entry")
    [entry] = entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert diskcache.load("things", "key 1") is None


def test_a_changed_source_file_makes_another_key(tmp_path: Path) -> None:
    source = tmp_path / "source.po"
    source.write_text("one")
    before = diskcache.make_key("catalog", [source])
    source.write_text("one, changed")
    assert diskcache.make_key("catalog", [source]) != before


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_ENV, diskcache.OFF)
    diskcache.store("things", "key", b"content")
    assert diskcache.load("things", "key") is None


def test_an_unwritable_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(diskcache.CACHE_ENV, str(blocker))
    diskcache.store("things", "key", b"content")  # no error
    assert diskcache.load("things", "key") is None


def test_a_corrupt_catalog_entry_is_rebuilt(cache: Path) -> None:
    i18n.translations.cache_clear()
    expected = translate("p. {n} of the Instruction", "kk", n="26")
    [entry] = entries(cache)
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 2])
    i18n.translations.cache_clear()
    try:
        assert translate("p. {n} of the Instruction", "kk", n="26") == expected
        assert entry.read_bytes() == good  # compiled again and stored whole
    finally:
        i18n.translations.cache_clear()


@pytest.mark.parametrize("xdg", [None, "/srv/cache", "relative/ignored", " "])
def test_the_default_folder_is_platformdirs_user_cache(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import user_cache_path

    monkeypatch.delenv(diskcache.CACHE_ENV)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert diskcache.cache_dir() == user_cache_path("docgen", appauthor=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the home folder of Linux")
def test_without_a_home_folder_there_is_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(diskcache.CACHE_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert diskcache.cache_dir() is None
    diskcache.store("things", "key", b"content")
    assert diskcache.load("things", "key") is None
