"""Actor groups and clauses: the phrases event roles are read from.

Actors joined by "und"/"and" (or a list closed by one) form a group; a comma without a
conjunction ends one. A group remembers the preposition that governs it ("gegen Iran",
"sanctions on Iran"), which decides whether it can be a subject. Clauses are cut at
semicolons, dashes and commas before a clause opener.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from diplograph.events.rules import EventRules
from diplograph.model import ActorMention, Sentence
from diplograph.text.normalize import NormText


@dataclass(slots=True)
class ActorGroup:
    """Actors named together ("Russland und der Iran"), as token indices of one sentence."""

    mentions: list[ActorMention]
    first: int
    last: int  # inclusive
    bounds: list[tuple[int, int]] = field(default_factory=list)  # token range of each mention
    preposition: str | None = None  # the preposition governing the group, if any
    marker: str | None = None  # the word before the group (after determiners): "of", "on", "gegen"
    mediator: tuple[int, int] | None = None  # token range of "unter Vermittlung" before a mediator

    @property
    def codes(self) -> tuple[str, ...]:
        """Actor codes in order of mention, each once ("Putin und Russland" is one actor)."""
        return tuple(dict.fromkeys(m.entity.code for m in self.mentions))


def token_spans(norm: NormText, sent: Sentence) -> list[tuple[int, int]]:
    """Raw-text span of each token of ``sent``: mentions and evidence are offsets in the raw text."""
    return norm.raw_spans([(t.start, t.end) for t in sent.tokens])


def group_mentions(
    mentions: list[ActorMention],
    spans: list[tuple[int, int]],
    words: list[str],
    rules: EventRules,
    cased: list[str] | None = None,
) -> list[ActorGroup]:
    """Join mentions separated only by connectors into groups; note governing prepositions.
    ``cased``: the tokens as written, where nouns are capitalised (German)."""
    located = []
    starts = [s for s, _e in spans]
    ends = [e for _s, e in spans]
    for m in mentions:
        # Tokens overlapping the mention (a compound part such as "US" in "US-Präsident" too).
        first = max(bisect_right(starts, m.start) - 1, 0)
        last = max(bisect_left(ends, m.end), first)
        if first >= len(spans) or spans[first][1] <= m.start:
            first += 1
        last = min(last, len(spans) - 1)
        if first > last:
            continue
        located.append((first, last, m))
    located.sort(key=lambda x: (x[0], x[1]))
    dateline = dateline_end(words, spans)
    located = [
        (first, last, m) for first, last, m in located
        if first > dateline
        and not (m.form == "adjective" and _modifies_material(words, last, rules))
        and not _names_feature(words, first, last, rules)
    ]  # fmt: skip
    groups: list[ActorGroup] = []
    joins: list[list[str]] = []  # the connector words of each join, per group
    for first, last, m in located:
        if groups:
            g = groups[-1]
            between = words[g.last + 1 : first]
            # Side by side with nothing between, two different actors are two phrases ("dass
            # Russland Litauen bedroht"); the same actor named twice is one ("US-Präsident Trump").
            adjacent_others = not between and first > g.last and m.entity.code not in g.codes
            joined = (
                not adjacent_others
                and (
                    all(w in rules.group_connectors for w in between)
                    or (
                        any(w in rules.conjunctions for w in between)
                        and all(w in rules.group_connectors or w in rules.determiners for w in between)
                    )
                )
                and _partners_present(words, g.first, first, between, rules)
            )
            if first <= g.last or joined:
                joins[-1].append(" ".join(between) if first > g.last else "")
                g.mentions.append(m)
                g.bounds.append((first, last))
                g.last = max(g.last, last)
                continue
        groups.append(ActorGroup([m], first, last, [(first, last)]))
        joins.append([])
    groups = [part for g, seps in zip(groups, joins, strict=True) for part in _split_bare_comma(g, seps, rules)]
    named = frozenset(i for first, last, _m in located for i in range(first, last + 1))
    for g in groups:
        k = g.first - 1
        if k >= 0 and words[k] in ("sowohl", "both"):
            k -= 1
        if k >= 0 and words[k] in rules.determiners:
            k -= 1  # one article only: in "in der der Iran" the first "der" is a relative pronoun
        possessor = g.last + 1 < len(words) and words[g.last + 1] in ("'s", "’s")
        if k >= 0:
            g.marker = words[k]
        if k >= 0 and words[k] in rules.prepositions and not possessor:
            g.preposition = words[k]
        # "a strike against a vessel from Venezuela", "im Osten der DR Kongo": the group
        # qualifies a noun, so the phrase's own preposition governs it.
        qualifies = (g.preposition is None or g.preposition in rules.origin_prepositions) and not possessor
        if qualifies and (governing := _phrase_preposition(words, cased or words, g.first, rules, named)):
            g.preposition = g.marker = governing
        g.mediator = _mediator_marker(words, g.first, rules)
    return groups


def _partners_present(words: list[str], group_first: int, first: int, between: list[str], rules: EventRules) -> bool:
    """A paired connector joins only with its partner nearby: "X as well as Y", "sowohl X als
    auch Y"; "sanctions on Syria as the West" are two groups."""
    window = words[max(group_first - 2, 0) : first + 2]
    return all(
        any(partner in window for partner in rules.paired_connectors[w])
        for w in between
        if w in rules.paired_connectors
    )


