"""Hostile documents in a batch, by every route into the store: each good one is stored, each bad
one listed with its code, the exit code is 1, and there is no traceback (issue 17). The same
corpus at 10,000 documents: ``python benchmarks/hostile_batch.py``."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from diplograph.errors import StoreError
from diplograph.store.writer import connect

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "hostile_batch.py"


def _load() -> ModuleType:
    """benchmarks/ is not a package: load the script from its path (registered so dataclasses resolve)."""
    name = "hostile_batch_under_test"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SCRIPT)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


hb = _load()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    expected = hb.write_mixed_corpus(folder, 80, seed=3, hostile=0.3)
    kinds = (folder / "corpus.jsonl").read_text(encoding="utf-8")
    assert "\\ud800" in kinds and "[[[[" in kinds and "9999-12-31" in kinds and "0001-01-01" in kinds
    assert any(b"\xff" in p.name.encode("utf-8", "surrogateescape") for p in (folder / "texts").iterdir())
    return folder, expected


@pytest.mark.parametrize("route", ["one", "workers", "dask", "stdin"])
def test_every_good_document_is_stored_and_every_bad_one_listed(corpus, tmp_path, route):
    folder, expected = corpus
    db = tmp_path / "store.duckdb"
    command, stdin = hb.ingest_command(route, folder, db, 2)
    run = subprocess.run(command, input=stdin, capture_output=True, timeout=600, check=False)
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 1, err  # some were skipped
    assert "Traceback" not in err and "internal error" not in err
    stored, rejected = hb.store_contents(db)
    if route == "stdin":
        good = expected.good - expected.loose
        bad = {o.replace(str(folder / "corpus.jsonl"), "<stdin>") for o in expected.bad - expected.loose}
    else:
        good, bad = expected.good, expected.bad
    assert good - stored == set()
    assert bad - rejected == set()
    assert stored <= good  # nothing bad slipped in
    for code in ("D103", "D105"):  # the surrogate, the deep nesting
        assert code in err
    if route == "dask":
        assert not Path(f"{db}.parts").exists()  # loaded partitions are deleted: they hold article text


def test_analyze_prints_every_good_document_and_lists_every_bad_one(corpus):
    folder, expected = corpus
    run = subprocess.run([sys.executable, "-m", "diplograph", "analyze", str(folder / "corpus.jsonl"),
                          str(folder / "texts")], capture_output=True, timeout=600, check=False)  # fmt: skip
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 1 and "Traceback" not in err and "internal error" not in err
    ids = {json.loads(line)["document"]["id"] for line in run.stdout.decode().splitlines()}
    assert ids == expected.good
    for origin in expected.bad:
        assert f"{origin}: [D1" in err


def test_a_duckdb_file_that_is_not_a_store_is_refused_untouched(tmp_path):
    other = tmp_path / "other.duckdb"
    with closing(duckdb.connect(str(other))) as con:
        con.execute("CREATE TABLE measurements (a INTEGER)")
    with pytest.raises(StoreError) as raised:
        connect(other)
    assert raised.value.code == "D302" and "not a diplograph store" in str(raised.value)
    (tmp_path / "a.txt").write_text("Die EU hat am Montag neue Sanktionen gegen Iran verhängt.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "diplograph", "ingest", str(tmp_path / "a.txt"), "--db", str(other)],
                         capture_output=True, timeout=300, check=False)  # fmt: skip
    assert run.returncode == 1 and "[D302]" in run.stderr.decode() and "Traceback" not in run.stderr.decode()
    with closing(duckdb.connect(str(other), read_only=True)) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables == {"measurements"}


def test_a_new_or_empty_duckdb_file_becomes_a_store(tmp_path):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    for path in (empty, tmp_path / "new.duckdb"):
        with closing(connect(path)) as con:
            assert con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()
        connect(path).close()  # and opens again as a store


def test_file_names_that_look_like_markup_are_printed_as_they_are(tmp_path):
    """'x[/]y.txt' is a closing tag to rich: printed unescaped it crashed analyze mid-batch."""
    (tmp_path / "x[").mkdir()
    (tmp_path / "x[" / "]y.txt").write_bytes(b"\x00\x01 binary")
    (tmp_path / "good.txt").write_text("Die EU hat am Montag neue Sanktionen gegen Iran verhängt.", encoding="utf-8")
    for command in (["analyze", str(tmp_path)], ["ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb")]):
        run = subprocess.run([sys.executable, "-m", "diplograph", *command], capture_output=True, timeout=300,
                             check=False)  # fmt: skip
        err = run.stderr.decode()
        assert run.returncode == 1 and "Traceback" not in err, err
        assert f"{tmp_path}/x[/]y.txt:[D102]" in err.replace("\n", "").replace(" [D102]", "[D102]")


def test_a_document_the_store_refuses_costs_only_itself(options, tmp_path):
    """A value Arrow cannot take (a lone surrogate in the title, say) fails the batch's
    transaction; the batch is then written a document at a time and only that one is rejected."""
    from dataclasses import replace

    from diplograph.model import Article
    from diplograph.pipeline import analyze
    from diplograph.store.writer import ingest, to_rows

    docs = [analyze(Article(id=f"d{n}", text=f"{hb.good_text(n)}", lang="de", origin=f"in:{n}"), options=options)
            for n in range(3)]  # fmt: skip
    broken = to_rows(replace(docs[1], article=replace(docs[1].article, title="\udcff")))
    with closing(connect(tmp_path / "s.duckdb")) as con:
        result = ingest(con, [docs[0], broken, docs[2]], batch_size=10)
        stored = sorted(row[0] for row in con.execute("SELECT id FROM documents").fetchall())
        listed = con.execute("SELECT origin, code FROM rejections").fetchall()
    assert (result.added, stored) == (2, ["d0", "d2"])
    assert [(r.origin, r.code) for r in result.rejected] == listed == [("in:1", "D111")]
