"""Which time dates which trigger, on sentences of our own."""

from diplograph.events.dating import nearest_date, time_owners, unreported_times
from diplograph.model import TimeExpression
from tests.events.conftest import make_match


def test_each_time_dates_the_trigger_of_its_own_clause(sentence):
    s = sentence("Poland warned Belarus on Monday after Lithuania protested on Friday.", "en")
    warned = make_match("THREATEN", s.index("warned"))
    protested = make_match("PROTEST", s.index("protested"))
    clauses = s.clauses()
    assert len(clauses) == 2
    owners = time_owners(s.times, s.spans, clauses, [[warned], [protested]])
    by_text = {t.text: owners[id(t)] for t in s.times}
    assert by_text == {"on Monday": warned.positions, "on Friday": protested.positions}


def test_a_clause_without_a_trigger_lends_its_time_to_the_nearest_trigger(sentence):
    s = sentence("Poland warned Belarus on Monday after Lithuania protested on Friday.", "en")
    warned = make_match("THREATEN", s.index("warned"))
    owners = time_owners(s.times, s.spans, s.clauses(), [[warned], []])
    assert {owners[id(t)] for t in s.times} == {warned.positions}


def test_the_day_of_a_report_does_not_date_what_it_reports(sentence):
    s = sentence("Polish media reported on Monday that Lithuania will receive tanks.", "en")
    assert [t.text for t in s.times] == ["on Monday"]
    assert unreported_times(s.times, s.spans, s.words, s.rules) == []
    s = sentence("Nach Angaben vom Dienstag liefert Polen Panzer an Litauen.", "de")
    assert [t.text for t in s.times] == ["vom Dienstag"]
    assert unreported_times(s.times, s.spans, s.words, s.rules) == []


def test_a_time_of_the_act_is_kept(sentence):
    s = sentence("Polen lieferte am Montag Panzer an Litauen.", "de")
    assert [t.text for t in unreported_times(s.times, s.spans, s.words, s.rules)] == ["am Montag"]


def test_nearest_date_prefers_the_closest_dated_time(sentence):
    s = sentence("Poland warned Belarus on Monday after Lithuania protested on Friday.", "en")
    warned = make_match("THREATEN", s.index("warned"))
    protested = make_match("PROTEST", s.index("protested"))
    assert nearest_date(s.times, s.spans, warned) == "2025-01-13"
    assert nearest_date(s.times, s.spans, protested) == "2025-01-10"
    assert nearest_date([], s.spans, warned) is None


def test_nearest_date_skips_times_without_a_value(sentence):
    s = sentence("Poland warned Belarus on Monday after Lithuania protested on Friday.", "en")
    monday, friday = s.times
    unknown = TimeExpression(monday.text, monday.start, monday.end, None, None, "weekday")
    warned = make_match("THREATEN", s.index("warned"))
    assert nearest_date([unknown, friday], s.spans, warned) == friday.value


def test_nearest_date_within_a_clause(sentence):
    s = sentence("Poland warned Belarus on Monday after Lithuania protested on Friday.", "en")
    warned = make_match("THREATEN", s.index("warned"))
    friday_clause = (s.times[1].start, len(s.norm.raw))
    assert nearest_date(s.times, s.spans, warned, clause=friday_clause) == "2025-01-10"
