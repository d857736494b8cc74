"""``diplograph export`` on the command line: options, summary line, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import diplograph.cli.export  # noqa: F401  (registers the command)
from diplograph.cli.app import app
from diplograph.errors import UsageError


def run(*args: str):
    return CliRunner().invoke(app, ["export", *args])


def test_filters_reach_the_writer(store_path, tmp_path):
    out = tmp_path / "eu.jsonl"
    result = run("polecat", "--db", str(store_path), "--out", str(out), "--actor", "eu", "--type", "sanction",
                 "--from", "2024", "--to", "2025-12", "--min-sources", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert events and all(e["event_type"] == "SANCTION" and e["actor"][0]["code"] == "EU" for e in events)
    assert f"wrote {len(events)} events to {out}" in " ".join(result.stderr.split())


def test_dyad_header_and_force(store_path, tmp_path):
    out = tmp_path / "gb.tsv"
    args = [
        "gdelt",
        "--db",
        str(store_path),
        "--out",
        str(out),
        "--dyad",
        "GBR",
        "RUS",
        "--header",
        "--modality",
        "any",
    ]
    assert run(*args).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("GlobalEventID\tDay\t") and len(lines) >= 3
    assert all(line.split("\t")[5:16:10] == ["GBR", "RUS"] for line in lines[1:])
    assert isinstance(run(*args).exception, UsageError)
    assert run(*args, "--force").exit_code == 0


@pytest.mark.parametrize(("fmt", "option"), [("polecat", "--header"), ("gdelt", "--with-reports")])
def test_options_of_other_formats_are_refused(store_path, tmp_path, fmt, option):
    result = run(fmt, "--db", str(store_path), "--out", str(tmp_path / "x"), option)
    assert isinstance(result.exception, UsageError) and result.exception.code == "D423"
    assert not (tmp_path / "x").exists()


def test_errors_are_one_red_line(store_path, tmp_path):
    """The installed entry point: a bad filter value gives the store's D410 message and exit code 1."""
    result = subprocess.run(
        [sys.executable, "-m", "diplograph", "export", "gexf", "--db", str(store_path),
         "--out", str(tmp_path / "n.gexf"), "--type", "invade"],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "D410" in err and "unknown event type 'invade'" in err and "Traceback" not in err
    assert not (tmp_path / "n.gexf").exists()


def test_exports_carry_version_and_runs(store_path, tmp_path):
    import pyarrow.parquet as pq

    from diplograph import __version__
    from diplograph.store import query
    from diplograph.store.runs import list_runs

    with query.open_store(store_path) as con:
        runs = list_runs(con)["run"].tolist()
    assert len(runs) == 1
    folder, file = tmp_path / "pq", tmp_path / "events.tsv"
    assert run("parquet", "--db", str(store_path), "--out", str(folder)).exit_code == 0
    assert run("gdelt", "--db", str(store_path), "--out", str(file), "--actor", "RUS").exit_code == 0
    part = next((folder / "events").rglob("*.parquet"))
    metadata = pq.read_schema(part).metadata
    assert metadata[b"diplograph.version"].decode() == __version__
    assert json.loads(metadata[b"diplograph.runs"]) == runs
    assert pq.read_table(folder / "event_history").column_names == ["old", "new", "kind", "run", "recorded"]
    inside = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    beside = json.loads((tmp_path / "events.tsv.manifest.json").read_text(encoding="utf-8"))
    assert inside["format"] == "parquet" and beside["format"] == "gdelt"
    assert beside["diplograph_version"] == __version__ and beside["filter"]["actor"] == "RUS"
    assert [f["path"] for f in beside["files"]] == ["events.tsv"] and beside["written"] > 0
    assert any(f["path"].startswith("events/month=") for f in inside["files"])
