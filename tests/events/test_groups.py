"""Actor groups and clauses on sentences of our own."""

from diplograph.events.groups import ActorGroup


def codes(groups: list[ActorGroup]) -> list[tuple[str, ...]]:
    return [g.codes for g in groups]


def test_actors_joined_by_und_form_one_group(sentence):
    s = sentence("Frankreich und Italien kritisierten die Türkei, Polen und Ungarn.", "de")
    assert codes(s.groups()) == [("FRA", "ITA"), ("TUR", "POL", "HUN")]


def test_actors_joined_by_and_form_one_group(sentence):
    s = sentence("Spain and Portugal condemned Morocco, Algeria and Tunisia.", "en")
    assert codes(s.groups()) == [("ESP", "PRT"), ("MAR", "DZA", "TUN")]


def test_both_and_is_one_group_without_a_preposition(sentence):
    s = sentence("Both Poland and Lithuania protested against Belarus.", "en")
    groups = s.groups()
    assert codes(groups) == [("POL", "LTU"), ("BLR",)]
    assert groups[0].preposition is None
    assert (groups[1].preposition, groups[1].marker) == ("against", "against")


def test_comma_without_a_conjunction_ends_a_group(sentence):
    s = sentence("Frankreich drängt Italien, Libyen zu unterstützen.", "de")
    assert codes(s.groups()) == [("FRA",), ("ITA",), ("LBY",)]


def test_comma_list_closed_by_und_stays_one_group(sentence):
    s = sentence("Frankreich, Italien und Spanien protestierten gegen Marokko.", "de")
    groups = s.groups()
    assert codes(groups) == [("FRA", "ITA", "ESP"), ("MAR",)]
    assert groups[0].bounds == [(0, 0), (2, 2), (4, 4)]
    assert groups[1].preposition == "gegen"


def test_possessive_is_not_governed_by_the_preposition_before_it(sentence):
    s = sentence("Hungary protested against Poland's plans.", "en")
    poland = s.group_with("POL")
    assert poland.marker == "against" and poland.preposition is None


def test_dateline_place_is_no_participant(sentence):
    s = sentence("Berlin - Polen hat Litauen Panzer geliefert.", "de")
    assert "DEU" not in {code for g in s.groups() for code in g.codes}
    assert codes(s.groups()) == [("POL",), ("LTU",)]


def test_origin_of_weapons_is_no_participant(sentence):
    s = sentence("Die chinesischen Drohnen fielen in Vietnam.", "de")
    assert codes(s.groups()) == [("VNM",)]
    s = sentence("Polish-made tanks reached Ukraine.", "en")
    assert codes(s.groups()) == [("UKR",)]


def test_clause_opener_after_a_comma_starts_a_clause(sentence):
    s = sentence("Polen hat Litauen Panzer geliefert, als Belgien protestierte.", "de")
    comma = s.index(",")
    assert s.clauses() == [(0, comma + 1), (comma + 1, len(s.words))]


def test_relative_clause_ends_at_the_next_comma(sentence):
    s = sentence("Macron, who visited Rome, criticised Italy.", "en")
    assert s.clauses() == [(0, 2), (2, 6), (6, 9)]


def test_bare_clause_opener_starts_a_clause_without_a_comma(sentence):
    s = sentence("Poland warned Belarus on Monday after Lithuania protested on Friday.", "en")
    after = s.index("after")
    assert s.clauses() == [(0, after), (after, len(s.words))]
