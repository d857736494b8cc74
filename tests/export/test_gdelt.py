"""GDELT 2.0 layout, read back the way GDELT users read it: pandas, tab-separated, no header."""

from __future__ import annotations

import pandas as pd
import pytest

from diplograph.export import GDELT_COLUMNS, write_gdelt
from diplograph.export.gdelt import EXTRA_COLUMNS, GlobalIds, gdelt_rows
from diplograph.export.records import Actor, dyads
from diplograph.store.query import EventFilter
from tests.export.conftest import TREATY_URL


def read_gdelt(path) -> pd.DataFrame:
    frame = pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False)
    assert frame.shape[1] == 63
    frame.columns = list(GDELT_COLUMNS + EXTRA_COLUMNS)
    return frame


@pytest.fixture(scope="module")
def gdelt(con, tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("gdelt") / "events.tsv"
    rows = write_gdelt(con, EventFilter(modality="any"), out)  # every event, not only the actual ones
    frame = read_gdelt(out)
    assert len(frame) == rows
    frame["event"] = frame["DiplographEventID"]
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
        assert set(gdelt.loc[gdelt["event"].isin(events), "DatePrecision"]) == {precision_of(date)}
    undated = store_events[store_events["date"].isna()]
    assert len(undated)
    for event, first_report in undated["first_report"].items():
        assert set(gdelt.loc[gdelt["event"] == event, "Day"]) == {first_report.replace("-", "")}
        assert set(gdelt.loc[gdelt["event"] == event, "DatePrecision"]) == {"publication"}


def precision_of(date: str) -> str:
    return "week" if "-W" in date else {10: "day", 7: "month", 4: "year"}[len(date)]


def test_undated_rule_include_and_exclude(con, tmp_path, store_events):
    undated = set(store_events.index[store_events["date"].isna()])
    kept = tmp_path / "kept.tsv"
    write_gdelt(con, EventFilter(modality="any", undated="include"), kept)
    frame = read_gdelt(kept)
    rows = frame[frame["DiplographEventID"].isin(undated)]
    assert len(rows) and set(rows["Day"]) == {""} and set(rows["DatePrecision"]) == {""}
    left_out = tmp_path / "left-out.tsv"
    write_gdelt(con, EventFilter(modality="any", undated="exclude"), left_out)
    assert not set(read_gdelt(left_out)["DiplographEventID"]) & undated


def test_only_actual_events_by_default(con, tmp_path, store_events):
    out = tmp_path / "actual.tsv"
    write_gdelt(con, EventFilter(), out)
    frame = read_gdelt(out)
    actual = set(store_events.index[store_events["modality"] == "actual"])
    assert set(frame["DiplographEventID"]) == actual
    assert len(actual) < len(store_events)  # the store has negated and planned events: they are left out
    wider = tmp_path / "wider.tsv"
    write_gdelt(con, EventFilter(modality="actual,planned"), wider)
    planned = set(store_events.index[store_events["modality"] == "planned"])
    assert planned and set(read_gdelt(wider)["DiplographEventID"]) == actual | planned


def test_ids_fit_53_bits_and_load_exactly_with_default_dtypes(gdelt, tmp_path, con):
    ids = [int(n) for n in gdelt["GlobalEventID"]]
    assert all(0 <= n < 2**53 for n in ids) and len(set(ids)) == len(ids)
    # pandas with its default dtypes, and a JavaScript/R/Excel double: the same numbers, none merged.
    out = tmp_path / "again.tsv"
    write_gdelt(con, EventFilter(modality="any"), out)
    default = pd.read_csv(out, sep="\t", header=None)
    assert [int(n) for n in default[0]] == ids
    assert len({float(n) for n in ids}) == len(ids)
    assert default[0].is_unique


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
    assert list(frame.columns) == list(GDELT_COLUMNS + EXTRA_COLUMNS)
    assert len(frame) == rows > 0
    assert ((frame["Actor1Code"] == "EU") | (frame["Actor2Code"] == "EU")).all()


def test_empty_store_writes_an_empty_file(empty_con, tmp_path):
    out = tmp_path / "empty.tsv"
    assert write_gdelt(empty_con, EventFilter(), out) == 0
    assert out.read_bytes() == b""


def test_global_event_ids_are_stable_unique_and_under_2_53():
    assert GlobalIds().allocate("Eb4a65b2bd7cb", 2) == [0xB4A65B2BD7 * 2**13, 0xB4A65B2BD7 * 2**13 + 1]
    assert GlobalIds().allocate("not-our-format", 1) == GlobalIds().allocate("not-our-format", 1)
    ids = GlobalIds()
    first = ids.allocate("Eb4a65b2bd7cb", 3)
    clash = ids.allocate("Eb4a65b2bd7ff", 3)  # the same first 40 bits: the next free number
    assert not set(first) & set(clash) and clash[0] == (0xB4A65B2BD7 + 1) * 2**13
    many = ids.allocate("E000000000001", 2**13 + 5)  # more pairs than one number holds
    assert len(set(many)) == 2**13 + 5 and max(many) < 2**53 and not set(many) & (set(first) | set(clash))


def test_text_that_would_break_the_tsv_is_replaced():
    record = {
        "event": "E000000000001", "date": None, "first_report": None, "source": ["A"], "target": ["B", "C"],
        "joint": False, "cameo": "0874", "quad_class": 2, "goldstein": 10.0, "mentions": 1, "outlets": 1,
        "location": 'Tel\tAviv "Jaffa"\n', "reports": [{"doc": "d", "url": 'https://x.example/a b"\t', "evidence": []}],
    }  # fmt: skip
    catalogue = {"A": Actor("A", "Name\twith tab", "group", None, "LBN")}
    rows = gdelt_rows(record, catalogue)
    assert len(rows) == 2 and all(len(row) == 63 for row in rows)
    row = dict(zip(GDELT_COLUMNS + EXTRA_COLUMNS, rows[0], strict=True))
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
    assert list(frame.columns[61:]) == [
        *EXTRA_COLUMNS,
        "Actor1GWCode",
        "Actor1COWCode",
        "Actor2GWCode",
        "Actor2COWCode",
    ]
    russia = frame[frame["Actor1Code"] == "RUS"]
    assert len(russia) and set(russia["Actor1GWCode"]) == {"365"} and set(russia["Actor1COWCode"]) == {"365"}
    assert set(frame.loc[frame["Actor1Code"] == "EU", "Actor1GWCode"]) == {""}
