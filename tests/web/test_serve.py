"""``diplograph serve`` (uvicorn replaced by a stub), and the lock that keeps readers and the writer apart."""

from __future__ import annotations

import threading
import time
from io import StringIO
from pathlib import Path

import pytest
import uvicorn
from rich.console import Console
from typer.testing import CliRunner

from diplograph.cli import web
from diplograph.cli.app import app
from diplograph.errors import UsageError
from diplograph.store.query import QueryError
from diplograph.web.access import ReadWriteLock, StoreAccess
from tests.web.conftest import TOKEN


@pytest.fixture
def served(monkeypatch) -> tuple[dict, StringIO]:
    """What uvicorn.run was called with, and what the command printed to stderr."""
    calls: dict = {}
    # the command imports uvicorn when it runs: patch the module, not a name in diplograph.cli.web
    monkeypatch.setattr(uvicorn, "run", lambda application, **kwargs: calls.update(app=application, **kwargs))
    stderr = StringIO()
    monkeypatch.setattr(web, "err_console", Console(file=stderr, width=200))
    return calls, stderr


def test_serves_read_only_on_loopback_by_default(store, served):
    calls, stderr = served
    result = CliRunner().invoke(app, ["serve", "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert (calls["host"], calls["port"]) == ("127.0.0.1", 8000)
    assert calls["app"].state.config.allow_ingest is False
    assert "read-only" in stderr.getvalue() and "warning" not in stderr.getvalue()


def test_ingest_needs_a_token(store, served):
    result = CliRunner().invoke(app, ["serve", "--db", str(store), "--allow-ingest"], env={web.TOKEN_VARIABLE: ""})
    assert isinstance(result.exception, UsageError) and result.exception.code == "D430"
    assert not served[0]


def test_token_from_the_environment_and_a_warning_off_loopback(writable_store, served):
    calls, stderr = served
    result = CliRunner().invoke(
        app, ["serve", "--db", str(writable_store), "--allow-ingest", "--host", "0.0.0.0", "--port", "9000"],
        env={web.TOKEN_VARIABLE: TOKEN},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert calls["app"].state.config.token == TOKEN and calls["port"] == 9000
    assert "warning" in stderr.getvalue() and "clear text" in stderr.getvalue()


def test_missing_store(tmp_path, served):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, QueryError)
    created = tmp_path / "new.duckdb"
    result = CliRunner().invoke(app, ["serve", "--db", str(created), "--allow-ingest", "--token", TOKEN])
    assert result.exit_code == 0 and created.is_file()  # ingest mode starts an empty store


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.3.2.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("192.168.1.5", False), ("::", False), ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host, loopback):
    assert web.is_loopback(host) is loopback


def test_writer_waits_for_readers_and_readers_for_the_writer():
    lock = ReadWriteLock()
    log: list[str] = []
    reading = threading.Event()

    def reader() -> None:
        with lock.reading():
            reading.set()
            time.sleep(0.1)
            log.append("read")

    def writer() -> None:
        reading.wait()
        with lock.writing():
            log.append("write")

    threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert log == ["read", "write"]


def test_concurrent_reads_and_writes_never_clash(writable_store: Path):
    """Reads and the one writer share an instance; the lock keeps the writer apart from readers under load."""
    access = StoreAccess(writable_store, writable=True)
    failures: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(5):
                with access.read() as con:
                    con.execute("SELECT count(*) FROM events").fetchone()
        except BaseException as exc:  # collected for the assertion
            failures.append(exc)

    def write() -> None:
        try:
            for n in range(3):
                with access.write() as con:
                    con.execute("INSERT INTO meta VALUES (?, 'x')", [f"probe{n}"])
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)] + [threading.Thread(target=write)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert failures == []
    with access.read() as con:
        assert con.execute("SELECT count(*) FROM meta WHERE key LIKE 'probe%'").fetchone()[0] == 3
