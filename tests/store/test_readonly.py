"""Read-only means read-only: a query string from outside reaches the store's tables and nothing else.

Each case is tried twice: through ``query.sql`` (the statement check, then DuckDB's sandbox) and
straight on a read-only connection (the sandbox alone), so that neither fence hides a hole in the other.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from diplograph import errors
from diplograph.errors import StoreError
from diplograph.store import query
from diplograph.store.writer import connect


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("readonly") / "store.duckdb"
    connect(path).close()  # an empty store: the schema is all these tests need
    return path


@pytest.fixture
def con(db) -> Iterator[duckdb.DuckDBPyConnection]:
    with closing(query.open_store(db)) as connection:
        yield connection


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.csv"
    path.write_text("word\nswordfish\n", encoding="utf-8")
    return path


def refused(con: duckdb.DuckDBPyConnection, statement: str) -> StoreError:
    with pytest.raises(StoreError) as caught:
        query.sql(con, statement)
    return caught.value


def test_copy_to_writes_no_file(con, tmp_path):
    target = tmp_path / "out.csv"
    statement = f"COPY (SELECT 1 AS x) TO '{target}'"
    assert refused(con, statement).code == errors.NOT_A_QUERY
    with pytest.raises(duckdb.PermissionException):
        con.execute(statement)
    assert not target.exists()


@pytest.mark.parametrize("reader", ["read_csv", "read_text", "read_json", "read_parquet", "glob"])
def test_reading_a_file_is_refused(con, secret, reader):
    error = refused(con, f"SELECT * FROM {reader}('{secret}')")
    assert error.code == errors.EXTERNAL_ACCESS and "swordfish" not in str(error)
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"SELECT * FROM {reader}('{secret}')")


def test_a_file_named_as_a_table_is_not_read(con, secret):
    error = refused(con, f"SELECT * FROM '{secret}'")
    assert error.code in (errors.EXTERNAL_ACCESS, errors.SQL_ERROR) and "swordfish" not in str(error)


def test_attach_is_refused(con, tmp_path):
    other = tmp_path / "other.duckdb"
    assert refused(con, f"ATTACH '{other}' AS other").code == errors.NOT_A_QUERY
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"ATTACH '{other}' AS other")
    assert not other.exists()


@pytest.mark.parametrize("statement", ["INSTALL httpfs", "LOAD httpfs", "FORCE INSTALL json"])
def test_extensions_are_refused(con, statement):
    error = refused(con, statement)
    assert error.code == errors.NOT_A_QUERY and statement.split()[0] in str(error)
    with pytest.raises(duckdb.Error):
        con.execute(statement)


@pytest.mark.parametrize(
    "statement",
    ["SET enable_external_access = true", "SET lock_configuration = false", "RESET lock_configuration",
     "SET threads = 1", "PRAGMA threads = 1"],
)  # fmt: skip
def test_settings_are_refused_and_locked(con, statement):
    assert refused(con, statement).code == errors.NOT_A_QUERY
    with pytest.raises(duckdb.InvalidInputException, match="locked"):
        con.execute(statement)
    assert con.execute("SELECT current_setting('enable_external_access')").fetchone() == (False,)


def test_export_and_writes_are_refused(con, tmp_path):
    assert refused(con, f"EXPORT DATABASE '{tmp_path / 'dump'}'").code == errors.NOT_A_QUERY
    assert refused(con, "DELETE FROM events").code == errors.NOT_A_QUERY
    assert refused(con, "CREATE TABLE x (a INTEGER)").code == errors.NOT_A_QUERY
    assert not (tmp_path / "dump").exists()


def test_explain_analyze_runs_only_a_query(con, tmp_path):
    target = tmp_path / "x.csv"
    for statement in (f"EXPLAIN ANALYZE COPY (SELECT 1) TO '{target}'", "EXPLAIN ANALYZE DELETE FROM events",
                      "EXPLAIN ANALYZE SET threads = 1"):  # fmt: skip
        assert refused(con, statement).code == errors.NOT_A_QUERY, statement
    assert not target.exists()
    assert not query.sql(con, "EXPLAIN ANALYZE SELECT count(*) FROM events").empty
    assert not query.sql(con, "explain (format json) select 1").empty


def test_one_statement_at_a_time(con, tmp_path):
    error = refused(con, f"SELECT 1; COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'")
    assert error.code == errors.NOT_A_QUERY and not (tmp_path / "x.csv").exists()


def test_queries_still_answer(con):
    assert query.sql(con, "SELECT count(*) AS n FROM events")["n"].tolist() == [0]
    assert not query.sql(con, "EXPLAIN SELECT * FROM documents").empty
    assert refused(con, "SELEC 1").code == errors.SQL_ERROR


def test_cli_sql_refuses_with_a_code(db, tmp_path, secret):
    def run(statement: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "diplograph", "sql", statement, "--db", str(db)],
                              capture_output=True, timeout=120, check=False)  # fmt: skip

    target = tmp_path / "x.csv"
    cases = {
        f"COPY (SELECT 1) TO '{target}'": errors.NOT_A_QUERY,
        f"SELECT * FROM read_csv('{secret}')": errors.EXTERNAL_ACCESS,
        f"ATTACH '{tmp_path / 'o.duckdb'}'": errors.NOT_A_QUERY,
        "INSTALL httpfs": errors.NOT_A_QUERY,
        "LOAD httpfs": errors.NOT_A_QUERY,
        "SET enable_external_access = true": errors.NOT_A_QUERY,
    }
    for statement, code in cases.items():
        result = run(statement)
        stderr = result.stderr.decode()
        assert result.returncode == 1 and f"[{code}]" in stderr, (statement, stderr)
        assert "Traceback" not in stderr and "swordfish" not in result.stdout.decode() + stderr
    assert not target.exists() and not (tmp_path / "o.duckdb").exists()
