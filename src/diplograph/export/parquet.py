"""The events (and, on request, their reports and evidence) as Hive-partitioned Parquet datasets,
for pandas, pyarrow, Spark, DuckDB and R's arrow, one folder per month.

Layout under ``OUT``, always the same so that scripts need not know how the export was called::

    OUT/events/month=2025-01/part-0.parquet      the events table, every column as in the store, but
                                                 ``date`` as the undated rule has it and its
                                                 ``date_precision`` (:mod:`diplograph.store.undated`)
    OUT/events/month=unknown/part-0.parquet      events dated to a year only, or undated
                                                 (beside the store's columns: source_gw,
                                                 source_cow, target_gw, target_cow, the
                                                 Gleditsch–Ward and COW numbers of each
                                                 actor's country, null where none)
    OUT/reports/month=…/part-0.parquet           with --with-reports: each report, its event,
                                                 its document's id, outlet, date, URL, title and
                                                 language, and its actors (a list of structs)
    OUT/evidence/month=…/part-0.parquet          with --with-reports: each evidence span with its
                                                 report, event and document
    OUT/event_history/part-0.parquet             what became of earlier event ids (old, new,
                                                 kind, run, recorded), the whole table
    OUT/manifest.json                            (written by the CLI) version, runs, files

Every file carries key-value metadata: ``diplograph.version``, ``diplograph.last_run``,
``diplograph.runs`` (JSON list of run ids), ``diplograph.store_schema`` and ``diplograph.filter``.

Read with ``pyarrow.dataset.dataset(OUT / "events", partitioning="hive")`` or
``pandas.read_parquet(OUT / "events")``.

``month`` is the month of the event's date, a week counting in the month of its Monday (the
store's own ``month`` column cuts ``2025-W04`` to ``2025-W0``; this corrects it). Events without a
month go to ``month=unknown`` rather than Hive's ``__HIVE_DEFAULT_PARTITION__``: pyarrow reads a
null partition back fine, but ``pandas.read_parquet`` on such a dataset fails ("Cannot yet unify
dictionaries with nulls", pyarrow 26), and a dataset pandas cannot open is no use to most of our
users. Reports and evidence are partitioned by their *event's* month, so a month's folder holds
everything about that month's events. An empty selection writes one empty file under
``month=unknown`` so the dataset still has its schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from diplograph.actors.codes import code_table, codes_of
from diplograph.export.output import atomic_folder
from diplograph.export.provenance import parquet_metadata, provenance
from diplograph.export.records import month_of
from diplograph.store.query import EventFilter
from diplograph.store.undated import date_sql, precision_sql

UNKNOWN_MONTH = "unknown"
BATCH_ROWS = 50_000
_PARTITIONING = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")

_EVENTS_SQL = """
SELECT e.* EXCLUDE (month) REPLACE ({date} AS date), {precision} AS date_precision, {date} AS _event_date
FROM events e{clause} ORDER BY {date} NULLS LAST, e.event
"""
_REPORTS_SQL = """
WITH selected AS (SELECT e.event, {date} AS date FROM events e{clause})
SELECT er.event, r.*, d.id AS document, d.outlet, d.published, d.url, d.title, d.lang,
       (SELECT list({{'side': a.side, 'code': a.code, 'name': a.name, 'kind': a.kind, 'wikidata': a.wikidata,
                      'country': a.country, 'role': a.role, 'text': a.text}} ORDER BY a.side, a.code, a.text)
        FROM report_actors a WHERE a.report = r.report) AS actors,
       s.date AS _event_date
