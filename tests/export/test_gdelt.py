"""GDELT 2.0 layout, read back the way GDELT users read it: pandas, tab-separated, no header."""

from __future__ import annotations

import pandas as pd
import pytest

from diplograph.export import GDELT_COLUMNS, write_gdelt
from diplograph.export.gdelt import gdelt_rows, global_event_id
from diplograph.export.records import Actor, dyads
from diplograph.store.query import EventFilter
from tests.export.conftest import TREATY_URL


def read_gdelt(path) -> pd.DataFrame:
    frame = pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False)
    assert frame.shape[1] == 61
    frame.columns = list(GDELT_COLUMNS)
    return frame


@pytest.fixture(scope="module")
def gdelt(con, tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("gdelt") / "events.tsv"
    rows = write_gdelt(con, EventFilter(), out)
    frame = read_gdelt(out)
    assert len(frame) == rows
    frame["event"] = [f"E{int(n) // 10_000:012x}" for n in frame["GlobalEventID"]]
    return frame


def test_columns_are_the_codebook_order():
    assert len(GDELT_COLUMNS) == 61
    expected_at = {0: "GlobalEventID", 1: "Day", 4: "FractionDate", 5: "Actor1Code", 9: "Actor1EthnicCode",
                   14: "Actor1Type3Code", 15: "Actor2Code", 24: "Actor2Type3Code", 25: "IsRootEvent",
                   26: "EventCode", 29: "QuadClass", 30: "GoldsteinScale", 33: "NumArticles", 34: "AvgTone",
                   35: "Actor1Geo_Type", 42: "Actor1Geo_FeatureID", 43: "Actor2Geo_Type", 51: "ActionGeo_Type",
                   52: "ActionGeo_FullName", 57: "ActionGeo_Long", 58: "ActionGeo_FeatureID", 59: "DATEADDED",
                   60: "SOURCEURL"}  # fmt: skip
    assert {i: GDELT_COLUMNS[i] for i in expected_at} == expected_at


def test_one_row_per_actor_pair_of_every_event(gdelt, store_events):
    expected = sum(len(dyads(e.source, e.target, e.joint)) for e in store_events.itertuples())
    assert len(gdelt) == expected
    assert set(gdelt["event"]) == set(store_events.index)
    assert gdelt["GlobalEventID"].is_unique


def test_event_fields_match_the_store(gdelt, store_events):
    for row in gdelt.itertuples():
        event = store_events.loc[row.event]
        assert row.EventCode == event["cameo"]
        assert row.EventBaseCode == event["cameo"][:3] and row.EventRootCode == event["cameo"][:2]
        assert int(row.QuadClass) == event["quad_class"]
        assert float(row.GoldsteinScale) == event["goldstein"]
        assert int(row.NumMentions) == event["mentions"] and int(row.NumSources) == event["outlets"]
        assert row.Actor1Code in set(event["source"]) | set(event["target"])


def test_merged_treaty_row(gdelt, treaty):
    (row,) = gdelt[gdelt["event"] == treaty].to_dict("records")
    assert (row["Day"], row["MonthYear"], row["Year"], row["FractionDate"]) == ("20250117", "202501", "2025",
                                                                                "2025.1288")  # fmt: skip
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == ("IRN", "IRAN", "IRN")
    assert (row["Actor2Code"], row["Actor2Name"], row["Actor2CountryCode"]) == ("RUS", "RUSSIA", "RUS")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "3", "3")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == (
        "4",
        "Moscow, Russia",
        "RS",
    )  # a world city; GDELT's country codes are FIPS 10-4
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_FeatureID"]) == ("55.7520", "37.6178", "524901")
    assert row["SOURCEURL"] == TREATY_URL  # the earliest report with a URL
    assert row["DATEADDED"] == "20250117000000"
    assert row["IsRootEvent"] == "1"
    assert row["AvgTone"] == "" and row["Actor1Geo_Lat"] == ""