def _names_feature(words: list[str], first: int, last: int, rules: EventRules) -> bool:
    """A state's name inside a place name: "the Sea of Japan", "the South China Sea", "das
    Japanische Meer", "der Golf von Mexiko"."""
    after = words[last + 1] if last + 1 < len(words) else ""
    before = words[first - 2] if first >= 2 and words[first - 1] in ("of", "von") else ""
    return after in rules.feature_nouns or before in rules.feature_nouns


def _phrase_preposition(
    words: list[str], cased: list[str], first: int, rules: EventRules, named: frozenset[int] = frozenset()
) -> str | None:
    """The preposition of a phrase whose noun this group qualifies as a genitive or an origin: "im
    Osten der DR Kongo", "at a meeting of the Security Council", "nach Angaben des
    Vermittlerstaats Katar", "a strike against a vessel from Venezuela". Such a group is inside
    that phrase: no subject, and a target only where the frame takes that preposition ("attacks
    on the capital of Ukraine"). ``named``: token positions of actor mentions."""
    k = first - 1
    links = rules.genitive_links | rules.origin_prepositions
    if k >= 0 and words[k] not in links and words[k] in rules.determiners:
        k -= 1  # "of the Security Council"
    origin = k >= 0 and words[k] in rules.origin_prepositions
    if not origin and k >= 1 and words[k] not in links and words[k].isalpha():
        k -= 1  # an apposition noun: "des Vermittlerstaats Katar", "of the mediator Qatar"
        if k >= 0 and words[k] not in links and words[k] in rules.determiners:
            k -= 1
    if k < 2 or (words[k] not in rules.genitive_links and not origin):
        return None
    if rules.capitalised_nouns and not cased[k - 1][:1].isupper():
        return None  # "trafen der russische Präsident und …": a verb, so "der" is no genitive
    if k - 1 in named:
        return None  # the noun before is itself an actor ("von Frankreich aus dem Tschad")
    # Back over the phrase's noun (and its article and adjectives) to its preposition.
    for j in range(k - 1, max(k - 5, -1), -1):
        word = words[j]
        if word in rules.prepositions:
            # An origin qualifies a noun phrase only with its article: "against a vessel from
            # Venezuela", not "to withdraw from Syria" (a verb is no noun).
            if origin and not any(w in rules.determiners for w in words[j + 1 : k]):
                return None
            return word if j < k - 1 else None
        if not word.isalpha() or word in rules.clause_openers - rules.determiners:
            return None
        if rules.capitalised_nouns and j < k - 1 and cased[j][:1].isupper():
            return None  # another noun: "die von Ruanda unterstützten Rebellen der M23"
    return None


