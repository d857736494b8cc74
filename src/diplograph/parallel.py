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
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from diplograph import errors
from diplograph.ingest.parts import InputPart, read_part
from diplograph.model import Article, Document, Rejection
from diplograph.pipeline import Options, analyze_or_reject, analyze_parts
from diplograph.places.gazetteer import preload as preload_places
from diplograph.store.writer import DocumentRows, to_rows

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
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options,))


def _start_worker(options: Options) -> None:
    global _worker_options
    _worker_options = options


def _rows_of_article(article: Article) -> DocumentRows | Rejection:
    assert _worker_options is not None
    result = analyze_or_reject(article, options=_worker_options)
    return result if isinstance(result, Rejection) else to_rows(result)


def _rows_of_part(part: InputPart) -> list[DocumentRows | Rejection]:
    options = _worker_options
    assert options is not None and options.settings is not None
    return [_rows_of_article(item) if isinstance(item, Article) else item
            for item in read_part(part, settings=options.settings)]  # fmt: skip
