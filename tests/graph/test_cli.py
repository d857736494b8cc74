"""``diplograph blocs`` end to end: the installed CLI on the synthetic store and on tiny stores."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from typer.testing import CliRunner

from diplograph.cli.app import app, register
from tests.graph.conftest import Ev


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "diplograph", "blocs", *args], capture_output=True, timeout=120, check=False, text=True
    )


def invoke(*args: str):
    """In-process, for speed; the subprocess runs cover the installed entry point and its error handling."""
    register()
    return CliRunner().invoke(app, ["blocs", *args])


def test_table_with_comparison(synthetic_store):
    result = invoke("--db", str(synthetic_store), "--from", "2023-01", "--to", "2024-06",
                    "--compare-from", "2024-07", "--compare-to", "2025-12")  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "blocs from 2023-01 to 2024-06" in out and "blocs from 2024-07 to 2025-12" in out
    assert "between blocs" in out and "frustration" in out and "balance change" in out
    assert "USA" in out and "RUS" in out
    # Bloc numbers are per window: each bloc is named by its members, so no change reads "2 → 2".
    moves = out[out.index("actors that moved") :] if "actors that moved" in out else ""
    for line in moves.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) > 4 and cells[2] == "moved":
            assert "(" in cells[3] and "(" in cells[4] and cells[3] != cells[4]
    matches = out[out.index("jaccard") :]
    assert re.search(r"│ \d+ \([A-Z]+", matches)  # "1 (USA, GBR, DEU +4)"


def test_json_with_comparison(synthetic_store):
    result = run("--db", str(synthetic_store), "--from", "2023-01", "--to", "2024-06",
                 "--compare-from", "2024-07", "--compare-to", "2025-12", "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"before", "after", "matches", "changes", "balance_change", "frustration_change"}
    for window in (data["before"], data["after"]):
        of = {m["code"]: m["bloc"] for m in window["members"]}
        assert of["USA"] != of["RUS"] and of["RUS"] == of["CHN"]
        assert window["blocs"][0]["id"] == 1 and window["method"]["seed"] == 42
    assert data["before"]["since"] == "2023-01" and data["after"]["until"] == "2025-12"


def test_empty_window_says_no_events(synthetic_store):
    result = invoke("--db", str(synthetic_store), "--from", "2030", "--compare-from", "2024", "--compare-to", "2024")
    assert result.exit_code == 0, result.output
    assert "no events from 2030" in result.stdout and "blocs from 2024 to 2024" in result.stdout


def test_invalid_date_is_one_red_line(synthetic_store):
    result = run("--db", str(synthetic_store), "--from", "2024-13")
    assert result.returncode == 1
    assert "D410" in result.stderr and "2024-13" in result.stderr and "Traceback" not in result.stderr


def test_json_of_an_empty_window(tiny_store):
    db = tiny_store([Ev(("RUS",), ("UKR",), -8.0, 4, date="2024-03-01")])
    result = invoke("--db", str(db), "--from", "2025", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["window_events"] == 0 and data["blocs"] == [] and data["balance"] is None


def test_single_actor_and_thin_windows_say_why_there_are_no_blocs(tiny_store):
    db = tiny_store([Ev(("RUS",), (), -4.0, 3), Ev(("RUS",), ("UKR",), -8.0, 4)])
    result = invoke("--db", str(db))
    assert result.exit_code == 0, result.output
    assert "no blocs in the store: 2 events" in result.stdout
    result = invoke("--db", str(db), "--min-events", "1")
    assert result.exit_code == 0, result.output
    assert "RUS" in result.stdout and "UKR" in result.stdout


def test_only_cooperation(tiny_store):
    events = [Ev((a,), (b,), 5.0, 2) for a, b in [("FRA", "DEU"), ("DEU", "FRA"), ("FRA", "ITA"), ("ITA", "FRA")]]
    result = invoke("--db", str(tiny_store(events)), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [sorted(b["actors"]) for b in data["blocs"]] == [["DEU", "FRA", "ITA"]]
    assert data["relations"] == [] and data["frustration"] == 0.0 and data["blocs"][0]["conflict"] == 0.0
