"""The server's store: one DuckDB instance kept open while requests come, a cursor per request.

Opening a DuckDB file costs 40–60 ms; a cursor of an open instance costs a tenth of a
millisecond. So the server opens the store once, on the first request, and hands each request a
cursor from a small pool (a cursor is a connection of its own: one per thread, never shared).

Design, and why:

- **Sandboxed.** The instance is opened with :data:`diplograph.store.writer.SANDBOX` (no file
  access beyond the store, no extensions, configuration locked), read-only unless the server
  takes documents (``--allow-ingest``), when it is the one writer of the file.
- **Let go when idle.** DuckDB lets one process write a file, or any number read it, never both.
  An open read-only instance would lock ``diplograph ingest`` out for as long as the server runs,
  so the instance is closed once no request has used it for ``idle_release`` seconds (and reopened
  by the next one). An ingest run while the server is busy fails at once with D301 and can be
  run again; while it writes, the server answers 503 (D301) and clients retry.
- **Refreshed when the file changes.** The file's generation (device, inode; and, read-only, size
  and modification time) is checked at each request: a store replaced or rewritten under the
  server is reopened as soon as the requests in flight on the old one are done.
- **One thread a query.** Concurrent requests already keep the cores busy (:data:`QUERY_THREADS`).
- **One writer.** An ingest request waits for the readers in flight and readers wait for it: a
  readers–writer lock, owned by the app, not by the module.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from diplograph.errors import StoreError
from diplograph.store.writer import connect

IDLE_RELEASE_S = 1.0  # an ingest waits at most this long after the last request
POOL_SIZE = 16  # idle cursors kept; more may be out at once (one per worker thread)
# DuckDB threads per query. Requests run side by side in the server's worker threads; a query
# that also spread over every core made 8 concurrent clients 1.5–2.5× slower on 2 cores.
QUERY_THREADS = 1


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


Generation = tuple[int, ...]


class StoreAccess:
    """The store at ``path`` for the requests of one app: ``with access.read() as con: …``.

    ``writable`` opens it for writing too (``write()``); ``idle_release`` is how long an unused
    instance stays open (``None``: until :meth:`close`)."""

    def __init__(self, path: Path, *, writable: bool = False, idle_release: float | None = IDLE_RELEASE_S) -> None:
        self.path = Path(path)
        self.writable = writable
        self.idle_release = idle_release
        self._lock = ReadWriteLock()
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._generation: Generation | None = None
        self._idle: list[duckdb.DuckDBPyConnection] = []
        self._out = 0  # cursors in use
        self._last_used = 0.0
        self.opened = 0  # how many times the instance was opened (for tests and the benchmark)
        self.epoch = 0  # changes whenever what a read may answer can change: an opening, a write

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock.reading():
            cursor = self._checkout()
            try:
                yield cursor
            finally:
                self._checkin(cursor)

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if not self.writable:
            raise StoreError("this server opened the store read-only", code="D301")
        with self._lock.writing():
            cursor = self._checkout()
            try:
                yield cursor
            finally:
                self.epoch += 1  # under the write lock: no reader is looking
                self._checkin(cursor, keep=False)  # writes are rare; a failed one may leave a transaction open

    def close(self) -> None:
        """Close the instance now (at shutdown); the next request would open it again."""
        with self._cond:
            while self._out:
                self._cond.wait()
            self._close()

    # -- the pool, under self._cond ----------------------------------------------------------------

    def _checkout(self) -> duckdb.DuckDBPyConnection:
        with self._cond:
            while self._con is not None and self._generation != self._current_generation():
                if not self._out:  # the file was replaced or rewritten: reopen once the old one is idle
                    self._close()
                else:
                    self._cond.wait()
            if self._con is None:
                self._open()
            assert self._con is not None
            cursor = self._idle.pop() if self._idle else self._con.cursor()
            self._out += 1
            return cursor

    def _checkin(self, cursor: duckdb.DuckDBPyConnection, *, keep: bool = True) -> None:
        with self._cond:
            self._out -= 1
            self._last_used = time.monotonic()
            if keep and self._con is not None and len(self._idle) < POOL_SIZE:
                self._idle.append(cursor)
            else:
                cursor.close()
            if not self._out:
                self._cond.notify_all()

    def _open(self) -> None:
        if not self.path.is_file():
            raise StoreError("there is no store yet", code="D301")
        generation = self._current_generation()
        try:
            self._con = connect(self.path, read_only=not self.writable, sandboxed=True, threads=QUERY_THREADS)
        except duckdb.Error as exc:  # connect wraps only I/O errors; a clash of configurations in-process is not one
            raise StoreError(f"cannot open the store: {exc}", code="D301") from exc
        self._generation = generation
        self._last_used = time.monotonic()
        self.opened += 1
        self.epoch += 1
        if self.idle_release is not None:
            # Not a daemon: one killed at exit inside DuckDB's close would abort the process.
            # It ends at most ``idle_release`` seconds after the last request, or at close().
            threading.Thread(target=self._release_when_idle, args=(self._con,), name="diplograph-store-idle").start()

    def _close(self) -> None:
        if self._con is not None:
            self._con.close()  # closes its cursors too, and lets go of the file
        self._con, self._generation, self._idle = None, None, []
        self._cond.notify_all()  # the idle watcher of the closed instance ends

    def _current_generation(self) -> Generation | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        if self.writable:  # our own writes change size and time; nobody else can write while we hold it
            return (stat.st_dev, stat.st_ino)
        return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)

    def _release_when_idle(self, con: duckdb.DuckDBPyConnection) -> None:
        """Close ``con`` once no request has used it for ``idle_release`` seconds (one thread per
        opening; it ends when its instance is closed, by it or otherwise)."""
        assert self.idle_release is not None
        with self._cond:
            while self._con is con:
                idle = time.monotonic() - self._last_used
                if self._out:  # the last request out notifies
                    self._cond.wait(timeout=self.idle_release)
                elif idle >= self.idle_release:
                    self._close()
                    return
                else:
                    self._cond.wait(timeout=self.idle_release - idle)
