"""The store end to end: ingest, re-ingest, queries, an interrupted ingest that resumes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from diplograph.errors import StoreError
from diplograph.ingest import read_inputs
from diplograph.pipeline import analyze_all
from diplograph.store import query
from diplograph.store.events import rebuild_events
from diplograph.store.schema import DOCUMENT_TABLES, EVENT_TABLES
from diplograph.store.writer import connect, ingest
from tests.conftest import DEMO, build_store, write_articles

# Three outlets report one signing; a fourth article is about something else.
ARTICLES = {
    "reuters-signing": ("en", "Reuters", "2025-01-17",
                        "Russia and Iran signed a strategic partnership treaty in Moscow on Friday."),
    "dpa-signing": ("de", "dpa", "2025-01-18",
                    "Russland und der Iran haben am Freitag in Moskau einen Partnerschaftsvertrag unterzeichnet."),
    "afp-signing": ("en", "AFP", "2025-01-17",
                    "Iran and Russia signed a treaty on a comprehensive strategic partnership on January 17, 2025."),
    "afp-sanctions": ("en", "AFP", "2025-02-03", "The European Union imposed new sanctions on Iran on Monday."),
}  # fmt: skip


def write_signing_articles(folder: Path) -> Path:
    return write_articles(folder, ARTICLES)


@pytest.fixture(scope="module")
def store(tmp_path_factory, options) -> Path:
    folder = write_signing_articles(tmp_path_factory.mktemp("articles"))
    db = tmp_path_factory.mktemp("store") / "store.duckdb"
    build_store(db, [folder, DEMO], options)
    return db


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: two stores with the same dump hold the same data."""
    with closing(connect(db, read_only=True)) as con:
        return {
            table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in (*DOCUMENT_TABLES, *EVENT_TABLES)
        }


def test_reports_of_one_signing_merge_into_one_event(store):
    with closing(query.open_store(store)) as con:
        signings = query.events(con, type="SUPPORT", dyad=("RUS", "IRN"))
        assert len(signings) == 1
        signing = signings.iloc[0]
        # Our three articles and the demo corpus's treaty article.
        assert (signing["date"], signing["mentions"]) == ("2025-01-17", 4)
        assert sorted(signing["source"]) == ["IRN", "RUS"]
        reports = query.event_reports(con, signing["event"])
        assert {"Reuters", "dpa", "AFP"} <= set(reports["outlet"])
        assert signing["outlets"] == reports["outlet"].nunique()
        for _, row in reports.iterrows():
            text = con.execute("SELECT text FROM documents WHERE doc = ?", [row["doc"]]).fetchone()[0]
            for span in row["evidence"]:
                assert text[span["start"] : span["end"]] == span["text"]


def test_filters(store):
    with closing(query.open_store(store)) as con:
        assert set(query.events(con, actor="EU")["type"]) >= {"SANCTION"}
        assert len(query.events(con, min_sources=3)) >= 1
        assert query.events(con, since="2025-02", until="2025-02")["date"].str.startswith("2025-02").all()
        assert len(query.events(con, text="Partnerschaftsvertrag")) == 1
        with pytest.raises(query.QueryError):
            query.events(con, type="ALLY")
        with pytest.raises(query.QueryError):
            query.events(con, since="17.01.2025")
        # A filter value is a parameter, never SQL.
        assert query.events(con, actor="RUS' OR 1=1 --").empty


def test_dyad_series_counts_both_directions(store):
    with closing(query.open_store(store)) as con:
        series = query.dyad(con, "RUS", "IRN")
        january = series[series["month"] == "2025-01"].iloc[0]
        assert january["events"] >= 1 and january["cooperation"] >= 1
        assert query.dyad(con, "IRN", "EU", directed=True).empty
        assert not query.dyad(con, "EU", "IRN", directed=True).empty


def test_ingesting_again_changes_nothing(store, options, tmp_path):
    before = dump(store)
    copy = tmp_path / "again.duckdb"
    copy.write_bytes(store.read_bytes())
    folder = write_signing_articles(tmp_path / "articles")
    with closing(connect(copy)) as con:
        result = ingest(con, analyze_all(read_inputs([str(folder), str(DEMO)], settings=options.settings),
                                         options=options))  # fmt: skip
        rebuild_events(con)
    assert (result.added, result.skipped) == (0, len(ARTICLES) + 6)
    assert dump(copy) == before


def test_not_a_store(tmp_path):
    bogus = tmp_path / "other.duckdb"
    import duckdb

    duckdb.connect(str(bogus)).execute("CREATE TABLE t (a INTEGER)").close()
    with pytest.raises(StoreError):
        query.open_store(bogus)


CRASHING_INGEST = """
import os, sys
from contextlib import closing
from diplograph.ingest import read_inputs
from diplograph.pipeline import Options, analyze_all
from diplograph.store.writer import connect, ingest

class Crashing:
    '''Dies (no cleanup, like kill -9) just before the second batch commits.'''
    def __init__(self, con):
        self.con, self.commits = con, 0
    def execute(self, sql, *args):
        if sql == "COMMIT":
            self.commits += 1
            if self.commits == 2:
                os._exit(9)
        return self.con.execute(sql, *args)
    def __getattr__(self, name):
        return getattr(self.con, name)

options = Options.create()
con = connect(sys.argv[1])
ingest(Crashing(con), analyze_all(read_inputs(sys.argv[2:], settings=options.settings), options=options),
       batch_size=2)
"""


