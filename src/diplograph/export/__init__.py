"""Export the store in the formats analysts' tools read: ``diplograph export FORMAT --out PATH``.

======== =============================================== ===========================================
format   what                                            read it with
======== =============================================== ===========================================
gdelt    GDELT 2.0 Events table, TSV, one row per dyad   GDELT scripts, ``pandas.read_csv(sep="\\t")``
polecat  POLECAT/PLOVER-style JSON Lines, one per event  ``json``, ``pandas.read_json(lines=True)``
parquet  Hive-partitioned Parquet by month (a folder)    pyarrow, pandas, Spark, DuckDB, R arrow
gexf     actor network                                   Gephi, ``networkx.read_gexf``
graphml  actor network                                   Gephi, Cytoscape, igraph, networkx
jsonld   JSON-LD with Wikidata IRIs and provenance       ``json``, any JSON-LD/RDF processor
geojson  one point per located event (RFC 7946)          geopandas, QGIS, Leaflet, ``json``
======== =============================================== ===========================================

Each writer is ``write_<format>(con, where, out, *, force=False, …) -> int`` (rows, events or
edges written): it takes an :class:`~diplograph.store.query.EventFilter`, checks it before writing
anything, writes atomically (:mod:`diplograph.export.output`) and refuses to replace an existing
``out`` unless ``force``. Mappings and the choices behind them are in each module's docstring.
"""

from __future__ import annotations

from diplograph.export.gdelt import GDELT_COLUMNS, write_gdelt
from diplograph.export.geojson import write_geojson
from diplograph.export.gexf import write_gexf
from diplograph.export.graphml import write_graphml
from diplograph.export.jsonld import write_jsonld
from diplograph.export.network import actor_network
from diplograph.export.parquet import write_parquet
from diplograph.export.polecat import write_polecat

__all__ = [
    "GDELT_COLUMNS",
    "actor_network",
    "write_gdelt",
    "write_geojson",
    "write_gexf",
    "write_graphml",
    "write_jsonld",
    "write_parquet",
    "write_polecat",
]
