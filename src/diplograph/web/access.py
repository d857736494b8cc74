"""Connections to the store, one per request.

DuckDB connections are cheap, and a read-only one per request means the server holds no lock on
the file between requests, so ``diplograph ingest`` can write to it while the server idles. One
process cannot hold the same file read-only and writable at once (DuckDB refuses the second
configuration), so the rare writable connection of an ingest request waits for the readers in
flight, and readers wait for it: a readers–writer lock, owned by the app, not by the module.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from diplograph.errors import StoreError
from diplograph.store.writer import connect


class ReadWriteLock:
    """Many readers or one writer; a waiting writer goes before new readers (no starvation).

    Built on a condition rather than thread-owned locks because FastAPI may enter and leave a
    request's context in different worker threads."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class StoreAccess:
    """Opens the store at ``path`` for one request at a time (read-only unless writing)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = ReadWriteLock()

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock.reading():
            if not self.path.is_file():
                raise StoreError("there is no store yet", code="D301")
            con = _open(self.path, read_only=True)
            try:
                yield con
            finally:
                con.close()

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock.writing():
            con = _open(self.path, read_only=False)
            try:
                yield con
            finally:
                con.close()


def _open(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return connect(path, read_only=read_only)
    except duckdb.Error as exc:  # connect wraps only I/O errors; a clash of configurations in-process is not one
        raise StoreError(f"cannot open the store: {exc}", code="D301") from exc
