"""A large batch with hostile documents mixed in: every good one is stored, every bad one listed.

    python benchmarks/hostile_batch.py [--docs 10000] [--routes one,workers,dask,stdin] [--workers 2]

Writes a corpus of our own sentences (JSON Lines and loose text files) in which about one
document in twenty is hostile: JSON nested thousands of levels deep, lone surrogate escapes,
dates at the ends of the calendar (31.12.9999 with "in der kommenden Woche"), file names that
are not UTF-8, binary files, malformed and empty records. Then runs ``diplograph ingest`` by
each route and prints, per route, the time, the exit code, and how many good documents are
missing and bad ones unlisted (both must be 0; the script exits 1 otherwise). The tests use
:func:`write_mixed_corpus` on a few dozen documents (tests/store/test_hostile.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

PLACES = ("Moskau", "Peking", "Teheran", "Ankara", "Kairo", "Paris", "Berlin", "Brüssel", "Wien", "Genf")
PAIRS = (("Russlands", "Chinas"), ("Frankreichs", "Deutschlands"), ("Irans", "der Türkei"), ("Japans", "Indiens"))
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober")
DEEP = 5_000  # levels of nesting: far past Python's recursion limit


@dataclass(slots=True)
class Expected:
    """What a correct ingest of the corpus gives: these ids stored, these origins rejected."""

    good: set[str] = field(default_factory=set)  # document ids
    bad: set[str] = field(default_factory=set)  # origins as the rejections name them
    loose: set[str] = field(default_factory=set)  # those of them in loose files, not in the JSON Lines file

    def problems(self, stored: set[str], rejected: set[str]) -> tuple[set[str], set[str]]:
        """Good documents not stored, bad ones not listed."""
        return self.good - stored, self.bad - rejected


def good_text(n: int) -> str:
    first, second = PAIRS[n % len(PAIRS)]
    return (
        f"Am {n % 28 + 1}. {MONTHS[n % len(MONTHS)]} 2025 trafen sich die Außenminister {first} und {second} "
        f"in {PLACES[n % len(PLACES)]}, um über Handel und Sicherheit zu sprechen (Meldung {n})."
    )


def hostile_line(kind: str, n: int) -> tuple[str, bool]:
    """One JSON Lines record of a hostile kind, and whether it is a good document nonetheless."""
    if kind == "deep":
        return '{"text": "x", "extra": ' + "[" * DEEP + "]" * DEEP + "}", False
    if kind == "surrogate":
        return '{"text": "Russland \\ud800 und Iran unterzeichneten einen Vertrag.", "lang": "de"}', False
    if kind == "far-future":  # a good document: its relative dates have no value, nothing more
        text = f"31.12.9999 Russland und Iran wollen in der kommenden Woche einen Vertrag unterzeichnen ({n})."
        return json.dumps({"id": f"doc-{n}", "text": text, "lang": "de", "published": "9999-12-31"}), True
    if kind == "far-past":
        text = f"Russland und Iran unterzeichneten in der vergangenen Woche einen Vertrag ({n})."
        return json.dumps({"id": f"doc-{n}", "text": text, "lang": "de", "published": "0001-01-01"}), True
    if kind == "malformed":
        return '{"text": "Russland und Iran', False
    if kind == "empty":
        return json.dumps({"text": "   "}), False
    raise ValueError(kind)


LINE_KINDS = ("deep", "surrogate", "far-future", "far-past", "malformed", "empty")


def write_mixed_corpus(folder: Path, docs: int, *, seed: int = 1, hostile: float = 0.05) -> Expected:
    """About ``docs`` documents, ``hostile`` of them hostile: ``corpus.jsonl`` (most) and ``texts/``
    (a tenth, loose files, some with names that are not UTF-8 and some binary)."""
    rng = random.Random(seed)
    turn = 0
    expected = Expected()
    folder.mkdir(parents=True, exist_ok=True)
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    jsonl = folder / "corpus.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for n in range(docs):
            origin = f"{jsonl}:{n + 1}"
            loose = n % 10 == 9
            if rng.random() < hostile:
                if loose:
                    good = _hostile_file(texts, n, rng)
                    out.write(json.dumps({"id": f"doc-{n}", "text": good_text(n), "lang": "de"}) + "\n")
                    expected.good.add(f"doc-{n}")
                    if good:
                        expected.good.add(good)
                        expected.loose.add(good)
                    else:
                        expected.bad.add(str(texts / f"binary-{n}.txt"))
                        expected.loose.add(str(texts / f"binary-{n}.txt"))
                    continue
                line, good = hostile_line(LINE_KINDS[turn % len(LINE_KINDS)], n)  # each kind in turn
                turn += 1
                out.write(line + "\n")
                (expected.good.add(f"doc-{n}") if good else expected.bad.add(origin))
                continue
            if loose:
                (texts / f"doc-{n}.txt").write_text(good_text(n) + "\n", encoding="utf-8")
                out.write("\n")  # keeps line numbers equal to document numbers
                expected.loose.add(f"doc-{n}")
            else:
                out.write(json.dumps({"id": f"doc-{n}", "text": good_text(n), "lang": "de"}) + "\n")
            expected.good.add(f"doc-{n}")
    return expected


def _hostile_file(texts: Path, n: int, rng: random.Random) -> str | None:
    """A loose file with a name that is not UTF-8 (a good document: its id is returned) or a binary one."""
    if n % 20 == 9:
        name = f"odd-{n}-".encode() + b"\xff\xfe.txt"
        (texts / os.fsdecode(name)).write_text(good_text(n) + " Ungewöhnlicher Name.\n", encoding="utf-8")
        return f"odd-{n}-\\xff\\xfe"
    (texts / f"binary-{n}.txt").write_bytes(rng.randbytes(2_000).replace(b"\n", b"\x00"))
    return None


def store_contents(db: Path) -> tuple[set[str], set[str]]:
    """Ids of the stored documents and origins of the rejections."""
    from diplograph.store.writer import connect

    with closing(connect(db, read_only=True)) as con:
        stored = {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}
        rejected = {row[0] for row in con.execute("SELECT origin FROM rejections").fetchall()}
    return stored, rejected


def ingest_command(route: str, folder: Path, db: Path, workers: int) -> tuple[list[str], bytes | None]:
    base = [sys.executable, "-m", "diplograph", "ingest", "--db", str(db)]
    inputs = [str(folder / "corpus.jsonl"), str(folder / "texts")]
    if route == "one":
        return [*base, *inputs], None
    if route == "workers":
        return [*base, *inputs, "--workers", str(workers)], None
    if route == "dask":
        return [*base, *inputs, "--dask", "local", "--workers", str(workers)], None
    if route == "stdin":  # the JSON Lines file only
        return [*base, "-"], (folder / "corpus.jsonl").read_bytes()
    raise ValueError(route)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--routes", default="one,workers,dask,stdin")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        expected = write_mixed_corpus(folder, args.docs, seed=args.seed)
        print(f"{args.docs:,} documents: {len(expected.good):,} good, {len(expected.bad):,} bad")
        for route in args.routes.split(","):
            db = Path(tmp) / f"{route}.duckdb"
            command, stdin = ingest_command(route, folder, db, args.workers)
            started = time.perf_counter()
            run = subprocess.run(command, input=stdin, capture_output=True, check=False)
            seconds = time.perf_counter() - started
            stored, rejected = store_contents(db)
            if route == "stdin":
                jsonl = str(folder / "corpus.jsonl")
                bad = {o.replace(jsonl, "<stdin>") for o in expected.bad - expected.loose}
                missing, unlisted = Expected(expected.good - expected.loose, bad).problems(stored, rejected)
            else:
                missing, unlisted = expected.problems(stored, rejected)
            traceback = b"Traceback" in run.stderr
            ok = run.returncode == 1 and not missing and not unlisted and not traceback
            failed |= not ok
            print(f"{route:8} {seconds:7.1f} s  {args.docs / seconds:6.0f} docs/s  exit {run.returncode}  "
                  f"stored {len(stored):,}  rejected {len(rejected):,}  good missing {len(missing)}  "
                  f"bad unlisted {len(unlisted)}  traceback {traceback}  {'ok' if ok else 'FAILED'}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
