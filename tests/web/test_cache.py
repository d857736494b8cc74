"""Answers kept while the store cannot change, and never once it can."""

from __future__ import annotations

import os

from diplograph.store.writer import connect
from diplograph.web import create_app
from diplograph.web.cache import ResponseCache
from tests.web.conftest import TestClient


def test_budget_in_bytes_least_recently_used_first():
    cache = ResponseCache(max_bytes=800)
    for n in range(3):
        cache.put(n, b"x" * 100)
    assert cache.get(0) == b"x" * 100  # 0 is now the most recently used
    for n in range(3, 9):
        cache.put(n, b"y" * 100)
    assert cache.get(1) is None and cache.get(0) is not None and cache.get(8) is not None
    cache.put("huge", b"z" * 200)  # over an eighth of the budget: not kept
    assert cache.get("huge") is None
    cache.clear()
    assert cache.get(0) is None


def test_a_repeated_request_is_answered_from_the_cache(store):
    with TestClient(create_app(store)) as client:
        cache = client.app.state.replies.cache
        first = client.get("/api/events", params={"limit": 5})
        hits = cache.hits
        again = client.get("/api/events", params={"limit": 5})
        assert again.status_code == 200 and again.content == first.content and cache.hits == hits + 1
        # Parameters the route does not take make no new entry: the key is what the route parsed.
        padded = client.get("/api/events", params={"limit": 5, "pad": "x" * 500})
        assert padded.content == first.content and cache.hits == hits + 2


def test_errors_are_not_kept(store):
    with TestClient(create_app(store)) as client:
        for _ in range(2):
            assert client.get("/api/events/no-such-event").status_code == 404
        assert client.app.state.replies.cache.hits == 0


def test_no_cache_when_asked(store):
    with TestClient(create_app(store, cache_bytes=0)) as client:
        client.get("/api/info")
        client.get("/api/info")
        assert client.app.state.replies.cache.hits == 0


def test_a_replaced_store_is_never_answered_from_the_old_cache(writable_store, tmp_path):
    with TestClient(create_app(writable_store, idle_release=None)) as client:
        assert client.get("/api/info").json()["documents"] > 0
        empty = tmp_path / "empty.duckdb"
        connect(empty).close()
        os.replace(empty, writable_store)
        assert client.get("/api/info").json()["documents"] == 0
