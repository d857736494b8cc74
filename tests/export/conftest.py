"""One store per session, built by the real pipeline: the demo corpus plus three short articles of
our own (two outlets reporting the same treaty, with URLs, and a third outlet), so that exports meet
merged events, several outlets, URLs, joint and directed events and every kind of date."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from diplograph.pipeline import Options
from diplograph.store import query
from diplograph.store.writer import connect
from tests.conftest import build_store

DEMO_CORPUS = Path(__file__).resolve().parents[2] / "src" / "diplograph" / "demo" / "corpus"
TREATY_URL = "https://news.example/de/vertrag?id=1&x=2"

ARTICLES = {
    "treaty-de": (
        "Russland und Iran unterzeichneten am 17. Januar 2025 in Moskau einen Vertrag über eine strategische "
        "Partnerschaft.",
        {"lang": "de", "source": "Reuters", "published": "2025-01-17", "url": TREATY_URL, "title": "Vertrag"},
    ),
    "treaty-en": (
        "Russia and Iran signed a strategic partnership treaty in Moscow on January 17, 2025.",
        {"lang": "en", "source": "Associated Press", "published": "2025-01-18", "url": "https://news.example/en/t",
         "title": "Treaty signed"},
    ),
    "sanctions-en": (
        "The European Union imposed new sanctions on Russia on Monday, January 20, 2025.",
        {"lang": "en", "source": "BBC", "published": "2025-01-21"},
    ),
}  # fmt: skip


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, options: Options) -> Path:
    articles = tmp_path_factory.mktemp("articles")
    for name, (text, meta) in ARTICLES.items():
        (articles / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (articles / f"{name}.meta.json").write_text(json.dumps({"id": name, **meta}), encoding="utf-8")
    return build_store(tmp_path_factory.mktemp("store") / "export.duckdb", [DEMO_CORPUS, articles], options)


@pytest.fixture(scope="session")
def empty_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    connect(path).close()
    return path


@pytest.fixture(scope="session")
def con(store_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with closing(query.open_store(store_path)) as connection:
        yield connection


@pytest.fixture(scope="session")
def empty_con(empty_store_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with closing(query.open_store(empty_store_path)) as connection:
        yield connection


@pytest.fixture(scope="session")
def store_events(con: duckdb.DuckDBPyConnection):
    """Every event of the store, every column, read directly: the oracle for exports."""
    return con.execute("SELECT * FROM events ORDER BY event").df().set_index("event")


@pytest.fixture(scope="session")
def treaty(store_events) -> str:
    """The treaty signing all three treaty articles report: one joint event of Iran and Russia."""
    signed = store_events[
        (store_events["type"] == "SUPPORT") & (store_events["date"] == "2025-01-17")
        & store_events["source"].map(lambda codes: set(codes) == {"IRN", "RUS"})
    ]  # fmt: skip
    assert len(signed) == 1, signed
    return signed.index[0]
