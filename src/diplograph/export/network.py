"""The directed actor network of the events matching a filter: who did what to whom, summed.

    g = actor_network(con, EventFilter(since="2024-01"))
    g.nodes["RUS"]       # {'label': 'Russia', 'kind': 'state', 'wikidata': 'Q159', 'events': 12, …}
    g["GBR"]["RUS"]      # {'events': 2, 'cooperation': 0, 'conflict': 2, 'goldstein_sum': -6.0, …}

Nodes are actor codes with ``label`` (name), ``kind``, ``wikidata`` (QID; absent when unknown,
since GEXF and GraphML cannot hold a null), ``events`` (events the actor takes part in),
``as_source`` and ``as_target``. Every actor of a selected event is a node, even one without edges
(a threat with no named target).

Edges follow :func:`~diplograph.export.records.dyads`: a directed event adds to source → target
for each source and target. A **joint event** (talks, a signing: no direction) adds to the edge
in *both* directions between every two participants, and counts in the edge's ``joint``
attribute: directed layouts and in/out degrees then show the relation from either side, as
Gephi users expect of a meeting. Summing a → b and b → a therefore counts a joint event twice;
subtract ``joint`` once to count it once.

Edge attributes: ``events``, ``joint``, ``cooperation`` (quad classes 1–2), ``conflict`` (3–4),
``goldstein_sum`` (one decimal: the signed Goldstein scores of the pair's events, negative for
hostile dyads), ``weight`` (= ``events``: what Gephi, igraph and networkx read as edge weight, and
what their layouts and centralities need to be a non-negative strength; a signed sum there pulls
enemies together or breaks ForceAtlas) and ``sign`` (of ``goldstein_sum``: +1, −1, or 0).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import duckdb
import networkx as nx

from diplograph.export.records import actor_catalogue, dyads, lookup, participants
from diplograph.store.query import EventFilter

COOPERATION = (1, 2)
CONFLICT = (3, 4)


@dataclass(slots=True)
class _Dyad:
    """What the events of one directed actor pair add up to."""

    events: int = 0
    joint: int = 0
    cooperation: int = 0
    conflict: int = 0
    goldstein: float = 0.0

    def add(self, *, joint: bool, quad_class: int | None, goldstein: float | None) -> None:
        self.events += 1
        self.joint += int(joint)
        self.cooperation += int(quad_class in COOPERATION)
        self.conflict += int(quad_class in CONFLICT)
        self.goldstein += goldstein or 0.0

    def attributes(self) -> dict[str, int | float]:
        total = round(self.goldstein, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
        return {"events": self.events, "joint": self.joint, "cooperation": self.cooperation,
                "conflict": self.conflict, "goldstein_sum": total, "weight": self.events,
                "sign": (total > 0) - (total < 0)}  # fmt: skip


def actor_network(con: duckdb.DuckDBPyConnection, where: EventFilter | None = None) -> nx.DiGraph:
    """The actor network of the events matching ``where`` (all events when ``None``)."""
    clause, params = (where or EventFilter()).where()
    rows = con.execute(
        f"SELECT e.source, e.target, e.joint, e.quad_class, e.goldstein FROM events e{clause} ORDER BY e.event", params
    ).fetchall()
    taking_part: Counter[str] = Counter()
    as_source: Counter[str] = Counter()
    as_target: Counter[str] = Counter()
    dyad_totals: dict[tuple[str, str], _Dyad] = defaultdict(_Dyad)
    for source, target, joint, quad_class, goldstein in rows:
        taking_part.update(participants(source, target))
        as_source.update(set(source))
        as_target.update(set(target))
        for first, second in dyads(source, target, bool(joint)):
            if second is None:
                continue
            for pair in ((first, second), (second, first)) if joint else ((first, second),):
                dyad_totals[pair].add(joint=bool(joint), quad_class=quad_class, goldstein=goldstein)
    catalogue = actor_catalogue(con)
    graph = nx.DiGraph()
    for code in sorted(taking_part):
        actor = lookup(catalogue, code)
        attributes = {
            "label": actor.name, "kind": actor.kind, "wikidata": actor.wikidata,
            "events": taking_part[code], "as_source": as_source[code], "as_target": as_target[code],
        }  # fmt: skip
        graph.add_node(code, **{k: v for k, v in attributes.items() if v is not None})
    for (first, second), totals in sorted(dyad_totals.items()):
        graph.add_edge(first, second, **totals.attributes())
    return graph
