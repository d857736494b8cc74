"""End-to-end: run the installed CLI on the demo corpus, on bad input, and on the dev corpus."""

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import SHARED_CORPUS


def run(*args, stdin: bytes | None = None):
    return subprocess.run(
        [sys.executable, "-m", "diplograph", *args], input=stdin, capture_output=True, timeout=300, check=False
    )


def test_demo_corpus_as_json():
    result = run("demo", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    docs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(docs) == 6
    by_id = {d["document"]["id"]: d for d in docs}
    treaty = by_id["en-treaty-moscow"]
    assert {"RUS", "IRN", "PRK", "UKR", "WEST"} <= {a["entity"]["code"] for a in treaty["actors"]}
    assert {"Reuters"} == {o["name"] for o in treaty["outlets"]}
    times = {t["text"]: t["value"] for t in treaty["times"]}
    assert times["on Friday"] == "2025-01-17"
    assert times["three days before Trump's inauguration"] == "2025-01-17"
    berlin = by_id["de-gipfel-berlin"]
    assert berlin["document"]["lang"] == "de"
    assert {"DEU", "FRA", "UKR", "RUS"} <= {a["entity"]["code"] for a in berlin["actors"]}
    for doc in docs:
        assert set(doc) >= {"document", "actors", "times", "events"}


def test_demo_corpus_as_table():
    result = run("demo")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "en-expulsion-london" in out
    # The result comes first: each document's events, before its actors and times.
    berlin = out[out.index("de-gipfel-berlin") :]
    assert berlin.index("events (") < berlin.index("actors")
    assert "CONSULT" in berlin and "DEU → FRA" in berlin and "actual" in berlin
    assert "according to dpa (outlet)" in berlin
    assert "Bundeskanzler Olaf Scholz hat am Montag" in berlin  # the evidence sentence


def test_analyze_pretty_puts_events_first(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Die EU hat am Montag neue Sanktionen gegen Iran verhängt, teilte Brüssel mit.")
    result = run("analyze", str(article), "--format", "pretty", "--published", "2025-01-15")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert list(record)[:3] == ["schema", "document", "events"]
    assert record["events"][0]["type"] == "SANCTION"


def test_stdin_with_published_date():
    result = run(
        "analyze",
        "-",
        "--published",
        "2025-01-13",
        stdin=b"Putin und Pezeshkian treffen sich diesen Freitag in Moskau.",
    )
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert doc["document"]["published"] == "2025-01-13"
    assert doc["times"][0]["value"] == "2025-01-17"


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Die EU hat am Montag neue Sanktionen gegen Iran verhängt, teilte Brüssel mit.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "french.txt").write_text("La Russie et l'Iran ont signé un traité de partenariat dans la capitale.")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    result = run("analyze", str(tmp_path))
    assert result.returncode == 1
    assert len(result.stdout.decode().splitlines()) == 1
    err = result.stderr.decode()
    assert "D101" in err and "D102" in err and "D106" in err
    assert "Traceback" not in err


def test_bad_option_is_one_clear_line():
    result = run("analyze", "-", "--lang", "fr", stdin=b"x")
    assert result.returncode == 1
    assert "D404" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_kb_check():
    result = run("kb", "check")
    assert result.returncode == 0, result.stderr.decode()
    assert "ok" in result.stdout.decode()


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared dev corpus not present")
def test_founding_example():
    result = run("analyze", str(SHARED_CORPUS / "de-putin-pezeshkian-2025-01.txt"))
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    by_text = {}
    for a in doc["actors"]:
        by_text.setdefault(a["text"], set()).add(a["entity"]["code"])
    assert by_text["Putin"] == {"RUS"}
    assert by_text["iranische Präsident"] == {"IRN"}
    assert by_text["iranischen Amtskollegen"] == {"IRN"}
    assert by_text["Moskau"] == {"RUS"} and by_text["Teheran"] == {"IRN"}
    assert by_text["Nordkorea"] == {"PRK"} and by_text["Israel"] == {"ISR"}
    assert by_text["Donald Trump"] == {"USA"} and by_text["Westen"] == {"WEST"}
    assert by_text["ukrainische"] == {"UKR"}
    pezeshkian = next(a for a in doc["actors"] if a["text"] == "iranische Präsident")["entity"]
    assert "Pezeshkian" in pezeshkian["name"]
    assert {o["name"] for o in doc["outlets"]} == {"Krone", "Newsday"}
    assert not any(a["text"] in ("Krone", "Newsday") for a in doc["actors"])
    times = {t["text"]: t["value"] for t in doc["times"]}
    assert times["diesen Freitag"] == "2025-01-17"
    assert times["im vergangenen Jahr"] == "2024"
    assert times["13. Januar 2025"] == "2025-01-13"
    assert times["drei Tage vor der Amtseinführung von US-Präsident Donald Trump"] == "2025-01-17"


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="shared dev corpus not present")
def test_eval_finds_every_gold_actor():
    result = run("eval", str(SHARED_CORPUS))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    summaries = [line for line in out.splitlines() if line.startswith(("de: events", "en: events"))]
    assert len(summaries) == 2
    groups = [line.split(":")[0] for line in out.splitlines() if line.startswith("dev ") and ": events" in line]
    assert groups == ["dev de tune", "dev de held-out", "dev en tune", "dev en held-out"]
    for line in summaries:
        recall = re.search(r"actor recall (\d+)/(\d+)", line)
        assert recall and recall.group(1) == recall.group(2), line
        assert re.search(r"F1 (0|1)\.\d\d", line)


def test_demo_into_a_store(tmp_path):
    db = tmp_path / "demo.duckdb"
    result = run("demo", "--format", "json", "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    assert "diplograph serve --db" in result.stderr.decode()
    events = run("sql", "SELECT count(*) AS n FROM events", "--db", str(db), "--format", "json")
    assert json.loads(events.stdout.decode())["n"] > 5
