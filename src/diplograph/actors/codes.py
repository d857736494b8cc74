"""The numbers analysts join states on: Gleditsch–Ward and COW beside ISO 3166 alpha-3.

Read from the ``gw`` and ``cow`` columns of ``states.tsv`` (written at build time by
``scripts/build_state_codes.py``; a user's ``--kb`` states file may add its own). An actor that is
not a state takes its home country's numbers (``HEZBOLLAH`` → ``LBN`` → GW 660), so a group's
events join country-year data too; organisations and collectives have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from diplograph.actors.kb import kb_folders, load_kb


@dataclass(frozen=True, slots=True)
class StateCodes:
    iso3: str
    gw: int | None
    cow: int | None


NONE = StateCodes("", None, None)


@cache
def code_table(folders: tuple[Path, ...] | None = None) -> dict[str, StateCodes]:
    """Actor code -> the codes of its country, for every state and every group with a home country."""
    kb = load_kb(folders or kb_folders())
    table = dict(kb.state_codes)
    for code, entity in kb.entities.items():
        if entity.kind != "state" and entity.country in kb.state_codes:
            table[code] = kb.state_codes[entity.country]
    return table


def codes_of(code: str | None, table: dict[str, StateCodes] | None = None) -> StateCodes:
    """The codes of an actor's country (:data:`NONE` for organisations, collectives and unknown codes)."""
    if code is None:
        return NONE
    return (table if table is not None else code_table()).get(code, NONE)
