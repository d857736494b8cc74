"""Write analysed documents into the store, a batch of documents per transaction.

A document is keyed by the hash of its text, so ingesting it again is a no-op. Documents are
written in batches, each batch in one transaction: a crash loses at most the batch in flight,
never leaves part of a document, and the next run redoes exactly what is missing. The merged
events are then recomputed from all reports (:mod:`diplograph.store.merge`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from diplograph import errors
from diplograph.errors import StoreError
from diplograph.events.plover import QUAD_CLASS
from diplograph.ingest.decode import printable
from diplograph.model import Document, Rejection
from diplograph.places import resolve
from diplograph.store.dyads import fill_if_missing
from diplograph.store.schema import DDL, DEFAULT_BATCH, DEFAULT_DB, PLACE_COLUMNS, SCHEMA_VERSION

log = logging.getLogger(__name__)

# What a connection that may run a query string from outside is allowed: the store file and
# nothing else. No file reads or writes (COPY, read_csv, ATTACH, EXPORT), no extensions installed,
# loaded or autoloaded, and the configuration locked so that no SET can undo any of it.
SANDBOX = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}  # and then ``lock_configuration``, once the connection's own settings are made


def connect(
    path: str | Path = DEFAULT_DB,
    *,
    read_only: bool = False,
    sandboxed: bool | None = None,
    threads: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open (and, when writable, create) a store.

    ``sandboxed`` (default: ``read_only``) opens it with :data:`SANDBOX`. DuckDB keeps one
    configuration per file and process, so every read-only connection of a process gets the same
    one; a writable connection is sandboxed only where it is asked (the server's). ``threads``:
    DuckDB's threads per query (default: one per core), for the whole instance."""
    sandboxed = read_only if sandboxed is None else sandboxed
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=dict(SANDBOX) if sandboxed else {})
    except duckdb.IOException as exc:
        raise StoreError(f"cannot open {path}: {exc}", code="D301") from exc
    # A second connection of this process to a sandboxed file shares its (locked) instance.
    if not con.execute("SELECT current_setting('lock_configuration')").fetchone()[0]:
        con.execute("SET enable_progress_bar = false")  # DuckDB would draw its own across ours; cursors inherit it
        if threads is not None:  # set, not configured: other connections of the process may share the instance
            con.execute(f"SET threads = {int(threads)}")
        if sandboxed:
            con.execute("SET lock_configuration = true")
    if read_only:
        _check_version(con, path)
        return con
    try:
        _refuse_foreign(con, path)
        con.execute("BEGIN TRANSACTION")  # tables and marker together: a half-made store is never left
        con.execute(DDL)
        for table in ("reports", "events"):  # columns added since schema 1 was first written
            for column, kind in PLACE_COLUMNS:
                con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
        fill_if_missing(con)  # event_dyads, added since: a store's events get their pairs once
        con.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", [str(SCHEMA_VERSION)])
        con.execute("COMMIT")
        _check_version(con, path)
    except BaseException:
        con.close()
        raise
    return con


def _refuse_foreign(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """D302 for a DuckDB file holding anything but a diplograph store (no schema marker in
    ``meta``): creating our tables there would mix them into someone else's database."""
    names = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
    ).fetchall()}  # fmt: skip
    if not names:
        return  # a new, empty file: it becomes a store
    marked = "meta" in names and con.execute("SELECT count(*) FROM meta WHERE key = 'schema'").fetchall()[0][0]
    if not marked:
        shown = ", ".join(sorted(names)[:5]) + (" …" if len(names) > 5 else "")
        raise StoreError(
            f"{path} is a DuckDB database but not a diplograph store (it holds {shown} and no diplograph "
            "schema marker); give --db a new file or an existing store",
            code="D302",
        )


