"""Shared fixtures: one knowledge base and options per session; helpers to analyse a sentence."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from diplograph.ingest import read_inputs
from diplograph.lang.cache import CACHE_ENV
from diplograph.model import Article, Document
from diplograph.pipeline import Options, analyze, analyze_all
from diplograph.store.events import merge_events
from diplograph.store.runs import recorded_run
from diplograph.store.writer import connect, ingest

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
DEMO = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "demo" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def compiled_data_cache(tmp_path_factory) -> Iterator[Path]:
    """Compiled lexicons go to a folder of this session (subprocesses inherit it), not the user's cache."""
    folder = tmp_path_factory.mktemp("compiled")
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(scope="session")
def options(compiled_data_cache) -> Options:
    return Options.create()


@pytest.fixture(scope="session")
def read(options: Options):
    """Analyse our own sentence: ``read("…", lang="de", published="2025-01-13")``."""

    def _read(text: str, *, lang: str, published: str | None = None) -> Document:
        return analyze(Article(id="test", text=text, lang=lang, published=published), options=options)

    return _read


def codes(doc: Document) -> list[str]:
    return [m.entity.code for m in doc.actors]


def mention(doc: Document, text: str):
    """The first actor mention whose text is ``text``."""
    for m in doc.actors:
        if m.text == text:
            return m
    raise AssertionError(f"no mention {text!r}; found {[m.text for m in doc.actors]}")


def time_of(doc: Document, text: str):
    for t in doc.times:
        if t.text == text:
            return t
    raise AssertionError(f"no time {text!r}; found {[t.text for t in doc.times]}")


def write_articles(folder: Path, articles: dict[str, tuple[str, str, str, str]]) -> Path:
    """Our own test articles as NAME.txt + NAME.meta.json: ``{name: (lang, outlet, published, text)}``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (lang, outlet, published, text) in articles.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        meta = {"id": name, "lang": lang, "source": outlet, "published": published}
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def build_store(db: Path, paths: list[Path], options: Options) -> Path:
    """A store holding the documents at ``paths``, merged, as ``diplograph ingest`` leaves it."""
    inputs = [str(p) for p in paths]
    with closing(connect(db)) as con, recorded_run(con, route="cli", inputs=inputs, options=options) as run:
        run.result = ingest(con, analyze_all(read_inputs(inputs, settings=options.settings), options=options))
        run.merged = merge_events(con, run=run.run)
    return db
