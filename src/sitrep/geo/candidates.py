"""Candidate places for a name: exact look-up by key, then a bounded fuzzy look-up by sound key."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from sitrep import lang as langdata
from sitrep.geo.build import area_abbreviations, continent_adjectives
from sitrep.geo.names import exact_key, sound_key
from sitrep.geo.store import Gazetteer, Place

# names shorter than this (in key letters) match exactly or not at all; a name the gazetteer holds
# exactly is never matched fuzzily to another
FUZZY_MIN_LENGTH = 5
# the least rapidfuzz ratio between two exact keys for a fuzzy match
FUZZY_MIN_RATIO = 85.0
# the words of a name, for the check that a fuzzy match keeps them all
WORD_SPLIT = re.compile(r"[\s\-]+")
# an acronym has at most this many letters
ACRONYM_MAX_LETTERS = 4
# a city this big is known well beyond its country (by an acronym with periods: "L.A."; in an
# article about another country: "London")
FOREIGN_MIN_POPULATION = 1_000_000
REGION_FEATURES = frozenset({"country", "admin1", "admin2", "region"})
# areas coded at precision 3 (ACLED: a province or a country); a district is precision 2
BROAD_REGIONS = frozenset({"country", "admin1", "region"})
# the areas known by an abbreviation ("U.S.", "UAE", "Minn."): a district named "Ngo" is no "NGO"
ABBREVIATED_AREAS = frozenset({"country", "admin1"})

EARTH_RADIUS_KM = 6371.0088  # the mean radius


@dataclass(frozen=True)
class Candidate:
    place: Place
    match: float  # 1.0 for an exact key, the rapidfuzz ratio / 100 otherwise
    primary: bool = False  # the key is the place's own name, not one of its alternate names


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance in km (infinite where one has no point)."""
    if not (a.has_point and b.has_point):
        return math.inf
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def is_acronym(name: str) -> bool:
    """True for an acronym or abbreviation written in capitals: at most ACRONYM_MAX_LETTERS
    letters, two or more of them capitals ("UF", "NGO", "MoD", "U.S.", "NoMa")."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= ACRONYM_MAX_LETTERS and sum(c.isupper() for c in letters) >= 2


def _keeps_words(name: str, other_key: str) -> bool:
    """True where a fuzzy match keeps every word of a multi-word name: each word of 5+ letters is
    found, spelt nearly alike or alike to the ear, in the other name, each shorter word exactly
    ("Yuba City" is not "Cuba City", "Red Line" not "Red Lion", "Kansas City" not "Kansas")."""
    words = [k for k in (exact_key(w) for w in WORD_SPLIT.split(name)) if len(k) > 2]
    if len(words) < 2:
        return True
    other_sound = sound_key(other_key)
    # a long word may be spelt with other vowels or doubled letters ("Maarat", "Maaret", "Maarrat")
    return all(word in other_key if len(word) < FUZZY_MIN_LENGTH
               else fuzz.partial_ratio(word, other_key) >= FUZZY_MIN_RATIO or sound_key(word) in other_sound
               for word in words)


def candidates(gazetteer: Gazetteer, name: str, demonyms: bool = False) -> list[Candidate]:
    """The places ``name`` may mean: exact matches of its key (with ``demonyms``, also the country
    of a nationality adjective), else, for a name of FUZZY_MIN_LENGTH letters, near-spellings of
    one sound key."""
    key = exact_key(name)
    if not key:
        return []
    found = {p.id: Candidate(p, 1.0, exact_key(p.name) == key) for p in gazetteer.by_key(key)}
    letters = "".join(c for c in name if c.isalpha())
    abbreviations = area_abbreviations()
    if key in abbreviations and letters not in abbreviations[key]:
        # an area's abbreviation names it only written so: "La." is Louisiana, "L.A." is not
        found = {i: c for i, c in found.items() if c.primary or c.place.feature not in REGION_FEATURES}
    if is_acronym(name):
        # an acronym names a country or an area by its abbreviation ("U.S.", "UAE"), a continent
        # by its union's ("EU"), a place whose own name it is, written alike ("NoMa"), or a city
        # of a million people known by one written with periods ("L.A."); another place's name
        # that reads so is a code or another word ("MoD" is no Maud, "UF" no Ufa, "U.S." no Us in France)
        return [c for c in found.values() if c.place.feature in ABBREVIATED_AREAS or c.place.is_continent
                or (c.primary and "".join(ch for ch in c.place.name if ch.isalpha()) == letters)
                or ("." in name and c.place.population >= FOREIGN_MIN_POPULATION)]
    for candidate in demonym_countries(gazetteer, name) if demonyms else ():
        found.setdefault(candidate.place.id, candidate)
    if not found and len(key) >= FUZZY_MIN_LENGTH:
        for other_key, place in gazetteer.by_sound(sound_key(key)):
            if place.id not in found:
                ratio = fuzz.ratio(key, other_key)
                if ratio >= FUZZY_MIN_RATIO and _keeps_words(name, other_key):
                    found[place.id] = Candidate(place, ratio / 100.0)
    return list(found.values())


@cache
def _demonyms() -> dict[str, str]:
    """Exact key of a nationality adjective -> its country's name, in every language sitrep reads
    (the ``nationalities`` of lang/<code>/actors.yaml: "Sudanese", "syriens"); of a continent's
    adjective -> the continent's ("European": geo/data/aliases.yaml)."""
    found: dict[str, str] = dict(continent_adjectives())
    for code in langdata.supported_languages():
        for country, adjectives in langdata.load(code, "actors").nationalities.items():
            for adjective in adjectives:
                found.setdefault(exact_key(adjective), country)
    return found


def demonym_countries(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    """The country a nationality adjective or its plural names ("Russians": Russia), or the
    continent ("Europeans": Europe), as LGL and GeoWebNews annotate them; not the country's own
    name (no primary match). The pipeline does not
    take a nationality for a place ("the Iranian consulate in Basra" is in Basra): only the
    evaluation on corpora that annotate them asks for these."""
    key = exact_key(name)
    country = _demonyms().get(key) or (_demonyms().get(key[:-1]) if key.endswith("s") else None)
    if country is None:
        return []
    return [Candidate(p, 1.0) for p in gazetteer.by_key(exact_key(country))
            if p.feature == "country" or p.is_continent]


def prior(candidate: Candidate) -> tuple:
    """How likely a place is, before context: countries, then admin areas, then by population."""
    rank = {"country": 2, "admin1": 1}.get(candidate.place.feature, 0)
    return candidate.match, rank, candidate.place.population
