"""The server's store: opened once and kept while requests come, let go when idle so that an
ingest in another process can write, and reopened when the file changes under it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from diplograph.errors import StoreError
from diplograph.web import create_app
from diplograph.web.access import StoreAccess
from tests.web.conftest import TestClient

# Another process, as `diplograph ingest` would be: opens the store for writing, adds a row.
WRITER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("INSERT INTO meta VALUES (?, 'x')", [sys.argv[2]])
con.close()
"""


def write_from_another_process(db: Path, key: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WRITER, str(db), key], capture_output=True, timeout=60, check=False)


def probes(access: StoreAccess) -> int:
    with access.read() as con:
        return con.execute("SELECT count(*) FROM meta WHERE key LIKE 'probe%'").fetchone()[0]


def test_one_opening_serves_many_requests_from_many_threads(writable_store):
    access = StoreAccess(writable_store, idle_release=None)
    failures: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(20):
                with access.read() as con:
                    assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        except BaseException as exc:  # collected for the assertion
            failures.append(exc)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert failures == [] and access.opened == 1
    access.close()


def test_an_ingest_writes_once_the_server_is_idle_and_the_server_sees_it(writable_store):
    access = StoreAccess(writable_store, idle_release=0.2)
    with access.read():  # a request in flight: the server holds the file
        held = write_from_another_process(writable_store, "probe-held")
    assert held.returncode != 0 and "lock" in held.stderr.decode().lower()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and write_from_another_process(writable_store, "probe-idle").returncode:
        time.sleep(0.1)
    assert probes(access) == 1 and access.opened == 2
    access.close()


def test_a_store_replaced_under_the_server_is_reopened(writable_store, tmp_path):
    access = StoreAccess(writable_store, idle_release=None)
    assert probes(access) == 0
    newer = tmp_path / "newer.duckdb"
    shutil.copyfile(writable_store, newer)
    assert write_from_another_process(newer, "probe-new").returncode == 0
    os.replace(newer, writable_store)  # as a script that rebuilds a store elsewhere and moves it in place
    assert probes(access) == 1 and access.opened == 2
    access.close()


def test_a_store_being_written_answers_d301(writable_store):
    hold = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb, time; c = duckdb.connect(sys.argv[1]); print(1, flush=True); "
         "time.sleep(30)", str(writable_store)],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert hold.stdout is not None and hold.stdout.readline().strip() == b"1"
        access = StoreAccess(writable_store)
        with pytest.raises(StoreError) as caught, access.read():
            pass
        assert caught.value.code == "D301"
        with TestClient(create_app(writable_store)) as client:
            answer = client.get("/api/info")
        assert answer.status_code == 503 and answer.json()["code"] == "D301" and answer.headers["retry-after"] == "1"
        assert str(writable_store) not in answer.text  # the server's paths are not the client's business
    finally:
        hold.kill()
        hold.wait()
    assert probes(access) == 0  # and once the writer is gone, the store opens


def test_no_store(tmp_path):
    with pytest.raises(StoreError) as caught, StoreAccess(tmp_path / "none.duckdb").read():
        pass
    assert caught.value.code == "D301"
