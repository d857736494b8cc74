"""The pipeline as a whole: publication dates, language choice, and errors."""

import pytest

from diplograph import errors
from diplograph.model import Article
from diplograph.pipeline import Options, analyze


def test_publication_date_from_a_date_line(options):
    text = "Berlin, 4. März 2025\n\nDer Kanzler empfing am Montag den französischen Präsidenten."
    doc = analyze(Article(id="a", text=text, lang="de"), options=options)
    assert (doc.published, doc.published_from) == ("2025-03-04", "text")
    assert [t.value for t in doc.times if t.text == "am Montag"] == ["2025-03-03"]


def test_header_date_refines_a_partial_metadata_date(options):
    text = "25.10.2024\n\nDie EU verhängte neue Sanktionen gegen Iran."
    doc = analyze(Article(id="a", text=text, lang="de", published="2024-10"), options=options)
    assert (doc.published, doc.published_from) == ("2024-10-25", "text")


def test_option_overrides_metadata():
    options = Options.create(published="2024-01-02")
    article = Article(id="a", text="Iran and Russia met today.", lang="en", published="2020-05-05")
    doc = analyze(article, options=options)
    assert doc.published == "2024-01-02" and doc.times[0].value == "2024-01-02"


def test_declared_unsupported_language_is_rejected(options):
    with pytest.raises(errors.InputError) as info:
        analyze(Article(id="a", text="La Russie et l'Iran.", lang="fr"), options=options)
    assert info.value.code == errors.UNKNOWN_LANGUAGE


def test_forced_language(options):
    forced = Options.create(lang="en")
    doc = analyze(Article(id="a", text="Putin Pezeshkian Moscow"), options=forced)
    assert doc.lang == "en"


def test_bad_options_are_usage_errors():
    with pytest.raises(errors.UsageError):
        Options.create(lang="fr")
    with pytest.raises(errors.UsageError):
        Options.create(published="13.01.2025")


def test_text_in_another_language_than_its_label_is_rejected(options):
    from diplograph.errors import InputError
    from diplograph.model import Article
    from diplograph.pipeline import analyze

    text = "El equipo local ganó el partido por dos goles a uno. Los mercados cerraron con ligeras pérdidas."
    try:
        analyze(Article(id="x", text=text, lang="de"), options=options)
    except InputError as exc:
        assert exc.code == "D106" and "'es'" in exc.reason
    else:
        raise AssertionError("Spanish text labelled German was analysed as German")


def test_a_document_over_the_time_limit_is_rejected_and_the_batch_goes_on(options):
    from dataclasses import replace

    from diplograph.model import Article, Rejection
    from diplograph.pipeline import analyze_all

    hurried = replace(options, settings=replace(options.settings, max_seconds=1e-6))
    items = [Article(id=f"a{n}", text="Russland und Iran unterzeichneten einen Vertrag. " * 50, lang="de")
             for n in range(2)]  # fmt: skip
    results = list(analyze_all(items, options=hurried))
    assert [type(r).__name__ for r in results] == ["Rejection", "Rejection"]
    assert all(isinstance(r, Rejection) and r.code == "D109" for r in results)
    # With the default limit the same documents are analysed.
    assert all(not isinstance(r, Rejection) for r in analyze_all(items, options=options))


@pytest.mark.parametrize(
    ("published", "text"),
    [
        ("9999-12-31", "31.12.9999 Russland und Iran wollen in der kommenden Woche einen Vertrag unterzeichnen."),
        ("9999-12-31", "Russland und Iran unterzeichnen morgen im nächsten Jahr einen Vertrag in Moskau."),
        ("0001-01-01", "Russland und Iran unterzeichneten in der vergangenen Woche gestern einen Vertrag."),
        ("0001-01-01", "Russia and Iran signed a treaty last month, a week ago, in Moscow."),
    ],
)
def test_dates_past_the_ends_of_the_calendar_are_left_unresolved(options, tmp_path, published, text):
    """'Next week' said on 31.12.9999 has no date; the document is still analysed, stored and merged."""
    from contextlib import closing

    from diplograph.store.events import rebuild_events
    from diplograph.store.writer import connect, ingest

    doc = analyze(Article(id="edge", text=text, published=published), options=options)
    assert doc.published == published
    for t in doc.times:
        assert t.value is None or "0001" <= t.value[:4] <= "9999"
    with closing(connect(tmp_path / "edge.duckdb")) as con:
        assert ingest(con, [doc]).added == 1
        rebuild_events(con)
