"""Store commands: ``ingest``, ``events``, ``actors``, ``dyad``, ``sql``."""

from __future__ import annotations

import json
import sys
from collections import Counter
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from diplograph.cli import filters
from diplograph.cli.app import app, err_console
from diplograph.errors import StoreError, UsageError
from diplograph.store.schema import DEFAULT_BATCH, DEFAULT_DB

if TYPE_CHECKING:
    import pandas as pd

    from diplograph.ingest.parts import InputPart
    from diplograph.pipeline import Options
    from diplograph.store.runs import Run
    from diplograph.store.writer import IngestResult

# Commands import the store, DuckDB and pandas when they run: `diplograph --help` stays quick.

DEFAULT_LIMIT = 50
LIST_SEPARATOR = "|"  # joins a list cell in CSV: IRN|RUS, which spreadsheets and pandas read as one string
DB_OPTION = typer.Option(Path(DEFAULT_DB), "--db", help="The store (a DuckDB file).")


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command("ingest")
def ingest_cli(
    paths: list[str] = typer.Argument(..., help="Files, folders, JSON Lines corpora, or - for stdin."),
    db: Path = DB_OPTION,
    lang: str = typer.Option("auto", "--lang", help="auto, de or en."),
    published: str | None = typer.Option(None, "--published", help="Publication date for every document."),
    kb: Path | None = typer.Option(None, "--kb", help="Folder with your own knowledge-base files."),
    config: Path | None = typer.Option(None, "--config", help="Settings file overriding settings.toml."),
    batch: int = typer.Option(DEFAULT_BATCH, "--batch", min=1, help="Documents per transaction."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes analysing documents (cores)."),
    dask: str | None = typer.Option(
        None, "--dask", help="Analyse on a Dask cluster: 'local' (a LocalCluster of --workers) or tcp://host:8786."
    ),
    parts_folder: Path | None = typer.Option(
        None, "--parts", help="Folder for the Parquet partitions (default: DB.parts)."
    ),
) -> None:
    """Analyse documents into the store and merge their events with those already there.

    A document already stored (same text) is skipped, so an interrupted ingest resumes
    where it stopped when run again."""
    from diplograph.ingest.parts import DEFAULT_PART_SIZE, plan_parts
    from diplograph.pipeline import Options

    if dask is not None and dask != "local" and not dask.startswith("tcp://"):
        raise UsageError(f"--dask takes 'local' or a scheduler address tcp://host:port, not {dask!r}", code="D406")
    options = Options.create(lang=lang, published=published, kb_dir=kb, config=config)
    assert options.settings is not None
    # Workers read their parts themselves: this process holds descriptors, not articles.
    # Dask partitions are a batch each (each is Parquet files and one load); worker parts stay small.
    # Planned before the store is opened: a missing input creates no store.
    parts = plan_parts(paths, settings=options.settings, size=batch if dask else min(batch, DEFAULT_PART_SIZE))
    new_store = not db.exists()
    try:
        result, run, totals = _ingest(db, parts, paths, options=options, batch=batch, workers=workers, dask=dask,
                                         recipe=(lang, published, kb, config), parts_folder=parts_folder)  # fmt: skip
    except BaseException:
        if new_store:
            _remove_if_empty(db)
        raise
    if new_store and totals[0] == 0:
        _remove_if_empty(db)
        err_console.print(f"nothing could be stored: no store written at {escape(str(db))}", highlight=False)
    else:
        err_console.print(
            f"{result.added} added, {result.skipped} already stored, {len(result.rejected)} rejected; "
            f"store {escape(str(db))}: {totals[0]} documents, {totals[1]} reports, {run.merged.events} events",
            highlight=False,
        )
        if run.merged.changed:
            err_console.print(f"  {run.merged.changed} earlier event ids merged, split or re-dated "
                              f"(event_history, run {run.run})", highlight=False)  # fmt: skip
    for code, count in sorted(Counter(r.code for r in result.rejected).items()):
        err_console.print(f"  [yellow]{code}[/yellow] × {count}", highlight=False)
    for rejection in result.rejected:
        where, why = escape(rejection.origin), escape(rejection.reason)  # file names may look like markup
        err_console.print(f"  [yellow]skipped[/yellow] {where}: [{rejection.code}] {why}", highlight=False)
    if result.rejected:
        raise typer.Exit(1)


def _remove_if_empty(db: Path) -> None:
    """Remove a store this command created when it holds no document: a failed first ingest
    leaves no empty file behind (a store with documents stays, so that a rerun resumes)."""
    import duckdb

    from diplograph.store.writer import connect

    try:
        with closing(connect(db, read_only=True)) as con:
            if con.execute("SELECT count(*) FROM documents").fetchone()[0]:
                return
    except (duckdb.Error, StoreError):
        pass  # not even a readable store: nothing worth keeping
    for path in (db, db.with_name(db.name + ".wal")):
        path.unlink(missing_ok=True)


def _ingest(
    db: Path,
    parts: list[InputPart],
    paths: list[str],
    *,
    options: Options,
    batch: int,
    workers: int,
    dask: str | None,
    recipe: tuple,
    parts_folder: Path | None,
) -> tuple[IngestResult, Run, tuple[int, int]]:
    """Analyse ``parts`` into the store ``db`` with a progress bar, recorded as a run; returns the
    ingest result, the run (with what the merge changed), and the store's document and report counts."""
    from diplograph.parallel import rows_of_parts
    from diplograph.store.dask_ingest import Recipe, ingest_on
    from diplograph.store.events import merge_events
    from diplograph.store.runs import recorded_run
    from diplograph.store.writer import connect, ingest, stored_keys

    lang, published, kb, config = recipe  # what a Dask worker needs to build the same Options
    with closing(connect(db)) as con, recorded_run(con, route="dask" if dask else "cli", inputs=paths,
                                                  options=options, kb_dir=kb, config=config) as run:  # fmt: skip
        known = stored_keys(con)
        progress = Progress(
            TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"),
            TimeRemainingColumn(), TextColumn("{task.fields[note]}"), console=err_console,
            disable=not err_console.is_terminal,
        )  # fmt: skip
        with progress:
            task = progress.add_task("ingest", total=sum(part.size for part in parts), note="")

            def advance(item: object, new: bool) -> None:
                progress.update(task, advance=1, note="" if new else "(already stored)")

            if dask:
                remote = Recipe(lang, published, str(kb) if kb else None, str(config) if config else None)
                folder = parts_folder or db.with_name(db.name + ".parts")
                result = ingest_on(
                    dask, con, parts, workers=workers, recipe=remote, parts_folder=folder,
                    on_partition=lambda r: progress.update(task, advance=r.documents + r.duplicates + len(r.rejected)),
                )  # fmt: skip
            else:
                analysed = rows_of_parts(parts, options=options, workers=workers)
                result = ingest(con, analysed, batch_size=batch, known=known, on_item=advance)
            progress.update(task, total=progress.tasks[0].completed)  # blank lines were counted as documents
        run.result = result
        run.merged = merge_events(con, run=run.run)
        totals = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM reports)").fetchone()
    return result, run, totals


