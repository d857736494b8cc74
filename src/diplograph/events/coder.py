"""Code events: triggers in clauses, roles from actor groups, modality, attribution, date.

Each sentence is cut into actor groups and clauses (``groups``); each trigger found in a
clause gets its source and target (``arguments``), who claims it and how certain it is
(``claims``) and its date (``dating``); an accusation's complement ("beschuldigen X, Y zu
beliefern") is the accused's act, attributed to the accuser. The mentions of a document
then merge into events (``document_merge``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from diplograph.events.arguments import (
    clause_roles,
    clause_subject,
    find_target,
    hyphen_agent,
    joint_parties,
    mediated_roles,
    nominal_roles,
    noun_modifier,
    without_mediators,
)
from diplograph.events.claims import (
    anaphoric_claimant,
    clause_modality,
    credit_quoted,
    event_attribution,
    find_speakers,
    is_speech_act,
    outlet_attribution,
    reports_only,
    speaker_attribution,
)
from diplograph.events.dating import nearest_date, time_owners, unreported_times
from diplograph.events.document_merge import merge_drafts
from diplograph.events.draft import EventDraft, draft_confidence, entity_codes
from diplograph.events.groups import ActorGroup, dateline_end, group_mentions, split_clauses, token_spans
from diplograph.events.pronouns import pronoun_referent, pronoun_subject, speaker_pronoun
from diplograph.events.rules import EventRules, event_rules, has_phrase, has_word
from diplograph.events.triggers import TriggerLexicon, best_matches, trigger_lexicon
from diplograph.events.word_classes import after_determiner, verb_positions, written_verb
from diplograph.model import (
    ActorMention,
    Attribution,
    Event,
    Evidence,
    OutletMention,
    Sentence,
    TimeExpression,
)
from diplograph.text.normalize import NormText

# Roles that report rather than act: "die russische Nachrichtenagentur Tass berichtete".
_NOT_PARTICIPANTS = frozenset({"state_media"})
_HasSentence = ActorMention | OutletMention | TimeExpression


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
    drafts: list[EventDraft] = []
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
        sentence_drafts: list[EventDraft] = []
        if sentence_actors:
            sentence_drafts, subject, speaker = _code_sentence(
                norm,
                sent,
                index,
                sentence_actors,
                sentence_outlets,
                sentence_times,
                lexicon,
                rules,
                capitals or {},
                previous_subject,
            )
            drafts.extend(sentence_drafts)
        claimant = anaphoric_claimant(norm, sent, speaker, sentence_outlets, rules)
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
            credit_quoted(sentence_drafts, quoting)
        if opened > 0:
            quoting = speaker  # None when the speaker follows: "„…“, sagte X" (handled below)
            quote_start = len(drafts) - len(sentence_drafts)
        elif opened < 0:
            if quoting is None and speaker is not None:
                credit_quoted(drafts[quote_start:], speaker)  # claimed at its end: "“…,” the Treasury said."
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
    return merge_drafts(drafts, min_confidence, published)


def _by_sentence(items: Iterable[_HasSentence]) -> dict[int, list]:
    """Items per sentence index, so each sentence sees only its own mentions."""
    table: dict[int, list] = {}
    for item in items:
        table.setdefault(item.sentence, []).append(item)
    return table


def _inherited(
    norm: NormText,
    sent: Sentence,
    index: int,
    participants: list[ActorMention],
    earlier: list[EventDraft],
    outlets: list[OutletMention],
    times: list[TimeExpression],
    lexicon: TriggerLexicon,
    rules: EventRules,
) -> list[EventDraft]:
    """A joint event in a sentence that names nobody ("Wie Krone berichtete, wird in diesem
    Rahmen ein Abkommen unterzeichnet") is the last such event named ("das Abkommen"), or
    involves the parties the previous sentence was about."""
    words = [t.text.lower() for t in sent.tokens]
    joint = [m for m in best_matches(lexicon.find(words, 0, len(words))) if m.trigger.symmetric]
    if not joint:
        return []
    spans = token_spans(norm, sent)
    attribution = outlet_attribution(outlets, spans, words, rules)
    drafts = []
    for match in joint:
        same = [d for d in earlier if d.match.trigger.type == match.trigger.type]
        parties = [*same[-1].source, *same[-1].target] if same else participants
        if len({m.entity.code for m in parties}) < 2:
            continue
        start, end = spans[match.first][0], spans[match.last][1]
        drafts.append(
            EventDraft(
                match=match,
                source=list(parties),
                target=[],
                modality=clause_modality(words, 0, len(words), match, rules),
                attribution=attribution,
                date=nearest_date(times, spans, match),
                location=None,
                evidence=Evidence(norm.raw[start:end], start, end, index),
                confidence=draft_confidence(match, parties, [], True),
                sentence=index,
            )
        )
    return drafts


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
    previous_subject: list[ActorMention] | None = None,
) -> tuple[list[EventDraft], ActorGroup | None, Attribution | None]:
    """The sentence's event mentions, its main subject (for the next sentence), and who
    speaks in it (for a quotation that runs on into the next sentences)."""
    tokens = sent.tokens
    words = [t.text.lower() for t in tokens]
    spans = token_spans(norm, sent)
    groups = group_mentions(mentions, spans, words, rules, [t.text for t in tokens])
    in_sentence = lexicon.find(words, 0, len(words))
    verbs = verb_positions(in_sentence, words, tokens, rules)
    clauses = split_clauses(words, groups, rules, verbs)
    speakers = find_speakers(groups, words, rules)
    main_subject = clause_subject(groups, clauses[0], rules) if clauses else None
    speaker = next((g for g, _verb in speakers), None)
    quote_speaker = speaker_attribution(speaker, words, rules) if speaker else None
    # One clause spanning the sentence has the sentence's matches (most sentences): no second lookup.
    clause_matches = [
        best_matches(in_sentence if (start, end) == (0, len(words)) else lexicon.find(words, start, end))
        for start, end in clauses
    ]
    if not any(clause_matches):
        return [], main_subject, quote_speaker  # no trigger: nothing more to read here
    adjuncts = frozenset(i for _g, i in speakers if words[i] in rules.claim_adjuncts)
    event_times = unreported_times(times, spans, words, rules)
    outlet_claim = outlet_attribution(outlets, spans, words, rules)
    location = _location(mentions, spans, words, capitals)
    drafts: list[EventDraft] = []
    owners = time_owners(times, spans, clauses, clause_matches)
    main_draft: EventDraft | None = None
    for number, (start, end) in enumerate(clauses):
        matches = clause_matches[number]
        accusation: tuple[ActorGroup | None, ActorGroup | None, int] | None = None
        in_clause = [g for g in groups if start <= g.first and g.last < end]
        # "die US-vermittelte Waffenruhe": the mediator is no party to the truce.
        agent_of = {id(m): hyphen_agent(in_clause, m, words) for m in matches}
        compound_agents = {id(a) for a in agent_of.values() if a is not None}
        verb_seen = False
        for match in matches:
            own_agent = agent_of[id(match)]  # read before a participle may be taken as a noun
            by_position = False  # roles read from the clause's word order (not a construction)
            trigger = match.trigger
            if (
                "noun" not in trigger.flags
                and not words[match.first].endswith(rules.verb_suffixes or ("\0",))
                and after_determiner(tokens, match.first, rules)
                and not written_verb(match, tokens, rules)
            ):
                trigger = replace(trigger, flags=trigger.flags | {"noun"})
                match = replace(match, trigger=trigger)
            clause_groups = without_mediators(
                [g for g in in_clause if id(g) not in compound_agents or g is own_agent], match
            )
            speaking = [
                g
                for g, verb in speakers
                if g in clause_groups and reports_only(g, verb, match, clause_groups, words, rules)
            ]
            if speaking and len(clause_groups) > len(speaking):
                clause_groups = [g for g in clause_groups if g not in speaking]
            if accusation is not None and match.first > accusation[2]:
                accuser, accused, after = accusation
                source_group = accused
                target_group = find_target(clause_groups, match, rules, after=after, exclude=accused)
                attribution = Attribution(accuser.codes[0], accuser.codes[0], "actor") if accuser else None
                from_context = False
            elif own_agent is not None:
                # A participle modifying a noun: its target only where its frame marks one
                # ("the US-brokered truce between Israel and Hamas"), never the next subject.
                source_group = own_agent
                marked = [g for g in clause_groups if g.first > match.last and g.marker in trigger.target_preps]
                target_group = marked[0] if marked else None
                attribution, from_context = None, False
            elif mediation := mediated_roles(clause_groups, match, rules):
                source_group, target_group = mediation
                attribution, from_context = None, False
            elif joint := joint_parties(clause_groups, match, rules):
                source_group, target_group = joint, None
                attribution, from_context = None, False
            elif "noun" in trigger.flags and (nominal := nominal_roles(clause_groups, match, words, rules)):
                source_group, target_group = nominal
                attribution, from_context = None, False
            elif "noun" in trigger.flags and (modifier := noun_modifier(clause_groups, match, words, rules)):
                source_group = modifier
                target_group = find_target(clause_groups, match, rules, after=match.first, exclude=modifier)
                attribution, from_context = None, False
            elif "noun" in trigger.flags and verb_seen:
                continue  # "sanctions ... in response to the delivery of missiles": no agent named
            else:
                coordinated = number > 0 and (
                    start in verbs or (words[start] in rules.conjunctions and start + 1 in verbs)
                )
                source_group, target_group, from_context = clause_roles(
                    clause_groups, match, words, rules, start, end, groups, clauses, number, main_subject, coordinated
                )
                attribution = None
                by_position = True
            pronoun = False
            if "noun" not in trigger.flags:
                verb_seen = True
            if target_group is None and not trigger.symmetric and trigger.target_preps:
                # The target may follow in a later clause ("launched airstrikes ..., targeting sites in Iran").
                later = [g for g in groups if g.first > match.last and g is not source_group]
                target_group = find_target(later, match, rules, after=match.last, exclude=source_group)
                if target_group is not None and target_group.marker not in trigger.target_preps:
                    target_group = None
            if source_group is None and speaking and speaker_pronoun(words[start : match.head], speaking[0], rules):
                source_group = speaking[0]  # "Netanyahu said he would respond forcefully"
            elif (
                by_position
                and pronoun_subject(words, start, match, rules)
                and not any(g.preposition in rules.passive_agents for g in clause_groups)
                and (source_group is None or target_group is None)
                and (referent := pronoun_referent(number, start, speakers, main_subject, previous_subject))
            ):
                # "It has repeatedly offered support to Damascus", "Er warf der Ukraine vor, …",
                # "X sagte, er werde die Hisbollah angreifen": the pronoun is the speaker, the
                # sentence's or the previous sentence's subject; a named group is the target.
                target_group = target_group or source_group
                source_group = referent
                from_context = pronoun = True
            if "reverse" in trigger.flags:
                source_group, target_group = target_group, source_group
            if (
                source_group is not None
                and len(source_group.codes) > 1
                and has_phrase(words[start:end], rules.reciprocals)
            ):
                # "Thailand und Kambodscha beschuldigten sich gegenseitig": both act on each other.
                target_group = None
                trigger = replace(trigger, symmetric=True)
                match = replace(match, trigger=trigger)
            if "complement" in trigger.flags and target_group is not None:
                accusation = (source_group, target_group, target_group.last)
            source = list(source_group.mentions) if source_group else []
            target = list(target_group.mentions) if target_group else []
            if not trigger.symmetric:
                source_codes = {m.entity.code for m in source}
                target = [m for m in target if m.entity.code not in source_codes]
            if not source and not target:
                continue
            if trigger.symmetric and len(entity_codes(source) | entity_codes(target)) < 2:
                continue  # a joint event needs two parties
            if attribution is None:
                attribution = event_attribution(outlet_claim, speakers, source, match, words, rules, adjuncts)
            datable = times if is_speech_act(match) else event_times
            own_times = [t for t in datable if owners.get(id(t)) == match.positions]
            date = nearest_date(own_times, spans, match)
            # "treffen sich diesen Freitag, um … zu unterzeichnen": done at the main event, on its day.
            companion = main_draft if number > 0 and words[start] in rules.infinitive_openers else None
            evidence_start = min(
                [spans[match.first][0]] + [m.start for m in source + target if m.start >= spans[start][0]]
            )
            evidence_end = max([spans[match.last][1]] + [m.end for m in source + target if m.end <= spans[end - 1][1]])
            drafts.append(
                EventDraft(
                    match=match,
                    source=source,
                    target=target,
                    modality=clause_modality(words, start, end, match, rules),
                    attribution=attribution,
                    date=date,
                    location=location,
                    evidence=Evidence(norm.raw[evidence_start:evidence_end], evidence_start, evidence_end, index),
                    confidence=draft_confidence(match, source, target, from_context, pronoun),
                    sentence=index,
                    companion=companion if date is None else None,
                    indefinite=has_word(words, max(start, match.first - 3), match.first, rules.indefinite_perfect),
                )
            )
            if number == 0 and main_draft is None:
                main_draft = drafts[-1]
    if has_phrase(words, rules.self_claims):
        # "Das Militär zerstörte nach eigenen Angaben …": the actor's own account.
        for draft in drafts:
            if draft.attribution is None and draft.source:
                code = draft.source[0].entity.code
                draft.attribution = Attribution(code, code, "actor")
    return drafts, main_subject, quote_speaker


def _location(
    mentions: list[ActorMention], spans: list[tuple[int, int]], words: list[str], capitals: dict[str, str]
) -> str | None:
    """Where the sentence's events happen: the first capital named as a place ("in Moskau") or
    in a dateline ("MOSKAU (Reuters) -"), not as its government ("Moskau erklärte"), or the first
    other city ("in Istanbul", as written: the store resolves it to coordinates)."""
    end = dateline_end(words, spans)
    for m in mentions:
        in_dateline = end >= 0 and m.start < spans[end][0]  # "MOSKAU (Reuters) -": where it was filed
        if m.form == "capital" and (not m.metonymy or in_dateline):
            return capitals.get(m.entity.code, m.text)
        if m.form == "place":
            return m.text
    return None
