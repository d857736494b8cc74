"""Reads the API needs beyond :mod:`diplograph.store.query`, as plain JSON-safe Python values.

Every value from the request is bound as a parameter; SQL text is only ever assembled from
constants here and from :meth:`EventFilter.where`, which binds its values too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pandas as pd

from diplograph.store.query import EVENT_COLUMNS, EventFilter, QueryError
from diplograph.store.undated import DEFAULT_UNDATED

MAX_SEARCH_WORDS = 10


def plain(value: Any) -> Any:
    """A JSON-safe copy: numpy scalars and arrays become Python numbers and lists, NaN, NA and
    infinities become None (JSON has no NaN, and a front end should not have to guess)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return plain(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a query result as JSON-safe dicts."""
    return [{str(k): plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Rows as dicts straight from DuckDB (lists and structs arrive as lists and dicts)."""
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [{name: plain(value) for name, value in zip(names, row, strict=True)} for row in cursor.fetchall()]


def info(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    return rows(
        con,
        """SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM reports) AS reports,
                  (SELECT count(*) FROM events) AS events, (SELECT min(month) FROM events) AS first_month,
                  (SELECT max(month) FROM events) AS last_month""",
    )[0]


def event_detail(con: duckdb.DuckDBPyConnection, event: str) -> dict[str, Any] | None:
    """One merged event with its flags and actors (reports come from ``query.event_reports``)."""
    found = rows(con, f"SELECT {EVENT_COLUMNS}, e.joint, e.month FROM events e WHERE e.event = ?", [event])
    if not found:
        return None
    detail = found[0]
    detail["flags"] = rows(con, "SELECT kind, message FROM event_flags WHERE event = ? ORDER BY kind, message",
                           [event])  # fmt: skip
    detail["actors"] = rows(
        con,
        "SELECT side, code, name, kind FROM event_actors WHERE event = ? ORDER BY side = 'target', code",
        [event],
    )
    return detail


def event_history(con: duckdb.DuckDBPyConnection, event: str) -> dict[str, Any]:
    """The history rows naming ``event`` and the current events it leads to."""
    from diplograph.store.history import supersedes

    try:
        history = rows(con, "SELECT old, new, kind, run, recorded FROM event_history WHERE old = ? OR new = ? "
                            "ORDER BY recorded, old, new", [event, event])  # fmt: skip
        links = con.execute("SELECT old, new FROM event_history").fetchall()
    except duckdb.CatalogException:  # a store from before event_history
        history, links = [], []
    current = {e for (e,) in con.execute("SELECT event FROM events").fetchall()}
    if event in current:
        leads = [event]
    else:
        leads = sorted(new for new, olds in supersedes(links, current).items() if event in olds)
    return {"event": event, "current": leads, "history": history}


def without_empty_spans(spans: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """A report without evidence comes out of a LEFT JOIN as one all-null span; drop it."""
    return [s for s in spans or [] if s.get("text") is not None]


def network(
    con: duckdb.DuckDBPyConnection,
    since: str | None,
    until: str | None,
    *,
    min_events: int,
    modalities: Sequence[str],
    undated: str = DEFAULT_UNDATED,
) -> dict[str, Any]:
    """Actors and undirected actor pairs of a window, with cooperation/conflict counts and Goldstein sums.

    Pairs as in :mod:`diplograph.graph.network`: a directed event links each source with each
    target, a joint event every pair of its participants. Unweighted by confidence, so that the
    numbers are the counts and sums a reader can check against ``/api/events``."""
    clause, params = EventFilter(since=since, until=until, undated=undated).where()
    clause += (" AND " if clause else " WHERE ") + "list_contains(?, e.modality)"
    params.append(list(modalities))
    nodes = rows(
        con,
        f"""SELECT a.code, any_value(a.name) AS name, any_value(a.kind) AS kind,
                   count(DISTINCT a.event) AS events,
                   count(*) FILTER (WHERE a.side = 'source') AS as_source,
                   count(*) FILTER (WHERE a.side = 'target') AS as_target,
                   round(sum(e.goldstein), 1) AS goldstein_sum
            FROM event_actors a JOIN events e USING (event){clause} AND a.code IS NOT NULL
            GROUP BY a.code HAVING count(DISTINCT a.event) >= ? ORDER BY events DESC, a.code""",
        [*params, min_events],
    )
    edges = rows(
        con,
        f"""WITH ev AS (SELECT e.event, e.joint, e.quad_class, e.goldstein, e.source, e.target FROM events e{clause}),
            pairs AS (
                SELECT ev.event, s.a, t.b, ev.goldstein, ev.quad_class
                FROM ev, unnest(ev.source) AS s(a), unnest(ev.target) AS t(b)
                WHERE NOT coalesce(ev.joint, false)
                UNION ALL
                SELECT ev.event, x.a, y.b, ev.goldstein, ev.quad_class
                FROM (SELECT *, list_distinct(list_concat(source, target)) AS people
                      FROM ev WHERE coalesce(joint, false)) ev,
                     unnest(ev.people) AS x(a), unnest(ev.people) AS y(b)
                WHERE x.a < y.b
            ),
            undirected AS (
                SELECT DISTINCT event, least(a, b) AS a, greatest(a, b) AS b, goldstein, quad_class
                FROM pairs WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
            )
            SELECT a, b, count(*) AS events,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   round(sum(goldstein), 1) AS goldstein_sum
            FROM undirected GROUP BY a, b HAVING count(*) >= ? ORDER BY events DESC, a, b""",
        [*params, min_events],
    )
    shown = {node["code"] for node in nodes}
    edges = [edge for edge in edges if edge["a"] in shown and edge["b"] in shown]
    return {"since": since, "until": until, "min_events": min_events, "modalities": list(modalities),
            "nodes": nodes, "edges": edges}  # fmt: skip


def document(con: duckdb.DuckDBPyConnection, doc: str) -> dict[str, Any] | None:
    """A stored document with its mentions, reports (and their merged events), evidence and flags.

    The origin (a path on the server) is left out: it says nothing to a reader and something
    about the server's disk."""
    found = rows(
        con,
        """SELECT doc, id, lang, published, published_from, outlet, title, url, sentences, warnings, text
           FROM documents WHERE doc = ?""",
        [doc],
    )
    if not found:
        return None
    view = found[0]
    view["warnings"] = view["warnings"] or []
    view["mentions"] = rows(
        con,
        """SELECT n, text, start_char AS start, end_char AS "end", sentence, form, code, name, kind, role, metonymy
           FROM mentions WHERE doc = ? ORDER BY n""",
        [doc],
    )
    reports = rows(
        con,
        """SELECT r.report, any_value(er.event) AS event, r.type, r.date, r.modality, r.attribution, r.confidence,
                  list({'text': v.text, 'start': v.start_char, 'end': v.end_char, 'sentence': v.sentence}
                       ORDER BY v.n) AS evidence,
                  min(v.start_char) AS first_char
           FROM reports r LEFT JOIN event_reports er USING (report) LEFT JOIN evidence v USING (report)
           WHERE r.doc = ?
           GROUP BY r.report, r.type, r.date, r.modality, r.attribution, r.confidence
           ORDER BY first_char NULLS LAST, r.report""",
        [doc],
    )
    for report in reports:
        report.pop("first_char")
        report["evidence"] = without_empty_spans(report["evidence"])
    view["reports"] = reports
    flags = rows(con, "SELECT kind, reports, message FROM flags WHERE doc = ? ORDER BY kind, message", [doc])
    for flag in flags:
        flag["reports"] = flag["reports"] or []
    view["flags"] = flags
    return view


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` literally anywhere (used with ``ESCAPE '\\'``)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(con: duckdb.DuckDBPyConnection, q: str, *, limit: int) -> dict[str, Any]:
    """Events whose evidence sentences contain every word of ``q`` (case-insensitive, each word in
    any sentence of any of the event's reports), and actors whose code or name contains ``q``."""
    words = q.split()
    if not words:
        raise QueryError("search for at least one word")
    if len(words) > MAX_SEARCH_WORDS:
        raise QueryError(f"search for at most {MAX_SEARCH_WORDS} words")
    clause = " AND ".join(
        ["e.event IN (SELECT er.event FROM event_reports er JOIN evidence v USING (report)"
         " WHERE v.text ILIKE ? ESCAPE '\\')"] * len(words)
    )  # fmt: skip
    params = [_like(word) for word in words]
    total = con.execute(f"SELECT count(*) FROM events e WHERE {clause}", params).fetchone()[0]
    events = rows(
        con,
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE {clause} ORDER BY e.date NULLS LAST, e.event LIMIT ?",
        [*params, limit],
    )
    phrase = " ".join(words)
    actors = rows(
        con,
        """SELECT code, any_value(name) AS name, any_value(kind) AS kind, count(DISTINCT event) AS events
           FROM event_actors
           WHERE code IS NOT NULL AND (code ILIKE ? ESCAPE '\\' OR name ILIKE ? ESCAPE '\\')
           GROUP BY code ORDER BY upper(code) = upper(?) DESC, events DESC, code LIMIT ?""",
        [_like(phrase), _like(phrase), phrase, limit],
    )
    return {"q": q, "total": total, "events": events, "actors": actors}


def document_events(con: duckdb.DuckDBPyConnection, doc: str) -> list[dict[str, Any]]:
    """The merged events that a document's reports belong to."""
    return rows(
        con,
        f"""SELECT {EVENT_COLUMNS} FROM events e
            WHERE e.event IN (SELECT er.event FROM event_reports er JOIN reports r USING (report) WHERE r.doc = ?)
            ORDER BY e.date NULLS LAST, e.event""",
        [doc],
    )
