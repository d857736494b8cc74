"""Per-language event rules as lang.toml gives them, and the word and phrase lookups."""

from diplograph.events.rules import MODALITY_ORDER, event_rules, has_phrase, has_word


def test_rules_are_read_per_language_and_lower_cased():
    de, en = event_rules("de"), event_rules("en")
    assert "und" in de.group_connectors and "and" in en.group_connectors
    assert "von" in de.passive_agents and en.passive_agents == frozenset({"by"})
    assert ("laut",) in de.attribution_before  # "Laut" in the file, lower-cased here
    assert ("according", "to") in en.attribution_before
    assert en.modality_before_trigger and not de.modality_before_trigger
    assert en.subject_nearest and not de.subject_nearest


def test_modality_cues_are_kept_per_kind():
    de = event_rules("de")
    assert set(de.cues) == set(MODALITY_ORDER)
    assert "keine" in de.cues["negated"] and "könnte" in de.cues["possible"]
    assert MODALITY_ORDER[0] == "negated"


def test_clause_breakers_add_bare_openers_to_punctuation():
    assert {",", ";"} <= event_rules("de").clause_breakers
    assert "because" in event_rules("en").clause_breakers
    assert "because" not in event_rules("de").clause_breakers


def test_has_word_looks_only_inside_the_range():
    words = ["poland", "has", "sent", "tanks"]
    assert has_word(words, 0, 2, frozenset({"has"}))
    assert not has_word(words, 2, 4, frozenset({"has"}))


def test_has_phrase_needs_the_whole_phrase_in_order():
    phrases = (("nach", "eigenen", "angaben"),)
    assert has_phrase(["die", "armee", "traf", "nach", "eigenen", "angaben", "ein", "depot"], phrases)
    assert not has_phrase(["die", "armee", "traf", "nach", "angaben", "ein", "depot"], phrases)
    assert not has_phrase(["angaben", "eigenen", "nach"], phrases)
    assert not has_phrase(["nach"], ())
