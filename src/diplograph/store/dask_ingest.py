"""Ingest on a Dask cluster: analysis as tasks over partitions, Parquet in between, one store.

Each task reads and analyses one part of the input (:mod:`diplograph.ingest.parts`) and
writes its rows as Parquet files (``PARTS/<table>/part-00042.parquet``), so a cluster's
workers never touch the DuckDB file (DuckDB has one writer). The client loads the partitions
in input order as they come in, one transaction each, skipping documents already stored, and
deletes each partition's files once it is loaded (they hold the articles' text). A task that
fails as a whole (its worker killed again and again) costs its part, which is listed as
rejected (D110), not the ingest. With a remote scheduler, the
input and PARTS must be folders every worker and the client can reach (a shared volume);
only standard input travels with its task.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from diplograph import errors
from diplograph.ingest.decode import printable, shown_path
from diplograph.ingest.parts import InputPart, read_part
from diplograph.model import Document, Rejection
from diplograph.pipeline import Options, analyze_or_reject
from diplograph.store.schema import DOCUMENT_TABLES
from diplograph.store.writer import DocumentRows, IngestResult, storable_tables, to_rows, unstorable

_BY_DOC = frozenset({"documents", "mentions", "reports", "flags"})  # the others name a report (doc:e1)


@dataclass(frozen=True, slots=True)
class Recipe:
    """How a worker builds its options (sent instead of the loaded knowledge base)."""

    lang: str = "auto"
    published: str | None = None
    kb_dir: str | None = None
    config: str | None = None


@cache
def _options(recipe: Recipe) -> Options:
    """Once per worker process: the knowledge base loads on first use, then stays."""
    return Options.create(lang=recipe.lang, published=recipe.published, kb_dir=recipe.kb_dir, config=recipe.config)


@dataclass(frozen=True, slots=True)
class PartitionResult:
    index: int
    documents: int  # analysed and written, once each
    duplicates: int  # the same text again within the part
    rejected: tuple[Rejection, ...]


def analyse_partition(index: int, part: InputPart, recipe: Recipe, parts_folder: str) -> PartitionResult:
    """A Dask task: read and analyse one part, write its rows as Parquet under ``parts_folder``."""
    options = _options(recipe)
    assert options.settings is not None
    docs: list[DocumentRows] = []
    keys: set[str] = set()
    rejected: list[Rejection] = []
    duplicates = 0
    for item in read_part(part, settings=options.settings):
        result = analyze_or_reject(item, options=options)
        if isinstance(result, Document):
            try:
                rows: DocumentRows | Rejection = to_rows(result)
            except UnicodeError as exc:  # text that is not Unicode has no content key
                rows = unstorable(result.article.origin or result.article.id, exc)
        else:
            rows = result
        if isinstance(rows, Rejection):
            rejected.append(rows)
        elif rows.key in keys:
            duplicates += 1
        else:
            docs.append(rows)
            keys.add(rows.key)
    tables, unstored = storable_tables(docs, rejected)
    for table, arrow in tables.items():
        folder = Path(parts_folder) / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(arrow, folder / f"part-{index:05d}.parquet")
    return PartitionResult(index, len(docs) - len(unstored), duplicates, (*rejected, *unstored))


# New documents whose id another text already has (stored, or earlier in the partition).
_CLASHES = """
SELECT n.doc, n.id, coalesce(n.origin, n.id) AS origin,
       coalesce((SELECT any_value(d.origin) FROM documents d WHERE d.id = n.id),
                (SELECT any_value(f.origin) FROM _new f WHERE f.id = n.id AND f.n < n.n)) AS owner
