"""Recompute the merged events of a store from all its reports, in one transaction.

Recomputing (rather than updating) keeps the result independent of ingestion order and of
interruptions: the same documents always give the same events.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb
import pyarrow as pa

from diplograph.store import history
from diplograph.store.dyads import refresh_dyads
from diplograph.store.merge import MergedEvent, Report, merge_group, merge_key
from diplograph.store.schema import EVENT_TABLES, PLACE_COLUMNS
from diplograph.store.writer import place_fields

PLACE_NAMES = tuple(name for name, _kind in PLACE_COLUMNS)

# The reports of one type with what merging needs, ordered so that reports with the same
# merge key (merge.merge_key: actors, one set for joint events) come one after another. One type at a
# time: DuckDB materialises a sorted result, and a store's largest type is a fraction of it.
_REPORTS_OF_TYPE = """
WITH these AS (SELECT report FROM reports WHERE type = $type),
sides AS (
    SELECT report,
           list_sort(list_distinct(list(code) FILTER (WHERE side = 'source'))) AS source,
           list_sort(list_distinct(list(code) FILTER (WHERE side = 'target'))) AS target
    FROM report_actors SEMI JOIN these USING (report) GROUP BY report
), report_flags AS (
    SELECT report, list([kind, message] ORDER BY kind, message) AS flags
    FROM (SELECT unnest(reports) AS report, kind, message FROM flags) SEMI JOIN these USING (report)
    GROUP BY report
), keyed AS (
    SELECT r.report, r.doc, r.type, r.cameo, r.joint, r.date, r.modality, r.location, r.confidence,
           d.outlet, d.published, coalesce(s.source, []) AS source, coalesce(s.target, []) AS target,
           coalesce(f.flags, []) AS flags
    FROM reports r JOIN documents d USING (doc)
         LEFT JOIN sides s USING (report) LEFT JOIN report_flags f USING (report)
    WHERE r.type = $type
)
SELECT * FROM keyed
ORDER BY joint, CASE WHEN joint THEN list_sort(list_distinct(source || target)) ELSE source END,
         CASE WHEN joint THEN [] ELSE target END
"""
_FETCH = 20_000  # reports per fetch
_WRITE = 20_000  # merged events per insert


def reports_by_key(con: duckdb.DuckDBPyConnection) -> Iterator[list[Report]]:
    """The store's reports, one group per type and actors, streamed: memory holds one type's."""
    types = [t for (t,) in con.execute("SELECT DISTINCT type FROM reports ORDER BY type").fetchall()]
    for report_type in types:
        yield from _groups(con.execute(_REPORTS_OF_TYPE, {"type": report_type}))


def _groups(result: duckdb.DuckDBPyConnection) -> Iterator[list[Report]]:
    group: list[Report] = []
    key = None
    while rows := result.fetchmany(_FETCH):
        for row in rows:
            report = Report(
                report=row[0], doc=row[1], type=row[2], cameo=row[3], symmetric=row[4], date=row[5],
                modality=row[6], location=row[7], confidence=row[8], outlet=row[9], published=row[10],
                source=frozenset(row[11]), target=frozenset(row[12]), flags=tuple((k, m) for k, m in row[13]),
            )  # fmt: skip
            report_key = merge_key(report)
            if report_key != key and group:
                yield group
                group = []
            key = report_key
            group.append(report)
    if group:
        yield group


@dataclass(frozen=True, slots=True)
class MergeResult:
    events: int  # events after the merge
    added: int  # ids the store did not have before
    changed: int  # earlier ids merged, split, re-dated or dropped (rows in event_history)


def rebuild_events(con: duckdb.DuckDBPyConnection, *, run: str | None = None) -> int:
    """Merge all reports anew (see :func:`merge_events`); returns the number of events."""
    return merge_events(con, run=run).events


def merge_events(con: duckdb.DuckDBPyConnection, *, run: str | None = None) -> MergeResult:
    """Merge all reports anew, one type-and-actors group at a time, and record in
    ``event_history`` (with ``run``) what became of every earlier event id the merge changed.

    Reports are read on ``con`` while a second connection to the same store replaces the
    event tables in one transaction: readers see the old events or the new, never a mix."""
    names = dict(con.execute("SELECT DISTINCT code, name FROM report_actors WHERE kind <> 'person'").fetchall())
    kinds = dict(con.execute("SELECT DISTINCT code, kind FROM report_actors WHERE kind <> 'person'").fetchall())
    writer = con.cursor()
    count = 0
    writer.execute("BEGIN TRANSACTION")
    try:
        writer.execute("CREATE OR REPLACE TEMP TABLE _old_events AS SELECT event, date FROM events")
        writer.execute("CREATE OR REPLACE TEMP TABLE _old_members AS SELECT event, report FROM event_reports")
        for table in EVENT_TABLES:
            writer.execute(f"DELETE FROM {table}")
        pending: list[MergedEvent] = []
        for group in reports_by_key(con):
            events = merge_group(group)
            count += len(events)
            pending.extend(events)
            if len(pending) >= _WRITE:
                _insert(writer, _event_rows(pending, names, kinds))
                pending = []
        _insert(writer, _event_rows(pending, names, kinds))
        refresh_dyads(writer)
        added, changed = _record_history(writer, run)
        writer.execute("DROP TABLE _old_events")
        writer.execute("DROP TABLE _old_members")
        writer.execute("COMMIT")
    except BaseException:
        writer.execute("ROLLBACK")
        raise
    finally:
        writer.close()
    return MergeResult(count, added, changed)


_SUCCESSORS = """
SELECT o.event, o.date, n.event IS NOT NULL AS survives, n.date,
       coalesce(list(DISTINCT er.event) FILTER (WHERE er.event IS NOT NULL), []) AS successors
