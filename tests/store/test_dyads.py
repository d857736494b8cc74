"""``event_dyads``: dyad series read from the sorted pair table equal those read from ``events``."""

from __future__ import annotations

import random
from contextlib import closing

import pandas as pd
import pytest

from diplograph.store import query
from diplograph.store.dyads import has_dyads, refresh_dyads
from diplograph.store.query import EventFilter
from diplograph.store.writer import connect
from tests.conftest import DEMO, build_store

ACTORS = ["RUS", "UKR", "USA", "CHN", "IRN"]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "SANCTION", "ASSAULT"]


def fill(con, count: int = 600, seed: int = 5) -> None:
    """Events with one to three actors a side, joint ones, self-pairs, undated ones, and no target."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        source = rng.sample(ACTORS, rng.randint(1, 3))
        target = rng.sample(ACTORS, rng.randint(0, 2))
        dated = rng.random() < 0.7
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        report = f"2024-{rng.randint(1, 12):02d}-15"
        rows.append((f"E{i}", rng.choice(TYPES), rng.choice([-8.0, 1.0, 3.5]), rng.randint(1, 4), rng.random() < 0.3,
                     day if dated else None, day[:7] if dated else None, rng.choice(["actual", "planned"]), source,
                     target, rng.randint(1, 3), report, rng.random() < 0.1))  # fmt: skip
    con.executemany(
        """INSERT INTO events (event, type, goldstein, quad_class, joint, date, month, modality, source, target,
                               outlets, first_report, disputed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows,
    )  # fmt: skip


def both_ways(con, first: str, second: str, **kwargs) -> tuple[pd.DataFrame, pd.DataFrame]:
    fast = query.dyad(con, first, second, **kwargs)
    con.execute("ALTER TABLE event_dyads RENAME TO event_dyads_aside")
    try:
        assert not has_dyads(con)
        slow = query.dyad(con, first, second, **kwargs)
    finally:
        con.execute("ALTER TABLE event_dyads_aside RENAME TO event_dyads")
    return fast, slow


FILTERS = [
    {},
    {"directed": True},
    {"where": EventFilter(type="ACCUSE")},
    {"where": EventFilter(undated="include", since="2024-03", until="2024-09")},
    {"where": EventFilter(undated="exclude", modality="planned", min_sources=2)},
    {"where": EventFilter(disputed=False, quad_class=4), "directed": True},
    {"where": EventFilter(actor="USA")},  # answered from events: the pair table has no actor lists
    {"where": EventFilter(dyad=("CHN", "IRN"))},  # the dyad asked for wins, as before
]


@pytest.mark.parametrize("kwargs", FILTERS)
def test_the_pair_table_answers_as_the_events_table(tmp_path, kwargs):
    with closing(connect(tmp_path / "s.duckdb")) as con:
        fill(con)
        refresh_dyads(con)
        compared = 0
        for first in ACTORS:
            for second in ACTORS:
                fast, slow = both_ways(con, first.lower() if first == "IRN" else first, second, **kwargs)
                pd.testing.assert_frame_equal(fast, slow)
                compared += int(fast["events"].sum())
        assert compared > 100  # the filters leave something to compare


def test_an_older_store_gets_its_pairs_on_a_writable_connect(tmp_path):
    db = tmp_path / "old.duckdb"
    with closing(connect(db)) as con:
        fill(con)
        con.execute("DROP TABLE event_dyads")  # as a store written before the table existed
        con.execute("DELETE FROM meta WHERE key = 'event_dyads'")
        slow = query.dyad(con, "RUS", "UKR")
    assert slow["events"].sum() > 20
    with closing(query.open_store(db)) as con:  # read-only: no table, the events table answers
        assert not has_dyads(con)
        pd.testing.assert_frame_equal(query.dyad(con, "RUS", "UKR"), slow)
    with closing(connect(db)) as con:  # writable: created and filled
        assert con.execute("SELECT count(*) FROM event_dyads").fetchone()[0] > 600
        pd.testing.assert_frame_equal(query.dyad(con, "RUS", "UKR"), slow)


def test_a_merge_rebuilds_the_pairs_sorted(tmp_path, options):
    db = build_store(tmp_path / "demo.duckdb", [DEMO], options)
    with closing(connect(db)) as con:
        pairs = con.execute("SELECT actor_a, actor_b FROM event_dyads").fetchall()
        assert len(pairs) >= con.execute("SELECT count(*) FROM events WHERE len(target) > 0").fetchone()[0] > 0
        assert pairs == sorted(pairs)
        for first, second in {p for p in pairs[:40]}:
            fast, slow = both_ways(con, first, second)
            pd.testing.assert_frame_equal(fast, slow)
