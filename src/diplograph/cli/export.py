"""``diplograph export``: the store in the formats analysts' tools read (see :mod:`diplograph.export`)."""

from __future__ import annotations

from contextlib import closing
from enum import Enum
from pathlib import Path

import typer

from diplograph.cli import filters
from diplograph.cli.app import app, err_console
from diplograph.cli.store import DB_OPTION
from diplograph.errors import UsageError

# The writers (pandas, pyarrow, networkx, DuckDB) are imported when the command runs: `diplograph --help`
# stays quick.

OPTION_NOT_FOR_FORMAT = "D423"


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    polecat = "polecat"
    parquet = "parquet"
    gexf = "gexf"
    graphml = "graphml"
    jsonld = "jsonld"
    geojson = "geojson"


# What the count a writer returns is a count of, for the summary line.
_UNITS = {
    ExportFormat.gdelt: "GDELT rows (one per actor pair)",
    ExportFormat.polecat: "events",
    ExportFormat.parquet: "events",
    ExportFormat.gexf: "dyads (network edges)",
    ExportFormat.graphml: "dyads (network edges)",
    ExportFormat.jsonld: "events",
    ExportFormat.geojson: "located events (point features)",
}


@app.command("export")
def export_cli(
    export_format: ExportFormat = typer.Argument(
        ..., metavar="FORMAT", help="gdelt, polecat, parquet, gexf, graphml, jsonld or geojson."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="File to write (parquet: a folder)."),
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
    force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
    header: bool = typer.Option(False, "--header", help="gdelt: write a header line (for people; GDELT has none)."),
    with_reports: bool = typer.Option(
        False, "--with-reports", help="parquet: also write the reports and evidence datasets."
    ),
    with_codes: bool = typer.Option(
        False, "--with-codes", help="gdelt: add Gleditsch–Ward and COW columns after the 61 of GDELT."
    ),
) -> None:
    """Write the events matching the filters in a format other tools read.

    gdelt: GDELT 2.0 Events TSV, one row per actor pair. polecat: PLOVER/POLECAT-style JSON Lines.
    parquet: a folder OUT/events/month=YYYY-MM/ (and OUT/reports, OUT/evidence with --with-reports).
    gexf, graphml: the actor network for Gephi. jsonld: linked data with Wikidata IRIs.
    geojson: one point per event whose place is resolved (RFC 7946)."""
    from diplograph.export import write_gdelt, write_gexf, write_graphml, write_jsonld, write_parquet, write_polecat
    from diplograph.export.gdelt import gdelt_filter
    from diplograph.export.geojson import write_geojson
    from diplograph.store import query
    from diplograph.store.undated import describe

    # The formats whose writers take no option of their own.
    plain_writers = {
        ExportFormat.polecat: write_polecat,
        ExportFormat.gexf: write_gexf,
        ExportFormat.graphml: write_graphml,
        ExportFormat.jsonld: write_jsonld,
        ExportFormat.geojson: write_geojson,
    }
    if header and export_format is not ExportFormat.gdelt:
        raise UsageError("--header applies to the gdelt format only", code=OPTION_NOT_FOR_FORMAT)
    if with_codes and export_format is not ExportFormat.gdelt:
        raise UsageError("--with-codes applies to the gdelt format only", code=OPTION_NOT_FOR_FORMAT)
    if with_reports and export_format is not ExportFormat.parquet:
        raise UsageError("--with-reports applies to the parquet format only", code=OPTION_NOT_FOR_FORMAT)
    where = query.EventFilter(
        actor=actor, dyad=dyad, type=event_type, quad_class=quad, since=since, until=until, modality=modality,
        min_sources=min_sources, text=text, undated=undated,
    )  # fmt: skip
    where.where()  # a bad filter value is reported before the store is opened
    notes = []
    from diplograph.export.provenance import provenance, write_manifest

    with closing(query.open_store(db)) as con:
        info = provenance(con, where)
        if export_format is ExportFormat.gdelt:
            written = write_gdelt(con, where, out, header=header, force=force, country_codes=with_codes)
            if not modality:
                notes.append("actual events only, as GDELT rows are things that happened (--modality widens)")
            where = gdelt_filter(where)
        elif export_format is ExportFormat.parquet:
            written = write_parquet(con, where, out, with_reports=with_reports, force=force)
        else:
            writer = plain_writers[export_format]
            written = writer(con, where, out, force=force)
        notes.append(describe(undated, query.count_undated(con, where)))
    write_manifest(out, info, export_format=export_format.value, written=written, unit=_UNITS[export_format])
    where_to = f"{out}/events (by month)" if export_format is ExportFormat.parquet else str(out)
    err_console.print(f"wrote {written} {_UNITS[export_format]} to {where_to}", highlight=False, soft_wrap=True)
    for note in notes:
        err_console.print(f"  {note}", highlight=False, soft_wrap=True)
