"""No input crashes the pipeline: property tests over reading, text, time, actors and events.

Whatever the text, ``analyze`` returns a document whose spans lie inside the text, or raises
:class:`InputError` with a code; the readers turn any bytes into articles or rejections.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.errors import InputError
from diplograph.ingest import read_inputs
from diplograph.model import Article, Rejection
from diplograph.pipeline import analyze
from diplograph.settings import load_settings

# Pieces of news-like text, ours, mixed with arbitrary characters: the fuzzer recombines them.
PIECES = [
    "Russland und Iran unterzeichneten am 17. Januar 2025 in Moskau einen Vertrag.", "Putin traf Xi.",
    "Die EU verhängte neue Sanktionen gegen Teheran, wie Reuters berichtete.", "diesen Freitag",
    "Iran accused Israel of attacking sites in Syria on Friday, state media said.", "„", "“", "\"", "–",
    "drei Tage vor der Amtseinführung von Donald Trump", "Kim Jong Un", "U.S.", "13.", "2024-13-45",
    "\n", "\n\n", "-\n", "  ", "\u00ad", "\u200b", "(", ")", ",", ".", "!", "?", "...", "'s", "’", "%",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=40).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXT, st.sampled_from(["de", "en", None]), st.sampled_from(["2025-01-13", "2024-10", None, "2024"]))
def test_analyze_never_crashes_and_spans_point_into_the_text(options, text, lang, published):
    try:
        doc = analyze(Article(id="fuzz", text=text, lang=lang, published=published), options=options)
    except InputError as exc:
        assert exc.code.startswith("D1")
        return
    for m in doc.actors:
        assert 0 <= m.start < m.end <= len(text)  # raw spans: the text there may hold repaired line breaks
    for t in doc.times:
        assert 0 <= t.start <= t.end <= len(text)
    for event in doc.events:
        assert event.source or event.target
        for ev in event.evidence:
            assert text[ev.start : ev.end] == ev.text


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".jsonl", ".html"]))
def test_readers_turn_any_bytes_into_articles_or_rejections(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    for item in read_inputs([str(path)], settings=load_settings()):
        assert isinstance(item, (Article, Rejection))
        if isinstance(item, Rejection):
            assert item.code.startswith("D1") and item.reason
