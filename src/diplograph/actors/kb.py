"""The actor knowledge base: states, organisations, people and their dated offices, outlets.

Everything is read from the TSV files in ``actors/data`` (see its README), plus an optional
user folder with files of the same names whose rows are added to, or override, ours.
"""

from __future__ import annotations

import os
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from diplograph.errors import LexiconError
from diplograph.lang import load
from diplograph.lang.cache import compiled
from diplograph.lang.load import Row
from diplograph.model import Entity
from diplograph.temporal.dates import PartialDate

OFFICES = frozenset(
    {
        "president", "vice_president", "prime_minister", "chancellor", "monarch", "supreme_leader", "leader",
        "foreign_minister", "defence_minister", "interior_minister", "government_spokesperson",
        "foreign_ministry_spokesperson", "defence_ministry_spokesperson", "national_security_adviser",
        "un_ambassador", "army_chief", "high_representative",
    }
)  # fmt: skip
KB_ENV = "DIPLOGRAPH_KB"


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    nationality: str | None
    aliases: tuple[str, ...]

    @property
    def wikidata(self) -> str | None:
        return self.id if self.id.startswith("Q") else None


@dataclass(frozen=True, slots=True)
class Tenure:
    person: str
    actor: str
    office: str
    start: date
    end: date | None  # None: still in office

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    state_media: bool
    wikidata: str | None


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per loaded set of folders
class KnowledgeBase:
    entities: dict[str, Entity]  # actor code -> state / organisation / collective
    people: dict[str, Person]
    tenures: dict[tuple[str, str], tuple[Tenure, ...]]  # (actor, office) -> tenures
    tenures_by_person: dict[str, tuple[Tenure, ...]]
    outlets: dict[str, Outlet]
    office_groups: dict[str, tuple[str, ...]]
    leaders: dict[str, str]
    folders: tuple[Path, ...]
    state_codes: dict = field(default_factory=dict)  # ISO3 -> actors.codes.StateCodes (GW, COW)
    # A group that governs a state acts as it from a day on (the Taliban as AFG since 2021-08-15).
    governing: dict[str, tuple[str, date]] = field(default_factory=dict)

    def acting_as(self, entity: Entity, day: date | None) -> Entity:
        """The state a governing group stands for on ``day``, else the entity itself."""
        governs = self.governing.get(entity.code)
        if governs is None or day is None or day < governs[1]:
            return entity
        return self.entities.get(governs[0], entity)

    def holder(self, actor: str, office: str, day: date) -> Person | None:
        """Who held ``office`` (or the first filled office of a group) for ``actor`` on ``day``."""
        for key in self.expand_office(actor, office):
            for tenure in self.tenures.get((actor, key), ()):
                if tenure.covers(day):
                    return self.people[tenure.person]
        return None

    def expand_office(self, actor: str, office: str) -> tuple[str, ...]:
        if office == "top_leader" and actor in self.leaders:
            return (self.leaders[actor], *self.office_groups["top_leader"])
        return self.office_groups.get(office, (office,))

    def office_on(self, person: str, day: date | None) -> Tenure | None:
        """The person's office on ``day`` (the latest one when no day is known)."""
        tenures = self.tenures_by_person.get(person, ())
        if day is not None:
            current = [t for t in tenures if t.covers(day)]
            return current[0] if current else None
        return max(tenures, key=lambda t: t.start) if tenures else None

    def person_entity(self, person: Person, day: date | None) -> tuple[Entity, str | None]:
        """The person as an actor: the actor code they speak for on ``day``, and their office."""
        tenure = self.office_on(person.id, day)
        code = tenure.actor if tenure else (person.nationality or "")
        return (
            Entity(
                id=person.id,
                code=code,
                name=person.name,
                kind="person",
                wikidata=person.wikidata,
                country=person.nationality,
            ),
            tenure.office if tenure else None,
        )


def _date(row: Row, column: str, *, end: bool = False) -> date | None:
    """A tenure bound; a partial end date means the last day of that month or year."""
    raw = row.get(column)
    if not raw:
        return None
    parsed = PartialDate.parse(raw)
    if parsed is None:
        raise row.error(f"{column} must be YYYY, YYYY-MM or YYYY-MM-DD, not {raw!r}")
    if parsed.granularity == "day":
        return parsed.as_date()
    month = parsed.month or (12 if end else 1)
    return date(parsed.year, month, monthrange(parsed.year, month)[1] if end else 1)


def _rows(folders: tuple[Path, ...], pattern: str, required: tuple[str, ...]) -> Iterator[Row]:
    for folder in folders:
        for path in sorted(folder.glob(pattern)):
            yield from load.read_tsv(path, required=required)


