"""Helpers for the events modules: one analysed sentence of our own, and trigger matches made
by hand so the role, claim and dating tests do not hang on the trigger lexicon's wording."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from diplograph.events.groups import ActorGroup, group_mentions, split_clauses, token_spans
from diplograph.events.rules import EventRules, event_rules
from diplograph.events.triggers import Trigger, TriggerMatch
from diplograph.model import ActorMention, Entity, OutletMention, Sentence, TimeExpression
from diplograph.text.normalize import NormText, normalize

PUBLISHED = "2025-01-13"


@dataclass
class ReadSentence:
    """The first sentence of a text, analysed by the pipeline, in the shapes the events modules take."""

    norm: NormText
    sent: Sentence
    mentions: list[ActorMention]
    outlets: list[OutletMention]
    times: list[TimeExpression]
    rules: EventRules

    @property
    def words(self) -> list[str]:
        return [t.text.lower() for t in self.sent.tokens]

    @property
    def spans(self) -> list[tuple[int, int]]:
        return token_spans(self.norm, self.sent)

    def groups(self) -> list[ActorGroup]:
        return group_mentions(self.mentions, self.spans, self.words, self.rules)

    def clauses(self) -> list[tuple[int, int]]:
        return split_clauses(self.words, self.groups(), self.rules)

    def index(self, word: str) -> int:
        """Token index of the first occurrence of ``word`` (lower case)."""
        return self.words.index(word)

    def group_with(self, code: str) -> ActorGroup:
        return next(g for g in self.groups() if code in g.codes)


@pytest.fixture(scope="session")
def sentence(read):
    """``sentence("Polen lieferte …", "de", index=0)``: one sentence of our own, analysed."""

    def _sentence(text: str, lang: str, index: int = 0) -> ReadSentence:
        doc = read(text, lang=lang, published=PUBLISHED)
        return ReadSentence(
            norm=normalize(text),
            sent=doc.sentences[index],
            mentions=[m for m in doc.actors if m.sentence == index],
            outlets=[o for o in doc.outlets if o.sentence == index],
            times=[t for t in doc.times if t.sentence == index],
            rules=event_rules(lang),
        )

    return _sentence


def make_match(
    type_: str,
    *positions: int,
    target_preps: frozenset[str] = frozenset(),
    symmetric: bool = False,
    flags: frozenset[str] = frozenset(),
    cameo: str = "010",
    mode: str | None = None,
) -> TriggerMatch:
    """A trigger of ``type_`` found at token ``positions``."""
    trigger = Trigger(
        pattern=type_.lower(),
        elements=(),
        type=type_,
        mode=mode,
        target_preps=target_preps,
        symmetric=symmetric,
        cameo=cameo,
        flags=flags,
        line=0,
    )
    return TriggerMatch(trigger, positions)


def actor(code: str, text: str | None = None, *, start: int = 0, form: str = "name") -> ActorMention:
    """A mention of a state ``code``, for records built by hand."""
    name = text or code
    return ActorMention(name, start, start + len(name), Entity(code, code, name, "state"), form)
