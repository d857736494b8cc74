"""Every lexicon entry class comes with sentences we wrote ourselves (``sentences/<lang>/*.tsv``).

Each row is checked twice: the lexicon must find a trigger of the row's type in the sentence
(vocabulary), and the whole pipeline must code an event of that type with the listed source
and target (arguments). A row marked ``gap`` names an argument structure the coder does not
read yet: its second check is a strict expected failure, so fixing the gap makes the test say
so, and the row's note says what is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.events.triggers import trigger_lexicon
from diplograph.lang import load
from diplograph.text.tokenize import split_sentences

PUBLISHED = "2025-01-13"
FOLDER = Path(__file__).parent / "sentences"
COLUMNS = ["sentence", "type", "source", "target", "status", "note"]


def _rows() -> list:
    """One parameter per sentence row, named by its file and line."""
    rows = []
    for path in sorted(FOLDER.glob("*/*.tsv")):
        lang = path.parent.name
        for row in load.read_tsv(path, required=COLUMNS):
            assert list(row.values) == COLUMNS, f"{path}: header must be {COLUMNS}"
            rows.append(pytest.param(lang, row.values, id=f"{lang}/{path.stem}:{row.line}"))
    return rows


ROWS = _rows()


def _codes(cell: str) -> set[str]:
    return {c for c in cell.split(",") if c}


def test_enough_sentences():
    """At least three sentences per language and PLOVER type."""
    seen: dict[tuple[str, str], int] = {}
    for param in ROWS:
        lang, row = param.values
        seen[(lang, row["type"])] = seen.get((lang, row["type"]), 0) + 1
    thin = sorted(key for key, n in seen.items() if n < 3)
    assert not thin, f"fewer than three sentences: {thin}"


@pytest.mark.parametrize(("lang", "row"), ROWS)
def test_trigger_found(lang, row):
    lexicon = trigger_lexicon(lang)
    types = set()
    for sentence in split_sentences(row["sentence"], lang=lang):
        words = [t.text.lower() for t in sentence.tokens]
        types |= {m.trigger.type for m in lexicon.find(words, 0, len(words))}
    assert row["type"] in types, f"{row['sentence']!r}: no {row['type']} trigger (found {sorted(types)})"


@pytest.mark.parametrize(("lang", "row"), ROWS)
def test_event_coded(read, lang, row, request):
    if row["status"] == "gap":
        request.applymarker(pytest.mark.xfail(strict=True, reason=row["note"] or "known gap"))
    doc = read(row["sentence"], lang=lang, published=PUBLISHED)
    source, target = _codes(row["source"]), _codes(row["target"])
    found = []
    for event in doc.events:
        if event.type != row["type"]:
            continue
        ours_source = {p.entity.code for p in event.source}
        ours_target = {p.entity.code for p in event.target}
        found.append((sorted(ours_source), sorted(ours_target)))
        if event.symmetric and ours_source | ours_target >= source | target:
            return
        if ours_source >= source and ours_target >= target:
            return
    pytest.fail(f"{row['sentence']!r}: no {row['type']} {sorted(source)}->{sorted(target)}; found {found}")
