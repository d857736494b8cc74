"""Dictionary lemmas with the language's fallback endings."""

import pytest

from diplograph.text.lemmas import lemmatizer


@pytest.mark.parametrize(
    ("lang", "word", "lemma"),
    [
        ("de", "unterzeichneten", "unterzeichnen"),
        ("de", "sanktionen", "sanktion"),
        ("de", "zurückgezogen", "zurückziehen"),
        ("de", "ratifiziert", "ratifizieren"),  # unknown to the dictionary: the -iert fallback
        ("de", "bombardiert", "bombardieren"),
        ("en", "struck", "strike"),
        ("en", "withdrew", "withdraw"),
        ("en", "sanctions", "sanction"),
    ],
)
def test_lemma(lang, word, lemma):
    assert lemmatizer(lang)(word) == lemma


def test_numbers_and_punctuation_stay():
    assert lemmatizer("en")("2025") == "2025"
    assert lemmatizer("de")(",") == ","
