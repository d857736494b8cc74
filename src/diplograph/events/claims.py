"""Who says an event happened, and how sure the text is that it did.

News reports most events second hand: an outlet ("wie Tass berichtete"), a speaker ("Biden
said"), a claim in the next sentence ("Das teilte … mit"), a quotation that runs on. A
speaker's own threats and accusations are acts, not claims. Modality (negated, desired,
possible, planned) comes from cue words in the clause.
"""

from __future__ import annotations

from diplograph.events.draft import EventDraft, entity_codes
from diplograph.events.groups import ActorGroup, token_spans
from diplograph.events.rules import MODALITY_ORDER, EventRules
from diplograph.events.triggers import TriggerMatch
from diplograph.model import ActorMention, Attribution, Modality, OutletMention, Sentence
from diplograph.text.normalize import NormText

# A speaker's name ends at most this many tokens before its verb of saying ("Biden, 82, said").
_SPEECH_WINDOW = 3
# Types a speaker performs by speaking (see is_speech_act).
_SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "CONCEDE"})


def find_speakers(groups: list[ActorGroup], words: list[str], rules: EventRules) -> list[tuple[ActorGroup, int]]:
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


def reports_only(
    speaker: ActorGroup,
    verb: int,
    match: TriggerMatch,
    clause_groups: list[ActorGroup],
    words: list[str] | None = None,
    rules: EventRules | None = None,
) -> bool:
    """Whether a speaker only reports the event rather than acting in it: it does when the
    event comes before ("Israel will respond, Biden said") or has its own subject after the
    speech verb ("Biden said Israel would respond"); it acts when its verb is the trigger
    ("Iran warned Moscow") or nobody else stands before it ("Paris announced plans to supply")."""
    if verb in match.positions:
        return False
    if verb > match.first:
        return True
    if words is not None and rules is not None and _other_pronoun(speaker, words[verb + 1 : match.first], rules):
        return True  # "Ryder said they intend to attack": the complement has its own subject
    return any(g is not speaker and g.preposition is None and verb < g.first < match.first for g in clause_groups)


def _other_pronoun(speaker: ActorGroup, between: list[str], rules: EventRules) -> bool:
    """A plural pronoun after one person's verb of saying stands for others."""
    person = len(speaker.codes) == 1 and all(m.form in ("person", "role") for m in speaker.mentions)
    return person and any(w in rules.plural_pronouns for w in between)


def outlet_attribution(
    outlets: list[OutletMention], spans: list[tuple[int, int]], words: list[str], rules: EventRules
) -> Attribution | None:
    """The first outlet the sentence cites ("wie Tass berichtete", "according to Reuters",
    "IRNA reported"): an outlet merely named ("told the BBC") credits nothing."""
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


def event_attribution(
    outlet: Attribution | None,
    speakers: list[tuple[ActorGroup, int]],
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
        if source_codes & set(codes) and is_speech_act(match) and verb not in adjuncts:
            return None  # "Netanyahu said Israel would respond": the statement is the threat itself
        return speaker_attribution(group, words, rules)
    return None


def speaker_attribution(group: ActorGroup, words: list[str], rules: EventRules) -> Attribution:
    """The speaker as credited: an actor, or its media at large ("Iranian media reported")."""
    code = group.codes[0]
    head = words[group.last + 1] if group.last + 1 < len(words) else ""
    if len(group.mentions) == 1 and group.mentions[0].form == "adjective" and head in rules.media_nouns:
        return Attribution(f"{group.mentions[0].text} {head}", code, "media")
    return Attribution(code, code, "actor")


def credit_quoted(drafts: list[EventDraft], speaker: Attribution) -> None:
    """Attribute quoted events to the speaker, but not the speaker's own speech acts."""
    for draft in drafts:
        if draft.attribution is None and not (
            is_speech_act(draft.match) and speaker.code in entity_codes(draft.source)
        ):
            draft.attribution = speaker


def anaphoric_claimant(
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
    spans = token_spans(norm, sent)
    all_words = [t.text.lower() for t in sent.tokens]
    return outlet_attribution(outlets, spans, all_words, rules) if outlets else None


def is_speech_act(match: TriggerMatch) -> bool:
    """Verbal events a speaker performs by speaking (threats, accusations, demands, promises),
    unlike acts a speaker reports ("Putin erklärte, man habe einen Vertrag geschlossen")."""
    trigger = match.trigger
    return trigger.type in _SPEECH_ACTS or (trigger.type == "SUPPORT" and trigger.cameo != "057")


def clause_modality(words: list[str], start: int, end: int, match: TriggerMatch, rules: EventRules) -> Modality:
    """Whether the clause reports the event as done ("actual"), or negated, desired, possible or
    planned, by cue words outside the trigger (the first kind of MODALITY_ORDER found)."""
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
        for kind in MODALITY_ORDER:
            if word in rules.cues[kind]:
                if kind == "negated" and any(tuple(words[i : i + len(p)]) == p for p in rules.negation_exceptions):
                    continue
                found.add(kind)
    if match.trigger.type == "THREATEN":
        found.discard("planned")  # "would respond forcefully": the threat itself is made now
    for kind in MODALITY_ORDER:
        if kind in found:
            return kind  # type: ignore[return-value]
    return "actual"
