"""Add Gleditsch–Ward and Correlates of War codes to ``actors/data/states.tsv``.

Source: the code list of the PyPI package ``countrycode`` (Vincent Arel-Bundock's R package,
ported; its columns ``gwn`` and ``cown`` follow Gleditsch & Ward 1999 and the COW State System
Membership list). Run it when that package changes; the runtime never needs it:

    pip install countrycode==0.6.0
    python scripts/build_state_codes.py

States are matched on ISO 3166 alpha-3; states that no longer exist (no ISO code of today) on
their English name in the code list. Where the code list leaves a cell empty that the published
lists fill, ``CORRECTIONS`` gives the value and the reason. An empty cell stays empty: the
microstates that Gleditsch & Ward keep out of their main list, Palestine (in neither list).
"""

from __future__ import annotations

import pickle
import sys
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "diplograph"
STATES = ROOT / "actors" / "data" / "states.tsv"

# States without an ISO code of today: our code -> their English name in the code list.
HISTORICAL = {
    "SUN": "Soviet Union",
    "DDR": "German Democratic Republic",
    "YUG": "Yugoslavia",
    "CSK": "Czechoslovakia",
}
# (column, our code) -> value, where the code list leaves a cell empty that a published list fills.
CORRECTIONS = {
    # Gleditsch & Ward 1999: unified Yemen continues the Yemen Arab Republic (678); COW gives it 679.
    ("gw", "YEM"): "678",
    # COW State System Membership: Serbia continues Yugoslavia (345); GW gives Serbia 340 from 2006.
    ("cow", "SRB"): "345",
    # Both lists number the Soviet Union 365, the number Russia continues; the code list has it under Russia only.
    ("gw", "SUN"): "365",
    ("cow", "SUN"): "365",
    # The code list has Kosovo by name only (no ISO code: XKX is user-assigned).
    ("gw", "XKX"): "347",
    ("cow", "XKX"): "347",
}


def code_list() -> dict[str, list]:
    with resources.files("countrycode").joinpath("data", "codelist.pickle").open("rb") as handle:
        return pickle.load(handle)  # the package's own data file, installed from PyPI


def codes() -> dict[str, tuple[str, str]]:
    """Our state code -> (GW, COW), as strings ('' when none)."""
    data = code_list()
    by_iso: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for n, (iso3, name) in enumerate(zip(data["iso3c"], data["country.name.en"], strict=True)):
        if iso3:
            by_iso[iso3] = n
        if name:
            by_name[name] = n

    def cell(value: object) -> str:
        return "" if value is None or value != value else str(int(value))  # NaN != NaN

    result = {}
    for row in read_states()[1]:
        code = row["code"]
        n = by_iso.get(code, by_name.get(HISTORICAL.get(code, "")))
        gw = cell(data["gwn"][n]) if n is not None else ""
        cow = cell(data["cown"][n]) if n is not None else ""
        result[code] = (gw or CORRECTIONS.get(("gw", code), ""), cow or CORRECTIONS.get(("cow", code), ""))
    return result


def read_states() -> tuple[list[str], list[dict[str, str]]]:
    """The comment lines and the rows of states.tsv."""
    comments, rows, header = [], [], None
    for line in STATES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif header is None:
            header = line.split("\t")
        elif line.strip():
            rows.append(dict(zip(header, line.split("\t"), strict=False)))
    return comments, rows


def main() -> int:
    version = metadata.version("countrycode")
    comments, rows = read_states()
    found = codes()
    note = f"# gw, cow: Gleditsch–Ward and COW state numbers from countrycode {version} (scripts/build_state_codes.py)."
    comments = [c for c in comments if not c.startswith("# gw, cow:")] + [note]
    columns = ["code", "iso2", "wikidata", "name", "status", "gw", "cow"]
    lines = [*comments, "\t".join(columns)]
    for row in rows:
        row["gw"], row["cow"] = found[row["code"]]
        lines.append("\t".join(row.get(c, "") for c in columns))
    STATES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    missing = sorted(code for code, (gw, _cow) in found.items() if not gw)
    print(f"{STATES}: {len(rows)} states, {len(missing)} without a GW code: {' '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
