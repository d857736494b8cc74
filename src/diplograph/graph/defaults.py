"""Defaults of the bloc analysis, in a module without heavy imports: the CLI and the web API use them
as option defaults, and importing them must not load igraph, leidenalg, networkx, pandas or DuckDB.

:mod:`~diplograph.graph.blocs` and :mod:`~diplograph.graph.network` re-export them, and explain them.
"""

from __future__ import annotations

# Signed network (diplograph.graph.network).
DEFAULT_MODALITIES: tuple[str, ...] = ("actual", "planned", "desired")
DEFAULT_MIN_EVENTS = 2  # a tie resting on one event is as likely a misreading or a one-off as an alignment

# Community detection (diplograph.graph.blocs; why 0.5 and not 1: see its docstring).
DEFAULT_SEED = 42
DEFAULT_RESOLUTION = 0.5
