"""The actor network, built once and read back through networkx from GEXF and GraphML."""

from __future__ import annotations

import networkx as nx
import pytest

from diplograph.export import actor_network, write_gexf, write_graphml
from diplograph.export.records import dyads
from diplograph.store.query import EventFilter

EDGE_ATTRIBUTES = ("events", "joint", "cooperation", "conflict", "goldstein_sum", "weight", "sign")


@pytest.fixture(scope="module")
def network(con) -> nx.DiGraph:
    return actor_network(con, EventFilter())


def test_nodes_are_every_actor_of_every_event(network, store_events):
    codes = {c for e in store_events.itertuples() for c in (*e.source, *e.target)}
    assert set(network.nodes) == codes
    assert network.nodes["RUS"]["label"] == "Russia" and network.nodes["RUS"]["wikidata"] == "Q159"
    assert network.nodes["EU"]["kind"] == "igo"
    assert "wikidata" not in network.nodes["WEST"]  # no QID: absent, not None
    involving_russia = sum("RUS" in (*e.source, *e.target) for e in store_events.itertuples())
    assert network.nodes["RUS"]["events"] == involving_russia


def test_edges_sum_the_events_of_each_directed_pair(network, store_events):
    expected: dict[tuple[str, str], list] = {}
    for e in store_events.itertuples():
        for first, second in dyads(e.source, e.target, e.joint):
            if second is None:
                continue
            for pair in ((first, second), (second, first)) if e.joint else ((first, second),):
                expected.setdefault(pair, []).append(e)
    assert set(network.edges) == set(expected)
    for pair, events in expected.items():
        edge = network.edges[pair]
        total = round(sum(e.goldstein for e in events), 1)
        assert edge["events"] == len(events)
        assert edge["cooperation"] == sum(e.quad_class <= 2 for e in events)
        assert edge["conflict"] == sum(e.quad_class >= 3 for e in events)
        assert edge["joint"] == sum(bool(e.joint) for e in events)
        assert edge["goldstein_sum"] == pytest.approx(total)
        assert edge["weight"] == len(events) > 0  # a count: what layouts and centralities can use
        assert edge["sign"] == (total > 0) - (total < 0)


def test_joint_treaty_links_both_ways_and_sanctions_one_way(network):
    assert network.edges["IRN", "RUS"]["joint"] >= 1 and network.edges["RUS", "IRN"]["joint"] >= 1
    assert network.has_edge("EU", "RUS") and not network.has_edge("RUS", "EU")
    assert network.edges["EU", "RUS"]["sign"] == -1


@pytest.mark.parametrize(("write", "read"), [(write_gexf, nx.read_gexf), (write_graphml, nx.read_graphml)])
def test_round_trip(con, network, tmp_path, write, read):
    out = tmp_path / "network"
    assert write(con, EventFilter(), out) == network.number_of_edges()
    back = read(out)
    assert back.is_directed()
    assert set(back.nodes) == set(network.nodes)
    assert {n: back.nodes[n].get("label") for n in back} == {n: network.nodes[n]["label"] for n in network}
    assert {n: int(back.nodes[n]["events"]) for n in back} == {n: network.nodes[n]["events"] for n in network}
    assert set(back.edges) == set(network.edges)
    for pair in network.edges:
        assert {k: back.edges[pair][k] for k in EDGE_ATTRIBUTES} == pytest.approx(
            {k: network.edges[pair][k] for k in EDGE_ATTRIBUTES}
        )


def test_filter_and_empty(con, empty_con, tmp_path):
    eu = actor_network(con, EventFilter(actor="EU"))
    assert "EU" in eu and all("EU" in edge for edge in eu.edges)
    assert write_gexf(empty_con, EventFilter(), tmp_path / "empty.gexf") == 0
    assert nx.read_gexf(tmp_path / "empty.gexf").number_of_nodes() == 0
    assert write_graphml(empty_con, EventFilter(), tmp_path / "empty.graphml") == 0
    assert nx.read_graphml(tmp_path / "empty.graphml").number_of_nodes() == 0
