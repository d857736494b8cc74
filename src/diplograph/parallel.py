"""Analyse input parts in several worker processes, results in input order.

A worker reads its part itself (:mod:`diplograph.ingest.parts`), analyses it and sends back
store rows: plain tuples, several times cheaper to send than document objects. So the
parent, which writes the store, neither reads nor decodes articles, and only a few parts are
in flight at a time: memory stays flat however large the corpus. Workers are forked from the
parent, so the knowledge base and lexicons the parent loaded are shared copy-on-write
instead of loaded again. A document that fails becomes a rejection, as in
:func:`~diplograph.pipeline.analyze_all`.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator

from diplograph.ingest.parts import InputPart, read_part
from diplograph.model import Document, Rejection
from diplograph.pipeline import Options, analyze_or_reject, analyze_parts
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
    window: deque = deque()
    limit = in_flight or 2 * workers
    with _pool(workers, options) as pool:
        for part in parts:
            window.append(pool.apply_async(_rows_of_part, (part,)))
            if len(window) >= limit:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()


def _pool(workers: int, options: Options):
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return context.Pool(workers, initializer=_start_worker, initargs=(options,))


def _start_worker(options: Options) -> None:
    global _worker_options
    _worker_options = options


def _rows_of_part(part: InputPart) -> list[DocumentRows | Rejection]:
    options = _worker_options
    assert options is not None and options.settings is not None
    results = []
    for item in read_part(part, settings=options.settings):
        result = analyze_or_reject(item, options=options)
        results.append(result if isinstance(result, Rejection) else to_rows(result))
    return results
