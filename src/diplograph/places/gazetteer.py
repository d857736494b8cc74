"""Resolve a place name, as an event location gives it, to a place of the gazetteer.

The gazetteer (``places/data/gazetteer.tsv``, built from GeoNames by
``scripts/build_gazetteer.py``) holds cities, countries and a few regions with coordinates. A
name is looked up among their names and alternate names, and among the written forms the
actor lexicons already know in each language: a capital's forms (``Moskau``, ``Moskaus``) lead
to the capital, a state's name (``Libanon``) to the country, a city of ``lang/*/places.tsv``
(``Charkiw``) to that city. Where a name fits several places: a country over a city of that name
unless the city is its capital and so named (``Luxembourg``), then a capital, then the largest,
a place in one of the event's own countries counting tenfold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from diplograph.errors import LexiconError
from diplograph.lang.load import lang_file, package_path, read_tsv

_KIND_ORDER = {"capital": 0, "city": 1, "region": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # English (GeoNames) name
    country: str  # ISO 3166 alpha-3
    latitude: float
    longitude: float
    kind: str  # capital, city, region, country
    geonameid: int | None  # None for the regions (GeoNames admin1 ids are not shipped)
    population: int = 0


def _key(name: str) -> str:
    return " ".join(name.replace("-", " ").split()).casefold()


@cache
def _index() -> dict[str, tuple[Place, ...]]:
    """Name (case-folded) -> the places it may name."""
    index: dict[str, list[Place]] = {}
    capitals: dict[str, Place] = {}
    countries: dict[str, Place] = {}
    cities: dict[tuple[str, str], Place] = {}

    def add(name: str, place: Place) -> None:
        places = index.setdefault(_key(name), [])
        if all(p is not place for p in places):
            places.append(place)

    for place, names in _read_gazetteer():
        add(place.name, place)
        for name in names:
            add(name, place)
        if place.kind == "capital":
            capitals[place.country] = place
        elif place.kind == "country":
            countries[place.country] = place
        if place.kind in ("capital", "city"):
            known = cities.get((place.name, place.country))
            if known is None or known.population < place.population:
                cities[(place.name, place.country)] = place
    for lang in ("de", "en"):
        for row in read_tsv(lang_file(lang, "states.tsv"), required=("surface", "code", "form")):
            target = {"capital": capitals, "name": countries, "genitive": countries}.get(row["form"], {})
            if row["code"] in target and "weak" not in row.get("flags"):
                add(row["surface"], target[row["code"]])
        for row in read_tsv(lang_file(lang, "places.tsv"), required=("surface", "code", "name")):
            city = cities.get((row["name"], row["code"]))
            if city is not None:
                add(row["surface"], city)
    return {name: tuple(places) for name, places in index.items()}


_COLUMNS = ["geonameid", "name", "code", "latitude", "longitude", "population", "kind", "names"]


def _read_gazetteer() -> list[tuple[Place, list[str]]]:
    """The gazetteer's rows (a generated file: split by hand, several times faster than ``read_tsv``)."""
    path = package_path("places", "data", "gazetteer.tsv")
    rows = []
    with path.open(encoding="utf-8") as handle:
        lines = (line.rstrip("\n") for line in handle if not line.startswith("#"))
        if next(lines, "").split("\t") != _COLUMNS:
            raise LexiconError(f"{path}: the header is not {' '.join(_COLUMNS)}; run scripts/build_gazetteer.py",
                               code="D201")  # fmt: skip
        for geonameid, name, code, lat, lon, population, kind, names in (line.split("\t") for line in lines):
            place = Place(name, code, float(lat), float(lon), kind, int(geonameid) if geonameid else None,
                          int(population or 0))  # fmt: skip
            rows.append((place, names.split("|") if names else []))
    return rows


def preload() -> None:
    """Read the gazetteer now (a process about to fork workers shares it with them)."""
    _index()


def candidates(name: str) -> tuple[Place, ...]:
    """Every place the name may stand for."""
    return _index().get(_key(name), ())


def resolve(name: str | None, *, countries: Iterable[str] = ()) -> Place | None:
    """The place ``name`` most likely means, given the countries of the event's actors."""
    if not name:
        return None
    found = candidates(name)
    if not found:
        return None
    hinted = set(countries)
    nations = [p for p in found if p.kind == "country"]
    if nations:
        nation = max(nations, key=lambda p: (p.country in hinted, p.population))
        key = _key(name)
        capital = [p for p in found if p.kind == "capital" and p.country == nation.country and _key(p.name) == key]
        return capital[0] if capital else nation
    # The actors' countries count tenfold: enough for Kazan (Russia) over a Kazan in Turkey between
    # Russian actors, not for a town in Texas over Paris between American and Iranian ones.
    return min(
        found,
        key=lambda p: (
            _KIND_ORDER[p.kind],
            -p.population * (10 if p.country in hinted else 1),
            p.name,
            p.geonameid or 0,
        ),
    )


@cache
def fips_codes() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code (what GDELT's geographic fields use)."""
    path = package_path("places", "data", "countries.tsv")
    return {row["code"]: row["fips"] for row in read_tsv(path, required=("code", "iso2", "fips")) if row.get("fips")}


def resolve_country(code: str | None) -> Place | None:
    """The gazetteer's country of an ISO3 code."""
    return _countries().get(code or "")


@cache
def _countries() -> dict[str, Place]:
    return {p.country: p for places in _index().values() for p in places if p.kind == "country"}
