"""End-to-end speed (JSON Lines in, events out) on one core: sentences/s, articles/s, peak memory.

    python benchmarks/pipeline_speed.py --articles 2000
    python benchmarks/pipeline_speed.py --corpus DIR      # a corpus you generated or collected
    python benchmarks/pipeline_speed.py --corpus ../shared/corpus/dev --repeat 30   # real news text
    python benchmarks/pipeline_speed.py --articles 3000 --workers 2 --scaling 3    # 1 vs 2 processes
    python benchmarks/pipeline_speed.py --corpus ../shared/corpus/dev --repeat 30 --peer   # analysis vs whole CLI
    python benchmarks/pipeline_speed.py --peer --only-lang en --tabari ./TABARI --tabari-project CAMEO.project

By default a synthetic German/English corpus is written with ``corpus_generator.py`` (our own
sentence templates: actors named by name, adjective, capital and role, dates in many forms,
attribution frames, filler sentences) to a temporary folder; it is then read with the same
reader ``diplograph analyze`` uses and analysed, and only that part is timed. The synthetic
ground truth also gives a rough event recall (type + actor codes).

``--peer`` compares, in alternated rounds on the same sentences, our analysis, our whole CLI
process (start-up and JSON output included) and, given a binary and a project, TABARI: see
``peer.py`` for the input TABARI is given.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from diplograph.ingest.parts import plan_parts
from diplograph.model import Article, Rejection
from diplograph.parallel import rows_of_parts
from diplograph.pipeline import Options, analyze_all, analyze_parts
from diplograph.store.writer import DocumentRows, to_rows

HERE = Path(__file__).parent
_SENTENCES = 9  # position of the sentence count in a documents row (store.writer)


def _script(name: str):
    """A sibling script as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _generator():
    return _script("corpus_generator")


def generate(folder: Path, articles: int, seed: int) -> Path:
    gen = _generator()
    gen.generate_corpus(gen.Settings(out=folder, docs=articles, seed=seed, fmt="jsonl", junk=0.0))
    return folder


