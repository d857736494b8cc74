"""Source and target from the actor groups of a clause, on sentences of our own."""

from diplograph.events.arguments import clause_roles, clause_subject, find_target, noun_modifier
from tests.events.conftest import make_match


def roles_of(s, match, clause_number=0, main_subject=None):
    """(source codes, target codes, from_context) for ``match`` in clause ``clause_number``."""
    groups, clauses = s.groups(), s.clauses()
    start, end = clauses[clause_number]
    in_clause = [g for g in groups if start <= g.first and g.last < end]
    source, target, from_context = clause_roles(
        in_clause, match, s.words, s.rules, start, end, groups, clauses, clause_number, main_subject
    )
    return (source.codes if source else None, target.codes if target else None, from_context)


def test_passive_agent_is_the_source_german(sentence):
    s = sentence("Die Niederlande wurden von Belgien scharf kritisiert.", "de")
    match = make_match("ACCUSE", s.index("kritisiert"))
    assert roles_of(s, match) == (("BEL",), ("NLD",), False)


def test_passive_agent_is_the_source_english(sentence):
    s = sentence("Greece was criticised by Turkey on Tuesday.", "en")
    match = make_match("ACCUSE", s.index("criticised"))
    assert roles_of(s, match) == (("TUR",), ("GRC",), False)


def test_active_clause_subject_acts_on_the_next_group(sentence):
    s = sentence("Spain and Portugal condemned Morocco.", "en")
    match = make_match("ACCUSE", s.index("condemned"))
    assert roles_of(s, match) == (("ESP", "PRT"), ("MAR",), False)


def test_subject_is_not_a_group_under_a_preposition(sentence):
    s = sentence("Gegen Polen protestierte Ungarn am Montag.", "de")
    assert clause_subject(s.groups(), s.clauses()[0], s.rules).codes == ("HUN",)
    match = make_match("PROTEST", s.index("protestierte"), target_preps=frozenset({"gegen"}))
    assert roles_of(s, match) == (("HUN",), ("POL",), False)


def test_genitive_agent_of_a_noun_trigger(sentence):
    s = sentence("Indiens Angriffe auf Pakistan gingen weiter.", "de")
    match = make_match("ASSAULT", s.index("angriffe"), target_preps=frozenset({"auf"}), flags=frozenset({"noun"}))
    agent = noun_modifier(s.groups(), match, s.words, s.rules)
    assert agent is not None and agent.codes == ("IND",)
    target = find_target(s.groups(), match, s.rules, after=match.first, exclude=agent)
    assert target is not None and target.codes == ("PAK",)


def test_possessive_agent_of_a_noun_trigger(sentence):
    s = sentence("China's blockade of Taiwan continued.", "en")
    match = make_match("COERCE", s.index("blockade"), target_preps=frozenset({"of"}), flags=frozenset({"noun"}))
    agent = noun_modifier(s.groups(), match, s.words, s.rules)
    assert agent is not None and agent.codes == ("CHN",)
    target = find_target(s.groups(), match, s.rules, after=match.first, exclude=agent)
    assert target is not None and target.codes == ("TWN",)


def test_genitive_after_a_noun_trigger_is_its_agent(sentence):
    s = sentence("Die Verlegung polnischer Soldaten nach Litauen begann.", "de")
    match = make_match("MOBILIZE", s.index("verlegung"), flags=frozenset({"noun"}))
    agent = noun_modifier(s.groups(), match, s.words, s.rules)
    assert agent is not None and agent.codes == ("POL",)


def test_noun_after_a_preposition_has_no_modifier_before_it(sentence):
    s = sentence("Ungarn protestierte gegen Polen wegen der Angriffe.", "de")
    match = make_match("ASSAULT", s.index("angriffe"), flags=frozenset({"noun"}))
    assert noun_modifier(s.groups(), match, s.words, s.rules) is None


def test_relative_clause_takes_its_antecedent(sentence):
    s = sentence("Poland criticised Hungary, which supplied weapons to Serbia.", "en")
    match = make_match("AID", s.index("supplied"), target_preps=frozenset({"to"}))
    assert roles_of(s, match, clause_number=1) == (("HUN",), ("SRB",), True)


def test_place_of_an_attack_is_its_target(sentence):
    s = sentence("Armenia shelled positions in Azerbaijan.", "en")
    assault = make_match("ASSAULT", s.index("shelled"))
    assert roles_of(s, assault) == (("ARM",), ("AZE",), False)
    protest = make_match("PROTEST", s.index("shelled"))
    assert roles_of(s, protest) == (("ARM",), None, False)


def test_joint_event_between_two_parties(sentence):
    s = sentence("Das Abkommen zwischen Polen und Litauen gilt.", "de")
    match = make_match("AGREE", s.index("abkommen"), symmetric=True)
    assert roles_of(s, match) == (("POL", "LTU"), None, False)


def test_adjective_with_a_word_between_it_and_a_noun_trigger_is_its_agent(sentence):
    s = sentence("Polish air strikes on Belarus continued.", "en")
    match = make_match("ASSAULT", s.index("strikes"), target_preps=frozenset({"on"}), flags=frozenset({"noun"}))
    agent = noun_modifier(s.groups(), match, s.words, s.rules)
    assert agent is not None and agent.codes == ("POL",)