FROM _old_events o
LEFT JOIN events n ON n.event = o.event
LEFT JOIN _old_members m ON m.event = o.event
LEFT JOIN event_reports er ON er.report = m.report
GROUP BY ALL ORDER BY o.event
"""


def _record_history(con: duckdb.DuckDBPyConnection, run: str | None) -> tuple[int, int]:
    """Write the history rows of this merge; returns (ids added, earlier ids changed)."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    rows = []
    changed = 0
    for old, old_date, survives, new_date, successors in con.execute(_SUCCESSORS).fetchall():
        found = history.changes(old, successors, survives=survives, old_date=old_date, new_date=new_date)
        changed += bool(found)
        rows.extend((c.old, c.new, c.kind, run, at) for c in found)
    if rows:
        con.executemany("INSERT INTO event_history VALUES (?, ?, ?, ?, ?)", rows)
    added = con.execute("SELECT count(*) FROM events WHERE event NOT IN (SELECT event FROM _old_events)").fetchall()
    return added[0][0], changed


def _insert(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]]) -> None:
    for table, rows in tables.items():
        if rows:
            con.register("_rows", pa.Table.from_pylist(rows))
            columns = ", ".join(rows[0])
            con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _rows")
            con.unregister("_rows")


def month_of(value: str | None) -> str | None:
    """YYYY-MM of a date of any granularity finer than a year; a week ("2025-W04") by its Monday."""
    if not value or len(value) < 7:
        return None
    if value[5] == "W":
        try:
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1).isoformat()[:7]
        except ValueError:
            return None
    return value[:7]


def _event_rows(events: list[MergedEvent], names: dict[str, str], kinds: dict[str, str]) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {"events": [], "event_reports": [], "event_actors": [], "event_flags": []}
    for e in events:
        tables["events"].append({
            "event": e.event, "type": e.type, "cameo": e.cameo, "goldstein": e.goldstein, "quad_class": e.quad_class,
            "joint": e.symmetric, "date": e.date, "month": month_of(e.date),
            "modality": e.modality, "location": e.location, "source": list(e.source), "target": list(e.target),
            "mentions": len(e.reports), "outlets": e.outlets, "first_report": e.first_report,
            "last_report": e.last_report, "disputed": e.disputed, "confidence": e.confidence,
            **dict(zip(PLACE_NAMES, place_fields(e.location, {*e.source, *e.target}), strict=True)),
        })  # fmt: skip
        tables["event_reports"].extend({"event": e.event, "report": r.report} for r in e.reports)
        for side, codes in (("source", e.source), ("target", e.target)):
            tables["event_actors"].extend(
                {"event": e.event, "side": side, "code": c, "name": names.get(c, c), "kind": kinds.get(c)}
                for c in codes
            )
        tables["event_flags"].extend({"event": e.event, "kind": k, "message": m} for k, m in e.flags)
    return tables
