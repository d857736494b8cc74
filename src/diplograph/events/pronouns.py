"""Who a pronoun stands for, where the events stage needs to know: a clause opened by "he",
"it" or "er" continues someone named before (the speaker, the sentence's subject, the previous
sentence's), and a speaker is no "they"."""

from __future__ import annotations

from diplograph.events.groups import ActorGroup
from diplograph.events.rules import EventRules
from diplograph.events.triggers import TriggerMatch
from diplograph.model import ActorMention


def speaker_pronoun(clause: list[str], speaker: ActorGroup, rules: EventRules) -> bool:
    """Whether the pronoun nearest before the trigger can stand for the speaker: "Netanyahu said
    he would respond", not "Ryder said: we fear they will attack" (a person is no "they")."""
    person = len(speaker.codes) == 1 and all(m.form in ("person", "role") for m in speaker.mentions)
    nearest = next((w for w in reversed(clause) if w in rules.pronouns), None)
    return nearest is not None and not (person and nearest in rules.plural_pronouns)


def pronoun_referent(
    number: int,
    start: int,
    speakers: list[tuple[ActorGroup, int]],
    main_subject: ActorGroup | None,
    previous_subject: list[ActorMention] | None,
) -> ActorGroup | None:
    """Who a clause-opening pronoun stands for: the speaker whose verb of saying comes before
    the clause, else the sentence's subject (in a later clause) or the previous sentence's."""
    said = [g for g, verb in speakers if verb < start]
    if said:
        return said[-1]
    if number > 0:
        return main_subject
    return ActorGroup(list(previous_subject), -1, -1) if previous_subject else None


def pronoun_subject(words: list[str], start: int, match: TriggerMatch, rules: EventRules) -> bool:
    """A personal pronoun opens the clause before its verb: "It has offered", "Er kündigte an"."""
    return start < match.head and words[start] in rules.subject_pronouns
