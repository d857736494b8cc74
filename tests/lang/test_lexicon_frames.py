"""Lexicon frames whose reading is more than a type: a refusal carries its negation inside the
trigger (so it is an actual REJECT, and the refused act is neither done nor a second, negated
event), and "Austausch" with a prisoner or intelligence noun, or an accession noun with a verb
of halting, is not read as talks. The sentences are our own."""

from __future__ import annotations

import pytest

PUBLISHED = "2025-01-13"

# (language, sentence, the one type expected with its modality, types that must not be coded)
CASES = [
    ("de", "Israel ist nicht bereit, seine Truppen aus dem Libanon abzuziehen.", "REJECT", {"RETREAT", "AGREE"}),
    ("de", "Der Iran ist nicht bereit zu Gesprächen mit den USA.", "REJECT", {"AGREE", "CONSULT"}),
    ("de", "Aserbaidschan erklärte sich nicht bereit, mit Armenien zu verhandeln.", "REJECT", {"AGREE", "CONSULT"}),
    ("de", "Eritrea zeigte keine Gesprächsbereitschaft gegenüber Äthiopien.", "REJECT", {"AGREE", "CONSULT"}),
    ("de", "Serbien weigerte sich, Sanktionen gegen Russland zu verhängen.", "REJECT", {"SANCTION"}),
    ("de", "Ungarn weigert sich, die gemeinsame Erklärung zu unterzeichnen.", "REJECT", {"SUPPORT"}),
    ("en", "Iran is not willing to negotiate with the United States.", "REJECT", {"AGREE", "CONSULT"}),
    ("en", "Israel is unwilling to withdraw its troops from Lebanon.", "REJECT", {"RETREAT"}),
    ("en", "Serbia refused to impose sanctions on Russia.", "REJECT", {"SANCTION"}),
    ("en", "India declined to attend the summit in Beijing.", "REJECT", {"CONSULT"}),
    ("de", "Armenien vollzog einen Austausch von Gefangenen mit Aserbaidschan.", "RETREAT", {"CONSULT"}),
    ("de", "Israel vereinbarte einen Austausch von Geheimdienstinformationen mit Jordanien.", "COOPERATE", {"CONSULT"}),
    ("de", "Die EU setzte die Beitrittsverhandlungen mit der Türkei aus.", "SANCTION", {"CONSULT"}),
    ("en", "The EU suspended accession talks with Georgia.", "SANCTION", {"CONSULT"}),
]


@pytest.mark.parametrize(("lang", "text", "expected", "absent"), CASES, ids=[c[1][:40] for c in CASES])
def test_frame_reading(read, lang, text, expected, absent):
    doc = read(text, lang=lang, published=PUBLISHED)
    coded = [(e.type, e.modality) for e in doc.events]
    assert (expected, "actual") in coded, f"{text!r}: no actual {expected}; coded {coded}"
    assert not {t for t, _ in coded} & absent, f"{text!r}: coded {coded}, none of {sorted(absent)} expected"


def test_prisoner_exchange_compound_is_no_talk(read):
    """ "Gefangenenaustausch" heads no CONSULT reading although "Austausch mit" is a trigger."""
    doc = read("Die Ukraine vereinbarte einen Gefangenenaustausch mit Russland.", lang="de", published=PUBLISHED)
    assert "CONSULT" not in {e.type for e in doc.events}
