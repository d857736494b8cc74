"""Worker processes: the same results as one process, in input order, and a worker that dies
costs only the document it was analysing."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

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


ORPHAN_SCRIPT = """
import os, sys, time
from diplograph import parallel
from diplograph.ingest.parts import plan_parts
from diplograph.pipeline import Options

def hangs(item, *, options):
    with open(os.path.join(sys.argv[2], f"worker-{os.getpid()}"), "w"):
        pass
    time.sleep(600)

if sys.argv[3] == "watchdog":
    parallel._PR_SET_PDEATHSIG = -1  # prctl refuses it: the fallback thread has to do the job
parallel.analyze_or_reject = hangs  # forked workers inherit it
options = Options.create()
parts = plan_parts([sys.argv[1]], settings=options.settings, size=1)
list(parallel.rows_of_parts(parts, options=options, workers=2))
"""


def _alive(pid: int) -> bool:
    psutil = pytest.importorskip("psutil")
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc through psutil; kill -9")
@pytest.mark.parametrize("how", ["prctl", "watchdog"])
def test_workers_die_when_their_parent_is_killed(corpus, tmp_path, how):
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, str(corpus), str(tmp_path), how])
    workers: list[int] = []
    try:
        for _ in range(1200):  # the workers start within seconds; ten minutes at worst on a loaded machine
            workers = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
            if len(workers) == 2 or parent.poll() is not None:
                break
            time.sleep(0.5)
        assert len(workers) == 2 and parent.poll() is None
        parent.kill()  # SIGKILL: no cleanup code of the parent runs
        parent.wait()
        for _ in range(120):
            if not any(_alive(pid) for pid in workers):
                break
            time.sleep(0.5)
        assert not any(_alive(pid) for pid in workers), "workers outlived their parent"
    finally:
        parent.kill()
        for pid in workers:  # only the processes this test started
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
