"""Why a gold event was missed or a system event is extra: the likeliest cause of each error.

A score says how many events went wrong; the next round of work should start from the
biggest class of error, so each miss and extra gets one cause, read from what the system
produced for the same document. Gold evidence quotes are located in the normalised text
(whitespace-insensitive, as the corpus guideline counts line breaks and runs of spaces as
one space) and compared with system events sentence by sentence.

Pure functions over gold dicts and :class:`~diplograph.model.Event` records: no analysis here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from diplograph.model import Document, Event, Sentence

TRIGGER_NOT_FOUND: Final = "trigger not found"
ACTOR_NOT_FOUND: Final = "actor not found"
WRONG_TYPE: Final = "wrong type"
WRONG_ROLE: Final = "wrong role"
EMPTY_TARGET: Final = "empty target"
CLAIM_NOT_NESTED: Final = "claim not nested"
NO_GOLD_HERE: Final = "no gold event here"
OTHER: Final = "other"

MISS_CAUSES: Final = (TRIGGER_NOT_FOUND, ACTOR_NOT_FOUND, WRONG_TYPE, WRONG_ROLE, EMPTY_TARGET, CLAIM_NOT_NESTED, OTHER)
EXTRA_CAUSES: Final = (NO_GOLD_HERE, WRONG_TYPE, WRONG_ROLE, OTHER)

# Verbal acts that report a claim ("Kyiv accuses Tehran of supplying drones") rather than the
# claimed act itself, which the guideline codes separately, attributed to the speaker.
SPEECH_TYPES: Final = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})


class GoldAt(NamedTuple):
    """A gold event and the sentences its evidence quotes were found in (empty: not found)."""

    event: dict
    sentences: frozenset[int]


def _squash(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace or soft hyphens, and each kept character's offset in ``text``."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace() and c != "\u00ad"]
    return "".join(c for _i, c in kept), [i for i, _c in kept]


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """The span of ``quote`` in ``text``, ignoring whitespace; ``None`` when it is not there."""
    squashed_quote, _ = _squash(quote)
    if not squashed_quote:
        return None
    squashed, offsets = _squash(text)
    at = squashed.find(squashed_quote)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(squashed_quote) - 1] + 1


def quote_sentences(quotes: Iterable[str], text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    """Indices of the sentences that any located quote overlaps."""
    found: set[int] = set()
    for quote in quotes:
        span = locate(quote, text)
        if span is None:
            continue
        start, end = span
        found.update(i for i, s in enumerate(sentences) if s.start < end and start < s.end)
    return frozenset(found)


def _codes(event: Event) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(p.entity.code for p in event.source), frozenset(p.entity.code for p in event.target)


def _sentences(event: Event) -> frozenset[int]:
    return frozenset(e.sentence for e in event.evidence)


def _type_fits(event: Event, gold: dict) -> bool:
    return event.type == gold["type"] or event.type in gold.get("alt_types", [])


def _roles_fit(event: Event, gold: dict) -> bool:
    """The actor codes agree, as the matcher has it: one set when symmetric, else role by role."""
    source, target = _codes(event)
    gold_source, gold_target = frozenset(gold["source"]), frozenset(gold["target"])
    if gold.get("symmetric") or event.symmetric:
        return source | target == gold_source | gold_target
    return source == gold_source and target == gold_target


def _same_actors(event: Event, gold: dict) -> bool:
    source, target = _codes(event)
    return source | target == frozenset(gold["source"]) | frozenset(gold["target"])


def classify_miss(gold: dict, sentences: frozenset[int], events: Sequence[Event], actor_codes: frozenset[str]) -> str:
    """The likeliest reason no system event matched ``gold``.

    ``sentences`` are where its evidence was found, ``events`` all the system's events for
    the document, ``actor_codes`` the codes of all its actor mentions. An actor never read
    comes first (no event could have matched); then what the system made of the evidence
    sentences: nothing, the right type with wrong actors, a bare speech act, or the right
    actors with another type.
    """
    if not set(gold["source"]) | set(gold["target"]) <= actor_codes:
        return ACTOR_NOT_FOUND
    if not sentences:
        return OTHER  # its evidence is not in the text: nothing to compare with
    here = [e for e in events if _sentences(e) & sentences]
    if not here:
        return TRIGGER_NOT_FOUND
    if any(_type_fits(e, gold) and _roles_fit(e, gold) for e in here):
        return OTHER  # a fitting event exists but another gold event took it
    same_type = [e for e in here if _type_fits(e, gold)]
    if gold["target"] and any(_codes(e)[0] == frozenset(gold["source"]) and not e.target for e in same_type):
        return EMPTY_TARGET
    if same_type:
        return WRONG_ROLE
    claimant = gold.get("attribution")
    if claimant in actor_codes and gold["type"] not in SPEECH_TYPES and any(e.type in SPEECH_TYPES for e in here):
        return CLAIM_NOT_NESTED
    if any(_same_actors(e, gold) for e in here):
        return WRONG_TYPE
    return OTHER


def classify_extra(event: Event, gold: Sequence[GoldAt]) -> str:
    """The likeliest reason ``event`` matched no gold event: nothing annotated in its
    sentences, or a gold event there with its type (roles wrong) or its actors (type wrong)."""
    here = [g.event for g in gold if g.sentences & _sentences(event)]
    if not here:
        return NO_GOLD_HERE
    if any(_type_fits(event, g) and not _roles_fit(event, g) for g in here):
        return WRONG_ROLE
    if any(_same_actors(event, g) and not _type_fits(event, g) for g in here):
        return WRONG_TYPE
    return OTHER


def explain(
    doc: Document, gold_events: Sequence[dict], misses: Sequence[dict], extras: Sequence[Event]
) -> tuple[list[str], list[str]]:
    """Causes of ``misses`` and ``extras`` (in their order) for one analysed document."""
    located = [GoldAt(g, quote_sentences(g.get("evidence", []), doc.norm_text, doc.sentences)) for g in gold_events]
    where = {id(g.event): g.sentences for g in located}
    actor_codes = frozenset(m.entity.code for m in doc.actors)
    miss_causes = [classify_miss(g, where.get(id(g), frozenset()), doc.events, actor_codes) for g in misses]
    return miss_causes, [classify_extra(e, located) for e in extras]