def test_interrupted_ingest_resumes_to_the_same_store(tmp_path, options):
    folder = write_signing_articles(tmp_path / "articles")
    inputs = [str(folder), str(DEMO)]
    crashed = tmp_path / "crashed.duckdb"
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(CRASHING_INGEST), str(crashed), *inputs],
                           capture_output=True, timeout=300, check=False)  # fmt: skip
    assert child.returncode == 9, child.stderr.decode()
    with closing(connect(crashed, read_only=True)) as con:
        partial = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        # The first batch is stored whole; nothing of the batch in flight is.
        assert partial == 2
        orphans = "SELECT count(*) FROM reports WHERE doc NOT IN (SELECT doc FROM documents)"
        assert con.execute(orphans).fetchone()[0] == 0
    resumed = subprocess.run([sys.executable, "-m", "diplograph", "ingest", *inputs, "--db", str(crashed)],
                             capture_output=True, timeout=300, check=False)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert "2 already stored" in resumed.stderr.decode()
    clean = tmp_path / "clean.duckdb"
    build_store(clean, [folder, DEMO], options)
    assert dump(crashed) == dump(clean)


def test_cli_queries(store):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "diplograph", *args, "--db", str(store)],
                              capture_output=True, timeout=120, check=False)  # fmt: skip

    events = run("events", "--type", "SUPPORT", "--min-sources", "2", "--format", "json")
    assert events.returncode == 0, events.stderr.decode()
    rows = [json.loads(line) for line in events.stdout.decode().splitlines()]
    assert len(rows) == 1 and rows[0]["outlets"] >= 3
    dyad = run("dyad", "RUS", "IRN", "--format", "csv")
    assert dyad.stdout.decode().splitlines()[0] == "month,events,cooperation,conflict,goldstein_sum"
    actors = run("actors", "--format", "csv")
    assert "RUS," in actors.stdout.decode()
    sql = run("sql", "SELECT count(*) AS n FROM events", "--format", "json")
    assert json.loads(sql.stdout.decode())["n"] >= 3
    bad = run("events", "--from", "January")
    assert bad.returncode == 1 and "[D410]" in bad.stderr.decode()
    write = run("sql", "DELETE FROM events")
    assert write.returncode == 1 and "[D305]" in write.stderr.decode()


def test_bad_documents_are_listed_once_and_good_ones_stored(tmp_path):
    folder = write_signing_articles(tmp_path / "articles")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (folder / "french.txt").write_text("Bonjour, ceci est un article en français sur la politique.", encoding="utf-8")
    db = tmp_path / "junk.duckdb"
    for _ in range(2):
        run = subprocess.run([sys.executable, "-m", "diplograph", "ingest", str(folder), "--db", str(db)],
                             capture_output=True, timeout=120, check=False)  # fmt: skip
        assert run.returncode == 1  # something was skipped
        assert "D101" in run.stderr.decode() and "D102" in run.stderr.decode() and "D106" in run.stderr.decode()
    with closing(connect(db, read_only=True)) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(ARTICLES)
        assert sorted(r[0] for r in con.execute("SELECT code FROM rejections").fetchall()) == ["D101", "D102", "D106"]


def test_joint_events_match_a_dyad_either_way(store):
    with closing(query.open_store(store)) as con:
        forward = query.events(con, type="SUPPORT", dyad=("RUS", "IRN"))
        backward = query.events(con, type="SUPPORT", dyad=("IRN", "RUS"))
        assert list(forward["event"]) == list(backward["event"]) and forward["joint"].all()


def test_two_worker_processes_store_the_same(tmp_path, options):
    folder = write_signing_articles(tmp_path / "articles")
    db = tmp_path / "workers.duckdb"
    run = subprocess.run([sys.executable, "-m", "diplograph", "ingest", str(folder), str(DEMO), "--db", str(db),
                          "--workers", "2"], capture_output=True, timeout=300, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr.decode()
    single = tmp_path / "single.duckdb"
    build_store(single, [folder, DEMO], options)
    assert dump(db) == dump(single)


def test_dask_local_cluster_stores_the_same(tmp_path, options):
    folder = write_signing_articles(tmp_path / "articles")
    db = tmp_path / "dask.duckdb"
    run = subprocess.run([sys.executable, "-m", "diplograph", "ingest", str(folder), str(DEMO), "--db", str(db),
                          "--dask", "local", "--workers", "2", "--batch", "3"],
                         capture_output=True, timeout=300, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr.decode()
    assert not (tmp_path / "dask.duckdb.parts").exists()  # loaded partitions are deleted: they hold article text
    single = tmp_path / "single.duckdb"
    build_store(single, [folder, DEMO], options)
    assert dump(db) == dump(single)
