"""Analyse input parts in several worker processes, results in input order.

A worker reads its part itself (:mod:`diplograph.ingest.parts`), analyses it and sends back
store rows: plain tuples, several times cheaper to send than document objects. So the
parent, which writes the store, neither reads nor decodes articles, and only a few parts are
in flight at a time: memory stays flat however large the corpus. Workers are forked from the
parent, so the knowledge base and lexicons the parent loaded are shared copy-on-write
instead of loaded again. A document that fails becomes a rejection, as in
:func:`~diplograph.pipeline.analyze_all`; so does one whose worker process dies (killed, or a
crash in a C extension): the pool is started again, the parts in flight are retried, and a
part that breaks the pool twice is analysed a document at a time to find the one to reject.
Workers die with the process that started them (:func:`die_with_parent`): killing an ingest
never leaves them running, holding the store's files open.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection

from diplograph import errors
from diplograph.ingest.parts import InputPart, read_part
from diplograph.model import Article, Document, Rejection
from diplograph.pipeline import Options, analyze_or_reject, analyze_parts
from diplograph.places.gazetteer import preload as preload_places
from diplograph.store.writer import DocumentRows, to_rows, unstorable

_worker_options: Options | None = None  # set once in each worker process by _start_worker


def rows_of_parts(
    parts: Iterable[InputPart], *, options: Options, workers: int, in_flight: int | None = None
) -> Iterator[Document | DocumentRows | Rejection]:
    """For the store: with several workers, rows per document (1 worker: documents, here).

    Args:
        in_flight: parts handed out and not yet consumed (default: two per worker), which
            bounds memory when writing is slower than analysing.
    """
    if workers <= 1:
        yield from analyze_parts(parts, options=options)
        return
    limit = in_flight or 2 * workers
    preload_places()  # before forking: the workers share the gazetteer instead of each reading it
    upcoming = iter(parts)
    pending: deque[tuple[InputPart, bool, Future]] = deque()  # (part, retried, its rows)
    pool = _pool(workers, options)
    try:
        while True:
            while len(pending) < limit and (part := next(upcoming, None)) is not None:
                pending.append((part, False, _submit(pool, part)))
            if not pending:
                return
            part, retried, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:  # a worker died: every part in flight goes again, in a new pool
                pool.shutdown(wait=True, cancel_futures=True)
                results = list(_one_by_one(part, options, workers)) if retried else []
                again = list(pending) if retried else [(part, retried, future), *pending]
                pool = _pool(workers, options)
                pending = deque((p, True, _submit(pool, p)) for p, _, _ in again)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, part: InputPart) -> Future:
    """The part's rows to come; a pool already broken gives a future holding that error."""
    try:
        return pool.submit(_rows_of_part, part)
    except BrokenProcessPool as exc:
        broken: Future = Future()
        broken.set_exception(exc)
        return broken


def _one_by_one(part: InputPart, options: Options, workers: int) -> Iterator[DocumentRows | Rejection]:
    """Each document of ``part`` in a task of its own; one that kills its worker is rejected."""
    assert options.settings is not None
    pool = _pool(workers, options)
    try:
        for item in read_part(part, settings=options.settings):
            if isinstance(item, Rejection):
                yield item
                continue
            try:
                yield pool.submit(_rows_of_article, item).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _pool(workers, options)
                yield Rejection(item.origin or item.id, errors.WORKER_CRASHED,
                                "the worker process analysing it died (killed, or a crash outside Python)")  # fmt: skip
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int, options: Options) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options, os.getpid()))


def _start_worker(options: Options, parent: int) -> None:
    global _worker_options
    die_with_parent(parent)
    _worker_options = options


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """Make this (child) process end when ``parent`` does, however it ends (even ``kill -9``).

    On Linux the kernel sends SIGKILL when the parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere,
    or if that call fails, a daemon thread checks every second whether the process was orphaned."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
        if armed:
            if os.getppid() != parent:  # the parent died before the signal was armed
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _rows_of_article(article: Article) -> DocumentRows | Rejection:
    assert _worker_options is not None
    return _rows_here(article, _worker_options)


def _rows_of_part(part: InputPart) -> list[DocumentRows | Rejection]:
    options = _worker_options
    assert options is not None and options.settings is not None
    return [_rows_of_article(item) if isinstance(item, Article) else item
            for item in read_part(part, settings=options.settings)]  # fmt: skip


def rows_within(article: Article, *, options: Options, seconds: float) -> DocumentRows | Rejection:
    """One article's rows, analysed in a forked child that is killed after ``seconds`` (D109).

    For servers: their request threads cannot use the timer signal of
    :func:`~diplograph.pipeline.time_limit`, and a thread cannot be stopped, so a slow document
    would hold a thread (and the CPU) however long it takes. The child shares the parent's loaded
    knowledge base copy-on-write. A child that dies gives D110. Without ``fork`` (or with 0
    seconds) the article is analysed here, without a limit."""
    if seconds <= 0 or "fork" not in multiprocessing.get_all_start_methods():
        return _rows_here(article, options)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_send_rows, args=(article, options, sender, os.getpid()), daemon=True)
    child.start()
    sender.close()
    origin = article.origin or article.id
    try:
        if not receiver.poll(seconds):
            reason = f"analysis took longer than {seconds:g} s (setting ingest.max_seconds)"
            return Rejection(origin, errors.TOO_SLOW, reason)
        try:
            return receiver.recv()
        except EOFError:  # the child ended without an answer
            return Rejection(origin, errors.WORKER_CRASHED, "the process analysing it died (a crash outside Python)")
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


def _rows_here(article: Article, options: Options) -> DocumentRows | Rejection:
    result = analyze_or_reject(article, options=options)
    if isinstance(result, Rejection):
        return result
    try:
        return to_rows(result)
    except UnicodeError as exc:  # text that is not Unicode has no content key: it must not fail the part
        return unstorable(article.origin or article.id, exc)


def _send_rows(article: Article, options: Options, sender: Connection, parent: int) -> None:
    die_with_parent(parent)
    sender.send(_rows_here(article, options))
    sender.close()
