"""The GDELT 2.0 Events table layout, so that scripts written for GDELT read our events unchanged.

Tab-separated, UTF-8, no header (``header=True`` adds one, for people), the 61 columns of the GDELT
2.0 Event Codebook in its order, then two of ours (``DatePrecision``, ``DiplographEventID``: scripts
that name GDELT's 61 columns read them with ``usecols=range(61)``). **Only actual events** by
default: GDELT rows are things that happened, and a negated ("did not sign"), planned or possible
event written as an ordinary row would be counted as done. A filter that names a modality
(``--modality planned``, ``--modality actual,planned``, ``--modality any``) widens the export.
GDELT has one row per (Actor1, Actor2) pair, we have one merged
event with lists of actors, so **an event becomes one row per actor pair**
(:func:`~diplograph.export.records.dyads`): a directed event pairs each source with each target, a
joint event (talks, a signing) pairs every two participants once, alphabetically; an event with a
source but no target gives one row with an empty Actor2. The rows of one event share all event
fields; group by ``GlobalEventID // 10000`` to count events rather than dyads.

What each column holds:

* ``GlobalEventID``: below 2**53, so that R, Excel, JavaScript and pandas (whose floats hold
  integers exactly only that far) read every id exactly: the first 40 bits of our event id times
  8,192 plus the row's pair number. Stable across exports of the same store and unique within
  one: should two events share those 40 bits (or an event have more than 8,192 pairs), the later
  one in the export takes the next free number. ``DiplographEventID`` gives our id (``E…``).
* ``Day``, ``MonthYear``, ``Year``, ``FractionDate``: the event's date; one known only to the
  month, ISO week or year is put on the *first day* of that period (``2025-01`` → 20250101,
  ``2025-W04`` → its Monday 20250120, ``2024`` → 20240101), and ``DatePrecision`` says so
  (``day``, ``week``, ``month``, ``year``). An undated event follows the undated rule of the filter
  (:mod:`diplograph.store.undated`): by default it takes the publication date of its first report,
  as GDELT dates events by their article, with ``DatePrecision`` ``publication``; ``include`` leaves
  the date fields empty, ``exclude`` leaves the event out. FractionDate is GDELT's
  ``year + (month * 30 + day) / 365``, four decimals.
* ``Actor1Code``/``Actor2Code``: our actor code (ISO 3166 alpha-3 for states, ``EU``, ``NATO``,
  ``HEZBOLLAH``, ``WEST``), not a composed CAMEO code such as ``USAGOV``. ``Name``: our English
  name, upper case as in GDELT. ``CountryCode``: the actor's country affiliation as the codebook
  defines it: ISO3 for states, the home country our knowledge base gives a group (``HEZBOLLAH`` →
  ``LBN``), empty for organisations and collectives. ``KnownGroupCode``: our code for
  organisations and groups (not CAMEO's three-letter group codes). ``Type1Code``: ``IGO`` for
  intergovernmental organisations. Ethnic, religion and other type codes: empty (not coded).
* ``IsRootEvent``: 1 when an evidence span of any report lies in the first two sentences of its
  document (the lead, allowing for a dateline), else 0: our stand-in for GDELT's "lead paragraph".
* ``EventCode``: our CAMEO code; ``EventBaseCode``/``EventRootCode``: its first three and two
  digits. ``QuadClass``, ``GoldsteinScale``: ours.
* ``NumMentions``: reports merged into the event; ``NumSources``: distinct outlets;
  ``NumArticles``: distinct documents. ``AvgTone``: empty (we do not measure tone).
* Geography: ``ActionGeo_*`` is the event's place as resolved (:mod:`diplograph.places`): Type
  1 (country), 3 (US city), 4 (world city) or 5 (region, first-level division); FullName the
  gazetteer's name, with its country's name for a city ("Moscow, Russia"); CountryCode FIPS 10-4 as
  GDELT has it; Lat/Long WGS 84; FeatureID the GeoNames id (empty for regions); ADM1/ADM2 empty. An
  event without a resolved place has Type 0 and only FullName (the place as the coder gives it).
  Actor geography is not coded: ``Actor1Geo_*``/``Actor2Geo_*`` are Type 0 and empty.
* ``DATEADDED``: the first report's publication day at 000000 (deterministic output; the store
  does not record ingestion times). ``SOURCEURL``: the URL of the earliest report that has one.

With ``country_codes`` (``--with-codes``), four columns follow the 61: ``Actor1GWCode``,
``Actor1COWCode``, ``Actor2GWCode``, ``Actor2COWCode``, the Gleditsch–Ward and COW numbers of each
actor's ``CountryCode`` (:mod:`diplograph.actors.codes`); left out by default so that the file
keeps GDELT's exact 61 columns for scripts that read it by position.

Tabs, line breaks and double quotes inside names and places are replaced (by a space, a space,
an apostrophe) so that the file has no quoting and parses with any TSV reader.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb

from diplograph.actors.codes import StateCodes, code_table, codes_of
from diplograph.export.output import atomic_file
from diplograph.export.records import Actor, actor_catalogue, dyads, event_records, first_day, lookup
from diplograph.places.gazetteer import fips_codes, resolve_country
from diplograph.store.query import EventFilter
from diplograph.store.undated import DEFAULT_UNDATED, effective_date

# GDELT 2.0 Event Codebook (V2.0, 2/19/2015), "Event Table Format", fields in file order:
# http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf
_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
assert len(GDELT_COLUMNS) == 61
EXTRA_COLUMNS: tuple[str, ...] = ("DatePrecision", "DiplographEventID")  # ours, after GDELT's 61
CODE_COLUMNS: tuple[str, ...] = ("Actor1GWCode", "Actor1COWCode", "Actor2GWCode", "Actor2COWCode")
_ACTOR1, _ACTOR2 = GDELT_COLUMNS.index("Actor1Code"), GDELT_COLUMNS.index("Actor2Code")

EVENT_BITS = 40  # GlobalEventID = event number (40 bits) * PAIRS_PER_NUMBER + pair number: under 2**53
PAIRS_PER_NUMBER = 2**13
DEFAULT_MODALITY = "actual"
LEAD_SENTENCES = 2
_EVENT_ID = re.compile(r"^E([0-9a-f]{12})$")
_NOT_IN_TSV = str.maketrans({"\t": " ", "\r": " ", "\n": " ", '"': "'"})


def write_gdelt(con: duckdb.DuckDBPyConnection, where: EventFilter, out: Path, *, header: bool = False,
                force: bool = False, country_codes: bool = False) -> int:  # fmt: skip
    """Write the events matching ``where`` to ``out`` in GDELT 2.0 layout; returns the rows written
    (actor pairs, not events; the header line not counted). Actual events only, unless ``where``
    names a modality. ``country_codes`` adds :data:`CODE_COLUMNS` after ours."""
    where = gdelt_filter(where)
    where.where()  # a bad filter fails before a file is created
    catalogue = actor_catalogue(con)
    table = code_table() if country_codes else None
    ids = GlobalIds()
    rows = 0
    with atomic_file(out, force=force) as temporary, temporary.open("w", encoding="utf-8", newline="\n") as file:
        if header:
            file.write("\t".join(GDELT_COLUMNS + EXTRA_COLUMNS + (CODE_COLUMNS if country_codes else ())) + "\n")
        for record in event_records(con, where):
            for row in gdelt_rows(record, catalogue, ids=ids, undated=where.undated):
                if table is not None:  # from the row's own actor codes, whatever rows the event gives
                    row += _code_fields(row[_ACTOR1] or None, catalogue, table)
                    row += _code_fields(row[_ACTOR2] or None, catalogue, table)
                file.write("\t".join(row) + "\n")
                rows += 1
    return rows


def gdelt_filter(where: EventFilter) -> EventFilter:
    """``where`` with the GDELT default: actual events only, unless it names a modality."""
    return where if where.modality else replace(where, modality=DEFAULT_MODALITY)


@dataclass(slots=True)
class GlobalIds:
    """Hands out GlobalEventIDs for one export: below 2**53, unique, stable for a given store."""

    taken: set[int] = field(default_factory=set)

    def allocate(self, event: str, pairs: int) -> list[int]:
        """One id per pair of ``event``: its 40-bit number (the next free one on a collision), and
        as many numbers as its pairs need at :data:`PAIRS_PER_NUMBER` each."""
        match = _EVENT_ID.match(event)
        digest = match.group(1) if match else hashlib.sha1(event.encode()).hexdigest()
        number = int(digest[: EVENT_BITS // 4], 16)
        needed = max(1, -(-pairs // PAIRS_PER_NUMBER))
        span = 2**EVENT_BITS
        while any((number + k) % span in self.taken for k in range(needed)):
            number = (number + 1) % span
        numbers = [(number + k) % span for k in range(needed)]
        self.taken.update(numbers)
        return [numbers[n // PAIRS_PER_NUMBER] * PAIRS_PER_NUMBER + n % PAIRS_PER_NUMBER for n in range(pairs)]


def _code_fields(code: str | None, catalogue: dict[str, Actor], table: dict[str, StateCodes]) -> list[str]:
    """GW and COW numbers of the actor's country (its ``CountryCode``)."""
    if code is None:
        return ["", ""]
    actor = lookup(catalogue, code)
    country = actor.country if actor.kind in ("state", "group") else None
    found = codes_of(country, table)
    return [_number(found.gw), _number(found.cow)]


