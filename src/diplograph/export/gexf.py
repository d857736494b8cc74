"""The actor network as GEXF 1.2, the format Gephi opens natively (File › Open).

Nodes, edges and their attributes: :mod:`diplograph.export.network`. Gephi takes ``label`` as the
node label and ``weight`` (the number of events, never negative) as the edge weight; the Goldstein
sum is ``goldstein_sum``, and it and the other attributes appear in
its Data Laboratory for filtering and colouring (``sign`` for friend/foe, ``kind`` for states
against organisations).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import networkx as nx

from diplograph.export.network import actor_network
from diplograph.export.output import atomic_file
from diplograph.store.query import EventFilter


def write_gexf(con: duckdb.DuckDBPyConnection, where: EventFilter, out: Path, *, force: bool = False) -> int:
    """Write the actor network of the events matching ``where`` to ``out``; returns its edges (dyads)."""
    where.where()  # a bad filter fails before a file is created
    with atomic_file(out, force=force) as temporary:
        graph = actor_network(con, where)
        nx.write_gexf(graph, temporary, encoding="utf-8", prettyprint=True, version="1.2draft")
    return graph.number_of_edges()
