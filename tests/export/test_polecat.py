"""POLECAT/PLOVER-style JSON Lines, read back with ``json``; evidence offsets checked against the articles."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from diplograph.export import write_polecat
from diplograph.store.query import EventFilter
from tests.export.conftest import TREATY_URL


@pytest.fixture(scope="module")
def polecat(con, tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("polecat") / "events.jsonl"
    written = write_polecat(con, EventFilter(), out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == written
    return {event["event_id"]: event for event in map(json.loads, lines)}


def test_one_object_per_event_with_store_values(polecat, store_events):
    assert set(polecat) == set(store_events.index)
    for event_id, event in polecat.items():
        stored = store_events.loc[event_id]
        assert event["event_type"] == stored["type"]
        assert event["quad_code"] == stored["quad_class"]
        assert [a["code"] for a in event["actor"]] == list(stored["source"])
        assert [r["code"] for r in event["recipient"]] == list(stored["target"])
        extra = event["diplograph"]
        assert (extra["cameo"], extra["goldstein"], extra["modality"]) == (stored["cameo"], stored["goldstein"],
                                                                           stored["modality"])  # fmt: skip
        assert (extra["mentions"], extra["outlets"], extra["disputed"]) == (stored["mentions"], stored["outlets"],
                                                                            stored["disputed"])  # fmt: skip
        assert event["version"].startswith("diplograph ")
        assert "contexts" not in event


def test_treaty_as_plover_event(polecat, treaty):
    event = polecat[treaty]
    assert event["event_date"] == "2025-01-17" and event["placename"] == "Moscow"
    assert {a["code"] for a in event["actor"]} == {"IRN", "RUS"} and event["recipient"] == []
    russia = next(a for a in event["actor"] if a["code"] == "RUS")
    assert (russia["name"], russia["country"], russia["wikidata"], russia["kind"]) == ("Russia", "RUS", "Q159",
                                                                                       "state")  # fmt: skip
    assert {"Russia", "Russland"} <= set(russia["name_raw"])
    assert (event["source"], event["story_id"], event["url"]) == ("Reuters", "treaty-de", TREATY_URL)
    assert event["publication_date"] == "2025-01-17" and event["language"] == "de"
    assert event["event_text"].startswith("Russland und Iran unterzeichneten")
    extra = event["diplograph"]
    assert extra["joint"] is True and extra["documents"] == 3
    assert {span["outlet"] for span in extra["evidence"]} == {"Reuters", "Associated Press", "diplograph demo"}


def test_evidence_offsets_point_into_the_articles(polecat, con):
    texts = dict(con.execute("SELECT doc, text FROM documents").fetchall())
    spans = [span for event in polecat.values() for span in event["diplograph"]["evidence"]]
    assert spans
    for span in spans:
        assert texts[span["doc"]][span["start"] : span["end"]] == span["text"]


def test_people_and_titles_of_actors(polecat):
    entities = [a for e in polecat.values() for a in e["actor"] + e["recipient"]]
    people = {(p["name"], a["code"]) for a in entities for p in a["people"]}
    titles = {t for a in entities for t in a["title"]}
    assert ("Olaf Scholz", "DEU") in people
    assert "chancellor" in titles


def test_filter_and_empty_store(con, empty_con, tmp_path):
    out = tmp_path / "ukr.jsonl"
    written = write_polecat(con, EventFilter(dyad=("RUS", "UKR")), out)
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) == written >= 1
    assert all({"RUS"} <= {a["code"] for a in e["actor"]} for e in events)
    empty = tmp_path / "empty.jsonl"
    assert write_polecat(empty_con, EventFilter(), empty) == 0
    assert empty.read_text() == ""


def test_one_mode_and_iso_dates_with_their_precision(polecat, store_events):
    for event_id, event in polecat.items():
        assert event["event_mode"] is None or isinstance(event["event_mode"], str)
        stored = store_events.loc[event_id]["date"]
        raw = stored if isinstance(stored, str) else None
        assert event["diplograph"]["date"] == raw
        assert event["event_date"] is None or date.fromisoformat(event["event_date"])  # ISO, never 2025-W04
        expected = {None: "publication", 10: "day", 7: "month", 4: "year"}
        precision = "week" if raw and "-W" in raw else expected[len(raw) if raw else None]
        assert event["event_date_precision"] == precision
    week = next(e for e in polecat.values() if e["diplograph"]["date"] == "2025-W04")
    assert (week["event_date"], week["event_date_precision"]) == ("2025-01-20", "week")  # its Monday
    assert any(e["event_mode"] for e in polecat.values())


def test_pandas_reads_it_with_default_dtypes(con, tmp_path, polecat):
    out = tmp_path / "events.jsonl"
    write_polecat(con, EventFilter(), out)
    frame = pd.read_json(out, lines=True, dtype=False)
    assert len(frame) == len(polecat)
    assert frame["event_mode"].dropna().map(lambda m: isinstance(m, str)).all()  # one mode, not a list
    assert set(frame["event_date_precision"].dropna()) <= {"day", "week", "month", "year", "publication"}
    assert pd.to_datetime(frame["event_date"], format="ISO8601").notna().all()


def test_location_block(polecat, treaty):
    event = polecat[treaty]
    assert event["placename"] == "Moscow"
    assert event["location"] == {"name": "Moscow", "country": "RUS", "latitude": 55.75204, "longitude": 37.61781,
                                 "geonames_id": 524901}  # fmt: skip
    assert all(e["location"] is None for e in polecat.values() if e["placename"] is None)
