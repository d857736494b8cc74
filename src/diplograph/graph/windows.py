"""From the store to blocs in one call, for the CLI and notebooks.

    from diplograph.graph import find_blocs, compare_windows
    con = query.open_store("diplograph.duckdb")
    result = find_blocs(con, "2024-01", "2025-06", min_events=2)
    change = compare_windows(con, ("2023-01", "2023-12"), ("2024-01", "2025-06"))

Both take the options of :func:`signed_network` and :func:`blocs`, so notebook and CLI agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from diplograph.graph.blocs import DEFAULT_RESOLUTION, DEFAULT_RESTARTS, DEFAULT_SEED, Blocs, blocs
from diplograph.graph.compare import Comparison, compare
from diplograph.graph.network import DEFAULT_MIN_EVENTS, DEFAULT_MODALITIES, signed_network
from diplograph.store.undated import DEFAULT_UNDATED


def find_blocs(
    con: duckdb.DuckDBPyConnection,
    since: str | None = None,
    until: str | None = None,
    *,
    min_events: int = DEFAULT_MIN_EVENTS,
    actor_kinds: Iterable[str] | None = None,
    confidence_weighted: bool = True,
    modalities: Iterable[str] = DEFAULT_MODALITIES,
    resolution: float = DEFAULT_RESOLUTION,
    seed: int = DEFAULT_SEED,
    restarts: int = DEFAULT_RESTARTS,
    undated: str = DEFAULT_UNDATED,
) -> Blocs:
    """Blocs of one window: :func:`signed_network` then :func:`blocs` (see both for the parameters).
    The one function behind ``diplograph blocs``, ``/api/blocs`` and the web page's colours, with
    the same defaults."""
    graph = signed_network(
        con, since, until, min_events=min_events, actor_kinds=actor_kinds,
        confidence_weighted=confidence_weighted, modalities=modalities, undated=undated,
    )  # fmt: skip
    return blocs(graph, resolution=resolution, seed=seed, restarts=restarts)


def compare_windows(
    con: duckdb.DuckDBPyConnection,
    before: tuple[str | None, str | None],
    after: tuple[str | None, str | None],
    **options,
) -> Comparison:
    """Blocs of two windows (each ``(since, until)``) with the same options, and how they changed."""
    return compare(find_blocs(con, *before, **options), find_blocs(con, *after, **options))
