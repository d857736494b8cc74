"""GeoJSON (RFC 7946): one point feature per event whose place is resolved, for maps and geopandas.

A FeatureCollection in WGS 84 longitude/latitude (RFC 7946 has no other), one ``Point`` per
located event, its properties flat and JSON-typed so that ``geopandas.read_file`` gives one column
each: ``event`` (id), ``type`` (PLOVER), ``cameo``, ``quad_class``, ``goldstein``, ``date``,
``modality``, ``joint``, ``source``/``target`` (actor codes), ``actors`` (their names, joined by
"; "), ``outlets`` (the reports' outlets, "; "), ``mentions``, ``location`` (the place as the
event coder gives it), ``place``, ``place_country`` (ISO3), ``geonameid``, ``disputed``,
``confidence``. Events without a resolved place are left out and counted (see
:func:`write_geojson`): the file holds what can be put on a map.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from diplograph.export.output import atomic_file
from diplograph.export.records import Actor, actor_catalogue, event_records, lookup, participants
from diplograph.store.query import EventFilter

JOINER = "; "


def write_geojson(con: duckdb.DuckDBPyConnection, where: EventFilter, out: Path, *, force: bool = False) -> int:
    """Write the located events matching ``where`` to ``out``; returns the features written."""
    where.where()  # a bad filter fails before a file is created
    catalogue = actor_catalogue(con)
    features = 0
    with atomic_file(out, force=force) as temporary, temporary.open("w", encoding="utf-8", newline="\n") as file:
        file.write('{"type": "FeatureCollection", "features": [\n')
        for record in event_records(con, where):
            feature = geojson_feature(record, catalogue)
            if feature is None:
                continue
            file.write((",\n" if features else "") + json.dumps(feature, ensure_ascii=False))
            features += 1
        file.write("\n]}\n")
    return features


def geojson_feature(record: dict[str, Any], catalogue: dict[str, Actor]) -> dict[str, Any] | None:
    """The feature of one event record, or ``None`` when its place is not resolved."""
    if record.get("latitude") is None or record.get("longitude") is None:
        return None
    outlets = sorted({r["outlet"] for r in record["reports"] if r["outlet"]})
    names = [lookup(catalogue, code).name for code in participants(record["source"], record["target"])]
    properties = {
        "event": record["event"], "type": record["type"], "cameo": record["cameo"],
        "quad_class": record["quad_class"], "goldstein": record["goldstein"], "date": record["date"],
        "modality": record["modality"], "joint": record["joint"], "source": list(record["source"]),
        "target": list(record["target"]), "actors": JOINER.join(names), "outlets": JOINER.join(outlets),
        "mentions": record["mentions"], "location": record["location"], "place": record["place"],
        "place_country": record["place_country"], "geonameid": record["geonameid"],
        "disputed": record["disputed"], "confidence": record["confidence"],
    }  # fmt: skip
    point = {"type": "Point", "coordinates": [round(record["longitude"], 5), round(record["latitude"], 5)]}
    return {"type": "Feature", "id": record["event"], "geometry": point, "properties": properties}
