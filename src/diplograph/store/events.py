"""Recompute the merged events of a store from all its reports, in one transaction.

Recomputing (rather than updating) keeps the result independent of ingestion order and of
interruptions: the same documents always give the same events.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import duckdb
import pyarrow as pa

from diplograph.store.merge import MergedEvent, Report, merge


def load_reports(con: duckdb.DuckDBPyConnection) -> list[Report]:
    actors: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"source": set(), "target": set()})
    for report, side, code in con.execute("SELECT report, side, code FROM report_actors").fetchall():
        actors[report][side].add(code)
    flags: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, reports, message in con.execute("SELECT kind, reports, message FROM flags").fetchall():
        for report in reports or []:
            flags[report].append((kind, message))
    rows = con.execute(
        """SELECT r.report, r.doc, r.type, r.cameo, r.joint, r.date, r.modality, r.location, r.confidence,
                  d.outlet, d.published
           FROM reports r JOIN documents d USING (doc)"""
    ).fetchall()
    return [
        Report(
            report=row[0],
            doc=row[1],
            type=row[2],
            cameo=row[3],
            symmetric=row[4],
            date=row[5],
            modality=row[6],
            location=row[7],
            confidence=row[8],
            outlet=row[9],
            published=row[10],
            source=frozenset(actors[row[0]]["source"]),
            target=frozenset(actors[row[0]]["target"]),
            flags=tuple(flags.get(row[0], ())),
        )
        for row in rows
    ]


def rebuild_events(con: duckdb.DuckDBPyConnection) -> int:
    """Merge all reports anew; returns the number of events."""
    events = merge(load_reports(con))
    names = dict(con.execute("SELECT DISTINCT code, name FROM report_actors WHERE kind <> 'person'").fetchall())
    kinds = dict(con.execute("SELECT DISTINCT code, kind FROM report_actors WHERE kind <> 'person'").fetchall())
    tables = _event_rows(events, names, kinds)
    con.execute("BEGIN TRANSACTION")
    try:
        for table, rows in tables.items():
            con.execute(f"DELETE FROM {table}")
            if rows:
                arrow = pa.Table.from_pylist(rows)
                con.register("_rows", arrow)
                columns = ", ".join(rows[0])
                con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _rows")
                con.unregister("_rows")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(events)


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
        })  # fmt: skip
        tables["event_reports"].extend({"event": e.event, "report": r.report} for r in e.reports)
        for side, codes in (("source", e.source), ("target", e.target)):
            tables["event_actors"].extend(
                {"event": e.event, "side": side, "code": c, "name": names.get(c, c), "kind": kinds.get(c)}
                for c in codes
            )
        tables["event_flags"].extend({"event": e.event, "kind": k, "message": m} for k, m in e.flags)
    return tables
