"""``diplograph events``, ``dyad``, ``ingest`` as a new user meets them: limits said out loud, lists
that CSV readers keep whole, undated events handled as the user chose, no empty store left behind."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import DEMO, build_store


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph", *args], capture_output=True, text=True, timeout=300,
                          check=False, env=env)  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory, options) -> Path:
    return build_store(tmp_path_factory.mktemp("store") / "demo.duckdb", [DEMO], options)


def count(store: Path, undated: str = "include") -> int:
    return len(pd.read_csv(io.StringIO(run("events", "--db", str(store), "--all", "-f", "csv",
                                           "--undated", undated).stdout)))  # fmt: skip


def test_events_says_how_many_it_left_out(store):
    total = count(store)
    assert total > 3
    table = run("events", "--db", str(store), "--limit", "3")
    assert table.returncode == 0, table.stderr
    assert f"showing 3 of {total}; use --limit N or --all for more" in " ".join(table.stdout.split())
    for output in ("csv", "json"):  # machine formats: the note on stderr, stdout stays clean
        result = run("events", "--db", str(store), "--limit", "3", "-f", output)
        assert f"showing 3 of {total}" in result.stderr
        assert "showing" not in result.stdout
    everything = run("events", "--db", str(store), "--all", "-f", "json")
    assert len(everything.stdout.splitlines()) == total and "showing" not in everything.stderr


def test_csv_lists_are_pipe_joined_and_read_back_whole(store):
    result = run("events", "--db", str(store), "--all", "-f", "csv")
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert not frame["source"].astype(str).str.contains(r"[\[\]']").any()  # no "['IRN' 'RUS']"
    joint = frame[frame["source"].astype(str).str.contains("|", regex=False)]
    assert len(joint) and all(code.isupper() for cell in joint["source"] for code in cell.split("|"))


def test_undated_events_are_a_stated_choice(store):
    kept, dated = count(store, "include"), count(store, "exclude")
    assert dated < kept == count(store, "publication")  # 'publication' keeps them all, with a date
    default = run("events", "--db", str(store), "--all", "-f", "csv")
    frame = pd.read_csv(io.StringIO(default.stdout))
    fallback = frame[frame["date_precision"] == "publication"]
    assert len(fallback) == kept - dated and (fallback["date"] == fallback["first_report"]).all()
    assert f"undated events ({kept - dated}) dated by their first report's publication" in default.stderr
    assert "(--undated publication, the default)" in default.stderr
    table = " ".join(run("events", "--db", str(store), "--undated", "exclude").stdout.split())
    assert f"undated events ({kept - dated}) left out (--undated exclude)" in table
    bad = run("events", "--db", str(store), "--undated", "publish")
    assert bad.returncode == 1 and "did you mean 'publication'" in bad.stderr


def test_a_window_keeps_undated_events_as_chosen(store):
    frame = pd.read_csv(io.StringIO(run("events", "--db", str(store), "--all", "-f", "csv", "--undated",
                                        "include").stdout))  # fmt: skip
    undated = frame[frame["date"].isna()]
    assert len(undated)
    month = str(undated.iloc[0]["first_report"])[:7]

    def window(rule: str) -> set[str]:
        out = run("events", "--db", str(store), "--all", "-f", "json", "--from", month, "--to", month,
                  "--undated", rule).stdout  # fmt: skip
        return {json.loads(line)["event"] for line in out.splitlines()}

    assert undated.iloc[0]["event"] in window("publication")  # dated by its report: in its month
    assert set(undated["event"]) <= window("include")  # kept in every window
    assert not set(undated["event"]) & window("exclude")


def test_dyad_states_its_undated_rule(store):
    result = run("dyad", "RUS", "IRN", "--db", str(store), "-f", "csv")
    assert result.returncode == 0 and "(--undated publication, the default)" in result.stderr


def test_a_failed_first_ingest_leaves_no_store(tmp_path):
    missing = run("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "a.duckdb"))
    assert missing.returncode == 1 and "[D403]" in missing.stderr
    assert not (tmp_path / "a.duckdb").exists()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "cut off\n', encoding="utf-8")
    rejected = run("ingest", str(bad), "--db", str(tmp_path / "b.duckdb"))
    assert rejected.returncode == 1 and "no store written" in rejected.stderr
    assert not list(tmp_path.glob("b.duckdb*"))


def test_ingest_progress_shows_time_left(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    line = {
        "text": "Die EU hat am Montag neue Sanktionen gegen Iran verhängt.",
        "lang": "de",
        "published": "2025-01-15",
    }
    corpus.write_text("\n".join(json.dumps({**line, "id": f"a{n}", "text": f"{line['text']} ({n})"})
                                for n in range(30)), encoding="utf-8")  # fmt: skip
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "200", "TTY_INTERACTIVE": "1"}
    result = run("ingest", str(corpus), "--db", str(tmp_path / "c.duckdb"), env=env)
    assert result.returncode == 0, result.stderr
    assert "eta" in result.stderr and "30/30" in result.stderr
