"""A store built once per session from our own sentences and the demo corpus, and API clients on it."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.web import create_app
from tests.conftest import DEMO, build_store, write_articles

with warnings.catch_warnings():  # starlette suggests httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-5f1c"

# Three outlets report one sanction (one event, three outlets); the others are one report each.
ARTICLES = {
    "reuters-belarus": ("en", "Reuters", "2025-03-10",
                        "The European Union imposed new sanctions on Belarus on Monday."),
    "dpa-belarus": ("de", "dpa", "2025-03-11",
                    "Die Europäische Union hat am Montag neue Sanktionen gegen Belarus verhängt."),
    "politico-belarus": ("en", "Politico", "2025-03-10",
                         "Brussels imposed sanctions on Belarus on Monday, the EU said."),
    "afp-talks": ("en", "AFP", "2025-04-02",
                  "Japan and South Korea held talks in Tokyo on Wednesday about regional security."),
    "ap-threat": ("en", "AP", "2025-04-15", "North Korea threatened Japan with missile tests on Tuesday."),
    "kyodo-aid": ("en", "Kyodo", "2025-05-20", "Japan plans to send humanitarian aid to the Philippines next month."),
}  # fmt: skip


def write_web_articles(folder: Path) -> Path:
    return write_articles(folder, ARTICLES)


@pytest.fixture(scope="session")
def store(tmp_path_factory, options) -> Path:
    folder = write_web_articles(tmp_path_factory.mktemp("web-articles"))
    return build_store(tmp_path_factory.mktemp("web-store") / "store.duckdb", [folder, DEMO], options)


@pytest.fixture(scope="session")
def client(store) -> Iterator[TestClient]:
    """Read-only, as ``diplograph serve`` runs by default (the app keeps its store open between requests)."""
    with TestClient(create_app(store)) as test_client:
        yield test_client


@pytest.fixture
def writable_store(store, tmp_path) -> Path:
    """A copy of the session store that a test may write to."""
    copy = tmp_path / "writable.duckdb"
    shutil.copyfile(store, copy)
    return copy


@pytest.fixture
def ingest_client(writable_store) -> Iterator[TestClient]:
    with TestClient(create_app(writable_store, allow_ingest=True, token=TOKEN)) as test_client:
        yield test_client