def _check_version(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    try:
        rows = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()  # fetchall: leaves no open result
        row = rows[0] if rows else None
    except duckdb.CatalogException as exc:
        raise StoreError(f"{path} is not a diplograph store", code="D302") from exc
    if row is None or row[0] != str(SCHEMA_VERSION):
        raise StoreError(
            f"{path} has store schema {row and row[0]}, this diplograph reads {SCHEMA_VERSION}", code="D303"
        )


def content_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class IngestResult:
    added: int = 0
    skipped: int = 0  # already in the store
    rejected: list[Rejection] = field(default_factory=list)


@dataclass(slots=True)
class _Batch:
    """Rows of a batch of documents, per table, ready to become Arrow tables."""

    tables: dict[str, list[tuple]] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    rejections: list[Rejection] = field(default_factory=list)

    def add(self, table: str, row: tuple) -> None:
        self.tables.setdefault(table, []).append(row)

    def __len__(self) -> int:
        return len(self.keys) + len(self.rejections)


_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc", "id", "lang", "published", "published_from", "outlet", "title", "url", "origin",
                  "sentences", "text", "warnings"),
    "mentions": ("doc", "n", "text", "start_char", "end_char", "sentence", "form", "code", "entity", "name", "kind",
                 "wikidata", "country", "role", "metonymy"),
    "reports": ("report", "doc", "type", "mode", "cameo", "goldstein", "quad_class", "joint", "date", "modality",
                "attribution", "attribution_code", "attribution_kind", "location", "confidence",
                "place", "place_country", "latitude", "longitude", "geonameid"),
    "report_actors": ("report", "side", "code", "entity", "name", "kind", "wikidata", "country", "role", "text"),
    "evidence": ("report", "n", "text", "start_char", "end_char", "sentence"),
    "flags": ("doc", "kind", "reports", "message"),
    "rejections": ("origin", "code", "reason"),
}  # fmt: skip
_ORIGIN = _COLUMNS["documents"].index("origin")


def document_rows(doc: Document, key: str, batch: _Batch) -> None:
    """The rows one analysed document contributes, added to ``batch``."""
    a = doc.article
    batch.add("documents", (key, a.id, doc.lang, doc.published, doc.published_from, a.source, a.title, a.url,
                            a.origin, len(doc.sentences), a.text, list(doc.warnings)))  # fmt: skip
    for n, m in enumerate(doc.actors):
        e = m.entity
        batch.add("mentions", (key, n, m.text, m.start, m.end, m.sentence, m.form, e.code, e.id, e.name, e.kind,
                               e.wikidata, e.country, m.role, m.metonymy))  # fmt: skip
    for event in doc.events:
        report = f"{key}:{event.id}"
        who = event.attribution
        countries = {p.entity.country or p.entity.code for p in (*event.source, *event.target)}
        batch.add("reports", (report, key, event.type, event.mode, event.cameo, event.goldstein,
                              QUAD_CLASS[event.type], event.symmetric, event.date, event.modality,
                              who and who.name, who and who.code, who and who.kind, event.location,
                              event.confidence, *place_fields(event.location, countries)))  # fmt: skip
        for side, participants in (("source", event.source), ("target", event.target)):
            for p in participants:
                e = p.entity
                batch.add("report_actors", (report, side, e.code, e.id, e.name, e.kind, e.wikidata, e.country,
                                            p.role, p.text))  # fmt: skip
        for n, ev in enumerate(event.evidence):
            batch.add("evidence", (report, n, ev.text, ev.start, ev.end, ev.sentence))
    for flag in doc.flags:
        batch.add("flags", (key, flag.kind, [f"{key}:{e}" for e in flag.events], flag.message))
    batch.keys.add(key)


def place_fields(location: str | None, countries: set[str]) -> tuple:
    """Name, country, latitude, longitude and GeoNames id of the place ``location`` names (or Nones)."""
    place = resolve(location, countries=countries)
    if place is None:
        return (None, None, None, None, None)
    return (place.name, place.country, place.latitude, place.longitude, place.geonameid)