def test_coarse_dates_take_the_first_day_of_their_period(gdelt, store_events):
    for date, day in (("2024-05", "20240501"), ("2024", "20240101"), ("2025-W04", "20250120")):
        events = store_events.index[store_events["date"] == date]
        assert len(events), date
        assert set(gdelt.loc[gdelt["event"].isin(events), "Day"]) == {day}
    undated = store_events[store_events["date"].isna()]
    for event, first_report in undated["first_report"].items():
        assert set(gdelt.loc[gdelt["event"] == event, "Day"]) == {first_report.replace("-", "")}


def test_organisations_are_known_groups_not_countries(gdelt):
    eu = gdelt[gdelt["Actor1Code"] == "EU"]
    assert len(eu) >= 2
    assert set(eu["Actor1KnownGroupCode"]) == {"EU"}
    assert set(eu["Actor1Type1Code"]) == {"IGO"}
    assert set(eu["Actor1CountryCode"]) == {""}
    assert set(eu["Actor1Name"]) == {"EUROPEAN UNION"}


def test_filter_and_header(con, tmp_path):
    out = tmp_path / "eu.tsv"
    rows = write_gdelt(con, EventFilter(actor="EU"), out, header=True)
    frame = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(GDELT_COLUMNS)
    assert len(frame) == rows > 0
    assert ((frame["Actor1Code"] == "EU") | (frame["Actor2Code"] == "EU")).all()


def test_empty_store_writes_an_empty_file(empty_con, tmp_path):
    out = tmp_path / "empty.tsv"
    assert write_gdelt(empty_con, EventFilter(), out) == 0
    assert out.read_bytes() == b""


def test_global_event_id_is_reversible_and_stable():
    assert global_event_id("Eb4a65b2bd7cb", 2) == 0xB4A65B2BD7CB * 10_000 + 2
    assert global_event_id("not-our-format") == global_event_id("not-our-format")


def test_text_that_would_break_the_tsv_is_replaced():
    record = {
        "event": "E000000000001", "date": None, "first_report": None, "source": ["A"], "target": ["B", "C"],
        "joint": False, "cameo": "0874", "quad_class": 2, "goldstein": 10.0, "mentions": 1, "outlets": 1,
        "location": 'Tel\tAviv "Jaffa"\n', "reports": [{"doc": "d", "url": 'https://x.example/a b"\t', "evidence": []}],
    }  # fmt: skip
    catalogue = {"A": Actor("A", "Name\twith tab", "group", None, "LBN")}
    rows = gdelt_rows(record, catalogue)
    assert len(rows) == 2 and all(len(row) == 61 for row in rows)
    row = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert row["ActionGeo_FullName"] == "Tel Aviv 'Jaffa'"
    assert row["Actor1Name"] == "NAME WITH TAB" and row["Actor1CountryCode"] == "LBN"
    assert row["Actor1KnownGroupCode"] == "A"
    assert row["Actor2Name"] == "B"  # not in the catalogue: its code stands in
    assert row["SOURCEURL"] == "https://x.example/a b%22"
    assert (row["EventBaseCode"], row["EventRootCode"]) == ("087", "08")
    assert row["Day"] == "" and row["DATEADDED"] == ""


def test_country_codes_follow_the_61_columns_when_asked(con, tmp_path):
    out = tmp_path / "codes.tsv"
    write_gdelt(con, EventFilter(), out, header=True, country_codes=True)
    frame = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert list(frame.columns[:61]) == list(GDELT_COLUMNS)
    assert list(frame.columns[61:]) == ["Actor1GWCode", "Actor1COWCode", "Actor2GWCode", "Actor2COWCode"]
    russia = frame[frame["Actor1Code"] == "RUS"]
    assert len(russia) and set(russia["Actor1GWCode"]) == {"365"} and set(russia["Actor1COWCode"]) == {"365"}
    assert set(frame.loc[frame["Actor1Code"] == "EU", "Actor1GWCode"]) == {""}
