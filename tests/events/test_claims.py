"""Speakers, attribution and modality, on sentences of our own."""

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
from diplograph.events.draft import EventDraft
from diplograph.model import Attribution, Evidence
from tests.events.conftest import actor, make_match


def test_speaker_before_the_speech_verb(sentence):
    s = sentence("Macron said Poland will support Lithuania.", "en")
    speakers = find_speakers(s.groups(), s.words, s.rules)
    assert [(g.codes, s.words[verb]) for g, verb in speakers] == [(("FRA",), "said")]


def test_speaker_after_the_speech_verb(sentence):
    s = sentence("Die Lage bleibt ernst, sagte Macron am Abend.", "de")
    speakers = find_speakers(s.groups(), s.words, s.rules)
    assert [g.codes for g, _verb in speakers] == [("FRA",)]


def test_speaker_reports_an_act_with_its_own_subject(sentence):
    s = sentence("Macron said Poland will support Lithuania.", "en")
    ((speaker, verb),) = find_speakers(s.groups(), s.words, s.rules)
    support = make_match("SUPPORT", s.index("support"))
    assert reports_only(speaker, verb, support, s.groups())
    said = make_match("THREATEN", verb)  # the speech verb itself is the trigger: the speaker acts
    assert not reports_only(speaker, verb, said, s.groups())


def test_reported_act_is_credited_to_the_speaker(sentence):
    s = sentence("Macron said Poland will support Lithuania.", "en")
    speakers = find_speakers(s.groups(), s.words, s.rules)
    support = make_match("SUPPORT", s.index("support"), cameo="057")
    source = list(s.group_with("POL").mentions)
    credited = event_attribution(None, speakers, source, support, s.words, s.rules)
    assert credited == Attribution("FRA", "FRA", "actor")


def test_speakers_own_threat_is_not_a_claim(sentence):
    s = sentence("Macron said France would respond to any attack.", "en")
    speakers = find_speakers(s.groups(), s.words, s.rules)
    threat = make_match("THREATEN", s.index("respond"))
    source = next(g.mentions for g in s.groups() if g.first == s.index("france"))
    assert event_attribution(None, speakers, source, threat, s.words, s.rules) is None


def test_an_outlet_attribution_wins(sentence):
    s = sentence("Macron said Poland will support Lithuania.", "en")
    speakers = find_speakers(s.groups(), s.words, s.rules)
    outlet = Attribution("AFP", None, "outlet")
    support = make_match("SUPPORT", s.index("support"))
    assert event_attribution(outlet, speakers, [], support, s.words, s.rules) is outlet


def test_outlet_cited_before_the_report_german(sentence):
    s = sentence("Laut AFP lieferte Polen Panzer an Litauen.", "de")
    assert outlet_attribution(s.outlets, s.spans, s.words, s.rules) == Attribution("AFP", None, "outlet")


def test_outlet_cited_after_the_report_english(sentence):
    s = sentence("Poland delivered tanks to Lithuania, AFP reported.", "en")
    assert outlet_attribution(s.outlets, s.spans, s.words, s.rules) == Attribution("AFP", None, "outlet")


def test_media_at_large_as_the_speaker(sentence):
    s = sentence("Polish media reported that Lithuania will receive tanks.", "en")
    ((speaker, _verb),) = find_speakers(s.groups(), s.words, s.rules)
    assert speaker_attribution(speaker, s.words, s.rules) == Attribution("Polish media", "POL", "media")


def test_sentence_that_only_names_the_outlet_claims_the_previous_one(sentence):
    for text, lang in (
        ("Polen hat Litauen Panzer geliefert. Dies berichtete die Agentur AFP.", "de"),
        ("Poland delivered tanks to Lithuania. This was reported by AFP.", "en"),
    ):
        s = sentence(text, lang, index=1)
        claimant = anaphoric_claimant(s.norm, s.sent, None, s.outlets, s.rules)
        assert claimant == Attribution("AFP", None, "outlet"), text


def test_sentence_that_does_not_open_with_an_anaphor_claims_nothing(sentence):
    s = sentence("Polen hat Litauen Panzer geliefert. Die Agentur AFP berichtete.", "de", index=1)
    assert anaphoric_claimant(s.norm, s.sent, None, s.outlets, s.rules) is None


def test_quoted_events_are_credited_but_not_the_speakers_own_speech_acts():
    poland, belarus = actor("POL"), actor("BLR")

    def draft(type_: str, source) -> EventDraft:
        return EventDraft(
            make_match(type_, 0), source, [belarus], "actual", None, None, None, Evidence("x", 0, 1, 0), 0.5, 0
        )

    aid, accusation = draft("AID", [poland]), draft("ACCUSE", [poland])
    credit_quoted([aid, accusation], Attribution("POL", "POL", "actor"))
    assert aid.attribution == Attribution("POL", "POL", "actor")
    assert accusation.attribution is None


def test_speech_acts():
    assert is_speech_act(make_match("ACCUSE", 0))
    assert is_speech_act(make_match("SUPPORT", 0, cameo="051"))
    assert not is_speech_act(make_match("SUPPORT", 0, cameo="057"))  # signing a treaty is done, not said
    assert not is_speech_act(make_match("AID", 0))


def modality(sentence, text, lang, trigger_word, type_="AID"):
    s = sentence(text, lang)
    start, end = s.clauses()[0]
    return clause_modality(s.words, start, end, make_match(type_, s.index(trigger_word)), s.rules)


def test_modality_cues(sentence):
    assert modality(sentence, "Polen könnte Litauen Panzer liefern.", "de", "liefern") == "possible"
    assert modality(sentence, "Poland may send tanks to Lithuania.", "en", "send") == "possible"
    assert modality(sentence, "Poland did not send tanks to Lithuania.", "en", "send") == "negated"
    assert modality(sentence, "Poland will send tanks to Lithuania.", "en", "send") == "planned"
    assert modality(sentence, "Poland sent tanks to Lithuania.", "en", "sent") == "actual"


def test_negation_outranks_intention(sentence):
    assert modality(sentence, "Polen will Litauen keine Panzer liefern.", "de", "liefern") == "negated"


def test_negation_exception_is_no_negation(sentence):
    text = "Polen liefert nicht nur Panzer an Litauen."
    assert modality(sentence, text, "de", "liefert") == "actual"


def test_english_modality_is_read_before_the_trigger_only(sentence):
    text = "Poland sent tanks that may reach Lithuania."
    assert modality(sentence, text, "en", "sent") == "actual"
    text = "Polen lieferte Panzer, die Litauen nicht erreichten."
    assert modality(sentence, text, "de", "lieferte") == "actual"  # "nicht" is in the next clause


def test_a_threat_of_what_would_happen_is_made_now(sentence):
    text = "Poland would respond to any attack."
    assert modality(sentence, text, "en", "respond", type_="THREATEN") == "actual"
    assert modality(sentence, text, "en", "respond", type_="ASSAULT") == "planned"
