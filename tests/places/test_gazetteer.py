"""Places: names (German exonyms included) resolved to the right place, country and point."""

from __future__ import annotations

import pytest

from diplograph.places import resolve
from diplograph.places.gazetteer import candidates, fips_codes


@pytest.mark.parametrize(
    ("name", "place", "country", "geonameid"),
    [("Moskau", "Moscow", "RUS", 524901), ("Moscow", "Moscow", "RUS", 524901), ("Teheran", "Tehran", "IRN", 112931),
     ("Kiew", "Kyiv", "UKR", 703448), ("Kyjiw", "Kyiv", "UKR", 703448), ("Gazastreifen", "Gaza Strip", "PSE", None),
     ("Wien", "Vienna", "AUT", 2761369), ("Charkiw", "Kharkiv", "UKR", 706483), ("Luxembourg", "Luxembourg", "LUX",
     2960316), ("Libanon", "Lebanon", "LBN", 272103), ("Mexico", "Mexico", "MEX", 3996063)],
)  # fmt: skip
def test_names_resolve(name, place, country, geonameid):
    found = resolve(name)
    assert found is not None and (found.name, found.country, found.geonameid) == (place, country, geonameid)


def test_the_events_countries_break_ties_but_do_not_override_a_capital():
    assert resolve("Kazan", countries={"RUS"}).country == "RUS"
    assert {p.country for p in candidates("Kazan")} >= {"RUS", "TUR"}
    assert resolve("Paris", countries={"USA", "IRN"}).country == "FRA"  # not Paris, Texas


def test_regions_lie_in_their_country():
    gaza = resolve("Gaza Strip")
    assert gaza.kind == "region" and 31.2 < gaza.latitude < 31.6 and 34.2 < gaza.longitude < 34.6
    assert resolve("Krim").country == "UKR" and resolve("Kaschmir").country == "IND"


def test_unknown_and_empty_names():
    assert resolve(None) is None and resolve("") is None and resolve("Nowhere-on-earth") is None
    assert fips_codes()["DEU"] == "GM"
