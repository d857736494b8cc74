"""Lemmas of the lexicon's words: the compiled form table and the language's fallback endings."""

import importlib.util
from pathlib import Path

import pytest

from diplograph.lang import load
from diplograph.text.lemmas import lemmatizer

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("lang", "word", "lemma"),
    [
        ("de", "unterzeichneten", "unterzeichnen"),
        ("de", "zog", "ziehen"),  # the stem of a split separable verb ("zog … zurück")
        ("de", "angriffe", "angreifen"),  # simplemma's reading of the lower-case form
        ("de", "ratifiziert", "ratifizieren"),  # unknown to the dictionary: the -iert fallback
        ("en", "struck", "strike"),
        ("en", "withdrew", "withdraw"),
        ("en", "sanctions", "sanction"),
    ],
)
def test_lemma(lang, word, lemma):
    assert lemmatizer(lang)(word) == lemma


def test_unlisted_words_are_their_own_lemma():
    assert lemmatizer("en")("2025") == "2025"
    assert lemmatizer("de")("kaffeemaschine") == "kaffeemaschine"


def _build_script():
    spec = importlib.util.spec_from_file_location("build_lemmas", ROOT / "scripts" / "build_lemmas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", ["de", "en"])
def test_form_table_matches_the_lexicon(lang):
    """lemmas.tsv is compiled from the lexicon: edit a lexicon, run scripts/build_lemmas.py."""
    pytest.importorskip("simplemma")
    expected = _build_script().render(lang)
    shipped = load.lang_file(lang, "lemmas.tsv").read_text(encoding="utf-8")
    assert shipped == expected, "lang/*/lemmas.tsv is stale: run python scripts/build_lemmas.py"
