"""Blocs: groups of actors that cooperate inside and clash with each other, found in a signed network.

    g = signed_network(con, "2024-01", "2025-06", min_events=2)
    result = blocs(g)
    result.blocs[0].actors          # ('USA', 'UKR', 'DEU', ...)
    result.balance, result.frustration
    result.members()                # one row per actor: bloc, name, kind, events

Method. Signed community detection with the Leiden algorithm (``leidenalg`` on ``igraph``), in the
way its documentation recommends for negative links: the network is split into a positive and a
negative layer over the same actors, and one partition is optimised for both at once with layer
weights +1 and −1 — many positive ties inside blocs, many negative ties between them. Each layer uses
``RBConfigurationVertexPartition`` (modularity with a resolution parameter; 1.0 is plain modularity).
Its quality is not normalised, so each layer counts by its total weight and the combined objective is
the signed modularity of Gómez, Jensen & Arenas (2009), with a resolution as in Traag & Bruggeman (2009).
The default resolution is 0.5, not 1: news covers regional dyads (Middle East, East Asia, Ukraine), and
at 1 modularity splits each camp into such regional clusters. On the synthetic corpus
(``benchmarks/corpus_generator.py``: a Western and a Russia–China camp plus non-aligned states) 0.5
recovered the camps best (pairs of camp states put together or apart correctly, across corpus seeds and
windows) with nearly the frustration of a pure frustration-minimising partition (CPM at resolution 0),
which in turn scatters weakly tied actors into many one-actor blocs. The optimiser considers every
community for a move, not only neighbouring ones (``ALL_COMMS``), because with negative ties an
actor's best place may be with actors it has no tie to. Leiden is randomised: a fixed seed, several restarts (seed,
seed+1, …) and the best quality keep the result deterministic and less dependent on luck.

Balance. Structural balance theory calls a triangle balanced when the product of its edge signs is
positive (the friend of my friend is my friend, the enemy of my enemy is my friend). ``balance`` is
the share of balanced triangles among the network's signed triangles (``weighted_balance`` weighs each
by the strength of its ties); ``frustration`` is the share of
the absolute edge weight that contradicts the partition (negative inside a bloc, positive between
blocs): 0 for a perfect split into camps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import igraph as ig
import leidenalg
import networkx as nx
import pandas as pd

from diplograph.graph.defaults import DEFAULT_RESOLUTION, DEFAULT_SEED

DEFAULT_RESTARTS = 10


@dataclass(frozen=True, slots=True)
class Member:
    """One actor of the network with the bloc it was put in (``None``: isolated, no signed tie)."""

    code: str
    name: str
    kind: str | None
    events: int
    bloc: int | None


@dataclass(frozen=True, slots=True)
class Bloc:
    """Actors that cooperate inside. ``cooperation``/``conflict``: sums of the positive and of the
    absolute negative edge weights inside the bloc; the ``*_events`` counts count an event once per
    pair of members it links."""

    id: int  # 1 = the largest
    actors: tuple[str, ...]  # most active first
    cooperation: float
    conflict: float
    cooperation_events: int
    conflict_events: int

    @property
    def label(self) -> str:
        """Short name for tables: the three most active members."""
        head = ", ".join(self.actors[:3])
        return head + (f" +{len(self.actors) - 3}" if len(self.actors) > 3 else "")


@dataclass(frozen=True, slots=True)
class Relation:
    """What passes between two blocs: the signed sum of their actors' ties, its positive and
    negative parts, and the cooperation and conflict events."""

    first: int
    second: int
    weight: float
    positive: float
    negative: float
    cooperation_events: int
    conflict_events: int


@dataclass(frozen=True, slots=True)
class Blocs:
    """Blocs of one window, with the balance of its network. Empty when the window has no ties."""

    since: str | None
    until: str | None
    window_events: int  # events in the window (with the network's modalities)
    events: int  # those of them that linked two actors
    blocs: tuple[Bloc, ...]
    relations: tuple[Relation, ...]
    actors: tuple[Member, ...]
    triangles: int  # signed triangles
    balanced_triangles: int
    weighted_balance: float | None  # triangles weighted by the geometric mean of their |weights|
    frustration: float | None  # None: no signed tie
    quality: float | None  # the signed modularity objective reached (unnormalised)
    resolution: float
    seed: int
    min_events: int | None = None  # of the network it was found in
    undated: str | None = None

    @property
    def balance(self) -> float | None:
        """Share of balanced triangles; ``None`` when the network has no triangle."""
        return round(self.balanced_triangles / self.triangles, 4) if self.triangles else None

    @property
    def isolated(self) -> tuple[str, ...]:
        """Actors with events in the window but no tie that passed the thresholds."""
        return tuple(m.code for m in self.actors if m.bloc is None)

    def membership(self) -> dict[str, int]:
        """Actor code → bloc id (isolated actors are left out)."""
        return {m.code: m.bloc for m in self.actors if m.bloc is not None}

    def bloc_of(self, code: str) -> int | None:
        return self.membership().get(code.upper())

    def members(self) -> pd.DataFrame:
        """One row per actor: code, name, kind, events, bloc (NA when isolated), bloc first."""
        frame = pd.DataFrame([vars_(m) for m in self.actors], columns=["code", "name", "kind", "events", "bloc"])
        return frame.astype({"bloc": "Int64"})

    def frame(self) -> pd.DataFrame:
        """One row per bloc: id, size, actors, internal cooperation and conflict."""
        rows = [{"bloc": b.id, "size": len(b.actors), "actors": list(b.actors), "cooperation": b.cooperation,
                 "conflict": b.conflict, "cooperation_events": b.cooperation_events,
                 "conflict_events": b.conflict_events} for b in self.blocs]  # fmt: skip
        columns = ["bloc", "size", "actors", "cooperation", "conflict", "cooperation_events", "conflict_events"]
        return pd.DataFrame(rows, columns=columns)

    def relations_frame(self) -> pd.DataFrame:
        """One row per pair of blocs with any tie between them."""
        columns = ["first", "second", "weight", "positive", "negative", "cooperation_events", "conflict_events"]
        return pd.DataFrame([vars_(r) for r in self.relations], columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "since": self.since, "until": self.until, "window_events": self.window_events, "events": self.events,
            "blocs": [{**vars_(b), "actors": list(b.actors)} for b in self.blocs],
            "relations": [vars_(r) for r in self.relations],
            "balance": self.balance, "weighted_balance": self.weighted_balance, "triangles": self.triangles,
            "balanced_triangles": self.balanced_triangles,
            "frustration": self.frustration, "isolated": list(self.isolated),
            "members": [vars_(m) for m in self.actors],
            "method": {"algorithm": "leiden signed modularity", "resolution": self.resolution, "seed": self.seed,
                       "min_events": self.min_events, "undated": self.undated},
        }  # fmt: skip


def vars_(obj: Any) -> dict[str, Any]:
    """Fields of a slotted dataclass as a dict (``vars`` does not work with slots)."""
    return {name: getattr(obj, name) for name in obj.__slots__}


def blocs(
    graph: nx.Graph,
    *,
    resolution: float = DEFAULT_RESOLUTION,
    seed: int = DEFAULT_SEED,
    restarts: int = DEFAULT_RESTARTS,
) -> Blocs:
    """Partition a signed network (edge attribute ``weight``, as :func:`signed_network` builds it) into blocs.

    Args:
        resolution: higher gives more, smaller blocs; 1.0 is plain signed modularity (see the module docstring
            for why the default is 0.5).
        seed: first random seed; the same graph and seed always give the same blocs.
        restarts: Leiden runs (seeds ``seed`` … ``seed + restarts - 1``); the best signed modularity wins.
    """
    if restarts < 1:
        raise ValueError("restarts must be at least 1")
    signed = [(a, b, float(d.get("weight", 0.0))) for a, b, d in graph.edges(data=True)]
    signed = [(a, b, w) for a, b, w in signed if w != 0.0 and a != b]
    tied = sorted({a for a, _, _ in signed} | {b for _, b, _ in signed})
    membership, quality = _partition(tied, signed, resolution=resolution, seed=seed, restarts=restarts)

    # Bloc ids: largest first, then most active, then alphabetical, so that ids do not depend on the run.
    def events_of(code: str) -> int:
        return int(graph.nodes[code].get("events", 0)) if code in graph else 0

    groups: dict[int, list[str]] = {}
    for code, community in zip(tied, membership, strict=True):
        groups.setdefault(community, []).append(code)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), -sum(map(events_of, g)), min(g)))
    ordered = [sorted(g, key=lambda c: (-events_of(c), c)) for g in ordered]
    bloc_of = {code: i for i, group in enumerate(ordered, start=1) for code in group}

    inside = {i: _Tally() for i in range(1, len(ordered) + 1)}
    between: dict[tuple[int, int], _Tally] = {}
    for a, b, data in graph.edges(data=True):
        if a in bloc_of and b in bloc_of:
            i, j = sorted((bloc_of[a], bloc_of[b]))
            (inside[i] if i == j else between.setdefault((i, j), _Tally())).add(data)
    result_blocs = tuple(
        Bloc(id=i, actors=tuple(group), cooperation=round(inside[i].positive, 3), conflict=round(inside[i].negative, 3),
             cooperation_events=inside[i].cooperation, conflict_events=inside[i].conflict)
        for i, group in enumerate(ordered, start=1)
    )  # fmt: skip
    relations = tuple(
        Relation(first=i, second=j, weight=round(t.weight, 3), positive=round(t.positive, 3),
                 negative=round(t.negative, 3), cooperation_events=t.cooperation, conflict_events=t.conflict)
        for (i, j), t in sorted(between.items())
    )  # fmt: skip
    unplaced = len(ordered) + 1  # isolated actors are listed after every bloc
    members = tuple(
        Member(code=code, name=str(data.get("name") or code), kind=data.get("kind"), events=events_of(code),
               bloc=bloc_of.get(code))
        for code, data in sorted(graph.nodes(data=True),
                                 key=lambda item: (bloc_of.get(item[0], unplaced), -events_of(item[0]), item[0]))
    )  # fmt: skip
    triangles, balanced, weighted = triangle_balance(graph)
    linked = int(graph.graph.get("events", 0))
    return Blocs(
        since=graph.graph.get("since"), until=graph.graph.get("until"),
        window_events=int(graph.graph.get("window_events", linked)), events=linked,
        blocs=result_blocs, relations=relations, actors=members, triangles=triangles, balanced_triangles=balanced,
        weighted_balance=weighted,
        frustration=frustration(graph, bloc_of), quality=round(quality, 6) if quality is not None else None,
        resolution=resolution, seed=seed, min_events=graph.graph.get("min_events"), undated=graph.graph.get("undated"),
    )  # fmt: skip


@dataclass(slots=True)
class _Tally:
    """Running sums over the edges inside a bloc or between two blocs."""

    weight: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    cooperation: int = 0
    conflict: int = 0

    def add(self, edge: dict[str, Any]) -> None:
        weight = float(edge.get("weight", 0.0))
        self.weight += weight
        self.positive += float(edge.get("positive", max(weight, 0.0)))
        self.negative += float(edge.get("negative", max(-weight, 0.0)))
        self.cooperation += int(edge.get("cooperation", 0))
        self.conflict += int(edge.get("conflict", 0))


def _partition(
    nodes: list[str], edges: list[tuple[str, str, float]], *, resolution: float, seed: int, restarts: int
) -> tuple[list[int], float | None]:
    """Leiden on the positive and negative layers at once (weights +1/−1); the best of ``restarts`` runs."""
    if not nodes:
        return [], None
    index = {code: i for i, code in enumerate(nodes)}
    layers = []
    for sign in (1.0, -1.0):
        chosen = [(index[a], index[b], abs(w)) for a, b, w in edges if w * sign > 0]
        layer = ig.Graph(n=len(nodes), edges=[(i, j) for i, j, _ in chosen])
        layer.es["weight"] = [w for _, _, w in chosen]
        layers.append(layer)
    best: tuple[float, list[int]] | None = None
    for run in range(restarts):
        partitions = [
            leidenalg.RBConfigurationVertexPartition(layer, weights="weight", resolution_parameter=resolution)
            for layer in layers
        ]
        optimiser = leidenalg.Optimiser()
        optimiser.consider_comms = leidenalg.ALL_COMMS
        optimiser.set_rng_seed(seed + run)
        optimiser.optimise_partition_multiplex(partitions, layer_weights=[1, -1], n_iterations=-1)
        quality = partitions[0].quality() - partitions[1].quality()
        if best is None or quality > best[0] + 1e-9:
            best = (quality, list(partitions[0].membership))
    assert best is not None
    return best[1], best[0]


def triangle_balance(graph: nx.Graph) -> tuple[int, int, float | None]:
    """(signed triangles, balanced ones, weighted share of balanced ones).

    A triangle is balanced when the product of its signs is positive. The weighted share counts each
    triangle by the geometric mean of its absolute edge weights, so that triangles of strong, well
    reported ties count more than those closed by a single faint event. Edges of weight 0 (cooperation
    and conflict cancelling out) have no sign and close no triangle."""
    weight: dict[frozenset[str], float] = {}
    neighbours: dict[str, set[str]] = {}
    for a, b, d in graph.edges(data=True):
        w = float(d.get("weight", 0.0))
        if w == 0.0 or a == b:
            continue
        weight[frozenset((a, b))] = w
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    total = balanced = 0
    mass = balanced_mass = 0.0
    for u in sorted(neighbours):
        for v in sorted(n for n in neighbours[u] if n > u):
            for w in sorted(n for n in neighbours[u] & neighbours[v] if n > v):
                product = weight[frozenset((u, v))] * weight[frozenset((v, w))] * weight[frozenset((u, w))]
                strength = abs(product) ** (1 / 3)
                total += 1
                mass += strength
                if product > 0:
                    balanced += 1
                    balanced_mass += strength
    return total, balanced, (round(balanced_mass / mass, 4) if mass else None)


def frustration(graph: nx.Graph, membership: dict[str, int]) -> float | None:
    """Share of the absolute signed weight that contradicts the partition: negative weight inside
    blocs plus positive weight between them (actors without a bloc are each their own bloc)."""
    total = against = 0.0
    for a, b, d in graph.edges(data=True):
        w = float(d.get("weight", 0.0))
        if w == 0.0 or a == b:
            continue
        total += abs(w)
        same = a in membership and membership.get(a) == membership.get(b)  # no bloc: alone
        if (same and w < 0) or (not same and w > 0):
            against += abs(w)
    return round(against / total, 4) if total else None


def from_edges(edges: Iterable[tuple[str, str, float]]) -> nx.Graph:
    """A signed network from ``(a, b, weight)`` triples, each standing for one event, for hand-made
    examples and notebooks."""
    graph = nx.Graph()
    for a, b, w in edges:
        graph.add_edge(a, b, weight=float(w), positive=max(float(w), 0.0), negative=max(-float(w), 0.0),
                       events=1, cooperation=int(w > 0), conflict=int(w < 0))  # fmt: skip
    for code in graph.nodes:
        graph.nodes[code].update(name=code, kind=None, events=graph.degree(code))
    graph.graph.update(events=graph.number_of_edges(), window_events=graph.number_of_edges())
    return graph


__all__ = ["Bloc", "Blocs", "Member", "Relation", "blocs", "from_edges", "frustration", "triangle_balance"]
