"""Shared fixtures: one knowledge base and options per session; helpers to analyse a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.model import Article, Document
from diplograph.pipeline import Options, analyze

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


@pytest.fixture(scope="session")
def options() -> Options:
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