@app.command("events")
def events_cli(
    db: Path = DB_OPTION,
    actor: str | None = filters.ACTOR,
    dyad: tuple[str, str] | None = filters.DYAD,
    event_type: str | None = filters.TYPE,
    quad: int | None = filters.QUAD,
    since: str | None = filters.SINCE,
    until: str | None = filters.UNTIL,
    modality: str | None = filters.MODALITY,
    min_sources: int = filters.MIN_SOURCES,
    text: str | None = filters.TEXT,
    undated: str = filters.UNDATED,
    limit: int = typer.Option(DEFAULT_LIMIT, "--limit", min=1, help="At most this many rows."),
    every: bool = typer.Option(False, "--all", help="Every matching row (overrides --limit)."),
    output: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    include_superseded: bool = typer.Option(
        False, "--include-superseded", help="Add a column 'supersedes': earlier ids that now lead to each event."
    ),
) -> None:
    """Merged events matching the filters (the first --limit of them: the count of all is said)."""
    from diplograph.store import query
    from diplograph.store.undated import describe

    where = query.EventFilter(
        actor=actor, dyad=dyad, type=event_type, quad_class=quad, since=since, until=until, modality=modality,
        min_sources=min_sources, text=text, undated=undated,
    )  # fmt: skip
    with closing(query.open_store(db)) as con:
        total = query.count_events(con, where)
        frame = query.events(con, where, limit=None if every else limit)
        notes = [f"showing {len(frame)} of {total}; use --limit N or --all for more"] if len(frame) < total else []
        notes.append(describe(undated, query.count_undated(con, where)))
        if include_superseded:
            frame = query.with_superseded(con, frame)
    if output is TableFormat.table:  # what fits a terminal; csv and json carry every column
        shown = frame.assign(
            date=[date_cell(d, p) for d, p in zip(frame["date"], frame["date_precision"], strict=True)]
        )
        columns = ["event", "type", "date", "modality", "source", "target", "mentions", "outlets", "disputed"]
        columns += ["supersedes"] if include_superseded else []
        _print(shown[columns], output, title="events", caption=" · ".join(notes))
    else:  # machine formats: the notes go to stderr, so stdout stays a clean CSV/JSON Lines stream
        _print(frame, output, title="events")
        for note in notes:
            err_console.print(note, highlight=False, soft_wrap=True)


