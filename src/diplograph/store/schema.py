"""Tables of the event store (DuckDB). Documented column by column in README "Store".

Two layers: what each article says (``documents``, ``mentions``, ``reports`` with their
``report_actors``, ``evidence`` and ``flags``), written once per document, and what happened
(``events``, ``event_reports``, ``event_actors``, ``event_flags``), recomputed from the reports
by merging (``diplograph.store.merge``) so it never depends on the order of ingestion. Two
records of change: ``runs``, one row per ingest, and ``event_history``, what became of event ids
a later merge no longer gives as they were (``diplograph.store.history``).
"""

from __future__ import annotations

DEFAULT_DB = "diplograph.duckdb"
DEFAULT_BATCH = 200  # documents per transaction

SCHEMA_VERSION = 1

DOCUMENT_TABLES = ("documents", "mentions", "reports", "report_actors", "evidence", "flags")
EVENT_TABLES = ("events", "event_reports", "event_actors", "event_flags")

# ``location`` as the event coder gives it, resolved by diplograph.places: the gazetteer's name, the
# ISO3 of its country, its point (WGS 84) and GeoNames id (NULL for regions). Added to stores made
# before them by ``connect`` (ALTER TABLE … ADD COLUMN IF NOT EXISTS).
PLACE_COLUMNS = (("place", "VARCHAR"), ("place_country", "VARCHAR"), ("latitude", "DOUBLE"),
                 ("longitude", "DOUBLE"), ("geonameid", "BIGINT"))  # fmt: skip

DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS documents (
    doc VARCHAR PRIMARY KEY,        -- content hash (first 20 hex digits of SHA-256 of the text)
    id VARCHAR,                     -- the article's own id (file name, JSON id)
    lang VARCHAR,
    published VARCHAR,              -- YYYY-MM-DD, YYYY-MM, YYYY or NULL
    published_from VARCHAR,         -- metadata | option | text | none
    outlet VARCHAR,                 -- the publishing outlet (metadata "source")
    title VARCHAR,
    url VARCHAR,
    origin VARCHAR,                 -- path or path:line it was read from
    sentences INTEGER,
    text VARCHAR,
    warnings VARCHAR[]
);

CREATE TABLE IF NOT EXISTS mentions (
    doc VARCHAR, n INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, sentence INTEGER,
    form VARCHAR, code VARCHAR, entity VARCHAR, name VARCHAR, kind VARCHAR, wikidata VARCHAR,
    country VARCHAR, role VARCHAR, metonymy BOOLEAN
);

CREATE TABLE IF NOT EXISTS reports (
    report VARCHAR PRIMARY KEY,     -- doc || ':' || the event id within the document (e1, e2 ...)
    doc VARCHAR, type VARCHAR, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class TINYINT,
    joint BOOLEAN, date VARCHAR, modality VARCHAR, attribution VARCHAR, attribution_code VARCHAR,
    attribution_kind VARCHAR, location VARCHAR, confidence DOUBLE,
    place VARCHAR, place_country VARCHAR, latitude DOUBLE, longitude DOUBLE, geonameid BIGINT  -- see PLACE_COLUMNS
);

CREATE TABLE IF NOT EXISTS report_actors (
    report VARCHAR, side VARCHAR, code VARCHAR, entity VARCHAR, name VARCHAR, kind VARCHAR,
    wikidata VARCHAR, country VARCHAR, role VARCHAR, text VARCHAR
);

CREATE TABLE IF NOT EXISTS evidence (
    report VARCHAR, n INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, sentence INTEGER
);

CREATE TABLE IF NOT EXISTS flags (doc VARCHAR, kind VARCHAR, reports VARCHAR[], message VARCHAR);

CREATE TABLE IF NOT EXISTS rejections (    -- the latest reason each input could not be read
    origin VARCHAR PRIMARY KEY, code VARCHAR, reason VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    event VARCHAR PRIMARY KEY,      -- E + a stable hash of its first report
    type VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class TINYINT, joint BOOLEAN,  -- joint: no direction
    date VARCHAR,                   -- the most specific date the reports agree on
    month VARCHAR,                  -- YYYY-MM of date, for time series and partitions
    modality VARCHAR, location VARCHAR,
    source VARCHAR[], target VARCHAR[],
    mentions INTEGER,               -- reports merged into it
    outlets INTEGER,                -- distinct publishing outlets among them
    first_report VARCHAR, last_report VARCHAR,   -- earliest and latest publication date
    disputed BOOLEAN,               -- the reports disagree (see event_flags)
    confidence DOUBLE,
    place VARCHAR, place_country VARCHAR, latitude DOUBLE, longitude DOUBLE, geonameid BIGINT  -- see PLACE_COLUMNS
);

CREATE TABLE IF NOT EXISTS runs (           -- one row per ingest (CLI, Dask, API, demo)
    run VARCHAR PRIMARY KEY,        -- R + UTC start time + 6 random hex digits
    started VARCHAR, ended VARCHAR, -- ISO 8601 UTC
    status VARCHAR,                 -- running | done | failed (an interrupted run stays running)
    route VARCHAR,                  -- cli | dask | api | demo
    version VARCHAR,                -- diplograph version
    settings VARCHAR,               -- fingerprint of the effective settings (16 hex digits of SHA-256)
    kb VARCHAR,                     -- fingerprint of the knowledge-base files (packaged and --kb)
    lexicon VARCHAR,                -- fingerprint of the packaged language files (lang/)
    options VARCHAR,                -- JSON: lang, published, kb folder, config file
    inputs VARCHAR[],               -- the paths given
    documents INTEGER, added INTEGER, skipped INTEGER, rejected INTEGER,
    rejected_by_code VARCHAR,       -- JSON {code: count}
    reports INTEGER,                -- reports of the documents added
    events INTEGER, events_added INTEGER, events_changed INTEGER   -- after the merge; see event_history
);

CREATE TABLE IF NOT EXISTS event_history (  -- what became of event ids a merge no longer gives
    old VARCHAR, new VARCHAR,       -- new is NULL for a dropped event
    kind VARCHAR,                   -- merged | split | redated | dropped
    run VARCHAR, recorded VARCHAR   -- the run whose merge did it, and when (ISO 8601 UTC)
);

CREATE TABLE IF NOT EXISTS event_reports (event VARCHAR, report VARCHAR);
CREATE TABLE IF NOT EXISTS event_actors (event VARCHAR, side VARCHAR, code VARCHAR, name VARCHAR, kind VARCHAR);
CREATE TABLE IF NOT EXISTS event_flags (event VARCHAR, kind VARCHAR, message VARCHAR);

CREATE TABLE IF NOT EXISTS event_dyads (    -- derived from events by every merge (store.dyads)
    actor_a VARCHAR, actor_b VARCHAR,       -- one row per ordered pair: a acts on b (joint: both take part)
    event VARCHAR, type VARCHAR, quad_class TINYINT, goldstein DOUBLE, joint BOOLEAN, date VARCHAR,
    month VARCHAR, modality VARCHAR, outlets INTEGER, first_report VARCHAR, disputed BOOLEAN
);                                          -- rows sorted by (actor_a, actor_b): dyad series skip the rest
"""