def _mediator_marker(words: list[str], first: int, rules: EventRules) -> tuple[int, int] | None:
    """Token range of a mediator phrase ending right before the group (its article skipped)."""
    end = first - 1 if first >= 1 and words[first - 1] in rules.determiners else first
    for phrase in rules.mediator_markers:
        start = end - len(phrase)
        if start >= 0 and tuple(words[start:end]) == phrase:
            return start, end - 1
    return None


def dateline_end(words: list[str], spans: list[tuple[int, int]]) -> int:
    """Index of the dash ending a dateline ("Luxemburg - Die EU …", "MOSCOW (Reuters) —"), or -1;
    a hyphen written against the word before it joins words ("the U.S.-brokered truce")."""
    for i, word in enumerate(words[:8]):
        if word in ("-", "–", "—"):
            return i if i == 0 or spans[i - 1][1] < spans[i][0] else -1
        if word not in (",", "(", ")", "/") and not word[:1].isalpha():
            return -1
    return -1


def _modifies_material(words: list[str], last: int, rules: EventRules) -> bool:
    """ "iranische Kamikazedrohnen", "Iranian-made missiles": where a weapon comes from, not who acts."""
    following = words[last + 1] if last + 1 < len(words) else ""
    return following.endswith(rules.material_nouns)


def _split_bare_comma(group: ActorGroup, seps: list[str], rules: EventRules) -> list[ActorGroup]:
    """ "Iran, Russland mit Drohnen zu beliefern", "…and France, U.S. President Joe Biden said":
    a comma ends a group unless a conjunction later closes the list ("Russland, China und
    Iran") or it sets off an apposition of the same actor ("seinem Amtskollegen, Massoud
    Pezeshkian")."""
    for k, sep in enumerate(seps):
        if sep != ",":
            continue
        closes_list = any(w in rules.conjunctions for later in seps[k + 1 :] for w in later.split())
        same_actor = group.mentions[k].entity.code == group.mentions[k + 1].entity.code
        if closes_list or same_actor:
            continue
        head = ActorGroup(
            group.mentions[: k + 1], group.first, max(e for _s, e in group.bounds[: k + 1]), group.bounds[: k + 1]
        )
        tail_bounds = group.bounds[k + 1 :]
        tail = ActorGroup(group.mentions[k + 1 :], tail_bounds[0][0], group.last, tail_bounds)
        return [head, *_split_bare_comma(tail, seps[k + 1 :], rules)]
    return [group]


def split_clauses(
    words: list[str], groups: list[ActorGroup], rules: EventRules, verbs: frozenset[int] = frozenset()
) -> list[tuple[int, int]]:
    """Token ranges of clauses: split at ; and at a comma followed by a clause opener; a
    relative clause set off by commas ends at the next comma ("Putin, who visited Seoul, said").
    ``verbs``: positions of verbs; a comma or conjunction right before one starts a coordinated
    verb phrase ("Russia attacked Ukraine and threatened Poland"), which is a clause of its own."""
    bounds = [0]
    in_relative = False
    n = len(words)
    breakers = rules.clause_breakers
    for i in [i for i, word in enumerate(words) if word in breakers]:
        word = words[i]
        if word == "," and in_relative:
            bounds.append(i + 1)
            in_relative = False
            continue
        opens = i + 1 < n and (
            words[i + 1] in rules.clause_openers
            or words[i + 1] in rules.subject_pronouns  # reported speech: "sagte, er werde …"
            or (bool(rules.clause_opener_suffixes) and words[i + 1].endswith(rules.clause_opener_suffixes))
        )
        if word in (";", "–", "—") or (word == "," and (opens or i + 1 in verbs)):
            bounds.append(i + 1)
            in_relative = word == "," and words[i + 1] in rules.relative_pronouns
        elif word in rules.bare_clause_openers and i > 0:
            bounds.append(i)
    bounds.extend(i for i in range(1, n - 1) if words[i] in rules.conjunctions and i + 1 in verbs)
    bounds.append(n)
    bounds = sorted(set(bounds))
    return [(a, b) for a, b in pairwise(bounds) if b > a]
