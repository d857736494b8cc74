"""Score coded events against gold events.

Matching (our reading of the corpus guideline): a system event matches a gold event when
its type is the gold type or one of the gold ``alt_types``, and its actor codes agree — as
one set (source and target together) when the gold event is symmetric, else source with
source and target with target. Each gold event matches at most one system event; exact
type and direction are paired first, then alternatives. A matched
``optional`` gold event is neither rewarded nor punished: it leaves both sides. Date,
modality and attribution are then compared on the matched (non-optional) pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from diplograph.actors.kb import KnowledgeBase
from diplograph.evaluation.causes import explain
from diplograph.evaluation.reading import ReadingScore, gold_pairs, load_article, score_reading
from diplograph.model import Document, Event, Participant
from diplograph.pipeline import Options, analyze


@dataclass(slots=True)
class EventScore:
    id: str
    lang: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    date_right: int = 0
    modality_right: int = 0
    attribution_right: int = 0
    misses: list[dict] = field(default_factory=list)
    extras: list[Event] = field(default_factory=list)
    disagreements: list[tuple[dict, Event, str]] = field(default_factory=list)  # (gold, event, which field)
    confidences: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, correct) per system event
    miss_causes: list[str] = field(default_factory=list)  # evaluation.causes, one per miss
    extra_causes: list[str] = field(default_factory=list)  # ... one per extra


def _codes(participants: tuple[Participant, ...]) -> frozenset[str]:
    return frozenset(p.entity.code for p in participants)


def compatible(event: Event, gold: dict) -> bool:
    if event.type != gold["type"] and event.type not in gold.get("alt_types", []):
        return False
    source, target = _codes(event.source), _codes(event.target)
    gold_source, gold_target = frozenset(gold["source"]), frozenset(gold["target"])
    if gold.get("symmetric") or event.symmetric:
        return source | target == gold_source | gold_target
    return source == gold_source and target == gold_target


def attribution_matches(event: Event, gold: dict, outlet_names: dict[str, str] | None = None) -> bool:
    """Equal when both are null, or the gold names the outlet (by any alias) or actor code."""
    expected = gold.get("attribution")
    found = event.attribution
    if expected is None or found is None:
        return expected is None and found is None
    canonical = (outlet_names or {}).get(expected.lower(), expected)
    return expected in (found.name, found.code) or canonical == found.name


def outlet_aliases(kb: KnowledgeBase) -> dict[str, str]:
    """Every written form of an outlet, lower-cased, to its name ("ap" -> "Associated Press")."""
    names: dict[str, str] = {}
    for outlet in kb.outlets.values():
        for alias in (outlet.name, *outlet.aliases):
            names.setdefault(alias.lower(), outlet.name)
    return names


def _closeness(event: Event, gold: dict) -> int:
    """How exactly a compatible event fits: its own type and direction beat an alternative
    type or a direction-free match, so one event cannot take a gold event another fits better."""
    exact_type = event.type == gold["type"]
    exact_roles = (_codes(event.source), _codes(event.target)) == (frozenset(gold["source"]), frozenset(gold["target"]))
    return 2 * exact_type + exact_roles


def _best_pairs(gold_events: list[dict], events: list[Event]) -> dict[int, Event]:
    """Gold index -> system event: the most required gold events matched, then the most
    optional ones, then the closest fits (maximum-weight bipartite matching)."""
    graph = nx.Graph()
    for n, g in enumerate(gold_events):
        for k, e in enumerate(events):
            if compatible(e, g):
                weight = (1 if g.get("optional") else 1000) * 100 + 10 * _closeness(e, g)
                weight += (e.date == g.get("date")) + (e.modality == g.get("modality"))
                graph.add_edge(("gold", n), ("ours", k), weight=weight)
    pairs = {}
    for a, b in nx.max_weight_matching(graph):
        (_, n), (_, k) = sorted((a, b))
        pairs[n] = events[k]
    return pairs


def score_events(doc: Document, gold: dict, outlet_names: dict[str, str] | None = None) -> EventScore:
    score = EventScore(doc.article.id, doc.lang)
    unmatched = list(doc.events)
    gold_events = sorted(gold.get("events", []), key=lambda g: bool(g.get("optional")))
    pairs = _best_pairs(gold_events, unmatched)
    for best in pairs.values():
        unmatched.remove(best)
    for n, g in enumerate(gold_events):
        best = pairs.get(n)
        if best is None:
            if not g.get("optional"):
                score.false_negatives += 1
                score.misses.append(g)
            continue
        if g.get("optional"):
            continue
        score.true_positives += 1
        score.confidences.append((best.confidence, True))
        checks = {
            "date": best.date == g.get("date"),
            "modality": best.modality == g.get("modality"),
            "attribution": attribution_matches(best, g, outlet_names),
        }
        score.date_right += checks["date"]
        score.modality_right += checks["modality"]
        score.attribution_right += checks["attribution"]
        score.disagreements.extend((g, best, name) for name, right in checks.items() if not right)
    score.false_positives = len(unmatched)
    score.extras = unmatched
    score.confidences.extend((e.confidence, False) for e in unmatched)
    score.miss_causes, score.extra_causes = explain(doc, gold_events, score.misses, score.extras)
    return score


def evaluate(gold_dir: Path, *, options: Options) -> list[tuple[ReadingScore, EventScore]]:
    results = []
    outlet_names = outlet_aliases(options.kb) if options.kb else {}
    for text_path, gold_path in gold_pairs(gold_dir):
        doc = analyze(load_article(text_path, options), options=options)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        results.append((score_reading(doc, gold), score_events(doc, gold, outlet_names)))
    return results


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
