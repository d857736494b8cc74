"""Property test of the whole ingest (issue 17): whatever mix of good and hostile documents comes in
(deep JSON, lone surrogates, dates at the calendar's ends, file names that are not UTF-8, random
bytes), nothing raises, every good document is stored and every bad one is listed."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import closing
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.ingest import read_inputs
from diplograph.ingest.decode import shown_path
from diplograph.pipeline import analyze_all
from diplograph.store.events import rebuild_events
from diplograph.store.writer import connect, ingest

PLACES = ("Moskau", "Peking", "Teheran", "Ankara", "Kairo", "Paris", "Berlin")
EDGE_DATES = ("9999-12-31", "9999-12-25", "9999-12", "9999", "0001-01-01", "0001-01-07", "0001-01", "0001")
RELATIVE = ("in der kommenden Woche", "morgen", "gestern", "im nächsten Jahr", "vor drei Tagen", "nächsten Monat",
            "in der vergangenen Woche", "am kommenden Freitag", "letztes Jahr")  # fmt: skip

ITEM = st.one_of(
    st.tuples(st.just("good-file"), st.none()),
    st.tuples(st.just("good-line"), st.none()),
    st.tuples(st.just("deep"), st.integers(1_000, 20_000)),
    st.tuples(st.just("surrogate"), st.integers(0xD800, 0xDFFF)),
    st.tuples(st.just("edge-date"), st.tuples(st.sampled_from(EDGE_DATES), st.sampled_from(RELATIVE))),
    st.tuples(st.just("odd-name"), st.binary(min_size=1, max_size=6).map(lambda b: bytes(c | 0x80 for c in b))),
    st.tuples(st.just("random-bytes"), st.binary(max_size=300)),
    st.tuples(st.just("random-line"), st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" "))),
)


def text(n: int) -> str:
    return f"Am {n % 28 + 1}. März 2025 trafen sich die Außenminister Russlands und Chinas in {PLACES[n % 7]} ({n})."


def write(folder: Path, items: list[tuple[str, object]]) -> tuple[set[str], set[str], set[str]]:
    """The items as files and JSON Lines records: ids that must be stored, origins that must be
    rejected, and origins that may go either way (random bytes) but must go one."""
    good, bad, either = set(), set(), set()
    lines: list[bytes] = []
    corpus = folder / "corpus.jsonl"
    for n, (kind, value) in enumerate(items):
        where = f"{corpus}:{len(lines) + 1}"
        if kind == "good-file":
            (folder / f"f{n}.txt").write_text(text(n), encoding="utf-8")
            good.add(f"f{n}")
        elif kind == "good-line":
            lines.append(json.dumps({"id": f"l{n}", "text": text(n), "lang": "de"}).encode())
            good.add(f"l{n}")
        elif kind == "deep":
            assert isinstance(value, int)
            lines.append(b'{"text": "x", "deep": ' + b"[" * value + b"]" * value + b"}")
            bad.add(where)
        elif kind == "surrogate":
            lines.append(f'{{"text": "{text(n)} \\u{value:04x} Ende."}}'.encode())
            bad.add(where)
        elif kind == "edge-date":
            published, relative = value  # type: ignore[misc]
            record = {"id": f"e{n}", "text": f"Russland und Iran unterzeichnen {relative} einen Vertrag ({n}).",
                      "lang": "de", "published": published}  # fmt: skip
            lines.append(json.dumps(record).encode())
            good.add(f"e{n}")
        elif kind == "odd-name":
            assert isinstance(value, bytes)
            name = b"odd%d-" % n + value + b".txt"
            (folder / os.fsdecode(name)).write_text(text(n), encoding="utf-8")
            good.add(shown_path(os.fsdecode(name)).split(".")[0])
        elif kind == "random-bytes":
            assert isinstance(value, bytes)
            (folder / f"r{n}.txt").write_bytes(value)
            either.add(str(folder / f"r{n}.txt"))
        else:
            assert isinstance(value, bytes)
            if value.strip():
                lines.append(value)
                either.add(where)
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    return good, bad, either


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(ITEM, min_size=1, max_size=8))
def test_ingest_stores_every_good_document_and_lists_every_bad_one(options, items):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        good, bad, either = write(folder, items)
        with closing(connect(Path(tmp, "store.duckdb"))) as con:
            result = ingest(con, analyze_all(read_inputs([str(folder)], settings=options.settings), options=options))
            rebuild_events(con)
            stored = {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}
            origins = {row[0] for row in con.execute("SELECT origin FROM documents").fetchall()}
            listed = {row[0] for row in con.execute("SELECT origin FROM rejections").fetchall()}
    assert {r.origin for r in result.rejected} == listed
    assert good <= stored, f"good documents lost: {good - stored}"
    assert bad <= listed, f"bad documents not listed: {bad - listed}"
    for origin in either:
        assert origin in listed or origin in origins, f"{origin} neither stored nor listed"
    assert all(r.code.startswith("D1") and r.reason for r in result.rejected)