def gdelt_rows(record: dict[str, Any], catalogue: dict[str, Actor], *, ids: GlobalIds | None = None,
               undated: str = DEFAULT_UNDATED) -> list[list[str]]:  # fmt: skip
    """The GDELT rows of one event record (see the module docstring for the mapping), each with
    :data:`EXTRA_COLUMNS` after GDELT's 61."""
    pairs = dyads(record["source"], record["target"], bool(record["joint"]))
    row_ids = (ids or GlobalIds()).allocate(record["event"], len(pairs))
    reports = record["reports"]
    when, precision = effective_date(record["date"], record["first_report"], undated)
    day = first_day(when)
    added = first_day(record["first_report"]) or day
    cameo = record["cameo"] or ""
    event_fields = [
        _flag(_in_lead(reports)), cameo, cameo[:3], cameo[:2], _number(record["quad_class"]),
        _number(record["goldstein"]), _number(record["mentions"]), _number(record["outlets"]),
        _number(len({r["doc"] for r in reports})), "",
    ]  # fmt: skip
    no_geo = ["0", "", "", "", "", "", "", ""]
    action_geo = _action_geo(record)
    date_fields = [
        f"{day:%Y%m%d}" if day else "",
        f"{day:%Y%m}" if day else "",
        f"{day:%Y}" if day else "",
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
    ]
    url = next((r["url"] for r in reports if r["url"]), None)
    trailer = [f"{added:%Y%m%d}000000" if added else "", _url(url)]
    rows = []
    extra = [precision or "", _text(record["event"])]
    for row_id, (first, second) in zip(row_ids, pairs, strict=True):
        rows.append([
            str(row_id), *date_fields,
            *_actor_fields(first, catalogue), *_actor_fields(second, catalogue),
            *event_fields, *no_geo, *no_geo, *action_geo, *trailer, *extra,
        ])  # fmt: skip
    return rows


