"""Answers kept as JSON bytes while the store that gave them cannot change.

While the server holds its DuckDB instance no other process can write the file (DuckDB's lock),
and the server's own writes go through :meth:`StoreAccess.write`; so an answer stays right
until the instance is closed, replaced or written to. Each of those starts a new *epoch*
(:attr:`StoreAccess.epoch`), and answers are keyed by it, so an old one is never served. The
cache is bounded in bytes (least recently used answers go first), and the key is built from the
parsed parameters, not the raw URL, so that padding a URL does not fill it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

import duckdb
from fastapi import Response
from pydantic import TypeAdapter

if TYPE_CHECKING:
    from diplograph.web.access import StoreAccess

DEFAULT_CACHE_BYTES = 64 * 1024 * 1024


class ResponseCache:
    """Least-recently-used JSON bodies within a byte budget (0 turns it off); thread-safe."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is None:
                self.misses += 1
                return None
            self._bodies.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes // 8:  # one huge answer should not empty the cache
            return
        with self._lock:
            old = self._bodies.pop(key, None)
            self._size += len(body) - (len(old) if old is not None else 0)
            self._bodies[key] = body
            while self._size > self.max_bytes:
                _, dropped = self._bodies.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._bodies.clear()
            self._size = 0


_ADAPTERS: dict[Any, TypeAdapter] = {}


def _adapter(model: Any) -> TypeAdapter:
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter


class Replies:
    """How the read routes answer: ``replies(key, Model, compute)`` gives the JSON of
    ``compute(cursor)`` for ``key``, from the cache when this epoch of the store gave it already."""

    def __init__(self, store: StoreAccess, cache: ResponseCache) -> None:
        self.store = store
        self.cache = cache

    def __call__(self, key: Hashable, model: Any, compute: Callable[[duckdb.DuckDBPyConnection], Any]) -> Response:
        with self.store.read() as con:
            epoch = self.store.epoch  # stable while our cursor is out: no reopening, no write
            body = self.cache.get((epoch, key))
            if body is None:
                adapter = _adapter(model)  # the route's response model: what FastAPI would check
                body = adapter.dump_json(adapter.validate_python(compute(con)), by_alias=True)
                self.cache.put((epoch, key), body)
        return Response(body, media_type="application/json")
