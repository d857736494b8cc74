"""One scan, two resolutions: the dateline read from the text's scan is what a scan of the
opening sentences alone finds (the pipeline used to tag the opening twice)."""

from __future__ import annotations

import pytest

from diplograph.ingest.parts import plan_parts, read_part
from diplograph.model import Article
from diplograph.settings import load_settings
from diplograph.temporal.dates import PartialDate
from diplograph.temporal.tagger import resolve_times, scan_times, tag_times
from diplograph.text.normalize import normalize
from diplograph.text.tokenize import split_sentences
from tests.conftest import SHARED_CORPUS

WRITTEN = {
    "de": "BERLIN, 14. März 2025 (dpa) - Am Freitag trafen sich die Minister. Seit dem 3. Januar wird "
    "verhandelt. Im vergangenen Jahr gab es keine Gespräche. Am 13. Januar 2025 kam es zum Treffen.",
    "en": "WASHINGTON, March 14, 2025 (Reuters) - On Friday the ministers met. Talks began on January 3. "
    "Last year there were none. On January 13, 2025, they met again.",
}


def articles() -> list[Article]:
    found = [Article(id=lang, text=text, lang=lang) for lang, text in WRITTEN.items()]
    if SHARED_CORPUS.is_dir():
        settings = load_settings()
        for part in plan_parts([str(SHARED_CORPUS), str(SHARED_CORPUS.parent / "world")], settings=settings):
            found.extend(a for a in read_part(part, settings=settings) if isinstance(a, Article))
    return found


@pytest.mark.parametrize("reference", [None, "2025-03-14"])
def test_a_scan_resolves_as_tagging_the_sentences_does(reference):
    checked = 0
    for article in articles():
        lang = article.lang or "en"
        norm = normalize(article.text)
        sentences = split_sentences(norm.text, lang=lang)
        scan = scan_times(norm, sentences, lang=lang)
        ref = PartialDate.parse(reference)
        assert resolve_times(scan, norm, sentences, reference=ref) == tag_times(norm, sentences, lang=lang,
                                                                               reference=ref)  # fmt: skip
        for head in range(4):
            alone = tag_times(norm, sentences[:head], lang=lang, reference=ref)
            assert resolve_times(scan, norm, sentences, reference=ref, within=head) == alone, (article.id, head)
            checked += len(alone)
    assert checked >= 4  # the written datelines at least
