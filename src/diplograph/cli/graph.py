"""``diplograph blocs``: alliance blocs from the signed actor network, per window and how they changed."""

from __future__ import annotations

import json
import sys
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from diplograph.cli import filters
from diplograph.cli.app import app, err_console
from diplograph.cli.store import DB_OPTION
from diplograph.graph.defaults import DEFAULT_MIN_EVENTS, DEFAULT_RESOLUTION, DEFAULT_SEED
from diplograph.store.undated import describe

if TYPE_CHECKING:
    from diplograph.graph import Blocs, Comparison

# The analysis (igraph, leidenalg, networkx, pandas, DuckDB) is imported when the command runs:
# `diplograph --help` stays quick.


class BlocsFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("blocs")
def blocs_cli(
    since: str | None = typer.Option(None, "--from", help="Window start (YYYY, YYYY-MM, YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--to", help="Window end, inclusive."),
    db: Path = DB_OPTION,
    compare_from: str | None = typer.Option(None, "--compare-from", help="Start of a second window to compare."),
    compare_to: str | None = typer.Option(None, "--compare-to", help="End of the second window."),
    min_events: int = typer.Option(
        DEFAULT_MIN_EVENTS, "--min-events", min=1, help="Events an actor pair (and an actor) needs to count."
    ),
    kinds: list[str] | None = typer.Option(None, "--kind", help="Only these actor kinds (state, igo, group …)."),
    resolution: float = typer.Option(
        DEFAULT_RESOLUTION, "--resolution", min=0.0, help="Higher: more, smaller blocs (1.0 is plain modularity)."
    ),
    seed: int = typer.Option(DEFAULT_SEED, "--seed", help="Random seed of the community detection."),
    undated: str = filters.UNDATED,
    output: BlocsFormat = typer.Option(BlocsFormat.table, "--format", "-f"),
) -> None:
    """Blocs of actors that cooperate inside and clash with each other, with the structural balance
    of the network; with --compare-from/--compare-to, also which actors moved, joined or left."""
    from diplograph.graph import compare, find_blocs
    from diplograph.store import query

    options = {"min_events": min_events, "actor_kinds": kinds or None, "resolution": resolution, "seed": seed,
               "undated": undated}  # fmt: skip
    with closing(query.open_store(db)) as con:
        first = find_blocs(con, since, until, **options)
        second = None
        if compare_from is not None or compare_to is not None:
            second = find_blocs(con, compare_from, compare_to, **options)
    change = compare(first, second) if second is not None else None
    if output is BlocsFormat.json:
        data = change.to_dict() if change is not None else first.to_dict()
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        for window in (first, second):
            if window is not None and not window.window_events:
                err_console.print(f"no events {_window(window)}", highlight=False)
        return
    console = Console()
    _print_window(console, first)
    if second is not None and change is not None:
        _print_window(console, second)
        _print_change(console, change)


def _window(result: Blocs) -> str:
    if result.since and result.until:
        return f"from {result.since} to {result.until}"
    if result.since:
        return f"from {result.since}"
    if result.until:
        return f"up to {result.until}"
    return "in the store"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _print_window(console: Console, result: Blocs) -> None:
    if not result.window_events:
        console.print(f"no events {_window(result)}", highlight=False)
        return
    if not result.blocs:
        console.print(f"no blocs {_window(result)}: {result.window_events} events, but no pair of actors with "
                      f"enough of them (fewer --min-events?)", highlight=False)  # fmt: skip
        if result.isolated:
            console.print(f"left out: {', '.join(result.isolated)}", highlight=False)
        return
    balance = "– (no triangle)"
    if result.triangles:
        balance = f"{_num(result.balance)} of {result.triangles} triangles (weighted {_num(result.weighted_balance)})"
    caption = f"{result.events} events · balance {balance} · frustration {_num(result.frustration)}"
    if result.undated:
        caption += f" · {describe(result.undated)}"
    table = Table(title=f"blocs {_window(result)}", caption=caption)
    for column, justify in (("bloc", "right"), ("size", "right"), ("actors", "left"), ("cooperation", "right"),
                            ("conflict", "right")):  # fmt: skip
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for b in result.blocs:
        cooperation = f"{b.cooperation:.1f} ({b.cooperation_events})"
        table.add_row(
            str(b.id), str(len(b.actors)), ", ".join(b.actors), cooperation, f"{b.conflict:.1f} ({b.conflict_events})"
        )
    console.print(table)
    if result.relations:
        rel = Table(title="between blocs")
        for column in ("blocs", "weight", "cooperation", "conflict"):
            rel.add_column(column, justify="right")
        for r in result.relations:
            rel.add_row(f"{r.first} – {r.second}", f"{r.weight:+.1f}", f"{r.positive:.1f} ({r.cooperation_events})",
                        f"{r.negative:.1f} ({r.conflict_events})")  # fmt: skip
        console.print(rel)
    if result.isolated:
        console.print(f"left out (no tie with enough events): {', '.join(result.isolated)}", highlight=False)


def _print_change(console: Console, change: Comparison) -> None:
    # Bloc numbers are per window (1 = largest): "2 → 2" may be two different blocs, so each is
    # shown with its most active members.
    before = {b.id: b.label for b in change.before.blocs}
    after = {b.id: b.label for b in change.after.blocs}
    matches = Table(title=f"blocs {_window(change.before)} → {_window(change.after)}")
    for column in ("before", "after", "jaccard", "shared"):
        matches.add_column(column, overflow="fold")
    for m in change.matches:
        matches.add_row(_bloc(m.before, before), _bloc(m.after, after), f"{m.jaccard:.2f}", ", ".join(m.shared))
    console.print(matches)
    if change.changes:
        moves = Table(title="actors that moved, joined or left")
        for column in ("actor", "change", "before", "after"):
            moves.add_column(column)
        for c in change.changes:
            moves.add_row(c.actor, c.change, _bloc(c.before, before), _bloc(c.after, after))
        console.print(moves)
    else:
        console.print("no actor changed bloc", highlight=False)
    balance = f"{_signed(change.balance_change)} (weighted {_signed(change.weighted_balance_change)})"
    console.print(
        f"balance change {balance} · frustration change {_signed(change.frustration_change)}", highlight=False
    )


def _bloc(value: int | None, labels: dict[int, str] | None = None) -> str:
    if value is None:
        return "–"
    return f"{value} ({labels[value]})" if labels and value in labels else str(value)


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"
