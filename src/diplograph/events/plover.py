"""PLOVER event types, defined once, and their CAMEO codes with Goldstein scores."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from diplograph.lang import load

TYPES = (
    "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
# The code of each type when a trigger names none (the CAMEO root the type maps to).
DEFAULT_CAMEO = {
    "CONSULT": "040", "AGREE": "030", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "087", "REQUEST": "020", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "SANCTION": "163", "MOBILIZE": "154", "COERCE": "170", "ASSAULT": "190",
}  # fmt: skip
# GDELT's quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_CLASS = {
    "CONSULT": 1, "AGREE": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2, "REQUEST": 1,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    goldstein: float
    plover: str
    label: str


@cache
def cameo_codes() -> dict[str, CameoCode]:
    table = {}
    for row in load.read_tsv(
        load.package_path("events", "data", "cameo.tsv"), required=("code", "goldstein", "plover")
    ):
        if row["plover"] not in TYPES:
            raise row.error(f"unknown PLOVER type {row['plover']!r}")
        try:
            goldstein = float(row["goldstein"])
        except ValueError as exc:
            raise row.error(f"goldstein must be a number, not {row['goldstein']!r}") from exc
        table[row["code"]] = CameoCode(row["code"], goldstein, row["plover"], row.get("label"))
    return table


def goldstein(code: str) -> float:
    """Goldstein score of a CAMEO code, falling back to its root (``0871`` -> ``087`` -> ``080``)."""
    table = cameo_codes()
    for candidate in (code, code[:3], code[:2] + "0"):
        if candidate in table:
            return table[candidate].goldstein
    return 0.0
