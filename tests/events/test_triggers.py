"""The lemma lexicon's matching rules, on small lexicons written here and on sentences of our own."""

from __future__ import annotations

import pytest

from diplograph.errors import LexiconError
from diplograph.events import triggers
from diplograph.events.triggers import trigger_lexicon
from diplograph.lang.cache import CACHE_ENV
from diplograph.text.lemmas import Lemmatizer, lemmatizer
from diplograph.text.tokenize import split_sentences
from tests.text.test_lemmas import _build_script

HEADER = "lemma\tpos\ttype\tmode\tcameo\ttarget_preps\tsymmetric\tflags\n"


def matched(lang: str, text: str, lexicon=None) -> list[tuple[str, str]]:
    """(type, matched words) for every trigger found in ``text``."""
    lexicon = lexicon or trigger_lexicon(lang)
    found = []
    for sentence in split_sentences(text, lang=lang):
        words = [t.text.lower() for t in sentence.tokens]
        for match in lexicon.find(words, 0, len(words)):
            found.append((match.trigger.type, " ".join(words[p] for p in match.positions)))
    return found


@pytest.fixture
def small_lexicon(tmp_path, monkeypatch):
    """A lexicon made of the rows given, read through the real loader, with its own form table."""
    pytest.importorskip("simplemma")

    def build(lang: str, rows: str):
        folder = tmp_path / lang / "lexicon"
        folder.mkdir(parents=True)
        (folder / "test.tsv").write_text(HEADER + rows, encoding="utf-8")
        monkeypatch.setattr(triggers, "lexicon_files", lambda _lang: sorted(folder.glob("*.tsv")))
        table = _build_script().forms(lang, triggers.lexicon_elements(lang))
        rules = lemmatizer(lang).suffix_rules
        monkeypatch.setattr(triggers, "lemmatizer", lambda _lang: Lemmatizer(lang, table, rules))
        monkeypatch.setenv(CACHE_ENV, "off")  # a lexicon of patched files must not reach the compiled cache
        triggers.trigger_lexicon.cache_clear()
        try:
            return triggers.trigger_lexicon(lang)
        finally:
            triggers.trigger_lexicon.cache_clear()

    return build


@pytest.mark.parametrize(
    "text",
    [
        "Die Armee zog ihre Truppen aus der Stadt zurück.",
        "Die Regierung will ihre Soldaten zurückziehen.",
        "Die Truppen wurden aus dem Grenzgebiet zurückgezogen.",
    ],
)
def test_separable_verb_joined_and_split(small_lexicon, text):
    lexicon = small_lexicon("de", "zurückziehen\tverb\tRETREAT\t\t0874\taus\t0\t\n")
    assert [t for t, _w in matched("de", text, lexicon)] == ["RETREAT"]


def test_particle_must_end_the_clause(small_lexicon):
    lexicon = small_lexicon("de", "angreifen\tverb\tASSAULT\t\t190\tauf\t0\t\n")
    assert matched("de", "Die Armee griff die Stellungen an.", lexicon) == [("ASSAULT", "griff an")]
    # "an" here is a preposition in the middle of the clause, not the verb's particle.
    assert matched("de", "Er griff an der Grenze nach dem Mikrofon.", lexicon) == []


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Die Raketenangriffe auf die Stadt gingen weiter.", "raketenangriffe"),
        ("Nach dem Vergeltungsangriff herrschte Ruhe.", "vergeltungsangriff"),
        ("Die Drohnenangriffe nahmen zu.", "drohnenangriffe"),
    ],
)
def test_compound_read_by_its_head(small_lexicon, text, head):
    rows = "Angriff\tnoun\tASSAULT\t\t190\tauf\t0\t\nangreifen\tverb\tASSAULT\t\t190\tauf\t0\t\n"
    lexicon = small_lexicon("de", rows)
    assert matched("de", text, lexicon) == [("ASSAULT", head)]


def test_nohead_noun_does_not_head_compounds(small_lexicon):
    lexicon = small_lexicon("de", "Schlag\tnoun\tASSAULT\t\t190\tgegen\t0\tnohead\n")
    assert matched("de", "Der Vorschlag wurde angenommen.", lexicon) == []
    assert matched("de", "Ein Schlag gegen die Stellungen.", lexicon) == [("ASSAULT", "schlag")]


@pytest.mark.parametrize(
    "text",
    [
        "The EU imposed new sanctions on the regime.",
        "Sanctions were imposed on the regime by the EU.",
        "The bloc is imposing sweeping sanctions.",
    ],
)
def test_several_lemmas_in_either_order(small_lexicon, text):
    lexicon = small_lexicon("en", "impose sanction\tverb\tSANCTION\t\t163\ton|against\t0\t\n")
    assert [t for t, _w in matched("en", text, lexicon)] == ["SANCTION"]


@pytest.mark.parametrize(
    "text",
    ["The two armies met at the border.", "The ministers meet on Friday.", "She is meeting the envoy."],
)
def test_inflected_forms_match_their_lemma(small_lexicon, text):
    lexicon = small_lexicon("en", "meet\tverb\tCONSULT\t\t040\twith\t1\t\n")
    assert [t for t, _w in matched("en", text, lexicon)] == ["CONSULT"]


def test_lemmas_do_not_match_longer_words(small_lexicon):
    """A lemma is a whole word: "host" does not fire on "hostages", "supply" not on "suppliers"."""
    lexicon = small_lexicon("en", "host\tverb\tCONSULT\tvisit\t043\t\t0\t\nsupply\tverb\tAID\t\t070\tto\t0\t\n")
    assert matched("en", "The hostages were freed by their captors.", lexicon) == []
    assert matched("en", "Suppliers raised their prices.", lexicon) == []
    assert [t for t, _w in matched("en", "Egypt hosted the talks and supplied fuel.", lexicon)] == ["CONSULT", "AID"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("angreifen\tadverb\tASSAULT\t\t190\t\t0\t\n", "part of speech"),
        ("angreifen\tverb\tATTACK\t\t190\t\t0\t\n", "PLOVER type"),
        ("angreifen\tverb\tASSAULT\t\t999\t\t0\t\n", "CAMEO code"),
        ("angreifen\tverb\tASSAULT\t\t190\t\t0\tloud\n", "flag"),
        ("~an greifen\tverb\tASSAULT\t\t190\t\t0\t\n", "particle"),
    ],
)
def test_bad_rows_name_file_and_line(small_lexicon, rows, message):
    with pytest.raises(LexiconError, match=rf"test\.tsv:2: .*{message}"):
        small_lexicon("de", rows)
