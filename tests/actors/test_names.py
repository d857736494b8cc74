"""Later mentions of a person by one part of the name (actors/names.py), on sentences we wrote."""

import pytest


def _named(doc, text):
    return [m for m in doc.actors if m.text == text]


@pytest.mark.parametrize(
    ("lang", "text", "short", "code"),
    [
        ("en", "Kosovo's Prime Minister Albin Kurti met EU envoys. Later, Kurti criticised Belgrade.", "Kurti", "XKX"),
        (
            "en",
            "Malaysian Prime Minister Anwar Ibrahim hosted the talks. Anwar said both sides agreed.",
            "Anwar",
            "MYS",
        ),
        (
            "en",
            "Sudan's army chief Abdel Fattah al-Burhan rejected the plan. Burhan said talks were over.",
            "Burhan",
            "SDN",
        ),
        (
            "de",
            "Der kosovarische Regierungschef Albin Kurti traf EU-Vertreter. Kurti kritisierte Belgrad.",
            "Kurti",
            "XKX",
        ),
        (
            "de",
            "Der malaysische Regierungschef Anwar Ibrahim lud ein. Danach telefonierte Pakistan mit Anwar.",
            "Anwar",
            "MYS",
        ),
        (
            "de",
            "Der kosovarische Regierungschef Albin Kurti reiste ab. Kurtis Regierung protestierte.",
            "Kurtis",
            "XKX",
        ),
    ],
)
def test_short_name_after_full_name(read, lang, text, short, code):
    doc = read(text, lang=lang, published="2025-06-01")
    assert [m.entity.code for m in _named(doc, short)] == [code]


def test_short_name_before_the_full_name_is_not_linked(read):
    doc = read("Kurti spoke first. Kosovo's Prime Minister Albin Kurti then left.", lang="en", published="2025-06-01")
    assert _named(doc, "Kurti") == []


def test_part_shared_by_two_people_names_neither(read):
    doc = read(
        "Kosovo's Prime Minister Ahmed Kurti and Sudan's foreign minister Ahmed Burhan met. Ahmed spoke first.",
        lang="en",
        published="2025-06-01",
    )
    assert _named(doc, "Ahmed") == []
    assert [m.entity.code for m in _named(doc, "Ahmed Kurti")] == ["XKX"]
