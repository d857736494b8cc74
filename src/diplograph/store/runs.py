"""The record of ingest runs: which diplograph, settings and knowledge base made a store what it is.

Every ingest route (``diplograph ingest``, with or without Dask, ``POST /api/documents``,
``diplograph demo --db``) opens a run with :func:`start_run` and closes it with
:func:`finish_run`; a run that raised is closed as ``failed``, and one killed outright stays
``running``. Fingerprints are the first 16 hex digits of a SHA-256 over the settings as loaded
and over the bytes of every knowledge-base and language file, so two stores made with the same
data show the same fingerprints.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from diplograph import __version__
from diplograph.lang.load import package_path
from diplograph.pipeline import Options
from diplograph.store.events import MergeResult
from diplograph.store.writer import IngestResult

ROUTES = ("cli", "dask", "api", "demo")


@dataclass(slots=True)
class Run:
    run: str
    started: str
    route: str
    inputs: list[str] = field(default_factory=list)
    reports_before: int = 0  # reports are only ever added: the difference is this run's
    result: IngestResult | None = None  # set by the route as it goes
    merged: MergeResult | None = None


def _report_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM reports").fetchall()[0][0]


def _now() -> datetime:
    return datetime.now(UTC)


def _digest(parts: Iterable[bytes]) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(len(part).to_bytes(8, "big"))
        sha.update(part)
    return sha.hexdigest()[:16]


@cache
def folder_fingerprint(folders: tuple[Path, ...]) -> str:
    """A digest of every data file under ``folders`` (relative name and bytes, in a stable order)."""
    parts: list[bytes] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".tsv", ".txt", ".toml")):
            parts += [str(path.relative_to(folder)).encode(), path.read_bytes()]
    return _digest(parts)


def settings_fingerprint(options: Options) -> str:
    settings = dataclasses.asdict(options.settings) if options.settings else {}
    return _digest([json.dumps(settings, sort_keys=True, default=str).encode()])


def start_run(con: duckdb.DuckDBPyConnection, *, route: str, inputs: Iterable[str], options: Options,
              kb_dir: str | Path | None = None, config: str | Path | None = None) -> Run:  # fmt: skip
    """Record the start of an ingest (status ``running``) and return its id."""
    if route not in ROUTES:
        raise ValueError(f"unknown route {route!r}")
    started = _now()
    run = Run(f"R{started:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}", started.isoformat(timespec="seconds"), route,
              [str(i) for i in inputs], _report_count(con))  # fmt: skip
    folders = options.kb.folders if options.kb is not None else ()
    chosen = {"lang": options.lang, "published": options.published, "kb": str(kb_dir) if kb_dir else None,
              "config": str(config) if config else None}  # fmt: skip
    con.execute(
        "INSERT INTO runs (run, started, status, route, version, settings, kb, lexicon, options, inputs) "
        "VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)",
        [run.run, run.started, route, __version__, settings_fingerprint(options), folder_fingerprint(folders),
         folder_fingerprint((package_path("lang"),)), json.dumps(chosen, sort_keys=True), run.inputs],
    )  # fmt: skip
    return run


@contextmanager
def recorded_run(con: duckdb.DuckDBPyConnection, *, route: str, inputs: Iterable[str], options: Options,
                 kb_dir: str | Path | None = None, config: str | Path | None = None) -> Iterator[Run]:  # fmt: skip
    """A run from start to end: the caller sets ``run.result`` and ``run.merged`` as it goes; an
    exception closes it as ``failed`` and goes on."""
    run = start_run(con, route=route, inputs=inputs, options=options, kb_dir=kb_dir, config=config)
    try:
        yield run
    except BaseException:
        with suppress(duckdb.Error):  # the store itself may be what failed
            finish_run(con, run, failed=True)
        raise
    finish_run(con, run)


def finish_run(con: duckdb.DuckDBPyConnection, run: Run, *, failed: bool = False) -> None:
    """Close the run with its counts (``failed``: it raised; the counts are what it got to)."""
    result, merged = run.result or IngestResult(), run.merged
    by_code = Counter(r.code for r in result.rejected)
    reports = _report_count(con) - run.reports_before
    con.execute(
        "UPDATE runs SET ended = ?, status = ?, documents = ?, added = ?, skipped = ?, rejected = ?, "
        "rejected_by_code = ?, reports = ?, events = ?, events_added = ?, events_changed = ? WHERE run = ?",
        [_now().isoformat(timespec="seconds"), "failed" if failed else "done",
         result.added + result.skipped + len(result.rejected), result.added, result.skipped, len(result.rejected),
         json.dumps(dict(sorted(by_code.items()))), reports, merged and merged.events, merged and merged.added,
         merged and merged.changed, run.run],
    )  # fmt: skip


def list_runs(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every recorded run, oldest first (an empty frame for a store made before runs were kept)."""
    try:
        return con.execute("SELECT * FROM runs ORDER BY started, rowid").df()  # rowid: the order they began in
    except duckdb.CatalogException:
        return pd.DataFrame(columns=["run", "started", "ended", "status", "route", "version"])
