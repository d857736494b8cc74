"""GeoJSON read back with geopandas: one point per located event, in the right place."""

from __future__ import annotations

import json

import geopandas
import pytest
from typer.testing import CliRunner

import diplograph.cli.export  # noqa: F401  (registers the command)
from diplograph.cli.app import app
from diplograph.export import write_geojson
from diplograph.store.query import EventFilter


@pytest.fixture(scope="module")
def frame(store_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("geojson") / "events.geojson"
    result = CliRunner().invoke(app, ["export", "geojson", "--db", str(store_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return geopandas.read_file(out)


def test_one_point_per_located_event(frame, store_events):
    located = store_events[store_events["latitude"].notna()]
    assert len(located) >= 1 and sorted(frame["event"]) == sorted(located.index)
    assert frame.crs.to_epsg() == 4326 and set(frame.geometry.geom_type) == {"Point"}
    for row in frame.itertuples():
        event = located.loc[row.event]
        assert (row.geometry.x, row.geometry.y) == pytest.approx((event["longitude"], event["latitude"]), abs=1e-4)
        assert (row.type, row.place_country) == (event["type"], event["place_country"])


def test_the_treaty_is_in_moscow(frame, treaty):
    (row,) = frame[frame["event"] == treaty].itertuples()
    assert (row.place, row.place_country, row.geonameid, row.location) == ("Moscow", "RUS", 524901, "Moscow")
    assert row.geometry.y == pytest.approx(55.752, abs=0.01) and row.geometry.x == pytest.approx(37.618, abs=0.01)
    assert {"Reuters", "Associated Press"} <= set(row.outlets.split("; "))
    assert {"Iran", "Russia"} <= set(row.actors.split("; "))
    assert str(row.date)[:10] == "2025-01-17" and row.type == "SUPPORT"  # geopandas reads ISO dates as dates


def test_filters_and_an_empty_selection(con, tmp_path):
    out = tmp_path / "none.geojson"
    assert write_geojson(con, EventFilter(actor="NOSUCHACTOR"), out) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": []}
    some = tmp_path / "rus.geojson"
    written = write_geojson(con, EventFilter(actor="RUS"), some)
    features = json.loads(some.read_text(encoding="utf-8"))["features"]
    assert len(features) == written and all(
        "RUS" in f["properties"]["source"] + f["properties"]["target"] for f in features
    )
