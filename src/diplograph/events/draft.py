"""An event mention as one sentence codes it, before mentions of the same event merge."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from diplograph.events.triggers import TriggerMatch
from diplograph.model import ActorMention, Attribution, Evidence, Modality, Participant


@dataclass(slots=True)
class EventDraft:
    """An event mention before merging."""

    match: TriggerMatch
    source: list[ActorMention]
    target: list[ActorMention]
    modality: Modality
    attribution: Attribution | None
    date: str | None
    location: str | None
    evidence: Evidence
    confidence: float
    sentence: int
    companion: EventDraft | None = None  # the main event an undated purpose clause goes with
    indefinite: bool = False  # English present perfect: done, but not said when


def draft_confidence(
    match: TriggerMatch,
    source: list[ActorMention],
    target: list[ActorMention],
    from_context: bool,
    pronoun: bool = False,
) -> float:
    """How sure the coding is: named source and target and a multi-word trigger raise it; roles
    taken from context (less so when a pronoun stands for them) and a nominalised trigger
    without a target lower it."""
    score = 0.45
    score += 0.2 if source else 0.0
    score += 0.15 if (target or match.trigger.symmetric) else 0.0
    score += 0.1 if len(match.positions) > 1 else 0.0
    score -= (0.1 if pronoun else 0.15) if from_context else 0.0
    score -= 0.1 if "noun" in match.trigger.flags and not target else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def entity_codes(items: Iterable[ActorMention | Participant]) -> frozenset[str]:
    """The actor codes named, as a set: roles compare by who, not by how they are named."""
    return frozenset(item.entity.code for item in items)
