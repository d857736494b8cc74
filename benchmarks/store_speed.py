"""The event store at scale: ingest a synthetic corpus, merge, query; and queries over 1M events.

    python benchmarks/store_speed.py --docs 10000          # ingest + merge + dyad (+ blocs)
    python benchmarks/store_speed.py --events 1000000      # dyad series over a 1M-event store
    python benchmarks/store_speed.py --docs 10000 --junk 0.05 --workers 2   # junk batch, both cores
    python benchmarks/store_speed.py --docs 10000 --workers 2 --dask        # the same on a Dask LocalCluster

Part 1 writes a corpus with ``corpus_generator.py`` (our own templates; several outlets report
each simulated event), ingests it with the real pipeline into a fresh DuckDB store, merges,
and compares the merged events with the generator's world (how many reports ended up on the
same event). Part 2 fills a store with synthetic merged events directly (no text) and times
the queries analysts run most: a dyad's monthly series and a filtered event list.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

from diplograph.ingest.parts import DEFAULT_PART_SIZE, plan_parts
from diplograph.parallel import rows_of_parts
from diplograph.pipeline import Options
from diplograph.store import query
from diplograph.store.dask_ingest import Recipe, ingest_on
from diplograph.store.dyads import refresh_dyads
from diplograph.store.events import rebuild_events
from diplograph.store.schema import DEFAULT_BATCH
from diplograph.store.writer import connect, ingest

HERE = Path(__file__).parent


def _generator():
    spec = importlib.util.spec_from_file_location("corpus_generator", HERE / "corpus_generator.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_generator"] = module
    spec.loader.exec_module(module)
    return module


def ingest_corpus(docs: int, seed: int, folder: Path, junk: float = 0.0, workers: int = 1, dask: bool = False) -> None:
    gen = _generator()
    corpus = folder / "corpus"
    summary = gen.generate_corpus(gen.Settings(out=corpus, docs=docs, seed=seed, fmt="jsonl", junk=junk))
    db = folder / "store.duckdb"
    options = Options.create()
    start = time.perf_counter()
    with closing(connect(db)) as con:
        # As `diplograph ingest` cuts them: a Dask partition is a store batch, a worker's part smaller.
        parts = plan_parts([str(corpus)], settings=options.settings, size=DEFAULT_BATCH if dask else DEFAULT_PART_SIZE)
        if dask:
            # What `diplograph ingest --dask local` does, cluster start-up included in the time.
            result = ingest_on("local", con, parts, workers=workers, recipe=Recipe(), parts_folder=folder / "parts")
        else:
            result = ingest(con, rows_of_parts(parts, options=options, workers=workers))
        ingested = time.perf_counter()
        events = rebuild_events(con)
        merged = time.perf_counter()
        reports, multi = con.execute(
            "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM events WHERE outlets >= 2)"
        ).fetchone()
    print(
        f"documents:              {result.added} stored, {len(result.rejected)} rejected "
        f"(generator: {summary['good_docs']} good, {summary['junk_docs']} junk {summary['junk_by_kind']})"
    )
    codes = Counter(r.code for r in result.rejected)
    if codes:
        print(f"rejections by code:     {dict(sorted(codes.items()))}")
    how = f"Dask LocalCluster of {workers}" if dask else f"{workers} process{'es' if workers > 1 else ''}"
    took = ingested - start
    print(f"ingest:                 {took:.1f} s, {result.added / took:,.0f} documents/s ({how})")
    print(f"merge:                  {merged - ingested:.1f} s")
    print(f"reports -> events:      {reports:,} -> {events:,} ({multi:,} reported by 2+ outlets)")
    print(f"generator's world:      {summary['reports']:,} reports of {summary['world_events']:,} events "
          f"({summary['events_reported_by_2plus_outlets']:,} by 2+ outlets)")  # fmt: skip
    with closing(query.open_store(db)) as con:
        start = time.perf_counter()
        series = query.dyad(con, "RUS", "UKR")
        took = time.perf_counter() - start
        print(f"dyad RUS-UKR:           {len(series)} months in {took * 1000:.0f} ms; "
              f"goldstein sum {series['goldstein_sum'].sum():.0f}, conflict share "
              f"{series['conflict'].sum() / max(series['events'].sum(), 1):.2f}")  # fmt: skip
        blocs_of_window(con)


def blocs_of_window(con) -> None:
    """Alliance blocs of the whole synthetic period (the generator's world has two camps)."""
    from diplograph.graph import find_blocs

    start = time.perf_counter()
    found = find_blocs(con, "2023-01", "2025-12")
    took = time.perf_counter() - start
    print(f"blocs 2023-2025:        {len(found.blocs)} blocs in {took * 1000:.0f} ms; frustration "
          f"{found.frustration or 0:.3f}, triangle balance {found.balance or 0:.2f}")  # fmt: skip
    for bloc in found.blocs[:3]:
        print(f"  bloc {bloc.id}: {', '.join(bloc.actors[:14])}{' …' if len(bloc.actors) > 14 else ''}")


ACTORS = ["USA", "GBR", "FRA", "DEU", "POL", "UKR", "RUS", "CHN", "IRN", "PRK", "BLR", "ISR", "TUR", "IND", "EU",
          "NATO", "HAMAS", "HEZBOLLAH", "SAU", "JPN"]  # fmt: skip


def fill_events(db: Path, count: int, seed: int) -> None:
    """Synthetic merged events straight into the events table (no text): for query speed only."""
    actors = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
    types = "['CONSULT','AGREE','SUPPORT','COOPERATE','AID','REQUEST','ACCUSE','THREATEN','SANCTION','ASSAULT']"
    quads = "[1, 1, 1, 2, 2, 1, 3, 3, 4, 4]"
    goldstein = "[1.0, 4.0, 3.4, 6.4, 7.0, 3.4, -2.0, -7.0, -8.0, -10.0]"
    with closing(connect(db)) as con:
        con.execute(f"SELECT setseed({(seed % 1000) / 1000})")
        con.execute(
            f"""INSERT INTO events
                SELECT 'S' || i AS event, {types}[t] AS type, '000' AS cameo, {goldstein}[t] AS goldstein,
                       {quads}[t] AS quad_class, false AS joint, d AS date, substr(d, 1, 7) AS month,
                       'actual' AS modality, NULL AS location, [{actors}[s]] AS source, [{actors}[g]] AS target,
                       1 + (i % 3) AS mentions, 1 + (i % 2) AS outlets, d AS first_report, d AS last_report,
                       false AS disputed, 0.9 AS confidence, NULL AS place, NULL AS place_country,
                       NULL AS latitude, NULL AS longitude, NULL AS geonameid
                FROM (SELECT i, 1 + floor(random() * 10)::INT AS t, 1 + floor(random() * {len(ACTORS)})::INT AS s,
                             1 + floor(random() * {len(ACTORS)})::INT AS g,
                             strftime(DATE '2015-01-01' + floor(random() * 4000)::INT, '%Y-%m-%d') AS d
                      FROM range({count}) r(i))"""
        )  # fmt: skip
        con.execute(
            """INSERT INTO event_actors
               SELECT event, 'source', unnest(source), NULL, 'state' FROM events
               UNION ALL SELECT event, 'target', unnest(target), NULL, 'state' FROM events"""
        )
        refresh_dyads(con)  # what a merge does after writing events


def query_speed(count: int, seed: int, folder: Path) -> None:
    db = folder / "events.duckdb"
    start = time.perf_counter()
    fill_events(db, count, seed)
    print(f"filled {count:,} events in {time.perf_counter() - start:.1f} s")
    floor_sql = """SELECT month, count(*) AS events, count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                          count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, round(sum(goldstein), 1)
                   FROM events WHERE month IS NOT NULL GROUP BY month ORDER BY month"""
    best: dict[str, float] = {}
    with closing(query.open_store(db)) as con:
        for label, run in (
            (FLOOR, lambda: con.execute(floor_sql).df()),
            ("dyad RUS-UKR (monthly series)", lambda: query.dyad(con, "RUS", "UKR")),
            ("dyad USA-CHN, directed", lambda: query.dyad(con, "USA", "CHN", directed=True)),
            ("events actor=IRN type=SANCTION 2024", lambda: query.events(con, actor="IRN", type="SANCTION",
                                                                          since="2024", until="2024", limit=100)),
            ("actors", lambda: query.actors(con)),
        ):  # fmt: skip
            run()  # warm
            timings = []
            for _ in range(5):
                start = time.perf_counter()
                frame = run()
                timings.append(time.perf_counter() - start)
            best[label] = min(timings)
            print(f"{label:40s} {min(timings) * 1000:7.1f} ms (best of 5), {len(frame)} rows")
        for label in ("dyad RUS-UKR (monthly series)", "dyad USA-CHN, directed"):
            print(f"{label} / floor: {best[label] / best[FLOOR]:.2f}×")


# Every event's month, one GROUP BY over the whole table: no dyad series can need less work.
FLOOR = "floor: GROUP BY month over all events"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=0, help="synthetic documents to ingest (part 1)")
    parser.add_argument("--events", type=int, default=0, help="synthetic merged events to query (part 2)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--junk", type=float, default=0.0, help="share of junk documents in part 1 (e.g. 0.05)")
    parser.add_argument("--workers", type=int, default=1, help="analysis processes in part 1")
    parser.add_argument("--dask", action="store_true", help="part 1 on a Dask LocalCluster of --workers")
    args = parser.parse_args()
    if not args.docs and not args.events:
        args.docs, args.events = 10_000, 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        if args.docs:
            ingest_corpus(args.docs, args.seed, Path(tmp), args.junk, args.workers, args.dask)
        if args.events:
            query_speed(args.events, args.seed, Path(tmp))
    own, workers = (resource.getrusage(w).ru_maxrss / 1024 for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"peak memory (MB):       {own:,.0f} (this process), {workers:,.0f} (largest worker)")


if __name__ == "__main__":
    main()
