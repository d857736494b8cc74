from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.text.normalize import normalize
from diplograph.text.tokenize import split_sentences


def test_wrapped_lines_become_running_text():
    raw = "Russland und der Iran stärken ihre\nBeziehungen durch ein Treffen."
    assert normalize(raw).text == "Russland und der Iran stärken ihre Beziehungen durch ein Treffen."


def test_blank_line_in_mid_sentence_is_joined():
    raw = "Sie treffen sich, um eine umfassende strategische\n\nPartnerschaft zu unterzeichnen."
    assert normalize(raw).text == "Sie treffen sich, um eine umfassende strategische Partnerschaft zu unterzeichnen."


def test_heading_and_date_line_stay_separate():
    raw = "13. Januar 2025\n\nErweiterung der Kooperation\n\nDie Vereinbarung wird unterzeichnet."
    assert normalize(raw).text.split("\n") == [
        "13. Januar 2025",
        "Erweiterung der Kooperation",
        "Die Vereinbarung wird unterzeichnet.",
    ]


def test_hyphenation_is_repaired_and_compounds_kept():
    raw = "die gemeinsame Luftver-\nteidigung und der US-\nPräsident sowie Handels-\nund Wirtschaftsfragen"
    assert (
        normalize(raw).text
        == "die gemeinsame Luftverteidigung und der US-Präsident sowie Handels- und Wirtschaftsfragen"
    )


def test_offsets_map_back_to_the_raw_text():
    raw = "  Putin, der Kremlchef, und der iranische\n\n  Präsident  Pezeshkian treffen sich."
    norm = normalize(raw)
    for word in ("Putin", "iranische", "Präsident", "Pezeshkian", "sich."):
        i = norm.text.index(word)
        start, end = norm.raw_span(i, i + len(word))
        assert raw[start:end] == word
    i = norm.text.index("iranische Präsident")
    start, end = norm.raw_span(i, i + len("iranische Präsident"))
    assert raw[start:end] == "iranische\n\n  Präsident"


def test_one_line_per_paragraph_web_text():
    long = "Das ist ein langer Absatz ohne Zeilenumbruch, wie ihn Webseiten liefern, " * 3
    raw = f"Überschrift ohne Punkt\n{long}\n{long}"
    assert normalize(raw).text.count("\n") == 2


WRAPPED_PIECES = st.lists(
    st.sampled_from(
        ["Russland und Iran", "unter-", "zeichnen", "ein Abkommen.", "\n", "\n\n", "  ", "Die EU", "-", "Sanktionen"]
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(WRAPPED_PIECES)
def test_span_batches_agree_with_single_spans(pieces):
    """The one-walk mapping of many spans gives what mapping each span alone gives."""
    norm = normalize(" ".join(pieces))
    for sentence in split_sentences(norm.text, lang="de"):
        spans = [(t.start, t.end) for t in sentence.tokens]
        for k in range(len(spans)):
            assert norm.raw_spans(spans[k:]) == [norm.raw_span(a, b) for a, b in spans[k:]]
