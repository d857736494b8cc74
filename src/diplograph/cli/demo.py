"""``diplograph demo``: run the main job on the bundled demo corpus."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import typer

from diplograph.cli.analyze import OutputFormat, run_analyze
from diplograph.cli.app import app, err_console
from diplograph.cli.store import TableFormat, _print, date_cell

# The pipeline and the store (DuckDB, pandas) are imported when the command runs: `diplograph --help`
# stays quick.


@app.command("demo")
def demo_cli(
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="json, pretty or table."),
    db: Path | None = typer.Option(None, "--db", help="Also store the demo corpus here and list its merged events."),
) -> None:
    """Analyse the demo corpus shipped with the package (short articles we wrote ourselves)."""
    from diplograph.ingest import read_inputs
    from diplograph.lang.load import package_path
    from diplograph.pipeline import Options, analyze_all
    from diplograph.store import query
    from diplograph.store.events import merge_events
    from diplograph.store.runs import recorded_run
    from diplograph.store.undated import DEFAULT_UNDATED, describe
    from diplograph.store.writer import connect, ingest

    folder = package_path("demo", "corpus")
    options = Options.create()
    rejected = run_analyze([str(folder)], options=options, output_format=output_format.value)
    if db is not None:
        assert options.settings is not None
        with closing(connect(db)) as con, recorded_run(con, route="demo", inputs=[str(folder)], options=options) as run:
            articles = read_inputs([str(folder)], settings=options.settings)
            run.result = ingest(con, analyze_all(articles, options=options))
            run.merged = merge_events(con, run=run.run)
        with closing(query.open_store(db)) as con:
            events = query.events(con)
            note = describe(DEFAULT_UNDATED, query.count_undated(con, query.EventFilter()))
        events = events.assign(date=[date_cell(d, p) for d, p in zip(events["date"], events["date_precision"],
                                                                     strict=True)])  # fmt: skip
        _print(events[["event", "type", "date", "modality", "source", "target", "mentions", "outlets"]],
               TableFormat.table, title=f"merged events in {db}", caption=note)  # fmt: skip
        err_console.print(f"next: diplograph serve --db {db}  (then open http://127.0.0.1:8000/)", highlight=False)
    if rejected:
        raise typer.Exit(1)