@app.command("runs")
def runs_cli(
    db: Path = DB_OPTION,
    output: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Ingest runs: when, which diplograph version, settings and knowledge base, inputs and counts."""
    from diplograph.store import query
    from diplograph.store.runs import list_runs

    with closing(query.open_store(db)) as con:
        frame = list_runs(con)
    if output is TableFormat.table:
        # What fits a terminal; csv and json carry every column (fingerprints, inputs, counts by code).
        frame = frame[[c for c in ("run", "started", "status", "route", "version", "added", "rejected", "events",
                                   "events_changed") if c in frame.columns]]  # fmt: skip
    _print(frame, output, title="runs")


@app.command("actors")
def actors_cli(
    db: Path = DB_OPTION,
    limit: int = typer.Option(50, "--limit", min=1),
    output: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Actors by number of events, with their Goldstein sums."""
    from diplograph.store import query

    with closing(query.open_store(db)) as con:
        frame = query.actors(con, limit=limit)
    _print(frame, output, title="actors")


@app.command("dyad")
def dyad_cli(
    first: str = typer.Argument(..., help="Actor code, e.g. RUS."),
    second: str = typer.Argument(..., help="Actor code, e.g. IRN."),
    db: Path = DB_OPTION,
    directed: bool = typer.Option(False, "--directed", help="Only the first acting on the second."),
    undated: str = filters.UNDATED,
    output: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Monthly events, cooperation, conflict and Goldstein sum between two actors."""
    from diplograph.store import query
    from diplograph.store.undated import describe

    where = query.EventFilter(undated=undated)
    with closing(query.open_store(db)) as con:
        frame = query.dyad(con, first, second, directed=directed, where=where)
        pair = query.EventFilter(dyad=(first, second), undated=undated)
        note = describe(undated, query.count_undated(con, pair))
    if undated == "include":
        note += "; a monthly series has no month for them"
    _print(frame, output, title=f"{first.upper()} – {second.upper()}", caption=note)
    if output is not TableFormat.table:
        err_console.print(note, highlight=False, soft_wrap=True)


@app.command("sql")
def sql_cli(
    statement: str = typer.Argument(..., help='e.g. "SELECT type, count(*) FROM events GROUP BY type"'),
    db: Path = DB_OPTION,
    output: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Run one read-only query over the store (tables: README "Store"); files, extensions and
    settings are out of reach (README "Security")."""
    from diplograph.store import query

    with closing(query.open_store(db)) as con:
        frame = query.sql(con, statement)
    _print(frame, output, title="sql")


def _print(frame: pd.DataFrame, output: TableFormat, *, title: str, caption: str | None = None) -> None:
    if output is TableFormat.csv:
        _flat_lists(frame).to_csv(sys.stdout, index=False)
        return
    if output is TableFormat.json:
        for record in json.loads(frame.to_json(orient="records", force_ascii=False)):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{title} ({len(frame)} rows)", caption=caption)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    Console().print(table)


def date_cell(value: str | None, precision: str | None) -> str | None:
    if value is None:
        return "undated"
    return f"{value} (published)" if precision == "publication" else value


def _flat_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """List cells (actor codes) joined by ``|``: CSV has no lists, and numpy's ``['IRN' 'RUS']`` is no format."""
    listed = [c for c in frame.columns if frame[c].dtype == object and frame[c].map(_is_list).any()]
    if not listed:
        return frame
    joined = {c: frame[c].map(lambda v: LIST_SEPARATOR.join(map(str, _items(v))) if _is_list(v) else v) for c in listed}
    return frame.assign(**joined)


def _is_list(value: object) -> bool:
    return isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)
                                                and getattr(value, "ndim", 0) > 0)  # fmt: skip


def _items(value: object) -> list:
    return value.tolist() if hasattr(value, "tolist") else list(value)  # type: ignore[union-attr, call-overload]


def _cell(value: object) -> str:
    import pandas as pd

    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, (list, tuple)) or getattr(value, "ndim", 0) > 0:  # lists and arrays, not numpy scalars
        items = value.tolist() if hasattr(value, "tolist") else value
        return ", ".join(map(str, items))
    return str(value)
