"""Word classes the events stage tells apart without a tagger: verbs from nouns, by the
lexicon and by how a word is written."""

from __future__ import annotations

from diplograph.events.rules import EventRules
from diplograph.events.triggers import TriggerMatch
from diplograph.model import Token


def verb_positions(
    matches: list[TriggerMatch], words: list[str], tokens: tuple[Token, ...], rules: EventRules
) -> frozenset[int]:
    """Where a trigger is surely a verb: a verb entry's head that no noun entry reads, or that
    is written as a verb (lower case where nouns are capitalised, "-ed" in English)."""
    verbal = {m.head for m in matches if "noun" not in m.trigger.flags}
    nominal = {m.head for m in matches if "noun" in m.trigger.flags}
    return frozenset(
        i for i in verbal
        if i not in nominal
        or (rules.capitalised_nouns and tokens[i].text[:1].islower())
        or (rules.verb_suffixes and words[i].endswith(rules.verb_suffixes))
    )  # fmt: skip


def after_determiner(tokens: tuple[Token, ...], index: int, rules: EventRules) -> bool:
    """A verb stem used as a noun: "the supply of", "the alleged recent delivery", "die Lieferung"."""
    for k in range(index - 1, max(index - 4, -1), -1):
        word = tokens[k].text
        lower = word.lower()
        if lower in rules.determiners:
            return True
        if (
            not (word.isalpha() and word.islower())
            or lower in rules.passive_auxiliaries
            or lower in rules.cues["planned"]
        ):
            return False
    return False


def written_verb(match: TriggerMatch, tokens: tuple[Token, ...], rules: EventRules) -> bool:
    """Whether a construction's words include a verb as written: where nouns are capitalised, a
    lower-case element after its noun ("hat Russland seine volle Unterstützung versichert") makes
    it a verb construction, not a noun phrase, even though an article precedes its noun."""
    if not rules.capitalised_nouns or len(match.positions) < 2:
        return False
    return any(tokens[i].text[:1].islower() for i in match.positions[1:])
