"""``event_dyads``: every event once per ordered pair of actors it links, sorted by the pair.

A dyad series used to test every event's actor lists (``list_contains`` over the whole table,
≈ 10× a plain ``GROUP BY`` at 1M events). Sorted by (actor_a, actor_b), a pair's rows sit in one
or two of DuckDB's row groups, whose min/max statistics let the scan skip all others. The table
carries the event columns :class:`diplograph.store.query.EventFilter` tests, under the same names,
so one WHERE clause serves both tables. Its columns: README "Store" and ``schema.DDL``.

Pairs: a directed event gives (a, b) for every a among its sources and b among its targets; a
joint event (no direction) every ordered pair of its actors, (a, a) included, which is what the
list test on ``events`` matches. Derived from ``events`` alone: rebuilt by every merge, and filled
by a writable ``connect`` for a store made before the table existed.
"""

from __future__ import annotations

import duckdb

# The columns an EventFilter other than ``actor`` reads, as in ``events``.
COLUMNS = ("event", "type", "quad_class", "goldstein", "joint", "date", "month", "modality", "outlets",
           "first_report", "disputed")  # fmt: skip

_FILL = f"""
INSERT INTO event_dyads
SELECT a, b, {", ".join(f"e.{c}" for c in COLUMNS)}
FROM (SELECT *, list_distinct(CASE WHEN joint THEN source || target ELSE source END) AS firsts,
                list_distinct(CASE WHEN joint THEN source || target ELSE target END) AS seconds
      FROM events) e, unnest(e.firsts) f(a), unnest(e.seconds) s(b)
ORDER BY a, b, e.event
"""


def refresh_dyads(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``event_dyads`` from ``events`` (inside the caller's transaction, if any)."""
    con.execute("DELETE FROM event_dyads")
    con.execute(_FILL)


def fill_if_missing(con: duckdb.DuckDBPyConnection) -> None:
    """A store from before ``event_dyads``: its events get their pairs once, on a writable
    connect (the ``meta`` row ``event_dyads`` says it was done; merges keep them since)."""
    if con.execute("SELECT NOT EXISTS (SELECT 1 FROM meta WHERE key = 'event_dyads')").fetchone()[0]:
        refresh_dyads(con)
        con.execute("INSERT OR IGNORE INTO meta VALUES ('event_dyads', '1')")


def has_dyads(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether this store has the table (a store written before it, opened read-only, has not)."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'event_dyads' AND database_name = current_database()"
    ).fetchone()
    return bool(found and found[0])