FROM selected s JOIN event_reports er USING (event) JOIN reports r USING (report) JOIN documents d USING (doc)
ORDER BY s.date NULLS LAST, er.event, r.report
"""
_EVIDENCE_SQL = """
WITH selected AS (SELECT e.event, {date} AS date FROM events e{clause})
SELECT v.report, er.event, r.doc, v.n, v.text, v.start_char, v.end_char, v.sentence, s.date AS _event_date
FROM selected s JOIN event_reports er USING (event) JOIN reports r USING (report) JOIN evidence v USING (report)
ORDER BY s.date NULLS LAST, er.event, v.report, v.n
"""


def write_parquet(con: duckdb.DuckDBPyConnection, where: EventFilter, out: Path, *, with_reports: bool = False,
                  force: bool = False) -> int:  # fmt: skip
    """Write the events matching ``where`` under ``out/events`` (and their reports and evidence
    with ``with_reports``); returns the events written."""
    clause, params = where.where()  # a bad filter fails before a folder is created
    tables = {"events": _EVENTS_SQL}
    if with_reports:
        tables |= {"reports": _REPORTS_SQL, "evidence": _EVIDENCE_SQL}
    counts = {}
    metadata = parquet_metadata(provenance(con, where))
    # A cursor of its own: the store's connection may hold a half-read result, which DuckDB 2
    # will not run a relation beside.
    with atomic_folder(out, force=force) as temporary, closing(con.cursor()) as cursor:
        for name, sql in tables.items():
            text = sql.format(clause=clause, date=date_sql(where.undated), precision=precision_sql(where.undated))
            reader = cursor.sql(text, params=params).to_arrow_reader(BATCH_ROWS)
            counts[name] = _write_by_month(reader, temporary / name, codes=name == "events", metadata=metadata)
        _write_history(cursor, temporary / "event_history", metadata)
    return counts["events"]


def _write_history(cursor: duckdb.DuckDBPyConnection, folder: Path, metadata: dict[bytes, bytes]) -> None:
    """The whole event_history table (not filtered: an old id's successor may lie outside the filter)."""
    try:
        table = cursor.sql("SELECT * FROM event_history ORDER BY recorded, old, new NULLS LAST").to_arrow_table()
    except duckdb.CatalogException:  # a store from before event_history
        return
    folder.mkdir()
    pq.write_table(table.replace_schema_metadata(metadata), folder / "part-0.parquet")


_CODE_COLUMNS = ("source_gw", "source_cow", "target_gw", "target_cow")


def _country_numbers(batch: pa.RecordBatch) -> list[pa.Array]:
    """GW and COW numbers of the actors in ``source`` and ``target``, list for list."""
    table = code_table()
    arrays = []
    for side in ("source", "target"):
        codes = batch.column(side).to_pylist()
        for number in ("gw", "cow"):
            values = [[getattr(codes_of(c, table), number) for c in actors or []] for actors in codes]
            arrays.append(pa.array(values, pa.list_(pa.int32())))
    return arrays


def _write_by_month(reader: pa.RecordBatchReader, folder: Path, *, codes: bool = False,
                    metadata: dict[bytes, bytes] | None = None) -> int:  # fmt: skip
    """Write the batches partitioned by the month of their ``_event_date`` column (dropped); with
    ``codes``, add the actors' country numbers (:data:`_CODE_COLUMNS`)."""
    schema = reader.schema.remove(reader.schema.get_field_index("_event_date"))
    if codes:
        for name in _CODE_COLUMNS:
            schema = schema.append(pa.field(name, pa.list_(pa.int32())))
    schema = schema.append(pa.field("month", pa.string())).with_metadata(metadata or {})
    rows = 0

    def with_month() -> Iterator[pa.RecordBatch]:
        nonlocal rows
        for batch in reader:
            rows += batch.num_rows
            months = pa.array([month_of(d) or UNKNOWN_MONTH for d in batch.column("_event_date").to_pylist()],
                              pa.string())  # fmt: skip
            columns = [batch.column(f.name) for f in schema if f.name in batch.schema.names]
            extra = _country_numbers(batch) if codes else []
            yield pa.RecordBatch.from_arrays([*columns, *extra, months], schema=schema)

    ds.write_dataset(with_month(), folder, schema=schema, format="parquet", partitioning=_PARTITIONING,
                     basename_template="part-{i}.parquet", existing_data_behavior="error")  # fmt: skip
    if rows == 0:  # nothing written: one empty file keeps the schema readable
        empty = folder / f"month={UNKNOWN_MONTH}"
        empty.mkdir(parents=True, exist_ok=True)
        pq.write_table(schema.empty_table().drop_columns(["month"]), empty / "part-0.parquet")
    return rows