def truth_by_id(folder: Path) -> dict[str, list[dict]]:
    truth: dict[str, list[dict]] = {}
    for shard in sorted(folder.glob("*.jsonl")):
        for line in shard.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            truth[record["id"]] = record.get("truth", [])
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="synthetic articles to generate")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--corpus", type=Path, help="analyse this file or folder instead of a synthetic corpus")
    parser.add_argument("--repeat", type=int, default=1, help="analyse the corpus this many times (small corpora)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (1: this process only)")
    parser.add_argument("--scaling", type=int, metavar="ROUNDS",
                        help="instead: time 1 and --workers processes in turn, ROUNDS times, best of each")  # fmt: skip
    peer = parser.add_argument_group("side by side (--peer)")
    peer.add_argument("--peer", action="store_true", help="our analysis vs our whole CLI (vs TABARI), same sentences")
    peer.add_argument("--rounds", type=int, default=3, help="alternated rounds; the best of each is reported")
    peer.add_argument("--only-lang", choices=("de", "en"), help="only articles declared in this language")
    peer.add_argument("--tabari", type=Path, metavar="BINARY", help="a TABARI binary to run on the same sentences")
    peer.add_argument("--tabari-project", type=Path, metavar="FILE", help="TABARI project naming its dictionaries")
    peer.add_argument("--tabari-text", type=Path, metavar="FILE", help="keep the sentences in TABARI's format here")
    args = parser.parse_args()
    if args.tabari and not (args.tabari_project and args.tabari_project.is_file()):
        parser.error("--tabari needs --tabari-project FILE: a TABARI project naming actors, verbs and options files")
    options = Options.create()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus or generate(Path(tmp), args.articles, args.seed)
        truth = {} if args.corpus else truth_by_id(folder)
        # Warm caches: each language's lexicons and grammars load once per process.
        warm = [
            Article(id="warm-de", text="Putin traf Xi am Freitag in Peking.", lang="de"),
            Article(id="warm-en", text="Putin met Xi in Beijing on Friday.", lang="en"),
        ]
        list(analyze_all(warm, options=options))
        if args.peer:
            side_by_side(args, folder, Path(tmp), options)
            return
        if args.scaling:
            parts = plan_parts([str(folder)], settings=options.settings) * args.repeat
            scaling(parts, options, max(args.workers, 2), args.scaling)
            return
        start = time.perf_counter()
        documents = rejected = sentences = mentions = times = events = found = expected = 0
        parts = plan_parts([str(folder)], settings=options.settings) * args.repeat
        if args.workers > 1:
            # Workers read their parts and send back store rows (what `diplograph ingest --workers` does).
            for item in rows_of_parts(parts, options=options, workers=args.workers):
                if not isinstance(item, DocumentRows):
                    rejected += 1
                    continue
                documents += 1
                sentences += item.tables["documents"][0][_SENTENCES]
                mentions += len(item.tables.get("mentions", ()))
                events += len(item.tables.get("reports", ()))
            times = -1
        for doc in analyze_parts(parts, options=options) if args.workers <= 1 else ():
            if not hasattr(doc, "events"):
                rejected += 1
                continue
            documents += 1
            sentences += len(doc.sentences)
            mentions += len(doc.actors)
            times += len(doc.times)
            events += len(doc.events)
            coded = {(e.type, frozenset(p.entity.code for p in e.source + e.target)) for e in doc.events}
            for t in truth.get(doc.article.id, []):
                expected += 1
                found += (t["type"], frozenset({t["source"], t["target"]})) in coded
        elapsed = time.perf_counter() - start
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(f"articles:          {documents} (+{rejected} rejected)")
    print(f"sentences:         {sentences}")
    print(f"actor mentions:    {mentions}")
    print(f"time expressions:  {times if times >= 0 else 'n/a (not sent back by workers)'}")
    print(f"events:            {events}")
    print(f"seconds:           {elapsed:.2f}")
    cores = "one core" if args.workers == 1 else f"{args.workers} worker processes"
    print(f"sentences/s:       {sentences / elapsed:,.0f}  ({cores})")
    print(f"articles/s:        {documents / elapsed:,.0f}")
    print(f"peak memory (MB):  {peak_mb:,.0f}  (the largest process)")
    if expected:
        print(f"synthetic recall:  {found / expected:.2f} of {expected} reported events (type + actors)")


def side_by_side(args: argparse.Namespace, folder: Path, tmp: Path, options: Options) -> None:
    peer = _script("peer")
    corpus = tmp / "peer-corpus.jsonl"
    peer.write_corpus(peer.articles(folder, options, only_lang=args.only_lang), args.repeat, corpus)
    where = peer.Peer(corpus, args.tabari_text or tmp / "peer.tabari.txt", args.tabari, args.tabari_project)
    peer.compare(where, options, args.rounds)
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(f"peak memory (MB):  {peak_mb:,.0f}  (the largest process)")
    print(f"machine:           {_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}")


def _cpu() -> str:
    """The processor's model name (Linux), else the architecture."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def scaling(parts: list, options: Options, workers: int, rounds: int) -> None:
    """Rows for the store from 1 process and from ``workers``, alternately: machine noise hits both alike."""
    best: dict[int, float] = {}
    sentences = 0
    for _ in range(rounds):
        for count in (1, workers):
            start = time.perf_counter()
            sentences = 0
            for item in rows_of_parts(parts, options=options, workers=count):
                if isinstance(item, Rejection):
                    continue
                rows = item if isinstance(item, DocumentRows) else to_rows(item)  # what ingest stores
                sentences += rows.tables["documents"][0][_SENTENCES]
            best[count] = min(best.get(count, float("inf")), time.perf_counter() - start)
    for count, seconds in best.items():
        label = f"{count} process{'es' if count > 1 else ''}:"
        print(f"{label:13s} {seconds:6.2f} s  {sentences / seconds:8,.0f} sentences/s  (best of {rounds})")
    print(f"speed-up:     {best[1] / best[workers]:.2f} with {workers} processes")


if __name__ == "__main__":
    main()