def batch_tables(batch: _Batch) -> dict[str, pa.Table]:
    """The batch as one Arrow table per store table (rejections included)."""
    rejections = [(r.origin, r.code, r.reason) for r in batch.rejections]
    tables = {}
    for table, rows in {**batch.tables, "rejections": rejections}.items():
        if rows:
            # Column by column: several times faster than a dict per row (Table.from_pylist).
            columns = zip(_COLUMNS[table], zip(*rows, strict=True), strict=True)
            tables[table] = pa.table({name: pa.array(values) for name, values in columns})
    return tables


def insert_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Insert Arrow tables into the store inside the caller's transaction."""
    for table, arrow in tables.items():
        columns = ", ".join(arrow.column_names)
        con.register("_rows", arrow)
        verb = "INSERT OR REPLACE" if table == "rejections" else "INSERT"  # a rejected file may come again
        con.execute(f"{verb} INTO {table} ({columns}) SELECT {columns} FROM _rows")
        con.unregister("_rows")


def write_batch(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    """One transaction: every document of the batch is stored whole, or none is."""
    tables = batch_tables(batch)
    con.execute("BEGIN TRANSACTION")
    try:
        insert_tables(con, tables)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """A document already turned into store rows (by a worker process: plain tuples are
    several times cheaper to send between processes than the document objects)."""

    key: str
    tables: dict[str, list[tuple]]


def to_rows(doc: Document, *, key: str | None = None) -> DocumentRows:
    batch = _Batch()
    key = key or content_key(doc.article.text)
    document_rows(doc, key, batch)
    return DocumentRows(key, batch.tables)


def ingest(
    con: duckdb.DuckDBPyConnection,
    items: Iterable[Document | DocumentRows | Rejection],
    *,
    batch_size: int = DEFAULT_BATCH,
    known: set[str] | None = None,
    on_item: Callable[[Document | DocumentRows | Rejection, bool], None] | None = None,
) -> IngestResult:
    """Store analysed documents; those whose text is already stored are skipped.

    A batch that cannot be written (a value Arrow or DuckDB refuses) is written again a document
    at a time, and a document that still fails becomes a rejection (D111): the others are kept.

    Args:
        known: content keys already stored (read from the store when not given).
        on_item: called per item with whether it was new (for progress display).
    """
    known = set(known) if known is not None else stored_keys(con)
    owners = stored_ids(con)  # document id -> (content key, origin)
    result = IngestResult()
    docs: list[DocumentRows] = []  # this batch's new documents
    rejections: list[Rejection] = []
    batch_keys: set[str] = set()
    for item in items:
        if isinstance(item, Document):
            try:
                content_key(item.article.text)
            except UnicodeError as exc:  # text that is not Unicode (lone surrogates) has no key
                item = unstorable(item.article.origin or item.article.id, exc)
        if isinstance(item, Rejection):
            result.rejected.append(item)
            rejections.append(item)
            new = True
        else:
            key = item.key if isinstance(item, DocumentRows) else content_key(item.article.text)
            new = key not in known and key not in batch_keys
            clash = _id_clash(item, key, owners) if new else None
            if clash is not None:
                result.rejected.append(clash)
                rejections.append(clash)
            elif new:
                docs.append(item if isinstance(item, DocumentRows) else to_rows(item, key=key))
                batch_keys.add(key)
                result.added += 1
            else:
                result.skipped += 1
        if on_item is not None:
            on_item(item, new)
        if len(docs) + len(rejections) >= batch_size:
            _write_documents(con, docs, rejections, result)
            known |= batch_keys
            docs, rejections, batch_keys = [], [], set()
    if docs or rejections:
        _write_documents(con, docs, rejections, result)
    return result


def _origin(rows: DocumentRows) -> str:
    documents = rows.tables.get("documents")
    return str(documents[0][_ORIGIN] or rows.key) if documents else rows.key


def _write_documents(
    con: duckdb.DuckDBPyConnection,
    docs: list[DocumentRows],
    rejections: list[Rejection],
    result: IngestResult,
) -> None:
    """One transaction for the batch; if it fails, one per document, and those that fail are rejected."""
    try:
        write_batch(con, _batch_of(docs, rejections))
        return
    except _ROW_ERRORS:
        pass
    failed = []
    for rows in docs:
        try:
            write_batch(con, _batch_of([rows], []))
        except _ROW_ERRORS as exc:
            result.added -= 1
            failed.append(unstorable(_origin(rows), exc))
    result.rejected.extend(failed)
    write_batch(con, _batch_of([], [*rejections, *failed]))


# What a value in a document's rows can raise on its way into Arrow and DuckDB.
_ROW_ERRORS = (pa.ArrowException, duckdb.Error, UnicodeError, ValueError, OverflowError, TypeError)


def unstorable(origin: str, exc: BaseException) -> Rejection:
    """A rejection (D111) for a document analysed but not storable; the traceback goes to the log."""
    log.error("%s: cannot be stored", origin, exc_info=exc)
    reason = f"cannot be stored ({type(exc).__name__}: {exc}); please report it"[:500]
    return Rejection(printable(origin), errors.INTERNAL, printable(reason))


def storable_tables(
    docs: list[DocumentRows], rejections: list[Rejection]
) -> tuple[dict[str, pa.Table], list[Rejection]]:
    """Arrow tables of the documents and rejections, leaving out (and rejecting, D111) each
    document whose rows Arrow refuses; for writers that cannot retry in the store (Dask tasks)."""
    try:
        return batch_tables(_batch_of(docs, rejections)), []
    except _ROW_ERRORS:
        pass
    kept: list[DocumentRows] = []
    failed: list[Rejection] = []
    for rows in docs:
        try:
            batch_tables(_batch_of([rows], []))
            kept.append(rows)
        except _ROW_ERRORS as exc:
            failed.append(unstorable(_origin(rows), exc))
    return batch_tables(_batch_of(kept, [*rejections, *failed])), failed


def _batch_of(docs: list[DocumentRows], rejections: list[Rejection]) -> _Batch:
    batch = _Batch(rejections=list(rejections))
    for rows in docs:
        for table, table_rows in rows.tables.items():
            batch.tables.setdefault(table, []).extend(table_rows)
        batch.keys.add(rows.key)
    return batch


def _identity(item: Document | DocumentRows) -> tuple[str, str]:
    """The document id and origin of an analysed document or its rows."""
    if isinstance(item, DocumentRows):
        row = item.tables["documents"][0]
        return row[1], row[8] or row[1]
    return item.article.id, item.article.origin or item.article.id


def _id_clash(item: Document | DocumentRows, key: str, owners: dict[str, tuple[str, str]]) -> Rejection | None:
    """A rejection when another text already has this document's id (in the store or earlier in
    this run): two documents under one id would be one to anyone joining on it."""
    doc_id, origin = _identity(item)
    owner = owners.get(doc_id)
    if owner is not None and owner[0] != key:
        return Rejection(origin, errors.DUPLICATE_ID,
                         f"document id {doc_id!r} is already taken by {owner[1]} (another text); "
                         "rename the file or set another id in its metadata")  # fmt: skip
    owners[doc_id] = (key, origin)
    return None


def stored_ids(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """Document id -> (content key, origin) of every stored document."""
    rows = con.execute("SELECT id, doc, coalesce(origin, id) FROM documents WHERE id IS NOT NULL").fetchall()
    return {doc_id: (key, origin) for doc_id, key, origin in rows}


def stored_keys(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT doc FROM documents").fetchall()}


def open_and_ingest(path: str | Path, items: Iterable[Document | Rejection], **kwargs) -> IngestResult:
    with closing(connect(path)) as con:
        return ingest(con, items, **kwargs)
