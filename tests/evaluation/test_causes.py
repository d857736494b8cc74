"""Causes of missed and extra events, on hand-made gold dicts and system events."""

from __future__ import annotations

from diplograph.evaluation.causes import (
    ACTOR_NOT_FOUND,
    CLAIM_NOT_NESTED,
    EMPTY_TARGET,
    NO_GOLD_HERE,
    OTHER,
    TRIGGER_NOT_FOUND,
    WRONG_ROLE,
    WRONG_TYPE,
    GoldAt,
    classify_extra,
    classify_miss,
    explain,
    locate,
    quote_sentences,
)
from diplograph.model import ActorMention, Article, Document, Entity, Event, Evidence, Participant, Sentence

# Our own three sentences; offsets below are into this text.
TEXT = "Iran sent drones to Russia.\nUkraine accused Iran of it. Germany met France."
SENTENCES = (Sentence(0, 27, ()), Sentence(28, 55, ()), Sentence(56, 75, ()))
ALL_CODES = frozenset({"IRN", "RUS", "UKR", "DEU", "FRA"})


def state(code: str) -> Participant:
    return Participant(Entity(code, code, code, "state"), None, code)


def event(type_: str, source: list[str], target: list[str], sentence: int = 0, symmetric: bool = False) -> Event:
    return Event(
        id=f"{type_}-{sentence}", type=type_, mode=None, cameo="", goldstein=0.0,
        source=tuple(state(c) for c in source), target=tuple(state(c) for c in target), symmetric=symmetric,
        date=None, modality="actual", attribution=None, location=None,
        evidence=(Evidence("…", 0, 1, sentence),), confidence=0.9,
    )  # fmt: skip


def gold(type_: str, source: list[str], target: list[str], evidence: str = "sent drones", **extra) -> dict:
    return {"id": "e1", "type": type_, "source": source, "target": target, "modality": "actual",
            "attribution": None, "evidence": [evidence], **extra}  # fmt: skip


def miss(g: dict, events: list[Event], codes: frozenset[str] = ALL_CODES) -> str:
    return classify_miss(g, quote_sentences(g["evidence"], TEXT, SENTENCES), events, codes)


def test_quotes_are_found_whatever_the_whitespace():
    assert locate("drones  to\nRussia", TEXT) == (10, 26)
    assert locate("drones to Moscow", TEXT) is None
    assert quote_sentences(["Russia. Ukraine accused"], TEXT, SENTENCES) == {0, 1}
    assert quote_sentences(["nowhere"], TEXT, SENTENCES) == frozenset()


def test_an_actor_never_read_comes_before_everything_else():
    g = gold("AID", ["IRN"], ["RUS"])
    assert miss(g, [event("COOPERATE", ["IRN"], ["RUS"])], codes=frozenset({"IRN"})) == ACTOR_NOT_FOUND


def test_no_event_in_the_evidence_sentence_is_a_trigger_not_found():
    g = gold("AID", ["IRN"], ["RUS"])
    assert miss(g, [event("AID", ["IRN"], ["RUS"], sentence=2)]) == TRIGGER_NOT_FOUND
    assert miss(g, []) == TRIGGER_NOT_FOUND


def test_same_actors_another_type_is_a_wrong_type():
    assert miss(gold("AID", ["IRN"], ["RUS"]), [event("COOPERATE", ["RUS"], ["IRN"])]) == WRONG_TYPE


def test_alternative_types_count_as_the_same_type():
    g = gold("AID", ["IRN"], ["RUS"], alt_types=["COOPERATE"])
    assert miss(g, [event("COOPERATE", ["RUS"], ["IRN"])]) == WRONG_ROLE


def test_same_type_with_swapped_or_other_actors_is_a_wrong_role():
    g = gold("AID", ["IRN"], ["RUS"])
    assert miss(g, [event("AID", ["RUS"], ["IRN"])]) == WRONG_ROLE
    assert miss(g, [event("AID", ["IRN"], ["UKR"])]) == WRONG_ROLE


def test_same_type_and_source_without_target_is_an_empty_target():
    assert miss(gold("AID", ["IRN"], ["RUS"]), [event("AID", ["IRN"], [])]) == EMPTY_TARGET
    # A symmetric gold event has no target to leave empty.
    g = gold("CONSULT", ["DEU", "FRA"], [], evidence="Germany met France", symmetric=True)
    assert miss(g, [event("CONSULT", ["DEU"], [], sentence=2)]) == WRONG_ROLE


def test_a_speech_act_without_the_claimed_act_is_a_claim_not_nested():
    g = gold("AID", ["IRN"], ["RUS"], evidence="accused Iran of it", attribution="UKR")
    assert miss(g, [event("ACCUSE", ["UKR"], ["IRN"], sentence=1)]) == CLAIM_NOT_NESTED
    # An outlet is no claimant: the same speech act is then no clue.
    outlet = gold("AID", ["IRN"], ["RUS"], evidence="accused Iran of it", attribution="Reuters")
    assert miss(outlet, [event("ACCUSE", ["UKR"], ["IRN"], sentence=1)]) == OTHER


def test_a_fitting_event_taken_by_another_gold_event_or_unlocated_evidence_is_other():
    assert miss(gold("AID", ["IRN"], ["RUS"]), [event("AID", ["IRN"], ["RUS"])]) == OTHER
    assert miss(gold("AID", ["IRN"], ["RUS"], evidence="not in the text"), [event("AID", ["IRN"], [])]) == OTHER


def test_extras():
    here = [GoldAt(gold("AID", ["IRN"], ["RUS"]), frozenset({0}))]
    assert classify_extra(event("CONSULT", ["DEU"], ["FRA"], sentence=2), here) == NO_GOLD_HERE
    assert classify_extra(event("AID", ["RUS"], ["IRN"]), here) == WRONG_ROLE
    assert classify_extra(event("COOPERATE", ["IRN"], ["RUS"]), here) == WRONG_TYPE
    assert classify_extra(event("ASSAULT", ["UKR"], ["RUS"]), here) == OTHER
    assert classify_extra(event("AID", ["IRN"], ["RUS"]), here) == OTHER  # a duplicate of a matched event


def test_explain_reads_the_document():
    mentions = (
        ActorMention("Iran", 0, 4, state("IRN").entity, "name", sentence=0),
        ActorMention("Russia", 20, 26, state("RUS").entity, "name", sentence=0),
        ActorMention("Germany", 56, 63, state("DEU").entity, "name", sentence=2),
    )  # France is never read
    extra = event("SUPPORT", ["DEU"], ["FRA"], sentence=2)
    doc = Document(Article("t", TEXT), "en", None, "none", TEXT, SENTENCES, actors=mentions, events=(extra,))
    missed = [gold("AID", ["IRN"], ["RUS"]), gold("CONSULT", ["DEU", "FRA"], [], evidence="Germany met")]
    assert explain(doc, missed, missed, [extra]) == ([TRIGGER_NOT_FOUND, ACTOR_NOT_FOUND], [WRONG_TYPE])
