"""Every temporal form of the reading-layer issue, in both languages, on sentences we wrote."""

import pytest

from tests.conftest import time_of


@pytest.mark.parametrize(
    ("text", "expression", "value", "granularity"),
    [
        ("Die Minister treffen sich am 13. Januar 2025 in Berlin.", "am 13. Januar 2025", "2025-01-13", "day"),
        ("Der Vertrag wurde am 19.06.2024 unterzeichnet.", "am 19.06.2024", "2024-06-19", "day"),
        ("Das Treffen ist für diesen Freitag angesetzt.", "diesen Freitag", "2025-01-17", "day"),
        ("Am Freitag wird das Abkommen unterzeichnet.", "Am Freitag", "2025-01-17", "day"),
        ("Am Freitag hatten beide Seiten telefoniert.", "Am Freitag", "2025-01-10", "day"),
        ("Am vergangenen Dienstag hatte Berlin protestiert.", "Am vergangenen Dienstag", "2025-01-07", "day"),
        ("Sie hatten im vergangenen Jahr eine Vereinbarung getroffen.", "im vergangenen Jahr", "2024", "year"),
        ("Vor drei Tagen griff die Armee an.", "Vor drei Tagen", "2025-01-10", "day"),
        ("In drei Tagen reist er nach Paris.", "In drei Tagen", "2025-01-16", "day"),
        ("Im Juli hatte Teheran Raketen geliefert.", "Im Juli", "2024-07", "month"),
        ("Seit März 2022 liefert Iran Drohnen.", "Seit März 2022", "2022-03", "month"),
        ("Der Gipfel findet nächsten Monat statt.", "nächsten Monat", "2025-02", "month"),
        ("Gestern sprach der Kanzler mit Macron.", "Gestern", "2025-01-12", "day"),
        (
            "Er kommt nur drei Tage vor der Amtseinführung von Donald Trump.",
            "drei Tage vor der Amtseinführung von Donald Trump",
            "2025-01-17",
            "day",
        ),
        ("Anfang November hatte Russland Raketen erhalten.", "Anfang November", "2024-11", "month"),
        ("Im Jahr 2015 wurde das Atomabkommen geschlossen.", "Im Jahr 2015", "2015", "year"),
        ("Das Treffen fand am 13. Jan. 2025 statt.", "am 13. Jan. 2025", "2025-01-13", "day"),
        ("Am 2025-01-13 wurde verhandelt.", "Am 2025-01-13", "2025-01-13", "day"),
        ("Am 7. Oktober griff die Hamas Israel an.", "Am 7. Oktober", "2024-10-07", "day"),
    ],
)
def test_german(read, text, expression, value, granularity):
    doc = read(text, lang="de", published="2025-01-13")
    found = time_of(doc, expression)
    assert (found.value, found.granularity) == (value, granularity)


@pytest.mark.parametrize(
    ("text", "expression", "value", "granularity"),
    [
        ("The ministers met on January 13, 2025 in Berlin.", "on January 13, 2025", "2025-01-13", "day"),
        ("The treaty was signed on 19 June 2024.", "on 19 June 2024", "2024-06-19", "day"),
        ("The leaders will meet this Friday in Moscow.", "this Friday", "2025-01-17", "day"),
        ("The ceasefire will take effect on Wednesday.", "on Wednesday", "2025-01-15", "day"),
        ("The two sides spoke on Friday.", "on Friday", "2025-01-10", "day"),
        ("Last Tuesday, police arrested two men.", "Last Tuesday", "2025-01-07", "day"),
        ("Iran signed a similar deal last year.", "last year", "2024", "year"),
        ("Three days ago the army attacked.", "Three days ago", "2025-01-10", "day"),
        ("The summit will be held next month.", "next month", "2025-02", "month"),
        ("Yesterday the chancellor called Macron.", "Yesterday", "2025-01-12", "day"),
        (
            "He arrives three days before Trump's inauguration.",
            "three days before Trump's inauguration",
            "2025-01-17",
            "day",
        ),
        ("In late 2023, Iran and Russia signed a contract.", "In late 2023", "2023", "year"),
        ("Russia received the first shipment earlier this month.", "earlier this month", "2025-01", "month"),
        ("A day earlier it declined to comment.", "A day earlier", "2025-01-12", "day"),
        ("Troops have been there since August.", "since August", "2024-08", "month"),
        ("The jets were ordered in 2015.", "in 2015", "2015", "year"),
        ("Talks were held on Jan. 13, 2025 in Geneva.", "on Jan. 13, 2025", "2025-01-13", "day"),
        ("The deal was signed on 1/13/2025.", "on 1/13/2025", "2025-01-13", "day"),
        ("Hamas attacked Israel on October 7.", "on October 7", "2024-10-07", "day"),
        ("Iran hopes to get the jets in March 2025.", "in March 2025", "2025-03", "month"),
    ],
)
def test_english(read, text, expression, value, granularity):
    doc = read(text, lang="en", published="2025-01-13")
    found = time_of(doc, expression)
    assert (found.value, found.granularity) == (value, granularity)


