"""The signed actor network of a time window: who cooperates with whom, who clashes with whom.

    con = query.open_store("diplograph.duckdb")
    g = signed_network(con, "2024-01", "2025-06", min_events=2)
    g["RUS"]["CHN"]      # {'weight': 31.4, 'events': 7, 'cooperation': 6, 'conflict': 1, ...}

Choices, and why:

* **Undirected.** Blocs are about alignment, not about who acts first: Russia sanctioning a state and
  that state sanctioning Russia are the same signal. Direction is kept in ``events`` for other uses.
* **Signed weight = sum of Goldstein scores** (−10 … +10) of the pair's events in the window, each
  multiplied by the event's ``confidence`` unless ``confidence_weighted=False``. Goldstein rather than
  ±1 per quad class so that an armed attack weighs more than a complaint and an aid package more than a
  phone call; confidence so that one shaky extraction cannot flip an alliance. The counts of
  cooperation (quad classes 1–2) and conflict (3–4) events are kept beside the weight.
* **Pairs.** A directed event links each of its sources with each of its targets; a joint event (a
  signing, talks) links every pair of its participants, each with the event's full score. Co-sources
  of a directed event ("the US and Britain sanctioned Iran") are *not* linked to each other: acting
  side by side against a third is not an event between them.
* **Modalities.** By default ``actual``, ``planned`` and ``desired`` events count (announced or
  wished-for cooperation is itself a diplomatic signal); ``negated`` ("did not sign") and
  ``possible`` (speculation) do not.
* **Window.** ``since``/``until`` filter on the event date like ``diplograph events --from/--to``
  (inclusive; ``2025-06`` includes 2025-06-30); events without a date of their own count as
  ``undated`` says (:mod:`diplograph.store.undated`; by default on their first report's publication date).
* **Thresholds.** An edge needs at least ``min_events`` events (default 2); an actor needs at least ``min_events``
  events with anyone in the window. An actor that passes but keeps no edge stays as an isolated node,
  so that analyses can say who was left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb
import networkx as nx
import pandas as pd

from diplograph.graph.defaults import DEFAULT_MIN_EVENTS, DEFAULT_MODALITIES
from diplograph.store.query import EventFilter, QueryError
from diplograph.store.undated import DEFAULT_UNDATED

_MODALITIES = ("actual", "planned", "desired", "possible", "negated")

# One row per (event, unordered actor pair): directed events pair sources with targets, joint events
# pair all participants. ``{where}`` is an EventFilter clause over ``events e``.
_PAIRS_SQL = """
WITH ev AS (
    SELECT e.event, e.joint, e.quad_class, e.source, e.target,
           e.goldstein * (CASE WHEN ? THEN coalesce(e.confidence, 1.0) ELSE 1.0 END) AS score
    FROM events e {where}
),
pairs AS (
    SELECT ev.event, s.a, t.b, ev.score, ev.quad_class
    FROM ev, unnest(ev.source) AS s(a), unnest(ev.target) AS t(b)
    WHERE NOT coalesce(ev.joint, false)
    UNION ALL
    SELECT ev.event, x.a, y.b, ev.score, ev.quad_class
    FROM (SELECT *, list_distinct(list_concat(source, target)) AS people FROM ev WHERE coalesce(joint, false)) ev,
         unnest(ev.people) AS x(a), unnest(ev.people) AS y(b)
    WHERE x.a < y.b
)
SELECT DISTINCT event, least(a, b) AS a, greatest(a, b) AS b, score, quad_class
FROM pairs WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
"""


def signed_network(
    con: duckdb.DuckDBPyConnection,
    since: str | None = None,
    until: str | None = None,
    *,
    min_events: int = DEFAULT_MIN_EVENTS,
    actor_kinds: Iterable[str] | None = None,
    confidence_weighted: bool = True,
    modalities: Iterable[str] = DEFAULT_MODALITIES,
    undated: str = DEFAULT_UNDATED,
) -> nx.Graph:
    """The undirected signed network of the window (see the module docstring for the choices).

    Nodes carry ``name``, ``kind`` and ``events`` (the actor's events with others in the window);
    edges carry ``weight`` (signed sum), ``positive`` and ``negative`` (the sums of the positive and
    of the absolute negative scores), ``events``, ``cooperation`` and ``conflict`` (event counts).
    The graph attributes record the window and settings, ``window_events`` (events of the window with
    the chosen modalities) and ``events`` (those of them that linked two actors).

    Raises:
        QueryError: a malformed date, an unknown modality or ``min_events`` below 1.
    """
    if min_events < 1:
        raise QueryError("--min-events must be at least 1")
    modalities = tuple(modalities)
    unknown = [m for m in modalities if m not in _MODALITIES]
    if unknown or not modalities:
        raise QueryError(f"modalities must be among {', '.join(_MODALITIES)}, not {list(modalities)!r}")
    kinds = {k.lower() for k in actor_kinds} if actor_kinds is not None else None
    check_window(since, until)
    clause, params = EventFilter(since=since, until=until, undated=undated).where()
    clause += (" AND " if clause else " WHERE ") + "e.goldstein IS NOT NULL AND list_contains(?, e.modality)"
    params.append(list(modalities))
    pairs = con.execute(_PAIRS_SQL.format(where=clause), [confidence_weighted, *params]).df()
    in_window = con.execute(f"SELECT count(*) FROM events e{clause}", params).fetchone()
    info = _actor_info(con)
    if kinds is not None and not pairs.empty:
        keep = {code for code, (_name, kind) in info.items() if (kind or "").lower() in kinds}
        pairs = pairs[pairs["a"].isin(keep) & pairs["b"].isin(keep)]

    graph = nx.Graph(
        since=since, until=until, min_events=min_events, confidence_weighted=confidence_weighted, undated=undated,
        modalities=modalities, actor_kinds=tuple(sorted(kinds)) if kinds is not None else None,
        events=int(pairs["event"].nunique()) if not pairs.empty else 0,
        window_events=int(in_window[0]) if in_window else 0,
    )  # fmt: skip
    if pairs.empty:
        return graph
    actor_events = pd.concat([pairs[["event", "a"]].rename(columns={"a": "code"}),
                              pairs[["event", "b"]].rename(columns={"b": "code"})]).drop_duplicates()  # fmt: skip
    counts = actor_events.groupby("code")["event"].nunique()
    actors = sorted(code for code, n in counts.items() if n >= min_events)
    for code in actors:
        name, kind = info.get(code, (code, None))
        graph.add_node(code, name=name or code, kind=kind, events=int(counts[code]))

    pairs = pairs.assign(
        cooperation=pairs["quad_class"].isin((1, 2)).astype(int),
        conflict=pairs["quad_class"].isin((3, 4)).astype(int),
        positive=pairs["score"].clip(lower=0.0),
        negative=(-pairs["score"]).clip(lower=0.0),
    )
    edges = pairs.groupby(["a", "b"], sort=True).agg(
        weight=("score", "sum"), positive=("positive", "sum"), negative=("negative", "sum"),
        events=("event", "nunique"), cooperation=("cooperation", "sum"), conflict=("conflict", "sum"),
    )  # fmt: skip
    for (a, b), row in edges.iterrows():
        if row["events"] >= min_events and a in graph and b in graph:
            graph.add_edge(
                a, b, weight=round(float(row["weight"]), 6), positive=round(float(row["positive"]), 6),
                negative=round(float(row["negative"]), 6), events=int(row["events"]),
                cooperation=int(row["cooperation"]), conflict=int(row["conflict"]),
            )  # fmt: skip
    return graph


def check_window(since: str | None, until: str | None) -> None:
    """Reject malformed dates, dates that are not on the calendar (2024-13, 2025-02-30) and windows
    that end before they start, naming the CLI options: each would otherwise give an empty network."""
    for name, value in (("from", since), ("to", until)):
        if value:
            _calendar_date(value, name)
    if since and until and until < since[: len(until)]:  # "2024" after "2024-06" is fine: it runs to 2024-12-31
        raise QueryError(f"--to {until} is before --from {since}")


def _calendar_date(value: str, name: str) -> dt.date:
    pieces = value.split("-")
    digits = 1 <= len(pieces) <= 3 and all(p.isascii() and p.isdigit() for p in pieces)
    if not digits or [len(p) for p in pieces] != [4, 2, 2][: len(pieces)]:
        raise QueryError(f"--{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    parts = [int(p) for p in pieces]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise QueryError(f"--{name} {value!r} is not a date ({exc})") from exc


def edge_frame(graph: nx.Graph) -> pd.DataFrame:
    """The network's edges as a table (one row per actor pair, strongest ties first)."""
    columns = ["a", "b", "weight", "positive", "negative", "events", "cooperation", "conflict"]
    rows = [{"a": a, "b": b, **{k: d[k] for k in columns[2:]}} for a, b, d in graph.edges(data=True)]
    frame = pd.DataFrame(rows, columns=columns)
    order = frame["weight"].abs().sort_values(ascending=False, kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def _actor_info(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    """Name and kind per actor code, as the merged events record them."""
    rows = con.execute(
        "SELECT code, min(name), min(kind) FROM event_actors WHERE code IS NOT NULL GROUP BY code"
    ).fetchall()
    return {code: (name, kind) for code, name, kind in rows}
