"""Code events: triggers in clauses, roles from actor groups, modality, attribution, date.

Without a parser we lean on what news syntax makes reliable: actors joined by "und"/"and"
form a group; the first group of a clause not governed by a preposition is its subject (the
source); the target is the group a frame's preposition introduces ("Angriffe auf", "sanctions
on"), else the next group. Passives ("von der EU", "by Israel") swap that, relative clauses
take their antecedent, infinitive clauses the main subject, and an accusation's complement
("beschuldigen X, Y zu beliefern") is the accused's act, attributed to the accuser.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise

from diplograph.events.plover import goldstein
from diplograph.events.triggers import TriggerLexicon, TriggerMatch, trigger_lexicon
from diplograph.lang import load
from diplograph.model import (
    ActorMention,
    Attribution,
    Event,
    Evidence,
    Modality,
    OutletMention,
    Participant,
    Sentence,
    TimeExpression,
    Token,
)
from diplograph.text.normalize import NormText

_SPEECH_WINDOW = 3
_LEAD_SENTENCES = 2
_SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "CONCEDE"})
_HasSentence = ActorMention | OutletMention | TimeExpression
# Types where one side's act is part of a joint occurrence (a visit is part of the meeting);
# elsewhere "expelled each other's diplomats" and "Germany expelled Russians" are two events.
_JOINT_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})
# Roles that report rather than act: "die russische Nachrichtenagentur Tass berichtete".
_NOT_PARTICIPANTS = frozenset({"state_media"})
_MODALITY_ORDER = ("negated", "desired", "possible", "planned")
# Types whose place, when no target is named, is the target ("strikes on sites in Iran").
_PLACE_TARGETED = frozenset({"ASSAULT"})


@dataclass(frozen=True)
class EventRules:
    clause_openers: frozenset[str]
    relative_pronouns: frozenset[str]
    group_connectors: frozenset[str]
    prepositions: frozenset[str]
    determiners: frozenset[str]
    passive_agents: frozenset[str]
    passive_auxiliaries: frozenset[str]
    joint_prepositions: frozenset[str]
    genitive_links: frozenset[str]
    material_nouns: tuple[str, ...]
    subject_nearest: bool
    pronouns: frozenset[str]
    verb_suffixes: tuple[str, ...]
    bare_clause_openers: frozenset[str]
    quote_open: tuple[str, ...]
    quote_close: tuple[str, ...]
    modality_before_trigger: bool
    clause_opener_suffixes: tuple[str, ...]
    infinitive_openers: frozenset[str]
    conjunctions: frozenset[str]
    cues: dict[str, frozenset[str]]
    negation_exceptions: tuple[tuple[str, ...], ...]
    attribution_before: tuple[tuple[str, ...], ...]
    speech_verbs: frozenset[str]
    speech_anaphors: frozenset[str]
    claim_adjuncts: frozenset[str]
    self_claims: tuple[tuple[str, ...], ...]
    report_nouns: frozenset[str]
    indefinite_perfect: frozenset[str]
    media_nouns: frozenset[str]
    place_prepositions: frozenset[str]

    @property
    def clause_breakers(self) -> frozenset[str]:
        return _clause_breakers(self.bare_clause_openers)


@cache
def _clause_breakers(bare_clause_openers: frozenset[str]) -> frozenset[str]:
    """Words at which a clause may end: punctuation, and openers that need no comma."""
    return frozenset({",", ";", "–", "—"}) | bare_clause_openers


@cache
def event_rules(lang: str) -> EventRules:
    cfg = load.settings_toml(lang).get("events", {})

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in cfg.get(key, []))

    return EventRules(
        clause_openers=words("clause_openers"),
        relative_pronouns=words("relative_pronouns"),
        group_connectors=words("group_connectors"),
        prepositions=words("prepositions"),
        determiners=words("determiners"),
        passive_agents=words("passive_agents"),
        passive_auxiliaries=words("passive_auxiliaries"),
        joint_prepositions=words("joint_prepositions"),
        genitive_links=words("genitive_links"),
        material_nouns=tuple(words("material_nouns")),
        subject_nearest=cfg.get("subject_position", "first") == "nearest",
        pronouns=words("pronouns"),
        verb_suffixes=tuple(words("verb_suffixes")),
        bare_clause_openers=words("bare_clause_openers"),
        quote_open=tuple(cfg.get("quote_open", [])),
        quote_close=tuple(cfg.get("quote_close", [])),
        modality_before_trigger=cfg.get("modality_scope", "clause") == "before",
        clause_opener_suffixes=tuple(cfg.get("clause_opener_suffixes", [])),
        infinitive_openers=words("infinitive_openers"),
        conjunctions=words("conjunctions"),
        cues={kind: words(kind) for kind in _MODALITY_ORDER},
        negation_exceptions=tuple(tuple(p.lower().split()) for p in cfg.get("negation_exceptions", [])),
        attribution_before=tuple(tuple(p.lower().split()) for p in cfg.get("attribution_before", [])),
        speech_verbs=frozenset(w.lower() for phrase in cfg.get("speech_verbs", []) for w in phrase.split()[:1]),
        speech_anaphors=words("speech_anaphors"),
        claim_adjuncts=words("claim_adjuncts"),
        self_claims=tuple(tuple(p.lower().split()) for p in cfg.get("self_claims", [])),
        report_nouns=words("report_nouns"),
        indefinite_perfect=words("indefinite_perfect"),
        media_nouns=words("media_nouns"),
        place_prepositions=words("place_prepositions"),
    )


@dataclass(slots=True)
class _Group:
    """Actors named together ("Russland und der Iran"), as token indices of one sentence."""

    mentions: list[ActorMention]
    first: int
    last: int  # inclusive
    bounds: list[tuple[int, int]] = field(default_factory=list)  # token range of each mention
    preposition: str | None = None  # the preposition governing the group, if any
    marker: str | None = None  # the word before the group (after determiners): "of", "on", "gegen"

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.entity.code for m in self.mentions))


@dataclass(slots=True)
class _Draft:
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
    companion: _Draft | None = None  # the main event an undated purpose clause goes with
    indefinite: bool = False  # English present perfect: done, but not said when


def code_events(
    norm: NormText,
    sentences: tuple[Sentence, ...],
    actors: tuple[ActorMention, ...],
    outlets: tuple[OutletMention, ...],
    times: tuple[TimeExpression, ...],
    *,
    lang: str,
    capitals: dict[str, str] | None = None,
    min_confidence: float = 0.0,
    published: str | None = None,
) -> tuple[Event, ...]:
    """All events of a document, one per occurrence, in order of first mention.

    Args:
        capitals: English capital name per actor code, to name places ("Moskau" -> Moscow).
        min_confidence: events coded with less confidence are left out.
        published: the article's date; an undated event reported as done in the lead
            (the first sentences) happened then, as news leads report the day's events.
    """
    lexicon = trigger_lexicon(lang)
    rules = event_rules(lang)
    drafts: list[_Draft] = []
    previous_subject: list[ActorMention] = []
    quoting: Attribution | None = None
    quote_start = 0
    # Not participants: reporters ("die Nachrichtenagentur Tass") and names inside a time
    # expression ("three days before Trump's inauguration").
    spans = [(t.start, t.end) for t in times if t.anchor]
    actors_by = _by_sentence(
        [m for m in actors if m.role not in _NOT_PARTICIPANTS and not any(s <= m.start < e for s, e in spans)]
    )
    outlets_by = _by_sentence(outlets)
    times_by = _by_sentence(times)
    for index, sent in enumerate(sentences):
        sentence_actors = actors_by.get(index, [])
        sentence_outlets, sentence_times = outlets_by.get(index, []), times_by.get(index, [])
        subject = speaker = None
        sentence_drafts: list[_Draft] = []
        if sentence_actors:
            sentence_drafts, subject, speaker = _code_sentence(
                norm, sent, index, sentence_actors, sentence_outlets, sentence_times, lexicon, rules, capitals or {}
            )
            drafts.extend(sentence_drafts)
        claimant = _anaphoric_claimant(norm, sent, speaker, sentence_outlets, rules)
        if claimant is not None:
            # The claim is what the sentence asserts, not what it presupposes ("nach ihrer Ausweisung").
            for draft in drafts:
                asserted = "noun" not in draft.match.trigger.flags
                if draft.sentence == index - 1 and draft.attribution is None and asserted:
                    draft.attribution = claimant
        # A quotation opened after "X erklärte:" speaks for X until it closes.
        text = norm.text[sent.start : sent.end]
        opened = sum(text.count(c) for c in rules.quote_open) - sum(text.count(c) for c in rules.quote_close)
        if quoting is not None:
            _credit(sentence_drafts, quoting)
        if opened > 0:
            quoting = speaker  # None when the speaker follows: "„…“, sagte X" (handled below)
            quote_start = len(drafts) - len(sentence_drafts)
        elif opened < 0:
            if quoting is None and speaker is not None:
                _credit(drafts[quote_start:], speaker)  # claimed at its end: "“…,” the Treasury said."
            quoting = None
        if subject is not None:
            previous_subject = list(subject.mentions)
        elif not sentence_drafts:
            # Nobody or only places named ("in Moskau"): a joint event is still about the
            # previous subject, or the last such event.
            drafts.extend(
                _inherited(
                    norm, sent, index, previous_subject, drafts, sentence_outlets, sentence_times, lexicon, rules
                )
            )
    return _merge(drafts, min_confidence, published)


def _by_sentence(items: Iterable[_HasSentence]) -> dict[int, list]:
    table: dict[int, list] = {}
    for item in items:
        table.setdefault(item.sentence, []).append(item)
    return table


def _inherited(
    norm: NormText,
    sent: Sentence,
    index: int,
    participants: list[ActorMention],
    earlier: list[_Draft],
    outlets: list[OutletMention],
    times: list[TimeExpression],
    lexicon: TriggerLexicon,
    rules: EventRules,
) -> list[_Draft]:
    """A joint event in a sentence that names nobody ("Wie Krone berichtete, wird in diesem
    Rahmen ein Abkommen unterzeichnet") is the last such event named ("das Abkommen"), or
    involves the parties the previous sentence was about."""
    words = [t.text.lower() for t in sent.tokens]
    joint = [m for m in _best_matches(lexicon.find(words, 0, len(words))) if m.trigger.symmetric]
    if not joint:
        return []
    spans = _token_spans(norm, sent)
    attribution = _outlet_attribution(outlets, spans, words, rules)
    drafts = []
    for match in joint:
        same = [d for d in earlier if d.match.trigger.type == match.trigger.type]
        parties = [*same[-1].source, *same[-1].target] if same else participants
        if len({m.entity.code for m in parties}) < 2:
            continue
        start, end = spans[match.first][0], spans[match.last][1]
        drafts.append(
            _Draft(
                match=match,
                source=list(parties),
                target=[],
                modality=_modality(words, 0, len(words), match, rules),
                attribution=attribution,
                date=_date(times, spans, match),
                location=None,
                evidence=Evidence(norm.raw[start:end], start, end, index),
                confidence=_confidence(match, parties, [], True),
                sentence=index,
            )
        )
    return drafts


def _token_spans(norm: NormText, sent: Sentence) -> list[tuple[int, int]]:
    return norm.raw_spans([(t.start, t.end) for t in sent.tokens])


def _code_sentence(
    norm: NormText,
    sent: Sentence,
    index: int,
    mentions: list[ActorMention],
    outlets: list[OutletMention],
    times: list[TimeExpression],
    lexicon: TriggerLexicon,
    rules: EventRules,
    capitals: dict[str, str],
) -> tuple[list[_Draft], _Group | None, Attribution | None]:
    """The sentence's event mentions, its main subject (for the next sentence), and who
    speaks in it (for a quotation that runs on into the next sentences)."""
    tokens = sent.tokens
    words = [t.text.lower() for t in tokens]
    spans = _token_spans(norm, sent)
    groups = _groups(mentions, spans, words, rules)
    clauses = _clauses(words, groups, rules)
    speakers = _speakers(groups, words, rules)
    main_subject = _subject(groups, clauses[0], rules) if clauses else None
    speaker = next((g for g, _verb in speakers), None)
    quote_speaker = _speaker_attribution(speaker, words, rules) if speaker else None
    clause_matches = [_best_matches(lexicon.find(words, start, end)) for start, end in clauses]
    if not any(clause_matches):
        return [], main_subject, quote_speaker  # no trigger: nothing more to read here
    adjuncts = frozenset(i for _g, i in speakers if words[i] in rules.claim_adjuncts)
    event_times = _unreported_times(times, spans, words, rules)
    outlet_attribution = _outlet_attribution(outlets, spans, words, rules)
    location = _location(mentions, spans, words, capitals)
    drafts: list[_Draft] = []
    owners = _time_owners(times, spans, clauses, clause_matches)
    main_draft: _Draft | None = None
    for number, (start, end) in enumerate(clauses):
        matches = clause_matches[number]
        accusation: tuple[_Group | None, _Group | None, int] | None = None
        verb_seen = False
        for match in matches:
            trigger = match.trigger
            if (
                "noun" not in trigger.flags
                and not words[match.first].endswith(rules.verb_suffixes or ("\0",))
                and _after_determiner(tokens, match.first, rules)
            ):
                trigger = replace(trigger, flags=trigger.flags | {"noun"})
                match = TriggerMatch(trigger, match.positions)
            clause_groups = [g for g in groups if start <= g.first and g.last < end]
            speaking = [g for g, verb in speakers if g in clause_groups and _reports(g, verb, match, clause_groups)]
            if speaking and len(clause_groups) > len(speaking):
                clause_groups = [g for g in clause_groups if g not in speaking]
            if accusation is not None and match.first > accusation[2]:
                accuser, accused, after = accusation
                source_group = accused
                target_group = _target(clause_groups, match, rules, after=after, exclude=accused)
                attribution = Attribution(accuser.codes[0], accuser.codes[0], "actor") if accuser else None
                from_context = False
            elif "noun" in trigger.flags and (modifier := _noun_modifier(clause_groups, match, words, rules)):
                source_group = modifier
                target_group = _target(clause_groups, match, rules, after=match.first, exclude=modifier)
                attribution, from_context = None, False
            elif "noun" in trigger.flags and verb_seen:
                continue  # "sanctions ... in response to the delivery of missiles": no agent named
            else:
                source_group, target_group, from_context = _roles(
                    clause_groups, match, words, rules, start, end, groups, clauses, number, main_subject
                )
                attribution = None
            if "noun" not in trigger.flags:
                verb_seen = True
            if target_group is None and not trigger.symmetric and trigger.target_preps:
                # The target may follow in a later clause ("launched airstrikes ..., targeting sites in Iran").
                later = [g for g in groups if g.first > match.last and g is not source_group]
                target_group = _target(later, match, rules, after=match.last, exclude=source_group)
                if target_group is not None and target_group.marker not in trigger.target_preps:
                    target_group = None
            if source_group is None and speaking and any(w in rules.pronouns for w in words[start:end]):
                source_group = speaking[0]  # "Netanyahu said he would respond forcefully"
            if "reverse" in trigger.flags:
                source_group, target_group = target_group, source_group
            if "complement" in trigger.flags and target_group is not None:
                accusation = (source_group, target_group, target_group.last)
            source = list(source_group.mentions) if source_group else []
            target = list(target_group.mentions) if target_group else []
            if not trigger.symmetric:
                source_codes = {m.entity.code for m in source}
                target = [m for m in target if m.entity.code not in source_codes]
            if not source and not target:
                continue
            if trigger.symmetric and len(_codes(source) | _codes(target)) < 2:
                continue  # a joint event needs two parties
            if attribution is None:
                attribution = _attribution(outlet_attribution, speakers, source, match, words, rules, adjuncts)
            datable = times if _is_speech_act(match) else event_times
            own_times = [t for t in datable if owners.get(id(t)) == match.positions]
            date = _date(own_times, spans, match)
            # "treffen sich diesen Freitag, um … zu unterzeichnen": done at the main event, on its day.
            companion = main_draft if number > 0 and words[start] in rules.infinitive_openers else None
            evidence_start = min(
                [spans[match.first][0]] + [m.start for m in source + target if m.start >= spans[start][0]]
            )
            evidence_end = max([spans[match.last][1]] + [m.end for m in source + target if m.end <= spans[end - 1][1]])
            drafts.append(
                _Draft(
                    match=match,
                    source=source,
                    target=target,
                    modality=_modality(words, start, end, match, rules),
                    attribution=attribution,
                    date=date,
                    location=location,
                    evidence=Evidence(norm.raw[evidence_start:evidence_end], evidence_start, evidence_end, index),
                    confidence=_confidence(match, source, target, from_context),
                    sentence=index,
                    companion=companion if date is None else None,
                    indefinite=_has_word(words, max(start, match.first - 3), match.first, rules.indefinite_perfect),
                )
            )
            if number == 0 and main_draft is None:
                main_draft = drafts[-1]
    if _has_phrase(words, rules.self_claims):
        # "Das Militär zerstörte nach eigenen Angaben …": the actor's own account.
        for draft in drafts:
            if draft.attribution is None and draft.source:
                code = draft.source[0].entity.code
                draft.attribution = Attribution(code, code, "actor")
    return drafts, main_subject, quote_speaker


def _groups(
    mentions: list[ActorMention], spans: list[tuple[int, int]], words: list[str], rules: EventRules
) -> list[_Group]:
    """Join mentions separated only by connectors into groups; note governing prepositions."""
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
    dateline_end = _dateline_end(words)
    located = [
        (first, last, m) for first, last, m in located
        if first > dateline_end and not (m.form == "adjective" and _modifies_material(words, last, rules))
    ]  # fmt: skip
    groups: list[_Group] = []
    joins: list[list[str]] = []  # the connector words of each join, per group
    for first, last, m in located:
        if groups:
            g = groups[-1]
            between = words[g.last + 1 : first]
            joined = all(w in rules.group_connectors for w in between) or (
                any(w in rules.conjunctions for w in between)
                and all(w in rules.group_connectors or w in rules.determiners for w in between)
            )
            if first <= g.last or joined:
                joins[-1].append(" ".join(between) if first > g.last else "")
                g.mentions.append(m)
                g.bounds.append((first, last))
                g.last = max(g.last, last)
                continue
        groups.append(_Group([m], first, last, [(first, last)]))
        joins.append([])
    groups = [part for g, seps in zip(groups, joins, strict=True) for part in _split_bare_comma(g, seps, rules)]
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
        # A place named after a locative preposition is not a participant ("in Moskau").
    return groups


def _after_determiner(tokens: tuple[Token, ...], index: int, rules: EventRules) -> bool:
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


def _dateline_end(words: list[str]) -> int:
    """Index of the dash ending a dateline ("Luxemburg - Die EU …", "MOSCOW (Reuters) —"), or -1."""
    for i, word in enumerate(words[:8]):
        if word in ("-", "–", "—"):
            return i
        if word not in (",", "(", ")", "/") and not word[:1].isalpha():
            return -1
    return -1


def _modifies_material(words: list[str], last: int, rules: EventRules) -> bool:
    """ "iranische Kamikazedrohnen", "Iranian-made missiles": where a weapon comes from, not who acts."""
    following = words[last + 1] if last + 1 < len(words) else ""
    return following.endswith(rules.material_nouns)


def _split_bare_comma(group: _Group, seps: list[str], rules: EventRules) -> list[_Group]:
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
        head = _Group(
            group.mentions[: k + 1], group.first, max(e for _s, e in group.bounds[: k + 1]), group.bounds[: k + 1]
        )
        tail_bounds = group.bounds[k + 1 :]
        tail = _Group(group.mentions[k + 1 :], tail_bounds[0][0], group.last, tail_bounds)
        return [head, *_split_bare_comma(tail, seps[k + 1 :], rules)]
    return [group]


def _clauses(words: list[str], groups: list[_Group], rules: EventRules) -> list[tuple[int, int]]:
    """Token ranges of clauses: split at ; and at a comma followed by a clause opener; a
    relative clause set off by commas ends at the next comma ("Putin, who visited Seoul, said")."""
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
            or (bool(rules.clause_opener_suffixes) and words[i + 1].endswith(rules.clause_opener_suffixes))
        )
        if word in (";", "–", "—") or (word == "," and opens):
            bounds.append(i + 1)
            in_relative = word == "," and words[i + 1] in rules.relative_pronouns
        elif word in rules.bare_clause_openers and i > 0:
            bounds.append(i)
    bounds.append(n)
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _best_matches(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """Non-overlapping matches, longest and most specific first, then in text order."""
    ranked = sorted(matches, key=lambda m: (-(m.last - m.first + 1) - 2 * len(m.positions), m.first))
    taken: set[int] = set()
    kept = []
    for match in ranked:
        if any(p in taken for p in match.positions):
            continue
        kept.append(match)
        taken.update(match.positions)
    return sorted(kept, key=lambda m: m.first)


def _noun_modifier(
    clause_groups: list[_Group], match: TriggerMatch, words: list[str], rules: EventRules
) -> _Group | None:
    """The agent of a nominalisation: right before it ("Israeli strikes", "Irans Angriffe",
    "the Hamas attack", "Iran's delivery"), or a genitive right after it ("die Entsendung
    nordkoreanischer Truppen", "the deployment of North Korean troops")."""
    for g in reversed(clause_groups):
        if g.last >= match.first:
            continue
        gap = words[g.last + 1 : match.first]
        possessive = bool(gap) and gap[0] in ("'s", "’s")
        # Right before the noun, a preposition governs the whole phrase ("with the Hamas attack").
        if g.preposition is not None and gap and not possessive:
            continue
        modifier_forms = any(m.form in ("adjective", "genitive", "name", "demonym") for m in g.mentions)
        short_gap = len(gap) <= 2 and all(w in ("'s", "’s") or (w.isalpha() and w.islower()) for w in gap)
        if short_gap and (possessive or not gap or modifier_forms):
            return g
    for g in clause_groups:
        gap = words[match.last + 1 : g.first]
        if (
            g.first > match.last
            and g.preposition is None
            and len(gap) <= 2
            and all(w in rules.determiners or w in rules.genitive_links or (w.isalpha() and w.islower()) for w in gap)
        ) and all(m.form in ("adjective", "role", "demonym") for m in g.mentions):
            return g
    return None


def _subject(groups: list[_Group], clause: tuple[int, int], rules: EventRules) -> _Group | None:
    start, end = clause
    for g in groups:
        if start <= g.first and g.last < end and g.preposition is None and not _is_modifier(g):
            return g
    return None


def _is_modifier(group: _Group) -> bool:
    """A genitive modifying a noun ("Irans Position", "Iran's delivery") is not a participant."""
    return all(m.form == "genitive" for m in group.mentions)


def _roles(
    clause_groups: list[_Group],
    match: TriggerMatch,
    words: list[str],
    rules: EventRules,
    start: int,
    end: int,
    groups: list[_Group],
    clauses: list[tuple[int, int]],
    number: int,
    main_subject: _Group | None,
) -> tuple[_Group | None, _Group | None, bool]:
    trigger = match.trigger
    free = [g for g in clause_groups if g.preposition is None and not _is_modifier(g)]
    # Passive: "von der EU mit Sanktionen belegt", "was attacked by Israel".
    agent = next((g for g in clause_groups if g.preposition in rules.passive_agents), None)
    # "an agreement brokered by the United States": a participle with its agent, no auxiliary.
    right_after = agent is not None and (
        words[match.last] in rules.passive_agents
        or (match.last + 1 < len(words) and words[match.last + 1] in rules.passive_agents)
    )
    if (
        agent is not None
        and (right_after or any(w in rules.passive_auxiliaries for w in words[start:end]))
        and not trigger.target_preps & rules.passive_agents
    ):
        reduced = right_after and not any(w in rules.passive_auxiliaries for w in words[start:end])
        if reduced and trigger.mode != "third-party":
            # "infrastructure destroyed by Israeli strikes": the participle modifies a noun, the
            # clause subject is not its target (but "a deal brokered by France" is the parties').
            marked = [g for g in clause_groups if g is not agent and g.marker in trigger.target_preps]
            return agent, (marked[0] if marked else None), False
        target = free[0] if free else None
        return agent, target, False
    source = free[0] if free else None
    if rules.subject_nearest:
        before = [g for g in free if g.last < match.first]
        source = before[-1] if before else source
    target = _target(clause_groups, match, rules, after=None, exclude=source)
    if trigger.symmetric and target is None and source is not None:
        # "the Russian dictator and the Iranian president held talks": coordinated subjects
        # that a noun kept apart are still the parties.
        partner = next(
            (g for g in reversed(free) if g.last < source.first and source.first - g.last <= 5
             and any(w in rules.conjunctions for w in words[g.last + 1 : source.first])),
            None,
        )  # fmt: skip
        target = partner
    if source is None and trigger.symmetric:
        joint = target or next((g for g in clause_groups if g.preposition in rules.joint_prepositions), None)
        if joint is not None:
            return joint, None, False  # "ein Abkommen zwischen Russland und Iran"
    from_context = False
    if source is None:
        from_context = True
        first_word = words[start] if start < len(words) else ""
        if first_word in rules.relative_pronouns and number > 0:
            before = [g for g in groups if g.last < start]
            source = before[-1] if before else None
        elif number > 0:
            source = main_subject
            # "…, um eine Partnerschaft zu unterzeichnen": the main subject does it, for certain.
            from_context = first_word not in rules.infinitive_openers
        if source is target:
            source = None
    return source, target, from_context


def _target(
    clause_groups: list[_Group], match: TriggerMatch, rules: EventRules, *, after: int | None, exclude: _Group | None
) -> _Group | None:
    trigger = match.trigger
    candidates = [g for g in clause_groups if g is not exclude and (after is None or g.first > after)]
    if trigger.target_preps:
        marked = [g for g in candidates if g.marker in trigger.target_preps]
        if marked:
            # The one nearest the trigger.
            return min(marked, key=lambda g: abs(g.first - match.first))
    free = [g for g in candidates if g.preposition is None and not _is_modifier(g)]
    if exclude is not None:
        free = [g for g in free if g.first > exclude.last]
    if free:
        return free[0]
    if trigger.type in _PLACE_TARGETED:
        # "Russia attacked targets in Ukraine": an attack's place names its target.
        placed = [g for g in candidates if g.marker in rules.place_prepositions]
        return placed[0] if placed else None
    return None


def _reports(speaker: _Group, verb: int, match: TriggerMatch, clause_groups: list[_Group]) -> bool:
    """Whether a speaker only reports the event rather than acting in it: it does when the
    event comes before ("Israel will respond, Biden said") or has its own subject after the
    speech verb ("Biden said Israel would respond"); it acts when its verb is the trigger
    ("Iran warned Moscow") or nobody else stands before it ("Paris announced plans to supply")."""
    if verb in match.positions:
        return False
    if verb > match.first:
        return True
    return any(g is not speaker and g.preposition is None and verb < g.first < match.first for g in clause_groups)


def _speakers(groups: list[_Group], words: list[str], rules: EventRules) -> list[tuple[_Group, int]]:
    """Groups that say something: "Biden said", "sagte Biden", "the Pentagon said"."""
    found = []
    for i, word in enumerate(words):
        if word not in rules.speech_verbs:
            continue
        for g in groups:
            after = g.first - i - (i + 1 < len(words) and words[i + 1] in rules.determiners)
            near = 0 < i - g.last <= _SPEECH_WINDOW or 0 < after <= 1
            if near and g.preposition is None:
                found.append((g, i))
                break
    return found


def _outlet_attribution(
    outlets: list[OutletMention], spans: list[tuple[int, int]], words: list[str], rules: EventRules
) -> Attribution | None:
    for outlet in outlets:
        idx = next((i for i, (s, _e) in enumerate(spans) if s >= outlet.start), None)
        if idx is None:
            continue
        window_before = words[max(0, idx - 3) : idx]
        after = words[idx + 1 : idx + 4]
        for phrase in rules.attribution_before:
            n = len(phrase)
            if any(tuple(window_before[k : k + n]) == phrase for k in range(len(window_before))):
                return Attribution(outlet.name, None, "outlet")
        if any(w in rules.speech_verbs for w in after) or any(w in rules.speech_verbs for w in window_before):
            return Attribution(outlet.name, None, "outlet")
    return None


def _attribution(
    outlet: Attribution | None,
    speakers: list[tuple[_Group, int]],
    source: list[ActorMention],
    match: TriggerMatch,
    words: list[str],
    rules: EventRules,
    adjuncts: frozenset[int] = frozenset(),
) -> Attribution | None:
    """Who the text credits for an event; ``adjuncts``: positions of words like "zufolge"
    that credit a claim without a verb of saying."""
    if outlet is not None:
        return outlet
    source_codes = {m.entity.code for m in source}
    acting = {id(m) for m in source}
    for group, verb in speakers:
        if group.first <= match.first <= group.last or any(id(m) in acting for m in group.mentions):
            continue  # the speaker does it ("Paris announced plans to supply weapons")
        if verb in adjuncts and match.last < group.first - 1:
            # Presupposed, not claimed: "Der beim Staatsbesuch unterzeichnete Vertrag umfasst
            # Putin zufolge …" credits Putin with what the treaty contains, not with the visit.
            continue
        codes = group.codes
        if source_codes & set(codes) and _is_speech_act(match) and verb not in adjuncts:
            return None  # "Netanyahu said Israel would respond": the statement is the threat itself
        return _speaker_attribution(group, words, rules)
    return None


def _speaker_attribution(group: _Group, words: list[str], rules: EventRules) -> Attribution:
    """The speaker as credited: an actor, or its media at large ("Iranian media reported")."""
    code = group.codes[0]
    head = words[group.last + 1] if group.last + 1 < len(words) else ""
    if len(group.mentions) == 1 and group.mentions[0].form == "adjective" and head in rules.media_nouns:
        return Attribution(f"{group.mentions[0].text} {head}", code, "media")
    return Attribution(code, code, "actor")


def _credit(drafts: list[_Draft], speaker: Attribution) -> None:
    """Attribute quoted events to the speaker, but not the speaker's own speech acts."""
    for draft in drafts:
        if draft.attribution is None and not (_is_speech_act(draft.match) and speaker.code in _codes(draft.source)):
            draft.attribution = speaker


def _time_owners(
    times: list[TimeExpression],
    spans: list[tuple[int, int]],
    clauses: list[tuple[int, int]],
    clause_matches: list[list[TriggerMatch]],
) -> dict[int, tuple[int, ...]]:
    """Each time expression dates the trigger nearest to it, in its own clause if it has one
    ("Iran has launched attacks … amid the war that began with the attack on October 7")."""
    starts = [s for s, _e in spans]
    owners: dict[int, tuple[int, ...]] = {}
    for t in times:
        i = min(bisect_left(starts, t.start), len(starts) - 1)
        clause = next((n for n, (a, b) in enumerate(clauses) if a <= i < b), None)
        candidates = clause_matches[clause] if clause is not None and clause_matches[clause] else None
        if candidates is None:
            candidates = [m for matches in clause_matches for m in matches]
        if candidates:
            owners[id(t)] = min(candidates, key=lambda m: min(abs(p - i) for p in m.positions)).positions
    return owners


def _unreported_times(
    times: list[TimeExpression], spans: list[tuple[int, int]], words: list[str], rules: EventRules
) -> list[TimeExpression]:
    """Times that may date a reported act: not the day of the report itself ("Iranian media
    reported on Saturday that jets will be delivered", "nach Angaben vom Mittwoch")."""
    starts = [s for s, _e in spans]
    kept = []
    for t in times:
        i = bisect_left(starts, t.start)
        before = words[max(0, i - 2) : i]
        if any(w in rules.speech_verbs or w in rules.report_nouns for w in before):
            continue
        kept.append(t)
    return kept


@cache
def _first_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases)


def _has_word(words: list[str], start: int, end: int, vocabulary: frozenset[str]) -> bool:
    return any(w in vocabulary for w in words[start:end])


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    if not phrases or _first_words(phrases).isdisjoint(words):
        return False
    return any(
        tuple(words[i : i + len(phrase)]) == phrase
        for phrase in phrases
        for i in range(len(words) - len(phrase) + 1)
        if words[i] == phrase[0]
    )


def _anaphoric_claimant(
    norm: NormText,
    sent: Sentence,
    speaker: Attribution | None,
    outlets: list[OutletMention],
    rules: EventRules,
) -> Attribution | None:
    """Who claims the previous sentence when this one only says so: "Das teilte der
    Außenminister von Pakistan mit", "This was reported by Tasnim"."""
    words = [t.text.lower() for t in sent.tokens[:4]]
    if not words or words[0] not in rules.speech_anaphors:
        return None
    if not any(w in rules.speech_verbs or w in rules.passive_auxiliaries for w in words[1:3]):
        return None
    if speaker is not None:
        return speaker
    spans = _token_spans(norm, sent)
    all_words = [t.text.lower() for t in sent.tokens]
    return _outlet_attribution(outlets, spans, all_words, rules) if outlets else None


def _is_speech_act(match: TriggerMatch) -> bool:
    """Verbal events a speaker performs by speaking (threats, accusations, demands, promises),
    unlike acts a speaker reports ("Putin erklärte, man habe einen Vertrag geschlossen")."""
    trigger = match.trigger
    return trigger.type in _SPEECH_ACTS or (trigger.type == "SUPPORT" and trigger.cameo != "057")


def _modality(words: list[str], start: int, end: int, match: TriggerMatch, rules: EventRules) -> Modality:
    inside = set(match.positions)
    found = set()
    # English marks modality before the verb ("will sign", "did not supply"); German anywhere
    # in the clause ("unterzeichnet werden soll").
    if rules.modality_before_trigger:
        end = min(end, match.last + 1)
    for i in range(start, end):
        if i in inside:
            continue
        word = words[i]
        for kind in _MODALITY_ORDER:
            if word in rules.cues[kind]:
                if kind == "negated" and any(tuple(words[i : i + len(p)]) == p for p in rules.negation_exceptions):
                    continue
                found.add(kind)
    if match.trigger.type == "THREATEN":
        found.discard("planned")  # "would respond forcefully": the threat itself is made now
    for kind in _MODALITY_ORDER:
        if kind in found:
            return kind  # type: ignore[return-value]
    return "actual"


def _date(
    times: list[TimeExpression],
    spans: list[tuple[int, int]],
    match: TriggerMatch,
    *,
    clause: tuple[int, int] | None = None,
) -> str | None:
    """The value of the time expression nearest the trigger: in its clause if there is one
    there, else in the sentence."""
    anchor = spans[match.first][0]
    dated = [t for t in times if t.value]
    if clause is not None:
        dated = [t for t in dated if clause[0] <= t.start < clause[1]] or dated
    if not dated:
        return None
    return min(dated, key=lambda t: abs(t.start - anchor)).value


def _location(
    mentions: list[ActorMention], spans: list[tuple[int, int]], words: list[str], capitals: dict[str, str]
) -> str | None:
    for m in mentions:
        if m.form == "capital" and not m.metonymy:
            return capitals.get(m.entity.code, m.text)
    return None


def _confidence(
    match: TriggerMatch, source: list[ActorMention], target: list[ActorMention], from_context: bool
) -> float:
    score = 0.45
    score += 0.2 if source else 0.0
    score += 0.15 if (target or match.trigger.symmetric) else 0.0
    score += 0.1 if len(match.positions) > 1 else 0.0
    score -= 0.15 if from_context else 0.0
    score -= 0.1 if "noun" in match.trigger.flags and not target else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _codes(items: Iterable[ActorMention | Participant]) -> frozenset[str]:
    return frozenset(item.entity.code for item in items)


def _merge(drafts: list[_Draft], min_confidence: float, published: str | None) -> tuple[Event, ...]:
    """One event per occurrence: repeated mentions of the same type and actors merge.

    Mentions that name the same participants merge whether or not they give a direction
    ("Putin und Pezeshkian treffen sich" / "Pezeshkian besucht Moskau"); a mention that names
    only some participants ("hofft Teheran auf …") joins the fuller event it belongs to.
    """
    buckets: dict[tuple, list[_Draft]] = {}
    for draft in drafts:
        source, target = _codes(draft.source), _codes(draft.target)
        if draft.match.trigger.symmetric:
            key: tuple = (draft.match.trigger.type, "joint", source | target)
        else:
            key = (draft.match.trigger.type, source, target)
        buckets.setdefault(key, []).append(draft)
    for key in list(buckets):
        if key[1] == "joint" or not key[1] or not key[2]:
            continue
        joint = (key[0], "joint", key[1] | key[2])
        if joint in buckets and key[0] in _JOINT_TYPES:  # "Pezeshkian besucht Moskau" is part of "treffen sich"
            buckets[joint].extend(buckets.pop(key))
    for key in sorted(buckets, key=lambda k: len(k[1]) + len(k[2])):
        if key[1] == "joint" or (key[1] and key[2]):
            continue
        fuller = [other for other in buckets if other != key and other[0] == key[0] and _extends(other, key)]
        if len(fuller) == 1:
            buckets[fuller[0]].extend(buckets.pop(key))
    events = []
    ordered = sorted(buckets.values(), key=lambda g: min((d.sentence, d.evidence.start) for d in g))
    ordered = [g for g in ordered if _merged_confidence(g) >= min_confidence]
    group_of = {id(d): group for group in ordered for d in group}
    for n, group in enumerate(ordered, 1):
        group.sort(key=lambda d: (d.sentence, d.evidence.start))
        first = group[0]
        dates = [d.date for d in group if d.date]
        if not dates:
            companions = [group_of.get(id(d.companion)) for d in group if d.companion is not None]
            dates = [d.date for g in companions if g is not None for d in g if d.date]
        date = Counter(dates).most_common(1)[0][0] if dates else None
        if date is None and published and _reported_in_lead(first):
            # Done: the day of the report. Announced ("will expel"): some time around it.
            # "have been deployed" (English perfect): some time around it too.
            date = published if first.modality == "actual" and not first.indefinite else published[:7]
        modality = _merged_modality([d.modality for d in group], date, published)
        attribution = next((d.attribution for d in group if d.attribution), None)
        mode = next((d.match.trigger.mode for d in group if d.match.trigger.mode), None)
        cameo = next(
            (d.match.trigger.cameo for d in group if len(d.match.trigger.cameo) > 3), first.match.trigger.cameo
        )
        confidence = _merged_confidence(group)
        symmetric = any(d.match.trigger.symmetric for d in group)
        # Direction from the mentions that give one; the rest are participants of a joint event.
        directed = [d for d in group if d.source and d.target and not d.match.trigger.symmetric] or group
        source = _participants(d.source for d in directed)
        source_codes = {p.entity.code for p in source}
        target = tuple(p for p in _participants(d.target for d in group) if p.entity.code not in source_codes)
        if symmetric:
            others = _participants([*d.source, *d.target] for d in group)
            source = source + tuple(p for p in others if p.entity.code not in source_codes | _codes(target))
        events.append(
            Event(
                id=f"e{n}",
                type=first.match.trigger.type,
                mode=mode,
                cameo=cameo,
                goldstein=goldstein(cameo),
                source=source,
                target=target,
                symmetric=symmetric,
                date=date,
                modality=modality,  # type: ignore[arg-type]
                attribution=attribution,
                location=next((d.location for d in group if d.location), None),
                evidence=tuple(dict.fromkeys(d.evidence for d in group)),
                confidence=round(confidence, 2),
                dates=tuple(dict.fromkeys(dates)),
            )
        )
    return tuple(events)


def _merged_modality(modalities: list[Modality], date: str | None, published: str | None) -> Modality:
    """Planned when a mention says so and the event lies ahead of the report ("bevorstehendes
    Treffen … diesen Freitag"); otherwise what most mentions say, the first on a tie."""
    if "planned" in modalities and date and published:
        length = min(len(date), len(published))
        if date[:length] >= published[:length]:
            return "planned"
        modalities = [m for m in modalities if m != "planned"] or modalities
    counts = Counter(modalities)
    best = max(counts.values())
    return next(m for m in modalities if counts[m] == best)


def _reported_in_lead(draft: _Draft) -> bool:
    """An undated act the lead reports (done or announced) is dated by the report."""
    trigger = draft.match.trigger
    return draft.sentence < _LEAD_SENTENCES and draft.modality in ("actual", "planned") and "noun" not in trigger.flags


def _merged_confidence(group: list[_Draft]) -> float:
    """The best mention's confidence, a little more for each further mention."""
    return round(min(0.99, max(d.confidence for d in group) + 0.05 * (len(group) - 1)), 2)


def _extends(fuller: tuple, partial: tuple) -> bool:
    """Whether a complete event's roles contain a partial mention's ("hofft Teheran auf …")."""
    _type, source, target = partial
    if fuller[1] == "joint":
        return (source | target) < fuller[2]
    return bool(fuller[1] and fuller[2]) and source <= fuller[1] and target <= fuller[2]


def _participants(lists: Iterable[list[ActorMention]]) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for mentions in lists:
        for m in mentions:
            if m.entity.code not in seen:
                seen[m.entity.code] = Participant(m.entity, m.role, m.text)
    return tuple(seen.values())