def test_modifiers_are_kept(read):
    doc = read("Seit März 2022 liefert Iran Drohnen, Anfang November kamen Raketen.", lang="de", published="2025-01-13")
    assert time_of(doc, "Seit März 2022").modifier == "since"
    assert time_of(doc, "Anfang November").modifier == "start"


def test_anchor_is_recorded(read):
    doc = read("Er kommt drei Tage vor der Amtseinführung von Donald Trump.", lang="de", published="2025-01-13")
    assert (
        time_of(doc, "drei Tage vor der Amtseinführung von Donald Trump").anchor == "us_inauguration_trump@2025-01-20"
    )


def test_anchor_nearest_to_the_article_date(read):
    doc = read("He arrives three days before Trump's inauguration.", lang="en", published="2017-01-10")
    assert time_of(doc, "three days before Trump's inauguration").value == "2017-01-17"


def test_relative_expressions_without_a_date_have_no_value(read):
    doc = read("Am Mittwoch unterzeichneten sie den Vertrag.", lang="de")
    assert time_of(doc, "Am Mittwoch").value is None


def test_month_level_article_date_keeps_the_month(read):
    doc = read("Die EU beschloss am Montag neue Sanktionen.", lang="de", published="2024-10")
    found = time_of(doc, "am Montag")
    assert (found.value, found.granularity) == ("2024-10", "month")


def test_time_offsets_point_into_the_raw_text(read):
    text = "Das Treffen ist für diesen\nFreitag angesetzt."
    doc = read(text, lang="de", published="2025-01-13")
    found = doc.times[0]
    assert text[found.start : found.end] == "diesen\nFreitag"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_anchor_phrase_holds_a_cue_word(lang):
    """The tagger runs anchor patterns only around their cue words; every text an anchor
    pattern matches must therefore hold one, or the expression would be missed silently."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from diplograph.lang import load
    from diplograph.temporal.grammar import grammar
    from diplograph.temporal.tagger import _cue_hits
    from diplograph.text.tokenize import split_sentences

    rows = [row["pattern"] for row in load.read_tsv(load.lang_file(lang, "anchors.tsv"), required=("pattern", "group"))]
    g = grammar(lang)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(rows).flatmap(lambda p: st.from_regex(rf"(?:{p})", fullmatch=True)))
    def holds_cue(phrase):
        sentences = split_sentences(f"Es war vor der {phrase} so.", lang=lang)
        assert any("anchor" in categories for hits in _cue_hits(sentences, g) for categories, _s, _e in hits), phrase

    holds_cue()


@pytest.mark.parametrize(
    ("reference", "text"),
    [
        ("9999-12-31", "Sie treffen sich in der kommenden Woche, morgen und im nächsten Monat, nächstes Jahr."),
        ("9999-12-31", "They meet next Friday, in three days, next month and next year."),
        ("0001-01-01", "Sie trafen sich in der vergangenen Woche, gestern, vor drei Tagen und letztes Jahr."),
        ("0001-01-01", "They met last Friday, a week ago, last month and last year."),
    ],
)
def test_relative_dates_past_the_calendar_have_no_value(reference, text):
    from diplograph.temporal.dates import PartialDate
    from diplograph.temporal.tagger import tag_times
    from diplograph.text.normalize import normalize
    from diplograph.text.tokenize import split_sentences

    lang = "en" if text.startswith("They") else "de"
    norm = normalize(text)
    times = tag_times(norm, split_sentences(norm.text, lang=lang), lang=lang, reference=PartialDate.parse(reference))
    for t in times:  # no OverflowError; an expression past year 9999 or before year 1 has no value
        assert t.value is None or "0001" <= t.value[:4] <= "9999"
