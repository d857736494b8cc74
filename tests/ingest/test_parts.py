"""Input parts: read one by one (by workers), they give exactly what reading the input whole gives."""

import io
import json
import sys
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from diplograph import errors
from diplograph.errors import UsageError
from diplograph.ingest import read_inputs
from diplograph.ingest.parts import plan_parts, read_part
from diplograph.model import Rejection
from diplograph.settings import load_settings

LIMIT = 400  # bytes per record, so that a "giant" record fits in a test


@pytest.fixture(scope="module")
def small_limit():
    return replace(load_settings(), max_bytes=LIMIT)


def record(n: int) -> bytes:
    text = f"Am {n % 28 + 1}. Januar trafen sich die Außenminister Russlands und Chinas in Peking."
    return json.dumps({"id": f"r{n}", "text": text, "lang": "de"}, ensure_ascii=False).encode("utf-8")


LINES = {
    "record": st.integers(0, 10_000).map(record),
    "blank": st.just(b"   "),
    "malformed": st.just(b'{"text": "cut off'),
    "giant": st.just(json.dumps({"text": "x" * (LIMIT * 3)}).encode()),
    "latin-1": st.just('{"text": "Die T\u00fcrkei verhandelt mit \u00d6sterreich."}'.encode("latin-1")),
}


def read_by_parts(paths, settings, size):
    parts = plan_parts(paths, settings=settings, size=size)
    return [item for part in parts for item in read_part(part, settings=settings)]


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.one_of(*LINES.values()), max_size=40),
    final_newline=st.booleans(),
    size=st.integers(1, 12),
)
def test_parts_of_a_jsonl_file_read_as_the_whole_file(tmp_path_factory, small_limit, lines, final_newline, size):
    path = tmp_path_factory.mktemp("jsonl") / "corpus.jsonl"
    path.write_bytes(b"\n".join(lines) + (b"\n" if final_newline and lines else b""))
    parts = plan_parts([str(path)], settings=small_limit, size=size)
    assert all(part.size <= size for part in parts)
    assert sum(part.size for part in parts) == max(len(lines), 1)  # the progress bar's total: every line, once
    assert read_by_parts([str(path)], small_limit, size) == list(read_inputs([str(path)], settings=small_limit))


def test_a_folder_of_files_and_corpora_keeps_its_order(tmp_path, small_limit):
    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text(record(n).decode(), encoding="utf-8")
    (tmp_path / "b.jsonl").write_bytes(b"\n".join(record(n) for n in range(10, 17)) + b"\n")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    (tmp_path / "d.ndjson").write_bytes(record(30) + b"\n\n" + b"[1, 2]")
    expected = list(read_inputs([str(tmp_path)], settings=small_limit))
    assert len(expected) == 5 + 7 + 1 + 2
    for size in (1, 2, 3, 50):
        assert read_by_parts([str(tmp_path)], small_limit, size) == expected
    rejected = {r.origin.rsplit("/", 1)[-1]: r.code for r in expected if isinstance(r, Rejection)}
    assert rejected == {"c.txt": errors.BINARY, "d.ndjson:3": errors.MALFORMED_JSON}


def test_files_are_grouped_and_corpora_cut_into_runs(tmp_path, small_limit):
    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_bytes(b"\n".join(record(n) for n in range(7)) + b"\n")
    parts = plan_parts([str(tmp_path)], settings=small_limit, size=3)
    assert [len(p.files) for p in parts if p.files] == [3, 2]
    assert [(p.first_line, p.line_count) for p in parts if p.jsonl] == [(1, 3), (4, 3), (7, None)]
    assert sum(part.size for part in parts) == 5 + 7


def test_standard_input_is_one_part(monkeypatch, small_limit):
    data = record(1) + b"\n" + record(2) + b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [part] = plan_parts(["-"], settings=small_limit, size=1)
    assert [a.id for a in read_part(part, settings=small_limit)] == ["r1", "r2"]


def test_a_missing_input_fails_before_any_work(tmp_path, small_limit):
    with pytest.raises(UsageError) as raised:
        plan_parts([str(tmp_path / "nowhere")], settings=small_limit)
    assert raised.value.code == "D403"
