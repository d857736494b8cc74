"""Event ids stay traceable: every id a store gave either survives or has a history row to its
successor, and the same articles in any order give the same events (ids included)."""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from diplograph.ingest import read_inputs
from diplograph.pipeline import analyze_all
from diplograph.store import query
from diplograph.store.events import merge_events
from diplograph.store.history import Change, changes, supersedes
from diplograph.store.runs import list_runs, recorded_run
from diplograph.store.writer import connect, content_key, ingest
from tests.conftest import write_articles

# One signing told three times, the later outlets dating it a day later; and one other event.
ARTICLES = {
    "a-signing": ("en", "Reuters", "2025-01-17", "Russia and Iran signed a strategic partnership treaty on Friday."),
    "b-signing": ("en", "AFP", "2025-01-18", "Russia and Iran signed a partnership treaty on Saturday."),
    "c-signing": ("de", "dpa", "2025-01-18",
                  "Russland und der Iran haben am Samstag einen Partnerschaftsvertrag unterzeichnet."),
    "d-sanctions": ("en", "BBC", "2025-02-03", "The European Union imposed new sanctions on Iran on Monday."),
}  # fmt: skip


def test_changes_of_one_id():
    assert changes("E1", ["E1"], survives=True, old_date="2025-01-17", new_date="2025-01-17") == []
    assert changes("E1", ["E1"], survives=True, old_date="2025-01-17", new_date="2025-01-18") == [
        Change("E1", "E1", "redated")
    ]
    assert changes("E1", ["E0"], survives=False, old_date=None, new_date=None) == [Change("E1", "E0", "merged")]
    assert changes("E1", ["E2", "E0"], survives=False, old_date=None, new_date=None) == [
        Change("E1", "E0", "split"), Change("E1", "E2", "split")
    ]  # fmt: skip
    assert changes("E1", ["E1", "E2"], survives=True, old_date="2025", new_date="2025") == [Change("E1", "E2", "split")]
    assert changes("E1", [], survives=False, old_date=None, new_date=None) == [Change("E1", None, "dropped")]


def test_supersedes_follows_chains():
    rows = [("E3", "E2"), ("E2", "E1"), ("E5", "E1"), ("E5", "E4"), ("E4", "E4"), ("E9", None)]
    assert supersedes(rows, {"E1", "E4"}) == {"E1": ["E2", "E3", "E5"], "E4": ["E5"]}


def _ordered(folder: Path, names: list[str]) -> list[Path]:
    return [folder / f"{name}.txt" for name in names]


def _ingest_steps(db: Path, steps: list[list[Path]], options) -> list[set[str]]:
    """Ingest each step as a run; the event ids after each."""
    seen = []
    with closing(connect(db)) as con:
        for paths in steps:
            with recorded_run(con, route="cli", inputs=[str(p) for p in paths], options=options) as run:
                run.result = ingest(con, analyze_all(read_inputs([str(p) for p in paths], settings=options.settings),
                                                     options=options))  # fmt: skip
                run.merged = merge_events(con, run=run.run)
            seen.append({e for (e,) in con.execute("SELECT event FROM events").fetchall()})
    return seen


def _events(db: Path) -> list[tuple]:
    with closing(connect(db, read_only=True)) as con:
        return con.execute(
            "SELECT e.event, e.type, e.date, e.source, e.target, list(r.report ORDER BY r.report) "
            "FROM events e JOIN event_reports r USING (event) GROUP BY ALL ORDER BY e.event"
        ).fetchall()


def test_ids_survive_or_lead_on_and_order_does_not_matter(tmp_path, options):
    folder = write_articles(tmp_path / "articles", ARTICLES)
    signing = [n for n in ARTICLES if "signing" in n]
    # Each later article's report sorts first, so each ingest gives the signing a new id.
    later_first = sorted(signing, key=lambda n: content_key((folder / f"{n}.txt").read_text()), reverse=True)
    steps = [_ordered(folder, [later_first[0], "d-sanctions"]), _ordered(folder, [later_first[1]]),
             _ordered(folder, [later_first[2]])]  # fmt: skip
    db = tmp_path / "abc.duckdb"
    seen = _ingest_steps(db, steps, options)
    with closing(connect(db, read_only=True)) as con:
        history = con.execute("SELECT old, new, kind, run FROM event_history ORDER BY recorded, old").fetchall()
        runs = list_runs(con)
    current = seen[-1]
    leads = supersedes([(old, new) for old, new, _kind, _run in history], current)
    reached = {old for olds in leads.values() for old in olds}
    for ids in seen:
        for event in ids:
            assert event in current or event in reached, (event, history)
    assert len(history) >= 2 and {kind for _o, _n, kind, _r in history} <= {"merged", "redated"}
    assert {run for *_rest, run in history} <= set(runs["run"])
    assert runs["status"].tolist() == ["done"] * 3
    assert runs["added"].tolist() == [2, 1, 1] and runs["events_changed"].iloc[1:].min() >= 1

    # The same articles in the other order, in one go and one by one: the same events, ids and all.
    reverse = tmp_path / "cba.duckdb"
    _ingest_steps(reverse, list(reversed(steps)), options)
    once = tmp_path / "once.duckdb"
    _ingest_steps(once, [[p for step in steps for p in step]], options)
    assert _events(reverse) == _events(db) == _events(once)


def test_cli_records_runs_and_lists_superseded_ids(tmp_path):
    folder = write_articles(tmp_path / "articles", ARTICLES)
    db = tmp_path / "s.duckdb"
    signing = sorted((folder / f"{n}.txt" for n in ARTICLES if "signing" in n),
                     key=lambda p: content_key(p.read_text()), reverse=True)  # fmt: skip
    for path in signing:
        done = subprocess.run([sys.executable, "-m", "diplograph", "ingest", str(path), "--db", str(db)],
                              capture_output=True, timeout=300, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr.decode()
    listed = subprocess.run([sys.executable, "-m", "diplograph", "runs", "--db", str(db), "--format", "json"],
                            capture_output=True, timeout=300, check=True)  # fmt: skip
    runs = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    assert [r["status"] for r in runs] == ["done"] * 3 and [r["added"] for r in runs] == [1, 1, 1]
    assert all(r["version"] and len(r["settings"]) == 16 and len(r["kb"]) == 16 for r in runs)
    assert runs[0]["inputs"] == [str(signing[0])]
    shown = subprocess.run([sys.executable, "-m", "diplograph", "events", "--db", str(db), "--include-superseded",
                            "--format", "json"], capture_output=True, timeout=300, check=True)  # fmt: skip
    [event] = [json.loads(line) for line in shown.stdout.decode().splitlines()]
    with closing(query.open_store(db)) as con:
        history = con.execute("SELECT old FROM event_history WHERE kind = 'merged'").fetchall()
    assert sorted(event["supersedes"]) == sorted({old for (old,) in history}) and len(event["supersedes"]) == 2


def test_a_run_that_raises_is_recorded_as_failed(tmp_path, options):
    with closing(connect(tmp_path / "s.duckdb")) as con:
        try:
            with recorded_run(con, route="cli", inputs=["x"], options=options):
                raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        runs = list_runs(con)
    assert runs[["status", "route", "added"]].values.tolist() == [["failed", "cli", 0]]
    assert runs["ended"].notna().all() and len(runs["kb"].iloc[0]) == 16
