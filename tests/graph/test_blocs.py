"""Blocs and balance on hand-made signed graphs: no store, every number checkable by hand."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from diplograph.graph import blocs, compare, from_edges, frustration, triangle_balance

WEST = [("A", "B", 5), ("A", "C", 5), ("B", "C", 5)]
EAST = [("X", "Y", 5), ("X", "Z", 5), ("Y", "Z", 5)]
ACROSS = [("A", "X", -5), ("B", "Y", -5), ("C", "Z", -5), ("A", "Y", -3)]


def groups(result) -> set[frozenset[str]]:
    return {frozenset(b.actors) for b in result.blocs}


def test_two_camps_are_found_and_perfectly_balanced():
    result = blocs(from_edges(WEST + EAST + ACROSS))
    assert groups(result) == {frozenset("ABC"), frozenset("XYZ")}
    # ABC and XYZ (+ + +), AXY and ABY (+ − −): all four triangles balanced; no tie against the split.
    assert (result.triangles, result.balanced_triangles, result.balance, result.weighted_balance) == (4, 4, 1.0, 1.0)
    assert result.frustration == 0.0
    assert result.isolated == ()
    (relation,) = result.relations
    assert relation.weight == -18.0 and relation.negative == 18.0 and relation.conflict_events == 4
    for bloc in result.blocs:
        assert (bloc.cooperation, bloc.conflict, bloc.cooperation_events, bloc.conflict_events) == (15.0, 0.0, 3, 0)


def test_a_friendly_tie_across_the_camps_is_unbalanced_and_frustrating():
    result = blocs(from_edges([*WEST, *EAST, *ACROSS, ("C", "X", 2)]))
    assert groups(result) == {frozenset("ABC"), frozenset("XYZ")}
    # The new triangles ACX and CXZ (+ + −) are unbalanced; the four old ones stay balanced.
    assert (result.triangles, result.balanced_triangles) == (6, 4)
    assert result.balance == round(4 / 6, 4)
    assert result.frustration == round(2 / 50, 4)  # the +2 between blocs out of 50 in all


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ([("P", "Q", 1), ("Q", "R", 1), ("P", "R", 1)], (1, 1)),  # friends of friends
        ([("P", "Q", 1), ("Q", "R", -1), ("P", "R", -1)], (1, 1)),  # the enemy of my enemy
        ([("P", "Q", 1), ("Q", "R", 1), ("P", "R", -1)], (1, 0)),
        ([("P", "Q", -1), ("Q", "R", -1), ("P", "R", -1)], (1, 0)),  # all against all: strictly unbalanced
        ([("P", "Q", 1), ("Q", "R", 1), ("P", "R", 0)], (0, 0)),  # a zero tie has no sign and closes nothing
    ],
)
def test_triangle_balance(edges, expected):
    total, balanced, _weighted = triangle_balance(from_edges(edges))
    assert (total, balanced) == expected


def test_weighted_balance_counts_strong_triangles_more():
    # One strong balanced triangle, one faint unbalanced one sharing no edge with it.
    graph = from_edges([("A", "B", 8), ("B", "C", 8), ("A", "C", 8), ("P", "Q", 1), ("Q", "R", 1), ("P", "R", -1)])
    total, balanced, weighted = triangle_balance(graph)
    assert (total, balanced) == (2, 1)
    assert weighted == pytest.approx(8 / 9, abs=1e-4)


def test_only_cooperation_splits_by_density_and_is_balanced():
    result = blocs(from_edges([*WEST, *EAST, ("C", "X", 1)]))
    assert groups(result) == {frozenset("ABC"), frozenset("XYZ")}
    assert result.balance == 1.0
    assert result.frustration == round(1 / 31, 4)  # only the weak tie between the blocs goes against them
    assert result.relations[0].weight == 1.0


def test_frustration_of_a_given_partition():
    graph = from_edges(WEST + EAST + ACROSS)
    assert frustration(graph, {c: 1 for c in "ABCXYZ"}) == round(18 / 48, 4)  # all conflict inside one bloc
    assert frustration(graph, {}) == round(30 / 48, 4)  # everyone alone: all cooperation is between blocs
    assert frustration(nx.Graph(), {}) is None


def test_empty_and_single_actor_networks():
    empty = blocs(nx.Graph())
    assert empty.blocs == () and empty.relations == () and empty.isolated == ()
    assert empty.balance is None and empty.frustration is None and empty.quality is None
    lonely = nx.Graph(events=3, window_events=3)
    lonely.add_node("RUS", name="Russia", kind="state", events=3)
    result = blocs(lonely)
    assert result.blocs == () and result.isolated == ("RUS",) and result.membership() == {}
    members = result.members()
    assert list(members["code"]) == ["RUS"] and members["bloc"].isna().all()


def test_pure_conflict_keeps_enemies_apart():
    result = blocs(from_edges([("RUS", "UKR", -30)]))
    assert groups(result) == {frozenset({"RUS"}), frozenset({"UKR"})}
    assert result.frustration == 0.0 and result.balance is None


def test_deterministic_whatever_the_edge_order():
    edges = WEST + EAST + ACROSS + [("C", "X", 2), ("D", "A", 3), ("D", "Z", -2), ("E", "Y", 4), ("E", "B", -1)]
    first = blocs(from_edges(edges))
    for seed in range(3):
        shuffled = edges[:]
        random.Random(seed).shuffle(shuffled)
        again = blocs(from_edges(shuffled))
        assert again.blocs == first.blocs and again.membership() == first.membership()


def test_bloc_ids_largest_first_and_frames():
    result = blocs(from_edges([*WEST, ("A", "D", 5), ("B", "D", 5), *EAST, *ACROSS]))
    assert [len(b.actors) for b in result.blocs] == [4, 3]
    assert result.bloc_of("d") == 1 and result.bloc_of("X") == 2
    frame = result.frame()
    assert list(frame["bloc"]) == [1, 2] and list(frame["size"]) == [4, 3]
    members = result.members()
    assert list(members.columns) == ["code", "name", "kind", "events", "bloc"]
    assert list(members["bloc"]) == [1, 1, 1, 1, 2, 2, 2]
    assert result.relations_frame().loc[0, "weight"] == -18.0
    data = result.to_dict()
    assert data["blocs"][0]["actors"][:2] == ["A", "B"] and data["balance"] == 1.0


def test_compare_matches_blocs_and_lists_moves():
    before = from_edges([*WEST, ("A", "D", 4), ("B", "D", 4), *EAST, ("A", "X", -5), ("D", "Y", -4),
                         ("C", "Z", -5)])  # fmt: skip
    # D changes sides, W joins the West, Z is gone.
    after = from_edges([*WEST, ("A", "W", 4), ("B", "W", 4), ("X", "Y", 5), ("X", "D", 5), ("Y", "D", 5),
                        ("A", "X", -5), ("D", "B", -4), ("C", "Y", -5)])  # fmt: skip
    first, second = blocs(before), blocs(after)
    assert groups(first) == {frozenset("ABCD"), frozenset("XYZ")}
    assert groups(second) == {frozenset("ABCW"), frozenset("DXY")}
    change = compare(first, second)
    pairs = {(m.before, m.after): m for m in change.matches}
    west = pairs[(first.bloc_of("A"), second.bloc_of("A"))]
    assert west.jaccard == 0.6 and west.shared == ("A", "B", "C")
    assert pairs[(first.bloc_of("X"), second.bloc_of("X"))].jaccard == 0.5
    moves = {(c.actor, c.change) for c in change.changes}
    assert moves == {("D", "moved"), ("W", "joined"), ("Z", "left")}
    moved = next(c for c in change.changes if c.actor == "D")
    assert (moved.before, moved.after) == (first.bloc_of("A"), second.bloc_of("X"))
    assert change.balance_change == 0.0 and change.frustration_change == 0.0
    assert list(change.changes_frame()["change"]) == ["moved", "joined", "left"]


def test_compare_a_new_bloc_has_no_match():
    first = blocs(from_edges(WEST))
    second = blocs(from_edges([*WEST, ("P", "Q", 3), ("A", "P", -4)]))
    change = compare(first, second)
    unmatched = [m for m in change.matches if m.before is None]
    assert len(unmatched) == 1 and unmatched[0].after == second.bloc_of("P")
    assert {(c.actor, c.change) for c in change.changes} == {("P", "joined"), ("Q", "joined")}


def test_restarts_must_be_positive():
    with pytest.raises(ValueError):
        blocs(from_edges(WEST), restarts=0)
