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

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diplograph.graph.blocs import Bloc, Blocs, Member, Relation, blocs, from_edges, frustration, triangle_balance
    from diplograph.graph.compare import ActorChange, BlocMatch, Comparison, compare
    from diplograph.graph.defaults import DEFAULT_MIN_EVENTS, DEFAULT_MODALITIES
    from diplograph.graph.network import edge_frame, signed_network
    from diplograph.graph.windows import compare_windows, find_blocs

__all__ = [
    "DEFAULT_MIN_EVENTS", "DEFAULT_MODALITIES", "ActorChange", "Bloc", "BlocMatch", "Blocs", "Comparison", "Member",
    "Relation", "blocs", "compare", "compare_windows", "edge_frame", "find_blocs", "from_edges", "frustration",
    "signed_network", "triangle_balance",
]  # fmt: skip

# Names are loaded on first use (PEP 562): importing a light submodule such as diplograph.graph.defaults
# (the CLI's option defaults) must not load igraph, leidenalg, networkx, pandas and DuckDB.
_SUBMODULES = {
    "DEFAULT_MIN_EVENTS": "defaults", "DEFAULT_MODALITIES": "defaults",
    "Bloc": "blocs", "Blocs": "blocs", "Member": "blocs", "Relation": "blocs", "blocs": "blocs",
    "from_edges": "blocs", "frustration": "blocs", "triangle_balance": "blocs",
    "ActorChange": "compare", "BlocMatch": "compare", "Comparison": "compare", "compare": "compare",
    "edge_frame": "network", "signed_network": "network",
    "compare_windows": "windows", "find_blocs": "windows",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    submodule = _SUBMODULES.get(name)
    if submodule is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{submodule}"), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _LazyPackage(types.ModuleType):
    """Keeps the functions ``blocs`` and ``compare`` under their names. Loading a submodule makes the import
    system set it as an attribute of the package, so loading ``diplograph.graph.blocs`` would otherwise
    replace the function ``blocs`` (the eager package bound the functions after its submodules loaded)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _SUBMODULES.get(name) == name:
            return  # __getattr__ gives the function of that name
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _LazyPackage
