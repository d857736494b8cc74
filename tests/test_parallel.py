"""Worker processes: the same results as one process, in input order, and a worker that dies
costs only the document it was analysing."""

import json
import os

import pytest

from diplograph import errors, parallel
from diplograph.ingest.parts import plan_parts
from diplograph.model import Article, Rejection
from diplograph.pipeline import analyze_parts
from diplograph.store.writer import DocumentRows, to_rows

PLACES = ["Moskau", "Peking", "Teheran", "Ankara", "Kairo", "Paris", "Berlin"]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = []
    for n in range(14):
        text = f"Am {n + 1}. März trafen sich die Außenminister Russlands und Chinas in {PLACES[n % len(PLACES)]}."
        lines.append(json.dumps({"id": f"doc{n}", "text": text, "lang": "de", "published": "2025-03-20"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def keys(results):
    return [r.key if isinstance(r, DocumentRows) else r.origin for r in results]


def test_workers_give_what_one_process_gives_in_order(corpus, options):
    parts = plan_parts([str(corpus)], settings=options.settings, size=3)
    single = [to_rows(doc) for doc in analyze_parts(parts, options=options)]
    several = list(parallel.rows_of_parts(parts, options=options, workers=2, in_flight=2))
    assert keys(several) == keys(single) and len(single) == 14
    assert [r.tables for r in several] == [r.tables for r in single]


def test_a_worker_that_dies_costs_only_its_document(corpus, options, monkeypatch):
    analyse = parallel.analyze_or_reject

    def dies_on_doc5(item, *, options):
        if isinstance(item, Article) and item.id == "doc5":
            os._exit(3)  # as a worker killed by the system, or a crash in a C extension, would
        return analyse(item, options=options)

    monkeypatch.setattr(parallel, "analyze_or_reject", dies_on_doc5)  # forked workers inherit it
    parts = plan_parts([str(corpus)], settings=options.settings, size=3)
    results = list(parallel.rows_of_parts(parts, options=options, workers=2))
    assert len(results) == 14
    [rejected] = [r for r in results if isinstance(r, Rejection)]
    assert (rejected.origin, rejected.code) == (f"{corpus}:6", errors.WORKER_CRASHED)
    stored = [r.tables["documents"][0][1] for r in results if isinstance(r, DocumentRows)]
    assert stored == [f"doc{n}" for n in range(14) if n != 5]  # every other document, in input order