FROM _new n
WHERE n.id IN (SELECT id FROM documents) OR EXISTS (SELECT 1 FROM _new f WHERE f.id = n.id AND f.n < n.n)
ORDER BY n.n
"""


def load_partition(con: duckdb.DuckDBPyConnection, parts: Path, index: int) -> tuple[int, list[Rejection]]:
    """Load one partition's new documents in one transaction; returns how many were new, and the
    documents rejected because another text already has their id."""
    name = f"part-{index:05d}.parquet"
    files = {table: parts / table / name for table in (*DOCUMENT_TABLES, "rejections")}
    present = {table: path for table, path in files.items() if path.exists()}
    clashes: list[Rejection] = []
    con.execute("BEGIN TRANSACTION")
    try:
        new = 0
        if "documents" in present:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _new AS SELECT doc, id, origin, row_number() OVER () AS n "
                "FROM read_parquet(?) WHERE doc NOT IN (SELECT doc FROM documents)",
                [str(present["documents"])],
            )
            for doc, doc_id, origin, owner in con.execute(_CLASHES).fetchall():
                clashes.append(Rejection(origin, errors.DUPLICATE_ID,
                                         f"document id {doc_id!r} is already taken by {owner} (another text); "
                                         "rename the file or set another id in its metadata"))  # fmt: skip
                con.execute("DELETE FROM _new WHERE doc = ?", [doc])
            if clashes:
                con.executemany("INSERT OR REPLACE INTO rejections VALUES (?, ?, ?)",
                                [(r.origin, r.code, r.reason) for r in clashes])  # fmt: skip
            new = con.execute("SELECT count(*) FROM _new").fetchall()[0][0]
            for table, path in present.items():
                if table == "rejections":
                    continue
                columns = ", ".join(pq.read_schema(path).names)
                owner = "doc" if table in _BY_DOC else "split_part(report, ':', 1)"
                con.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {columns} FROM read_parquet(?) "
                    f"WHERE {owner} IN (SELECT doc FROM _new)",
                    [str(path)],
                )
        if "rejections" in present:
            con.execute(
                "INSERT OR REPLACE INTO rejections (origin, code, reason) SELECT origin, code, reason "
                "FROM read_parquet(?)",
                [str(present["rejections"])],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return new, clashes


def ingest_with_dask(
    con: duckdb.DuckDBPyConnection,
    parts: Sequence[InputPart],
    *,
    client,
    recipe: Recipe,
    parts_folder: Path,
    on_partition: Callable[[PartitionResult], None] | None = None,
) -> IngestResult:
    """Analyse on the cluster ``client`` talks to, loading each partition as soon as those
    before it are loaded: the store is the same whatever order the tasks finish in."""
    from distributed import as_completed

    parts_folder.mkdir(parents=True, exist_ok=True)
    for stale in parts_folder.glob("*/part-*.parquet"):  # from an earlier run: never load those
        stale.unlink()
    futures = [client.submit(analyse_partition, n, part, recipe, str(parts_folder), pure=False)
               for n, part in enumerate(parts)]  # fmt: skip
    index_of = {future.key: n for n, future in enumerate(futures)}
    finished: dict[int, PartitionResult] = {}
    result = IngestResult()
    following = 0  # the next partition to load
    for future in as_completed(futures):
        n = index_of[future.key]
        try:
            done = future.result()
        except Exception as exc:  # the task failed as a whole: its part is lost, the others are not
            done = PartitionResult(n, 0, 0, (_lost_part(parts[n], exc),))
        finished[done.index] = done
        while following in finished:
            partition = finished.pop(following)
            added, clashes = load_partition(con, parts_folder, partition.index)
            result.added += added
            result.skipped += partition.documents - added - len(clashes) + partition.duplicates
            result.rejected.extend(partition.rejected)
            result.rejected.extend(clashes)
            _remove_partition(parts_folder, partition.index)
            if on_partition is not None:
                on_partition(partition)
            following += 1
    _remove_empty(parts_folder)
    return result


def _lost_part(part: InputPart, exc: BaseException) -> Rejection:
    if part.jsonl is not None:
        last = "" if part.line_count is None else f"-{part.first_line + part.line_count - 1}"
        where = f"{shown_path(part.jsonl)}:{part.first_line}{last}"
    else:
        where = ", ".join(shown_path(name) for name in part.files) or "<stdin>"
    reason = f"the Dask task analysing this part failed ({type(exc).__name__}: {exc})"[:500]
    return Rejection(where, errors.WORKER_CRASHED, printable(reason))


def _remove_partition(parts_folder: Path, index: int) -> None:
    """Delete a loaded partition's files: they hold article text the store now keeps."""
    for path in parts_folder.glob(f"*/part-{index:05d}.parquet"):
        path.unlink(missing_ok=True)


def _remove_empty(parts_folder: Path) -> None:
    """Remove the table folders left empty, and ``parts_folder`` itself when nothing else is in it."""
    for folder in parts_folder.iterdir():
        if folder.is_dir() and folder.name in (*DOCUMENT_TABLES, "rejections") and not any(folder.iterdir()):
            folder.rmdir()
    if not any(parts_folder.iterdir()):
        parts_folder.rmdir()


def ingest_on(
    address: str,
    con: duckdb.DuckDBPyConnection,
    parts: Sequence[InputPart],
    *,
    workers: int,
    recipe: Recipe,
    parts_folder: Path,
    on_partition: Callable[[PartitionResult], None] | None = None,
) -> IngestResult:
    """:func:`ingest_with_dask` on the scheduler at ``address``, or on a LocalCluster of
    ``workers`` processes started and stopped here for ``'local'``."""
    from distributed import Client, LocalCluster

    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    client = Client(cluster if cluster is not None else address)
    try:
        return ingest_with_dask(con, parts, client=client, recipe=recipe, parts_folder=parts_folder,
                                on_partition=on_partition)  # fmt: skip
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
