"""Side-by-side rates for ``pipeline_speed.py --peer``: our analysis, our whole CLI, and TABARI.

Every contender reads the same sentences, in alternated rounds (a shared machine's noise then
hits each alike); the best round of each is reported, with the ratios.

TABARI (Schrodt's C++ coder) codes one record at a time from a text file named in a project
file. ``--tabari PATH --tabari-project FILE`` runs ``PATH -a PROJECT`` (autocode, no screen
feedback) in FILE's folder, so the project's dictionaries resolve as usual; the project is
copied to a temporary folder with its ``<textfile>`` and ``<eventfile>`` lines pointing at our
sentences and a scratch event file. Each sentence becomes one record in TABARI's text format::

    250117 DG000001-003
    Russia and Iran signed a partnership treaty in Moscow on Friday.
    <blank line>

(the date as YYMMDD from the article's publication date, its missing month or day 01, 000101
without one; the id numbers the document and the sentence). ``--tabari-text FILE`` writes that file and the
rates are ours alone, for running TABARI by hand.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from diplograph.ingest.parts import plan_parts, read_part
from diplograph.model import Article, Document
from diplograph.pipeline import Options, analyze_parts


@dataclass(frozen=True, slots=True)
class Peer:
    """Where the comparison reads and writes, and what it runs."""

    corpus: Path  # JSON Lines: every article of the corpus, ``repeat`` times
    tabari_text: Path
    tabari: Path | None = None
    project: Path | None = None


def articles(folder: Path, options: Options, *, only_lang: str | None) -> list[Article]:
    """The corpus's articles as read; with ``only_lang``, those declared in that language."""
    found = []
    for part in plan_parts([str(folder)], settings=options.settings):
        found.extend(a for a in read_part(part, settings=options.settings) if isinstance(a, Article))
    return [a for a in found if only_lang is None or (a.lang or "")[:2] == only_lang]


def write_corpus(chosen: list[Article], repeat: int, path: Path) -> None:
    """One JSON Lines file, ``repeat`` copies (ids made unique): what the CLI and we both read."""
    with path.open("w", encoding="utf-8") as file:
        for n in range(repeat):
            for a in chosen:
                record = {"id": f"{a.id}~{n}", "text": a.text, "lang": a.lang, "published": a.published,
                          "title": a.title, "source": a.source}  # fmt: skip
                file.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_tabari_text(docs: list[Document], path: Path) -> int:
    """Our sentences as TABARI records; returns how many."""
    count = 0
    with path.open("w", encoding="utf-8") as file:
        for number, doc in enumerate(docs, 1):
            day = (re.sub(r"\D", "", doc.published or "")[2:8] + "0101")[:6] if doc.published else "000101"
            for n, s in enumerate(doc.sentences):
                text = " ".join(doc.norm_text[s.start : s.end].split())
                if text:
                    file.write(f"{day} DG{number:06d}-{n:03d}\n{text}\n\n")
                    count += 1
    return count


def tabari_project(project: Path, text: Path, events: Path, out: Path) -> Path:
    """A copy of ``project`` that reads ``text`` and writes ``events``."""
    lines = project.read_text(encoding="latin-1").splitlines()
    kept = [line for line in lines if not re.match(r"\s*<(textfile|eventfile)>", line, flags=re.IGNORECASE)]
    out.write_text("\n".join([f"<textfile> {text}", f"<eventfile> {events}", *kept]) + "\n", encoding="latin-1")
    return out


def run_tabari(binary: Path, project: Path, cwd: Path) -> float:
    """Seconds for one autocoding run (start-up and dictionaries included, as for our CLI)."""
    start = time.perf_counter()
    subprocess.run([str(binary), "-a", str(project)], cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True, env={**os.environ, "TERM": os.environ.get("TERM", "dumb")},
                   timeout=3600)  # fmt: skip
    return time.perf_counter() - start


def run_cli(corpus: Path) -> float:
    """Seconds for ``diplograph analyze CORPUS > /dev/null``: a fresh process, start-up included."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "diplograph", "analyze", str(corpus)], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False, timeout=3600)  # fmt: skip
    return time.perf_counter() - start


def run_analysis(corpus: Path, options: Options) -> tuple[float, list[Document]]:
    """Seconds to read and analyse the corpus in this (warm) process, and the documents."""
    start = time.perf_counter()
    docs = [d for d in analyze_parts(plan_parts([str(corpus)], settings=options.settings), options=options)
            if isinstance(d, Document)]  # fmt: skip
    return time.perf_counter() - start, docs


def compare(peer: Peer, options: Options, rounds: int) -> None:
    """Alternate the contenders ``rounds`` times; print each one's best rate and the ratios."""
    _seconds, docs = run_analysis(peer.corpus, options)  # also warms this process's caches
    sentences = sum(len(d.sentences) for d in docs)
    records = write_tabari_text(docs, peer.tabari_text)
    contenders: dict[str, Callable[[], float]] = {
        "diplograph, analysis only": lambda: run_analysis(peer.corpus, options)[0],
        "diplograph, whole CLI": lambda: run_cli(peer.corpus),
    }
    if peer.tabari is not None and peer.project is not None:
        project = tabari_project(peer.project, peer.tabari_text, peer.tabari_text.with_suffix(".events"),
                                 peer.tabari_text.with_suffix(".project"))  # fmt: skip
        contenders["TABARI"] = lambda: run_tabari(peer.tabari, project, peer.project.parent)
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, timed in contenders.items():
            best[name] = min(best.get(name, float("inf")), timed())
    print(f"documents:  {len(docs)}   sentences: {sentences}   TABARI records: {records} ({peer.tabari_text})")
    rates = {name: (records if name == "TABARI" else sentences) / seconds for name, seconds in best.items()}
    for name, rate in rates.items():
        print(f"{name + ':':28s} {best[name]:7.2f} s  {rate:9,.0f} sentences/s  (best of {rounds})")
    if "TABARI" in rates:
        for name in ("diplograph, analysis only", "diplograph, whole CLI"):
            print(f"{name} / TABARI: {rates[name] / rates['TABARI']:.2f}×")
    else:
        print("TABARI: not run (give --tabari BINARY --tabari-project FILE); its input is written above")
