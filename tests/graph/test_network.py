"""The signed network read from a store: pairs, weights, windows, thresholds, filters."""

from __future__ import annotations

from contextlib import closing

import pytest

from diplograph.graph import edge_frame, find_blocs, signed_network
from diplograph.store import query
from diplograph.store.query import QueryError
from tests.graph.conftest import Ev


def network(path, *args, **kwargs):
    with closing(query.open_store(path)) as con:
        return signed_network(con, *args, **kwargs)


def blocs_of(db, **kwargs):
    with closing(query.open_store(db)) as con:
        return find_blocs(con, **kwargs)


def test_weights_are_summed_goldstein_scores_in_both_directions(tiny_store):
    db = tiny_store([
        Ev(("RUS",), ("UKR",), -10.0, 4),
        Ev(("UKR",), ("RUS",), -4.0, 3),  # the other direction counts for the same undirected tie
        Ev(("RUS",), ("UKR",), 3.0, 1),
        Ev(("RUS",), ("CHN",), 7.0, 2, confidence=0.5),
        Ev(("CHN",), ("RUS",), 3.0, 1, confidence=0.5),
    ])  # fmt: skip
    g = network(db, min_events=1)
    tie = g["RUS"]["UKR"]
    assert tie["weight"] == -11.0 and tie["positive"] == 3.0 and tie["negative"] == 14.0
    assert (tie["events"], tie["cooperation"], tie["conflict"]) == (3, 1, 2)
    assert g["CHN"]["RUS"]["weight"] == 5.0  # confidence-weighted: (7 + 3) × 0.5
    assert network(db, min_events=1, confidence_weighted=False)["CHN"]["RUS"]["weight"] == 10.0
    assert g.nodes["RUS"] == {"name": "RUS", "kind": "state", "events": 5}
    assert g.graph["events"] == 5 and g.graph["window_events"] == 5
    frame = edge_frame(g)
    assert list(frame[["a", "b"]].iloc[0]) == ["RUS", "UKR"]  # strongest tie first


def test_joint_events_link_every_pair_and_co_sources_are_not_linked(tiny_store):
    db = tiny_store([
        Ev(("CHN", "IRN", "RUS"), (), 6.0, 2, joint=True),  # a three-way signing
        Ev(("GBR", "USA"), ("IRN",), -4.0, 4),  # sanctions by two: each acts on Iran, not on each other
    ])  # fmt: skip
    g = network(db, min_events=1)
    assert {tuple(sorted(e)) for e in g.edges} == {("CHN", "IRN"), ("CHN", "RUS"), ("IRN", "RUS"), ("GBR", "IRN"),
                                                   ("IRN", "USA")}  # fmt: skip
    assert all(g[a][b]["weight"] == 6.0 for a, b in [("CHN", "IRN"), ("CHN", "RUS"), ("IRN", "RUS")])
    assert not g.has_edge("GBR", "USA")
    assert g.nodes["IRN"]["events"] == 2


def test_negated_and_speculative_events_do_not_count(tiny_store):
    db = tiny_store([
        Ev(("USA",), ("CHN",), 4.0, 1),
        Ev(("USA",), ("CHN",), 8.0, 2, modality="negated"),
        Ev(("USA",), ("CHN",), -9.0, 4, modality="possible"),
        Ev(("USA",), ("CHN",), 3.0, 1, modality="planned"),
    ])  # fmt: skip
    assert network(db, min_events=1)["CHN"]["USA"]["weight"] == 7.0
    assert network(db, min_events=1, modalities=["negated"])["CHN"]["USA"]["weight"] == 8.0
    with pytest.raises(QueryError):
        network(db, modalities=["rumoured"])