def kb_folders(extra: str | Path | None = None) -> tuple[Path, ...]:
    """The packaged data folder, then the user's (``--kb`` or ``$DIPLOGRAPH_KB``)."""
    folders = [load.package_path("actors", "data")]
    user = extra or os.environ.get(KB_ENV)
    if user:
        path = Path(user)
        if not path.is_dir():
            raise LexiconError(f"knowledge-base folder {path} does not exist", code="D208")
        folders.append(path)
    return tuple(folders)


@cache
def load_kb(folders: tuple[Path, ...]) -> KnowledgeBase:
    """Read and validate every knowledge-base file; cached per set of folders, in this process and
    on disk (:mod:`diplograph.lang.cache`)."""
    return compiled("kb", lambda: _build_kb(folders), folders=folders[1:])


def _build_kb(folders: tuple[Path, ...]) -> KnowledgeBase:
    from diplograph.actors.codes import StateCodes  # codes imports this module

    entities: dict[str, Entity] = {}
    state_codes: dict[str, StateCodes] = {}
    for row in _rows(folders, "states.tsv", ("code", "wikidata", "name")):
        code = row["code"]
        if len(code) != 3 or not code.isupper():
            raise row.error(f"state code must be ISO 3166 alpha-3, not {code!r}")
        entities[code] = Entity(code, code, row["name"], "state", row.get("wikidata") or None, code)
        known = state_codes.get(code)  # a user's row without the numbers keeps ours
        state_codes[code] = StateCodes(
            code,
            _state_number(row, "gw") or (known.gw if known else None),
            _state_number(row, "cow") or (known.cow if known else None),
        )
    governing: dict[str, tuple[str, date]] = {}
    for row in _rows(folders, "organisations.tsv", ("code", "kind", "name")):
        kind = row["kind"]
        if kind not in ("igo", "group", "collective"):
            raise row.error(f"kind must be igo, group or collective, not {kind!r}")
        entities[row["code"]] = Entity(
            row["code"], row["code"], row["name"], kind, row.get("wikidata") or None, row.get("country") or None
        )
        if row.get("governs_since"):
            state, since = row.get("country"), _date(row, "governs_since")
            if not state or since is None:
                raise row.error("governs_since needs the governed state in the country column")
            governing[row["code"]] = (state, since)
    people: dict[str, Person] = {}
    for row in _rows(folders, "people*.tsv", ("id", "name")):
        aliases = tuple(a.strip() for a in row.get("aliases").split("|") if a.strip())
        person_id = row["id"]
        if person_id in people:  # the same person in two files: merge their aliases
            aliases = tuple(dict.fromkeys(people[person_id].aliases + aliases))
        people[person_id] = Person(person_id, row["name"], row.get("nationality") or None, aliases)
    tenures: dict[tuple[str, str], list[Tenure]] = {}
    by_person: dict[str, list[Tenure]] = {}
    for row in _rows(folders, "offices*.tsv", ("person", "actor", "office", "start", "end")):
        if row["person"] not in people:
            raise row.error(f"unknown person {row['person']!r} (not in any people*.tsv)")
        if row["actor"] not in entities:
            raise row.error(f"unknown actor code {row['actor']!r}")
        if row["office"] not in OFFICES:
            raise row.error(f"unknown office {row['office']!r}; known: {', '.join(sorted(OFFICES))}")
        start = _date(row, "start")
        if start is None:
            raise row.error("start date is required")
        tenure = Tenure(row["person"], row["actor"], row["office"], start, _date(row, "end", end=True))
        tenures.setdefault((tenure.actor, tenure.office), []).append(tenure)
        by_person.setdefault(tenure.person, []).append(tenure)
    outlets: dict[str, Outlet] = {}
    for row in _rows(folders, "outlets.tsv", ("name", "aliases", "country", "state_media")):
        aliases = tuple(a.strip() for a in row.get("aliases").split("|") if a.strip())
        outlets[row["name"]] = Outlet(
            row["name"], aliases, row.get("country") or None, row.get("state_media") == "1", row.get("wikidata") or None
        )
    office_groups = {
        row["group"]: tuple(row["offices"].split("|"))
        for row in _rows(folders, "office_groups.tsv", ("group", "offices"))
    }
    leaders = {row["code"]: row["office"] for row in _rows(folders, "leaders.tsv", ("code", "office"))}
    return KnowledgeBase(
        entities=entities,
        people=people,
        tenures={k: tuple(sorted(v, key=lambda t: t.start)) for k, v in tenures.items()},
        tenures_by_person={k: tuple(sorted(v, key=lambda t: t.start)) for k, v in by_person.items()},
        outlets=outlets,
        office_groups=office_groups,
        leaders=leaders,
        folders=folders,
        state_codes=state_codes,
        governing=governing,
    )


def _state_number(row: Row, column: str) -> int | None:
    """A GW or COW state number: digits, or empty."""
    raw = row.get(column)
    if not raw:
        return None
    if not raw.isdigit():
        raise row.error(f"{column} must be a state number (digits), not {raw!r}")
    return int(raw)
