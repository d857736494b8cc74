"""JSON Lines output: orjson writes exactly what the standard library writes, on real documents."""

from __future__ import annotations

import json

import pytest

from diplograph.ingest.parts import plan_parts
from diplograph.model import Article
from diplograph.pipeline import analyze, analyze_parts
from diplograph.serialize import document_json, json_line
from tests.conftest import SHARED_CORPUS


def stdlib_line(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared news corpus is not on this machine")
def test_orjson_bytes_equal_the_standard_library_on_news(options):
    parts = plan_parts([str(SHARED_CORPUS)], settings=options.settings)
    docs = [doc for doc in analyze_parts(parts, options=options) if hasattr(doc, "events")]
    assert len(docs) >= 10 and sum(len(doc.events) for doc in docs) > 20  # a real test: events, umlauts, floats
    for doc in docs:
        record = document_json(doc)
        line = json_line(record)
        assert line == stdlib_line(record), doc.article.id
        assert json.loads(line) == json.loads(json.dumps(record, ensure_ascii=False))  # what was written before


def test_written_text_and_numbers_keep_their_form(options):
    text = "Die Außenminister Russlands und Irans trafen sich am 13. Januar 2025 in Moskau – „ein Erfolg“."
    doc = analyze(Article(id="umlaut\tid", text=text, lang="de", published="2025-01-14"), options=options)
    record = document_json(doc)
    # Our floats are confidences in hundredths and Goldstein scores in [-10, 10]: in that range
    # both write the shortest form; only exponents (1e-07 vs 1e-7) would differ.
    record["document"]["warnings"] = ["control \x01 and \u2028 line separator", 0.01, -10.0, 7.4, 0.1, -0.0, 2**40]
    assert json_line(record) == stdlib_line(record)
    assert json.loads(json_line({"tiny": 1e-7})) == {"tiny": 1e-7}


def test_a_lone_surrogate_falls_back_instead_of_failing():
    record = {"text": "broken \ud800 string", "n": 1}
    line = json_line(record)
    assert line.endswith(b"\n") and b"broken" in line
    assert json.loads(line.decode("utf-8"))["n"] == 1
