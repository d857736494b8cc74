"""Ingest on a Dask cluster: analysis as tasks over partitions, Parquet in between, one store.

Each task analyses one partition of the inputs and writes the partition's rows as Parquet
files (``PARTS/<table>/part-00042.parquet``), so a cluster's workers never touch the DuckDB
file (DuckDB has one writer). The client then loads the partitions in order, one transaction
each, skipping documents already stored; the Parquet files stay and can be queried directly
with DuckDB (``SELECT … FROM read_parquet('PARTS/events/*.parquet')``). With a remote
scheduler, PARTS must be a folder every worker and the client can reach (a shared volume).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from diplograph.model import Article, Rejection
from diplograph.pipeline import Options, analyze_or_reject
from diplograph.store.schema import DOCUMENT_TABLES
from diplograph.store.writer import _Batch, batch_tables, content_key, document_rows

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
    documents: int
    rejected: tuple[Rejection, ...]


def analyse_partition(index: int, items: Sequence[Article | Rejection], recipe: Recipe, parts: str) -> PartitionResult:
    """A Dask task: analyse the items and write their rows as Parquet under ``parts``."""
    options = _options(recipe)
    batch = _Batch()
    rejected = []
    for item in items:
        result = analyze_or_reject(item, options=options)
        if isinstance(result, Rejection):
            rejected.append(result)
            batch.rejections.append(result)
            continue
        key = content_key(result.article.text)
        if key not in batch.keys:
            document_rows(result, key, batch)
    for table, arrow in batch_tables(batch).items():
        folder = Path(parts) / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(arrow, folder / f"part-{index:05d}.parquet")
    return PartitionResult(index, len(batch.keys), tuple(rejected))


def load_partition(con: duckdb.DuckDBPyConnection, parts: Path, index: int) -> int:
    """Load one partition's new documents in one transaction; returns how many were new."""
    name = f"part-{index:05d}.parquet"
    files = {table: parts / table / name for table in (*DOCUMENT_TABLES, "rejections")}
    present = {table: path for table, path in files.items() if path.exists()}
    con.execute("BEGIN TRANSACTION")
    try:
        new = 0
        if "documents" in present:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _new AS SELECT doc FROM read_parquet(?) "
                "WHERE doc NOT IN (SELECT doc FROM documents)",
                [str(present["documents"])],
            )
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
    return new


def ingest_with_dask(
    con: duckdb.DuckDBPyConnection,
    items: Sequence[Article | Rejection],
    *,
    client,
    recipe: Recipe,
    parts: Path,
    partition_size: int = 200,
    on_partition: Callable[[PartitionResult], None] | None = None,
) -> tuple[int, list[Rejection]]:
    """Analyse on the cluster ``client`` talks to, then load; returns (new documents, rejections)."""
    parts.mkdir(parents=True, exist_ok=True)
    for stale in parts.glob("*/part-*.parquet"):  # from an earlier run: never load those
        stale.unlink()
    chunks = [list(items[i : i + partition_size]) for i in range(0, len(items), partition_size)]
    futures = [client.submit(analyse_partition, n, chunk, recipe, str(parts), pure=False)
               for n, chunk in enumerate(chunks)]  # fmt: skip
    results = sorted(client.gather(futures), key=lambda r: r.index)
    added, rejected = 0, []
    for result in results:  # in input order: the same store whatever order the tasks finished in
        added += load_partition(con, parts, result.index)
        rejected.extend(result.rejected)
        if on_partition is not None:
            on_partition(result)
    return added, rejected
