"""Ask the store questions; every answer is a pandas DataFrame.

    from diplograph.store import query
    con = query.open_store("diplograph.duckdb")
    query.events(con, dyad=("RUS", "IRN"), since="2024-01", min_sources=2)
    query.dyad(con, "RUS", "IRN")            # monthly counts and Goldstein sums
    query.sql(con, "SELECT type, count(*) FROM events GROUP BY type")

Filters are bound as parameters, never pasted into SQL text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from diplograph import errors
from diplograph.errors import StoreError, UsageError, did_you_mean
from diplograph.events.plover import TYPES
from diplograph.store import undated as undated_rule
from diplograph.store.dyads import has_dyads
from diplograph.store.writer import DEFAULT_DB, connect

MODALITIES = ("actual", "planned", "desired", "possible", "negated")
ANY_MODALITY = "any"  # a modality filter that keeps every one (exports with a narrower default: GDELT)


class QueryError(UsageError):
    """A filter value that cannot be right (an unknown type, a malformed date)."""

    code = "D410"


def open_store(path: str | Path = DEFAULT_DB) -> duckdb.DuckDBPyConnection:
    if not Path(path).exists():
        raise QueryError(f"no store at {path} (create one with: diplograph ingest PATH --db {path})")
    return connect(path, read_only=True)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``diplograph events`` and ``/api/events`` filter on; all optional."""

    actor: str | None = None  # on either side
    dyad: tuple[str, str] | None = None  # first acts on second (or both take part, for joint events)
    type: str | None = None
    quad_class: int | None = None
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None
    modality: str | None = None  # one, several joined by commas, or "any"
    min_sources: int = 1
    text: str | None = None  # words in any evidence sentence
    disputed: bool | None = None
    undated: str = undated_rule.DEFAULT_UNDATED  # what becomes of events without a date: store.undated

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.undated not in undated_rule.UNDATED_CHOICES:
            hint = did_you_mean(self.undated, undated_rule.UNDATED_CHOICES)
            raise QueryError(f"undated must be one of {', '.join(undated_rule.UNDATED_CHOICES)}, not "
                             f"{self.undated!r}; {hint}".rstrip("; "))  # fmt: skip
        if self.undated == "exclude":
            clauses.append("e.date IS NOT NULL")
        if self.actor:
            clauses.append("(list_contains(e.source, ?) OR list_contains(e.target, ?))")
            params += [self.actor.upper()] * 2
        if self.dyad:
            a, b = (code.upper() for code in self.dyad)
            clauses.append(
                "((list_contains(e.source, ?) AND list_contains(e.target, ?))"
                " OR (e.joint AND list_contains(e.source || e.target, ?)"
                " AND list_contains(e.source || e.target, ?)))"
            )
            params += [a, b, a, b]
        if self.type:
            if self.type.upper() not in TYPES:
                hint = did_you_mean(self.type.upper(), TYPES)
                raise QueryError(f"unknown event type {self.type!r}; {hint}one of {', '.join(TYPES)}")
            clauses.append("e.type = ?")
            params.append(self.type.upper())
        if self.quad_class is not None:
            if self.quad_class not in (1, 2, 3, 4):
                raise QueryError("quad class is 1 (verbal cooperation) to 4 (material conflict)")
            clauses.append("e.quad_class = ?")
            params.append(self.quad_class)
        window, bounds = [], []
        dated = undated_rule.date_sql(self.undated)
        if self.since:
            window.append(f"{dated} >= ?")
            bounds.append(_date_bound(self.since, "from"))
        if self.until:
            window.append(f"{dated} <= ?")
            bounds.append(_date_bound(self.until, "to") + "\uffff")  # "2024-06" includes 2024-06-30
        if window:
            inside = " AND ".join(window)
            clauses.append(f"(e.date IS NULL OR ({inside}))" if self.undated == "include" else f"({inside})")
            params += bounds
        if self.modality and self.modality != ANY_MODALITY:
            wanted = [m.strip() for m in self.modality.split(",")]
            for modality in wanted:
                if modality not in MODALITIES:
                    hint = did_you_mean(modality, MODALITIES)
                    raise QueryError(f"unknown modality {modality!r}; {hint}one of {', '.join(MODALITIES)} "
                                     f"(several: actual,planned; every one: {ANY_MODALITY})")  # fmt: skip
            clauses.append("list_contains(?, e.modality)")
            params.append(wanted)
        if self.min_sources > 1:
            clauses.append("e.outlets >= ?")
            params.append(self.min_sources)
        if self.text:
            clauses.append(
                "e.event IN (SELECT er.event FROM event_reports er JOIN evidence v USING (report)"
                " WHERE v.text ILIKE ? ESCAPE '\\')"
            )
            params.append(f"%{_escape_like(self.text)}%")
        if self.disputed is not None:
            clauses.append("e.disputed = ?")
            params.append(self.disputed)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _date_bound(value: str, name: str) -> str:
    parts = value.split("-")
    ok = 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4
    ok = ok and all(len(p) == 2 for p in parts[1:])
    if ok and len(parts) >= 2:
        ok = 1 <= int(parts[1]) <= 12
    if ok and len(parts) == 3:
        try:
            date.fromisoformat(value)
        except ValueError:
            ok = False
    if not ok:
        raise QueryError(f"{name} date must be a real YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


EVENT_COLUMNS = (
    "e.event, e.type, e.date, e.modality, e.source, e.target, e.joint, e.cameo, e.goldstein, e.quad_class, "
    "e.location, e.mentions, e.outlets, e.first_report, e.last_report, e.disputed, e.confidence"
)


def event_columns(rule: str) -> str:
    """:data:`EVENT_COLUMNS` with ``date`` as the date an event counts under the undated ``rule``,
    followed by its ``date_precision`` (:mod:`diplograph.store.undated`)."""
    return EVENT_COLUMNS.replace(
        "e.date,", f"{undated_rule.date_sql(rule)} AS date, {undated_rule.precision_sql(rule)} AS date_precision,", 1
    )


ORDERS = {"date": "e.date", "mentions": "e.mentions", "outlets": "e.outlets", "goldstein": "e.goldstein",
          "confidence": "e.confidence", "type": "e.type"}  # fmt: skip


def events(
    con: duckdb.DuckDBPyConnection,
    where: EventFilter | None = None,
    *,
    order: str = "date",
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    **filters,
) -> pd.DataFrame:
    """Merged events matching the filter (an :class:`EventFilter`, or its fields as keywords)."""
    sql, params = events_sql(where or EventFilter(**filters), order=order, descending=descending, limit=limit,
                             offset=offset)  # fmt: skip
    return con.execute(sql, params).df()


def events_sql(
    where: EventFilter, *, order: str = "date", descending: bool = False, limit: int | None = None, offset: int = 0
) -> tuple[str, list]:
    """The query of :func:`events` and its parameters (the API reads the rows without pandas)."""
    if order not in ORDERS:
        raise QueryError(f"cannot order by {order!r}; one of {', '.join(ORDERS)}")
    clause, params = where.where()
    direction = "DESC" if descending else "ASC"
    columns = event_columns(where.undated)
    ordering = undated_rule.date_sql(where.undated) if order == "date" else ORDERS[order]
    sql = f"SELECT {columns} FROM events e{clause} ORDER BY {ordering} {direction} NULLS LAST, e.event"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return sql, params


def count_events(con: duckdb.DuckDBPyConnection, where: EventFilter) -> int:
    clause, params = where.where()
    return con.execute(f"SELECT count(*) FROM events e{clause}", params).fetchone()[0]


def count_undated(con: duckdb.DuckDBPyConnection, where: EventFilter) -> int:
    """How many events matching ``where`` (except for its undated rule) have no date of their own:
    those the rule dated by publication, kept undated, or (``exclude``) left out."""
    kept = where if where.undated != "exclude" else EventFilter(**{**_fields(where), "undated": "include"})
    dated = EventFilter(**{**_fields(where), "undated": "exclude"})
    return count_events(con, kept) - count_events(con, dated)


def event_reports(con: duckdb.DuckDBPyConnection, event: str) -> pd.DataFrame:
    """Every report of one event: outlet, publication date, its own date, modality,
    attribution and evidence spans, with the document to show them in."""
    return con.execute(
        """SELECT r.report, d.doc, d.id AS document, d.outlet, d.published, d.title, r.date, r.modality,
                  r.attribution, r.attribution_kind, r.confidence,
                  list({'text': v.text, 'start': v.start_char, 'end': v.end_char} ORDER BY v.n) AS evidence
           FROM event_reports er JOIN reports r USING (report) JOIN documents d USING (doc)
                LEFT JOIN evidence v USING (report)
           WHERE er.event = ?
           GROUP BY ALL ORDER BY d.published NULLS LAST, r.report""",
        [event],
    ).df()


def actors(con: duckdb.DuckDBPyConnection, *, limit: int | None = None) -> pd.DataFrame:
    """Actors by activity: events as source, as target, and their Goldstein sums, with the ISO3,
    Gleditsch–Ward and COW codes of the actor's country (:mod:`diplograph.actors.codes`)."""
    sql = """SELECT a.code, any_value(a.name) AS name, any_value(a.kind) AS kind,
                    count(*) FILTER (WHERE a.side = 'source') AS as_source,
                    count(*) FILTER (WHERE a.side = 'target') AS as_target,
                    count(DISTINCT a.event) AS events,
                    round(sum(e.goldstein), 1) AS goldstein_sum
             FROM event_actors a JOIN events e USING (event)
             GROUP BY a.code ORDER BY events DESC, a.code"""
    params: list = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    frame = con.execute(sql, params).df()
    return with_country_codes(frame)


def with_superseded(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (events) with a column ``supersedes``: the earlier ids (event_history) that lead to each."""
    from diplograph.store.history import supersedes

    try:
        rows = con.execute("SELECT old, new FROM event_history").fetchall()
    except duckdb.CatalogException:  # a store from before event_history
        rows = []
    current = {e for (e,) in con.execute("SELECT event FROM events").fetchall()}
    leads = supersedes(rows, current)
    frame = frame.copy()
    frame["supersedes"] = [leads.get(e, []) for e in frame["event"]]
    return frame


def with_country_codes(frame: pd.DataFrame, *, column: str = "code") -> pd.DataFrame:
    """``frame`` with ``iso3``, ``gw`` and ``cow`` columns for the actor codes in ``column``
    (nullable integers: a missing number stays missing, not NaN)."""
    from diplograph.actors.codes import code_table, codes_of

    table = code_table()
    found = [codes_of(code, table) for code in frame[column]]
    frame = frame.copy()
    frame["iso3"] = pd.array([c.iso3 or None for c in found], dtype="string")
    frame["gw"] = pd.array([c.gw for c in found], dtype="Int64")
    frame["cow"] = pd.array([c.cow for c in found], dtype="Int64")
    return frame


def dyad(
    con: duckdb.DuckDBPyConnection, first: str, second: str, *, directed: bool = False, where: EventFilter | None = None
) -> pd.DataFrame:
    """Monthly series for a pair of actors: events, cooperation and conflict counts, and the
    Goldstein sum; both directions unless ``directed`` (first acting on second). Undated events
    count in the month of their first report under the ``publication`` rule (``where.undated``),
    in no month otherwise."""
    a, b = first.upper(), second.upper()
    base = where or EventFilter()
    month = undated_rule.month_sql(base.undated)
    if base.actor is None and has_dyads(con):
        # The sorted pair table: the same rows, read from a narrow slice (store.dyads).
        clause, params = EventFilter(**{**_fields(base), "dyad": None}).where()
        clause = f"{clause} AND" if clause else " WHERE"
        rows = f"SELECT e.* REPLACE ({month} AS month) FROM event_dyads e{clause} e.actor_a = ? AND e.actor_b = ?"
        params = [*params, a, b]
        if not directed:
            rows = f"{rows} UNION ALL {rows} AND NOT e.joint"
            params = [*params, *params[:-2], b, a]
    else:
        clause, params = EventFilter(**{**_fields(base), "dyad": (a, b)}).where()
        rows = f"SELECT e.* REPLACE ({month} AS month) FROM events e{clause}"
        if not directed:
            reverse_clause, reverse_params = EventFilter(**{**_fields(base), "dyad": (b, a)}).where()
            reverse = f"SELECT e.* REPLACE ({month} AS month) FROM events e{reverse_clause} AND NOT e.joint"
            rows = f"{rows} UNION ALL {reverse}"
            params += reverse_params
    return con.execute(
        f"""SELECT month, count(*) AS events,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   round(sum(goldstein), 1) AS goldstein_sum
            FROM ({rows}) WHERE month IS NOT NULL
            GROUP BY month ORDER BY month""",
        params,
    ).df()


def _fields(f: EventFilter) -> dict:
    return {name: getattr(f, name) for name in EventFilter.__slots__}


# What ``sql`` runs: a SELECT, or the plan of one (EXPLAIN [ANALYZE] SELECT …). Anything else
# (COPY, ATTACH, SET, INSTALL, LOAD, PRAGMA, EXPORT, CALL, transactions) is refused before DuckDB sees it.
_EXPLAIN = re.compile(r"^\s*explain\s+(?:analy[sz]e\s+|\([^)]*\)\s*)?", re.IGNORECASE)


def _is_query(statement: duckdb.Statement) -> bool:
    if statement.type == duckdb.StatementType.SELECT:
        return True
    if statement.type != duckdb.StatementType.EXPLAIN:
        return False
    try:  # EXPLAIN ANALYZE runs its statement: that one must be a query too
        inner = duckdb.extract_statements(_EXPLAIN.sub("", statement.query, count=1))
    except duckdb.Error:
        return False
    return len(inner) == 1 and inner[0].type == duckdb.StatementType.SELECT


def sql(con: duckdb.DuckDBPyConnection, statement: str) -> pd.DataFrame:
    """One read-only query over the store's tables.

    Two fences, so that neither alone must be perfect: the statement must parse as one SELECT (or
    EXPLAIN), else D305; and the connection is sandboxed (:data:`diplograph.store.writer.SANDBOX`),
    so a table function that reads or writes a file is refused by DuckDB itself, D306. Any other
    DuckDB error is D304 with DuckDB's first line."""
    try:
        statements = duckdb.extract_statements(statement)
    except duckdb.Error as exc:
        raise StoreError(_first_line(exc), code=errors.SQL_ERROR) from exc
    if len(statements) != 1:
        raise StoreError(f"one statement at a time, not {len(statements)}", code=errors.NOT_A_QUERY)
    if not _is_query(statements[0]):
        verb = (statements[0].query.split() or ["?"])[0].upper()
        raise StoreError(
            f"only queries (SELECT, EXPLAIN) run on the store, not {verb}: it is opened read-only",
            code=errors.NOT_A_QUERY,
        )
    try:
        return con.execute(statement).df()
    except duckdb.PermissionException as exc:
        raise StoreError(
            f"a query reads only the store's tables, no files or extensions ({_first_line(exc)})",
            code=errors.EXTERNAL_ACCESS,
        ) from exc
    except duckdb.Error as exc:
        raise StoreError(_first_line(exc), code=errors.SQL_ERROR) from exc


def _first_line(exc: Exception) -> str:
    lines = str(exc).splitlines()
    return lines[0] if lines else type(exc).__name__
