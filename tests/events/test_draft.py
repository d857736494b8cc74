"""How sure a single event mention is, from what the sentence names."""

from diplograph.events.draft import draft_confidence, entity_codes
from tests.events.conftest import actor, make_match

POLAND, LITHUANIA = actor("POL"), actor("LTU")


def test_named_roles_raise_confidence():
    match = make_match("AID", 2)
    assert draft_confidence(match, [POLAND], [LITHUANIA], False) == 0.8
    assert draft_confidence(match, [POLAND], [], False) == 0.65
    assert draft_confidence(make_match("AID", 2, 4), [POLAND], [LITHUANIA], False) == 0.9


def test_roles_from_context_and_bare_nouns_lower_it():
    assert draft_confidence(make_match("AID", 2), [POLAND], [LITHUANIA], True) == 0.65
    noun = make_match("AID", 2, flags=frozenset({"noun"}))
    assert draft_confidence(noun, [POLAND], [], False) == 0.55


def test_a_joint_event_needs_no_target():
    meeting = make_match("CONSULT", 2, symmetric=True)
    assert draft_confidence(meeting, [POLAND, LITHUANIA], [], False) == 0.8


def test_entity_codes_compare_by_actor_not_by_name():
    assert entity_codes([POLAND, actor("POL", "Warschau"), LITHUANIA]) == frozenset({"POL", "LTU"})
