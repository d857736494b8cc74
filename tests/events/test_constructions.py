"""Constructions that decide who acts on whom, each with sentences we wrote (``constructions/``).

Unlike the lexicon sentences (which check that an event with at least the listed actors is
found), these pin the roles exactly: the construction's point is often who is *not* a party
(a mediator, a place named after a state, the object of a verb). Cells: ``IRN,RUS`` the exact
set, empty for none, ``-`` any, ``!RUS`` anything without RUS (a row of only ``-``/``!`` cells
also passes when no event of its type is coded: it checks who is *not* made a party).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.lang import load

FOLDER = Path(__file__).parent / "constructions"
COLUMNS = ["sentence", "type", "source", "target", "construction"]


def _rows() -> list:
    rows = []
    for path in sorted(FOLDER.glob("*.tsv")):
        for row in load.read_tsv(path, required=COLUMNS):
            rows.append(pytest.param(path.stem, row.values, id=f"{path.stem}:{row.line}:{row.values['construction']}"))
    return rows


def _fits(cell: str, codes: set[str]) -> bool:
    if cell == "-":
        return True
    if cell.startswith("!"):
        return cell[1:] not in codes
    return codes == {c for c in cell.split(",") if c}


@pytest.mark.parametrize(("lang", "row"), _rows())
def test_construction(read, lang, row):
    doc = read(row["sentence"], lang=lang, published="2025-01-13")
    found = []
    for event in doc.events:
        if event.type != row["type"]:
            continue
        source = {p.entity.code for p in event.source}
        target = {p.entity.code for p in event.target}
        found.append((sorted(source), sorted(target)))
        exact = not row["source"].startswith(("!", "-")) and not row["target"].startswith(("!", "-"))
        if event.symmetric and exact and _fits(f"{row['source']},{row['target']}".strip(","), source | target):
            return
        if _fits(row["source"], source) and _fits(row["target"], target):
            return
    negative = all(cell.startswith(("!", "-")) for cell in (row["source"], row["target"]))
    if negative and not found:
        return  # "who is not a party": no such event at all names nobody wrongly
    pytest.fail(f"{row['sentence']!r}: no {row['type']} {row['source']}->{row['target']}; found {found}")


def test_each_construction_has_three_sentences_per_language():
    seen: dict[tuple[str, str], int] = {}
    for param in _rows():
        lang, row = param.values
        seen[(lang, row["construction"])] = seen.get((lang, row["construction"]), 0) + 1
    assert all(n >= 3 for n in seen.values()), seen
