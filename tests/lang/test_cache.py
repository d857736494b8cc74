"""Compiled data on disk: built once, loaded after, rebuilt when any input changes, harmless when broken."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from diplograph.actors import lexicon as lexicon_module
from diplograph.lang import cache
from diplograph.lang.cache import compiled, fingerprint


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    return where


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_built_once_then_loaded(folder):
    build = Builds({"a": (1, 2)})
    assert compiled("thing", build) == {"a": (1, 2)}
    assert compiled("thing", build) == {"a": (1, 2)} and build.calls == 1
    assert [p.suffix for p in folder.iterdir()] == [".pickle"]  # no temporary file left behind
    assert folder.stat().st_mode & 0o077 == 0  # private


def test_a_changed_data_file_rebuilds(folder, tmp_path):
    data = tmp_path / "kb"
    data.mkdir()
    (data / "states.tsv").write_text("code\tname\nXXX\tOne\n", encoding="utf-8")
    build = Builds("first")
    compiled("kb", build, folders=[data])
    fingerprint.cache_clear()  # a new process
    (data / "states.tsv").write_text("code\tname\nXXX\tTwo\n", encoding="utf-8")
    build.value = "second"
    assert compiled("kb", build, folders=[data]) == "second" and build.calls == 2
    assert len(list(folder.glob("kb-*.pickle"))) == 1  # the old key's file is gone


def test_other_names_are_left_alone(folder):
    compiled("lexicon-de", lambda: 1)
    fingerprint.cache_clear()
    compiled("lexicon", lambda: 2)
    assert len(list(folder.glob("lexicon-de-*.pickle"))) == 1


def test_fingerprint_is_of_contents_and_names(tmp_path):
    root = tmp_path / "data"
    (root / "de").mkdir(parents=True)
    (root / "de" / "roles.tsv").write_text("surface\toffice\n", encoding="utf-8")
    (root / "__pycache__").mkdir()
    first = fingerprint.__wrapped__(root)
    (root / "__pycache__" / "x.txt").write_text("ignored", encoding="utf-8")
    (root / "notes.md").write_text("not data", encoding="utf-8")
    assert fingerprint.__wrapped__(root) == first
    (root / "de" / "roles.tsv").write_text("surface\toffice\nKanzler\tchancellor\n", encoding="utf-8")
    second = fingerprint.__wrapped__(root)
    assert second != first
    (root / "de" / "roles.tsv").rename(root / "de" / "roles2.tsv")
    assert fingerprint.__wrapped__(root) not in (first, second)


def test_the_package_fingerprint_covers_the_lexicons_and_the_code():
    files = {p.relative_to(cache.PACKAGE).as_posix() for p in cache._files(cache.PACKAGE)}
    assert {"lang/de/roles.tsv", "lang/de/lemmas.tsv", "actors/data/states.tsv", "actors/lexicon.py",
            "text/tokenize.py"} <= files  # fmt: skip
    assert any(f.startswith("lang/de/lexicon/") for f in files)
    assert not any(f.startswith(("demo/", "web/static/")) for f in files)


def test_a_corrupt_cache_is_rebuilt(folder):
    build = Builds([1, 2, 3])
    compiled("thing", build)
    (written,) = folder.glob("thing-*.pickle")
    written.write_bytes(b"\x80\x05 not a pickle")
    assert compiled("thing", build) == [1, 2, 3] and build.calls == 2
    assert pickle.loads(written.read_bytes()) == [1, 2, 3]


def test_an_unwritable_cache_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))  # under a file: cannot be created
    build = Builds("value")
    assert compiled("thing", build) == "value" and compiled("thing", build) == "value"
    assert build.calls == 2


def test_off(monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    build = Builds("value")
    compiled("thing", build)
    compiled("thing", build)
    assert build.calls == 2 and cache.cache_dir() is None


def test_concurrent_writers_leave_one_whole_file(folder):
    value = {str(n): list(range(200)) for n in range(200)}
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(compiled("big", lambda: value))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [value] * 8
    (written,) = folder.glob("big-*.pickle")
    assert pickle.loads(written.read_bytes()) == value
    assert not list(folder.glob(".tmp-*"))


def test_the_cached_gazetteer_is_the_built_one(folder, options):
    built = lexicon_module._build("en", options.kb)
    loaded = compiled("lexicon-en", lambda: built)  # written
    reloaded = compiled("lexicon-en", lambda: pytest.fail("should load"))
    assert loaded is built and reloaded is not built
    assert reloaded.index == built.index and reloaded.parts == built.parts and reloaded.rules == built.rules


def test_analyze_prints_the_same_from_the_cache(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Russia and Iran signed a treaty in Moscow on Friday.", encoding="utf-8")

    def analyze(cache_dir: str) -> list[dict]:
        env = {**os.environ, cache.CACHE_ENV: cache_dir}
        run = subprocess.run([sys.executable, "-m", "diplograph", "analyze", str(article), "--published", "2025-01-17"],
                             capture_output=True, env=env, timeout=120, check=True)  # fmt: skip
        return [json.loads(line) for line in run.stdout.decode().splitlines()]

    off = analyze("off")
    assert off and off[0]["events"]
    assert analyze(str(tmp_path / "c")) == off  # built and written
    assert list((tmp_path / "c").glob("lexicon-en-*.pickle"))
    assert analyze(str(tmp_path / "c")) == off  # loaded
