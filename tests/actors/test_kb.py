"""The knowledge base: coverage, validation, and user extensions."""

from datetime import date

import pytest

from diplograph.actors.kb import kb_folders, load_kb
from diplograph.errors import LexiconError
from diplograph.model import Article
from diplograph.pipeline import Options, analyze


@pytest.fixture(scope="module")
def kb():
    return load_kb(kb_folders())


def test_every_un_member_and_observer(kb):
    states = [e for e in kb.entities.values() if e.kind == "state"]
    assert len(states) >= 195
    assert kb.entities["RUS"].wikidata == "Q159"
    assert {"PSE", "VAT"} <= set(kb.entities)


def test_organisations_and_collectives(kb):
    for code in ("EU", "NATO", "UN", "IAEA", "BRICS", "G7", "SCO", "HAMAS", "HEZBOLLAH", "HOUTHIS", "WEST"):
        assert code in kb.entities, code


@pytest.mark.parametrize(
    ("actor", "office", "day", "surname"),
    [
        ("IRN", "president", date(2023, 5, 1), "Raisi"),
        ("IRN", "president", date(2025, 1, 13), "Pezeshkian"),
        ("USA", "president", date(2024, 6, 1), "Biden"),
        ("USA", "president", date(2025, 6, 1), "Trump"),
        ("DEU", "chancellor", date(2024, 6, 1), "Scholz"),
        ("GBR", "prime_minister", date(2024, 8, 1), "Starmer"),
        ("RUS", "foreign_minister", date(2025, 1, 1), "Lavrov"),
        ("UKR", "president", date(2025, 1, 1), "Zelensky"),
    ],
)
def test_office_holders_by_date(kb, actor, office, day, surname):
    person = kb.holder(actor, office, day)
    assert person is not None and surname in person.name


def test_g20_heads_are_known_today(kb):
    g20 = [
        "ARG",
        "AUS",
        "BRA",
        "CAN",
        "CHN",
        "FRA",
        "DEU",
        "IND",
        "IDN",
        "ITA",
        "JPN",
        "KOR",
        "MEX",
        "RUS",
        "SAU",
        "ZAF",
        "TUR",
        "GBR",
        "USA",
    ]
    missing = [code for code in g20 if kb.holder(code, "top_leader", date(2025, 1, 13)) is None]
    assert missing == []


def test_user_entries_extend_the_package(tmp_path):
    (tmp_path / "organisations.tsv").write_text(
        "code\tkind\twikidata\tname\tcountry\nFREEDONIA_FRONT\tgroup\t\tFreedonia Front\tFRA\n", encoding="utf-8"
    )
    people = "id\tname\tnationality\taliases\ndg:rufus-firefly\tRufus Firefly\tFRA\tFirefly\n"
    (tmp_path / "people.tsv").write_text(people, encoding="utf-8")
    offices = "person\tactor\toffice\tstart\tend\ndg:rufus-firefly\tFREEDONIA_FRONT\tleader\t2020\t\n"
    (tmp_path / "offices.tsv").write_text(offices, encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "organisations.tsv").write_text(
        "surface\tcode\tform\tflags\nFreedonia Front\tFREEDONIA_FRONT\tname\t\n", encoding="utf-8"
    )
    options = Options.create(kb_dir=tmp_path)
    doc = analyze(Article(id="t", text="Firefly threatened the government.", lang="en", published="2025-01-01"),
                  options=options)  # fmt: skip
    assert next((m.entity.code, m.entity.name) for m in doc.actors) == ("FREEDONIA_FRONT", "Rufus Firefly")
    doc = analyze(Article(id="t", text="The Freedonia Front attacked.", lang="en"), options=options)
    assert [m.entity.code for m in doc.actors] == ["FREEDONIA_FRONT"]


def test_broken_user_file_names_file_and_line(tmp_path):
    (tmp_path / "people.tsv").write_text("id\tname\tnationality\taliases\ndg:ivan\tIvan\tRUS\t\n", encoding="utf-8")
    (tmp_path / "offices.tsv").write_text(
        "person\tactor\toffice\tstart\tend\ndg:ivan\tRUS\tczar\t2000\t\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError) as info:
        load_kb(kb_folders(tmp_path))
    assert "offices.tsv:2" in str(info.value) and "czar" in str(info.value)
    assert info.value.code == "D201"
