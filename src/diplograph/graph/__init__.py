"""Alliance analysis: the signed actor network of a time window, its blocs and their balance.

    from diplograph.store import query
    from diplograph.graph import find_blocs, compare_windows
    con = query.open_store("diplograph.duckdb")
    result = find_blocs(con, "2024-01", "2025-06", min_events=2)
    result.frame(), result.members(), result.balance, result.frustration

Modules: :mod:`~diplograph.graph.network` (events → signed network), :mod:`~diplograph.graph.blocs`
(signed community detection, structural balance), :mod:`~diplograph.graph.compare` (two windows).
"""

from __future__ import annotations

from diplograph.graph.blocs import Bloc, Blocs, Member, Relation, blocs, from_edges, frustration, triangle_balance
from diplograph.graph.compare import ActorChange, BlocMatch, Comparison, compare
from diplograph.graph.network import DEFAULT_MIN_EVENTS, DEFAULT_MODALITIES, edge_frame, signed_network
from diplograph.graph.windows import compare_windows, find_blocs

__all__ = [
    "DEFAULT_MIN_EVENTS", "DEFAULT_MODALITIES", "ActorChange", "Bloc", "BlocMatch", "Blocs", "Comparison", "Member",
    "Relation", "blocs", "compare", "compare_windows", "edge_frame", "find_blocs", "from_edges", "frustration",
    "signed_network", "triangle_balance",
]  # fmt: skip
