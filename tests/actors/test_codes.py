"""Gleditsch–Ward and COW numbers beside ISO3, historical states included."""

from __future__ import annotations

import pytest

from diplograph.actors.codes import code_table, codes_of
from diplograph.actors.kb import kb_folders, load_kb
from diplograph.errors import LexiconError


@pytest.mark.parametrize(
    ("code", "gw", "cow"),
    [("RUS", 365, 365), ("DEU", 260, 255), ("USA", 2, 2), ("SUN", 365, 365), ("DDR", 265, 265),
     ("YUG", 345, 345), ("CSK", 315, 315), ("YEM", 678, 679), ("HEZBOLLAH", 660, 660)],
)  # fmt: skip
def test_known_numbers(code, gw, cow):
    found = codes_of(code)
    assert (found.gw, found.cow) == (gw, cow)


def test_organisations_have_none_and_few_states_lack_a_gw_number():
    assert codes_of("EU").gw is None and codes_of("WEST").cow is None and codes_of(None).gw is None
    kb = load_kb(kb_folders())
    states = [e.code for e in kb.entities.values() if e.kind == "state"]
    without = sorted(c for c in states if code_table()[c].gw is None)
    # The microstates Gleditsch & Ward keep out of their main list, and Palestine (in neither list).
    assert "PSE" in without and "MCO" in without and len(without) <= 22
    assert {"SUN", "DDR", "YUG", "CSK"} <= set(states)


def test_a_user_row_keeps_our_numbers_and_bad_numbers_name_the_line(tmp_path):
    (tmp_path / "states.tsv").write_text("code\twikidata\tname\nRUS\tQ159\tRussian Federation\n", encoding="utf-8")
    assert load_kb(kb_folders(tmp_path)).state_codes["RUS"].gw == 365
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "states.tsv").write_text("code\twikidata\tname\tgw\nRUS\tQ159\tRussia\tx1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"states.tsv:2: gw must be a state number"):
        load_kb(kb_folders(bad))


def test_historical_states_are_recognised(read):
    doc = read("Die Sowjetunion und die DDR unterzeichneten 1975 einen Vertrag.", lang="de", published="1975-05-01")
    assert [m.entity.code for m in doc.actors] == ["SUN", "DDR"]


def test_actors_command_shows_the_numbers(tmp_path, options):
    """``diplograph actors`` in a table (the numbers are nullable integers) and as JSON."""
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import build_store, write_articles

    text = "The European Union imposed new sanctions on Russia on Monday."
    folder = write_articles(tmp_path / "a", {"s": ("en", "BBC", "2025-02-03", text)})
    db = build_store(tmp_path / "s.duckdb", [folder], options)
    command = [sys.executable, "-m", "diplograph", "actors", "--db", str(db)]
    table = subprocess.run(command, capture_output=True, timeout=300, check=False, env={**os.environ, "COLUMNS": "150"})
    assert table.returncode == 0, table.stderr.decode()
    assert "gw" in table.stdout.decode() and "365" in table.stdout.decode()
    rows = subprocess.run([*command, "--format", "json"], capture_output=True, timeout=300, check=True)
    actors = {a["code"]: a for a in map(json.loads, rows.stdout.decode().splitlines())}
    assert (actors["RUS"]["gw"], actors["RUS"]["cow"], actors["RUS"]["iso3"]) == (365, 365, "RUS")
    assert actors["EU"]["gw"] is None
