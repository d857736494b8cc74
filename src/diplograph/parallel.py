"""Analyse documents in several worker processes, results in input order.

Workers are forked from the parent, so the knowledge base and lexicons the parent loaded
are shared copy-on-write instead of loaded again. A worker sends back each document without
its tokens, or only its store rows for ingesting, which keeps the transfer cheap; a document
that fails becomes a rejection, as in :func:`~diplograph.pipeline.analyze_all`.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import replace

from diplograph.model import Article, Document, Rejection, Sentence
from diplograph.pipeline import Options, analyze_all, analyze_or_reject
from diplograph.store.writer import DocumentRows, to_rows

_worker_options: Options | None = None  # set once in each worker process by _start_worker


def analyze_parallel(
    items: Iterable[Article | Rejection], *, options: Options, workers: int, chunksize: int = 4
) -> Iterator[Document | Rejection]:
    """Like ``analyze_all``, with ``workers`` processes (1: in this process)."""
    if workers <= 1:
        yield from analyze_all(items, options=options)
        return
    with _pool(workers, options) as pool:
        yield from pool.imap(_analyze_one, items, chunksize)


def rows_parallel(
    items: Iterable[Article | Rejection], *, options: Options, workers: int, chunksize: int = 8
) -> Iterator[Document | DocumentRows | Rejection]:
    """For the store: workers send back rows, not documents (1 worker: documents, here)."""
    if workers <= 1:
        yield from analyze_all(items, options=options)
        return
    with _pool(workers, options) as pool:
        yield from pool.imap(_rows_of_one, items, chunksize)


def _pool(workers: int, options: Options):
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return context.Pool(workers, initializer=_start_worker, initargs=(options,))


def _start_worker(options: Options) -> None:
    global _worker_options
    _worker_options = options


def _analyze_one(item: Article | Rejection) -> Document | Rejection:
    assert _worker_options is not None
    result = analyze_or_reject(item, options=_worker_options)
    return result if isinstance(result, Rejection) else compact(result)


def _rows_of_one(item: Article | Rejection) -> DocumentRows | Rejection:
    assert _worker_options is not None
    result = analyze_or_reject(item, options=_worker_options)
    return result if isinstance(result, Rejection) else to_rows(result)


def compact(doc: Document) -> Document:
    """The document without tokens and repaired text: what storing it needs, cheap to send."""
    return replace(doc, sentences=tuple(Sentence(s.start, s.end, ()) for s in doc.sentences), norm_text="")