def _action_geo(record: dict[str, Any]) -> list[str]:
    """The eight ActionGeo fields of an event (see the module docstring)."""
    if record.get("latitude") is None:
        return ["0", _text(record["location"]), "", "", "", "", "", ""]
    country = record["place_country"]
    nation = resolve_country(country)
    if record["geonameid"] is None:
        geo_type, full = "5", f"{record['place']}, {_country_name(country)}"
    elif nation is not None and record["geonameid"] == nation.geonameid:
        geo_type, full = "1", record["place"]
    else:
        geo_type, full = ("3" if country == "USA" else "4"), f"{record['place']}, {_country_name(country)}"
    return [geo_type, _text(full), fips_codes().get(country, ""), "", "", f"{record['latitude']:.4f}",
            f"{record['longitude']:.4f}", _number(record["geonameid"])]  # fmt: skip


def _country_name(code: str) -> str:
    place = resolve_country(code)
    return place.name if place else code


def _actor_fields(code: str | None, catalogue: dict[str, Actor]) -> list[str]:
    if code is None:
        return [""] * len(_ACTOR_FIELDS)
    actor = lookup(catalogue, code)
    country = actor.country if actor.kind in ("state", "group") else None
    group = code if actor.kind in ("igo", "group") else None
    type1 = "IGO" if actor.kind == "igo" else None
    return [_text(code), _text(actor.name).upper(), _text(country), _text(group), "", "", "", _text(type1), "", ""]


def _in_lead(reports: list[dict[str, Any]]) -> bool:
    return any(
        span["sentence"] is not None and span["sentence"] < LEAD_SENTENCES
        for report in reports
        for span in report["evidence"]
    )


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _text(value: str | None) -> str:
    return value.translate(_NOT_IN_TSV).strip() if value else ""


def _url(value: str | None) -> str:
    if not value:
        return ""
    return value.strip().replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D").replace('"', "%22")
