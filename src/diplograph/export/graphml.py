"""The actor network as GraphML, for Gephi, Cytoscape, yEd, igraph and networkx alike.

Nodes, edges and their attributes: :mod:`diplograph.export.network`; each attribute is declared
with its type (``events`` int, ``goldstein_sum`` double …), so readers get numbers back, not text.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import networkx as nx

from diplograph.export.network import actor_network
from diplograph.export.output import atomic_file
from diplograph.store.query import EventFilter


def write_graphml(con: duckdb.DuckDBPyConnection, where: EventFilter, out: Path, *, force: bool = False) -> int:
    """Write the actor network of the events matching ``where`` to ``out``; returns its edges (dyads)."""
    where.where()  # a bad filter fails before a file is created
    with atomic_file(out, force=force) as temporary:
        graph = actor_network(con, where)
        nx.write_graphml(graph, temporary, encoding="utf-8", prettyprint=True)
    return graph.number_of_edges()
