"""Hive-partitioned Parquet, read back with pyarrow and pandas; rows and values as in the store."""

from __future__ import annotations

import pandas as pd
import pyarrow.dataset as ds
import pytest

from diplograph.export import write_parquet
from diplograph.export.parquet import UNKNOWN_MONTH
from diplograph.export.records import month_of
from diplograph.store.query import EventFilter


@pytest.fixture(scope="module")
def exported(con, tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet") / "dataset"
    written = write_parquet(con, EventFilter(), out, with_reports=True)
    return out, written


def test_events_round_trip_through_pyarrow(exported, store_events):
    out, written = exported
    table = ds.dataset(out / "events", partitioning="hive").to_table()
    assert table.num_rows == written == len(store_events)
    frame = table.to_pandas().set_index("event").sort_index()
    for column in ("type", "cameo", "goldstein", "quad_class", "joint", "modality", "mentions", "outlets",
                   "first_report", "last_report", "disputed", "confidence"):  # fmt: skip
        assert frame[column].tolist() == store_events[column].tolist(), column
    # Undated events carry their first report's date, marked as such (the default undated rule).
    undated = store_events["date"].isna()
    assert undated.any()
    assert frame["date"].tolist() == store_events["date"].fillna(store_events["first_report"]).tolist()
    assert set(frame.loc[undated.to_numpy(), "date_precision"]) == {"publication"}
    assert set(frame.loc[~undated.to_numpy(), "date_precision"]) <= {"day", "week", "month", "year"}
    dates = store_events["date"].fillna(store_events["first_report"])
    assert [list(v) for v in frame["source"]] == [list(v) for v in store_events["source"]]
    assert [list(v) for v in frame["target"]] == [list(v) for v in store_events["target"]]
    expected_months = [month_of(d if isinstance(d, str) else None) or UNKNOWN_MONTH for d in dates]
    assert frame["month"].tolist() == expected_months


def test_partitions_are_months_and_pandas_reads_them(exported, store_events):
    out, _written = exported
    folders = sorted(p.name for p in (out / "events").iterdir())
    assert "month=2025-01" in folders and f"month={UNKNOWN_MONTH}" in folders
    frame = pd.read_parquet(out / "events")
    assert len(frame) == len(store_events)
    week = store_events.index[store_events["date"] == "2025-W04"]
    assert frame.loc[frame["event"].isin(week), "month"].astype(str).unique().tolist() == ["2025-01"]
    year_only = store_events.index[store_events["date"].str.len() == 4]
    assert (frame.loc[frame["event"].isin(year_only), "month"].astype(str) == UNKNOWN_MONTH).all()


def test_reports_and_evidence(exported, con):
    out, _written = exported
    reports = pd.read_parquet(out / "reports")
    evidence = pd.read_parquet(out / "evidence")
    assert len(reports) == con.execute("SELECT count(*) FROM event_reports").fetchone()[0]
    assert len(evidence) == con.execute("SELECT count(*) FROM evidence").fetchone()[0]
    assert set(reports["event"]) <= set(pd.read_parquet(out / "events")["event"])
    treaty_de = reports[reports["document"] == "treaty-de"].iloc[0]
    assert treaty_de["outlet"] == "Reuters" and treaty_de["url"].startswith("https://news.example/")
    assert {a["code"] for a in treaty_de["actors"]} == {"IRN", "RUS"}
    months = reports.set_index("report")["month"].astype(str)
    assert (evidence["month"].astype(str).to_numpy() == months.loc[evidence["report"]].to_numpy()).all()


def test_filter_keeps_only_matching_events(con, tmp_path):
    written = write_parquet(con, EventFilter(since="2025-01", until="2025-01"), tmp_path / "jan")
    frame = pd.read_parquet(tmp_path / "jan" / "events")
    assert len(frame) == written > 0
    assert frame["date"].str.startswith("2025-01").all()
    assert not (tmp_path / "jan" / "reports").exists()


def test_empty_selection_is_a_readable_empty_dataset(empty_con, tmp_path):
    assert write_parquet(empty_con, EventFilter(), tmp_path / "empty", with_reports=True) == 0
    for table in ("events", "reports", "evidence"):
        dataset = ds.dataset(tmp_path / "empty" / table, partitioning="hive")
        assert dataset.count_rows() == 0
        assert "month" in dataset.schema.names
    frame = pd.read_parquet(tmp_path / "empty" / "events")
    assert len(frame) == 0 and {"event", "source", "goldstein", "month"} <= set(frame.columns)


def test_events_carry_the_actors_country_numbers(exported):
    out, _written = exported
    frame = pd.read_parquet(out / "events")
    for row in frame.itertuples():
        assert len(row.source_gw) == len(row.source) and len(row.target_cow) == len(row.target)
        for code, gw, cow in zip(row.source, row.source_gw, row.source_cow, strict=True):
            if code == "RUS":
                assert (gw, cow) == (365, 365)
            if code == "EU":
                assert pd.isna(gw) and pd.isna(cow)
    assert any("RUS" in list(s) for s in frame["source"])