def test_window_bounds_are_inclusive_and_undated_events_fall_outside(tiny_store):
    db = tiny_store([
        Ev(("FRA",), ("DEU",), 2.0, 1, date="2024-01-01"),
        Ev(("FRA",), ("DEU",), 3.0, 1, date="2024-06-30"),
        Ev(("FRA",), ("DEU",), 5.0, 1, date="2024-07-01"),
        Ev(("FRA",), ("DEU",), 7.0, 1, date=None),
    ])  # fmt: skip
    assert network(db, "2024-01", "2024-06", min_events=1)["DEU"]["FRA"]["weight"] == 5.0
    assert network(db, "2024-07", min_events=1)["DEU"]["FRA"]["weight"] == 5.0
    assert network(db, min_events=1)["DEU"]["FRA"]["weight"] == 17.0  # no window: everything
    assert network(db, "2025", min_events=1).number_of_nodes() == 0


def test_min_events_drops_thin_ties_but_keeps_active_actors_as_isolated(tiny_store):
    db = tiny_store([
        Ev(("RUS",), ("UKR",), -8.0, 4),
        Ev(("RUS",), ("UKR",), -8.0, 4),
        Ev(("RUS",), ("BLR",), 4.0, 1),
        Ev(("POL",), ("UKR",), 5.0, 2),
        Ev(("POL",), ("BLR",), -2.0, 3),
    ])  # fmt: skip
    g = network(db, min_events=2)
    assert {frozenset(e) for e in g.edges} == {frozenset({"RUS", "UKR"})}
    assert set(g.nodes) == {"RUS", "UKR", "POL", "BLR"}  # two events each, with different partners
    result = blocs_of(db, min_events=2)
    assert set(result.isolated) == {"BLR", "POL"}
    assert network(db, min_events=3).number_of_nodes() == 2
    with pytest.raises(QueryError):
        network(db, min_events=0)


def test_actor_kinds_filter(tiny_store):
    db = tiny_store([
        Ev(("EU",), ("RUS",), -5.0, 4),
        Ev(("EU",), ("UKR",), 7.0, 2),
        Ev(("RUS",), ("UKR",), -9.0, 4),
        Ev(("HAMAS",), ("ISR",), -10.0, 4),
    ])  # fmt: skip
    assert set(network(db, min_events=1, actor_kinds=["state"]).nodes) == {"RUS", "UKR"}
    assert set(network(db, min_events=1, actor_kinds=["STATE", "igo"]).nodes) == {"EU", "RUS", "UKR"}
    assert network(db, min_events=1).nodes["HAMAS"]["kind"] == "group"


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("2024-13", None, "not a date"),
        ("2024-1", None, "YYYY"),
        (None, "2025-02-30", "not a date"),
        ("2025", "2024-06", "before"),
    ],
)
def test_invalid_windows_are_query_errors(tiny_store, since, until, message):
    db = tiny_store([Ev(("RUS",), ("UKR",), -8.0, 4)])
    with pytest.raises(QueryError, match=message) as info:
        network(db, since, until)
    assert info.value.code == "D410"


def test_a_year_after_a_month_of_it_is_a_valid_window(tiny_store):
    db = tiny_store([Ev(("RUS",), ("UKR",), -8.0, 4, date="2024-09-01")])
    assert network(db, "2024-06", "2024", min_events=1).number_of_edges() == 1


def test_blocs_of_a_tiny_world(tiny_store):
    west, east = ("USA", "GBR", "DEU"), ("RUS", "CHN", "IRN")
    events = []
    for camp in (west, east):
        for i, a in enumerate(camp):
            for b in camp[i + 1 :]:
                events += [Ev((a,), (b,), 6.0, 2), Ev((b,), (a,), 4.0, 1)]
    for a, b in zip(west, east, strict=True):
        events += [Ev((a,), (b,), -6.0, 4), Ev((b,), (a,), -5.0, 3)]
    events.append(Ev(("KAZ",), ("RUS",), 3.0, 1))  # one event: below the default threshold
    result = blocs_of(tiny_store(events))
    assert {frozenset(b.actors) for b in result.blocs} == {frozenset(west), frozenset(east)}
    assert result.balance == 1.0 and result.frustration == 0.0
    assert result.isolated == ()  # KAZ has a single event: not even a node
    assert result.window_events == result.events == len(events)
