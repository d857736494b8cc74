"""Blocs of the synthetic corpus, whose world has a Western camp and a Russia–China camp that cooperate
inside and clash across (benchmarks/corpus_generator.py): the analysis must find them."""

from __future__ import annotations

from contextlib import closing

import pytest

from diplograph.graph import compare_windows, find_blocs, signed_network
from diplograph.store import query

FIRST_HALF = ("2023-01", "2024-06")
SECOND_HALF = ("2024-07", "2025-12")


@pytest.fixture(scope="module")
def con(synthetic_store):
    with closing(query.open_store(synthetic_store)) as connection:
        yield connection


def random_sign_balance(graph) -> float:
    """Share of balanced triangles expected if the network's signs were shuffled among its edges."""
    signs = [d["weight"] > 0 for _, _, d in graph.edges(data=True) if d["weight"]]
    p = sum(signs) / len(signs)
    return p**3 + 3 * p * (1 - p) ** 2


def test_blocs_separate_the_two_camps(con, camps):
    result = find_blocs(con)
    of = result.membership()
    assert of["USA"] == of["GBR"] == of["UKR"]
    assert of["RUS"] == of["CHN"] == of["IRN"]
    assert of["USA"] != of["RUS"]
    # Camp states (W or B) that share a bloc are mostly of the same camp.
    placed = [code for code in of if camps.get(code) in ("W", "B")]
    pairs = [(a, b) for i, a in enumerate(placed) for b in placed[i + 1 :]]
    right = sum((of[a] == of[b]) == (camps[a] == camps[b]) for a, b in pairs)
    assert right / len(pairs) > 0.8
    # The two camps' blocs clash; each cooperates inside.
    west, east = of["USA"], of["RUS"]
    relation = next(r for r in result.relations if {r.first, r.second} == {west, east})
    assert relation.weight < 0 and relation.conflict_events > relation.cooperation_events
    for bloc in (result.blocs[west - 1], result.blocs[east - 1]):
        assert bloc.cooperation > 3 * bloc.conflict


def test_the_network_is_largely_balanced(con):
    result = find_blocs(con)
    graph = signed_network(con)
    assert result.frustration is not None and result.frustration < 0.15  # the blocs explain > 85 % of tie weight
    assert result.triangles > 100
    assert result.balance is not None and result.balance > random_sign_balance(graph)
    assert result.weighted_balance is not None and result.weighted_balance > 0.6


def test_same_store_same_blocs(con):
    assert find_blocs(con, *FIRST_HALF) == find_blocs(con, *FIRST_HALF)


def test_two_windows_compared(con):
    change = compare_windows(con, FIRST_HALF, SECOND_HALF)
    before, after = change.before, change.after
    for window in (before, after):
        of = window.membership()
        assert of["USA"] != of["RUS"] and of["RUS"] == of["CHN"]
    partner = {m.before: m.after for m in change.matches if m.before is not None}
    assert partner[before.bloc_of("USA")] == after.bloc_of("USA")
    assert partner[before.bloc_of("RUS")] == after.bloc_of("RUS")
    moved = {c.actor for c in change.changes}
    assert not moved & {"USA", "RUS", "CHN", "UKR", "IRN"}
    for c in change.changes:  # every listed change follows the definitions
        if c.change == "moved":
            assert c.before is not None and c.after is not None and partner.get(c.before) != c.after
        elif c.change == "joined":
            assert c.before is None and c.actor not in before.membership()
        else:
            assert c.after is None and c.actor not in after.membership()
    assert change.balance_change == round(after.balance - before.balance, 4)
    assert change.frustration_change == round(after.frustration - before.frustration, 4)
    assert set(change.changes_frame().columns) == {"actor", "change", "before", "after"}
