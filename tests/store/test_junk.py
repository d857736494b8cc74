"""A batch with junk in it (scaled down from the 10,000-document benchmark): it finishes,
every rejected file is listed with its reason, every good document is stored."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from diplograph.store.writer import connect

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus_generator.py"


def generator():
    spec = importlib.util.spec_from_file_location("corpus_generator", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_generator"] = module
    spec.loader.exec_module(module)
    return module


def test_junk_batch(tmp_path):
    gen = generator()
    corpus = tmp_path / "corpus"
    gen.generate_corpus(gen.Settings(out=corpus, docs=240, seed=11, fmt="txt", junk=0.08, huge_mb=1.5))
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    config = tmp_path / "small.toml"
    config.write_text("[ingest]\nmax_bytes = 1_000_000\n", encoding="utf-8")
    db = tmp_path / "junk.duckdb"
    command = [sys.executable, "-m", "diplograph", "ingest", str(corpus), "--db", str(db), "--config", str(config),
               "--workers", "2"]  # fmt: skip
    run = subprocess.run(command, capture_output=True, timeout=600, check=False)
    assert run.returncode == 1, run.stderr.decode()  # finished, and says some input was skipped
    with closing(connect(db, read_only=True)) as con:
        stored = {Path(o).name for (o,) in con.execute("SELECT origin FROM documents").fetchall()}
        rejected = {Path(o).name: code for o, code in con.execute("SELECT origin, code FROM rejections").fetchall()}
    files = {p.name for p in corpus.glob("*.txt")}
    assert stored | set(rejected) == files  # nothing silently lost
    assert not stored & set(rejected)
    junk = {j["file"]: j["kind"] for j in manifest["junk"]}
    assert files - set(junk) <= stored  # every good document is stored
    expected = {"binary": "D102", "empty": "D101", "huge": "D104", "foreign": "D106"}
    for name, kind in junk.items():
        if kind in expected:
            assert rejected.get(name) == expected[kind], (name, kind)
        elif kind == "latin1":
            assert name in stored  # decoded with a warning, not lost
    assert set(junk.values()) >= set(expected)
    for name in rejected:
        assert name in run.stderr.decode()
