"""The gazetteer store: one SQLite file of places and a key table of their names.

Every written form of a place's name is stored under two precomputed keys (see :mod:`names`):
the exact key (indexed, for exact look-up) and the sound key (indexed, for the bounded fuzzy
look-up that compares candidates sharing a sound key with rapidfuzz).
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from sitrep.geo.names import exact_key, is_latin, sound_key

# bump when the schema or what the default build puts in changes: files of another version are rebuilt
SCHEMA_VERSION = "12"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS place (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    feature TEXT NOT NULL,
    country_code TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    admin2_code TEXT,
    admin2 TEXT,
    latitude REAL,
    longitude REAL,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS name (key TEXT NOT NULL, sound TEXT NOT NULL, place_id INTEGER NOT NULL);
-- names of admin areas by GeoNames code: "SY.09" (admin1), "SY.09.12345" (admin2)
CREATE TABLE IF NOT EXISTS admin_name (code TEXT PRIMARY KEY, name TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS name_key ON name(key);
CREATE INDEX IF NOT EXISTS name_sound ON name(sound);
CREATE INDEX IF NOT EXISTS place_geonameid ON place(geonameid);
CREATE INDEX IF NOT EXISTS place_admin ON place(country_code, feature, admin1_code);
"""
PLACE_COLUMNS = ("id", "geonameid", "name", "feature", "country_code", "admin1_code", "admin1", "admin2_code",
                 "admin2", "latitude", "longitude", "population", "source")

# A place row's feature is one of: country, admin1, admin2, region, city, populated_place,
# neighbourhood, camp, site (importers map their sources' codes onto these: data/feature_codes.yaml).


class PlaceFields(BaseModel):
    """What the gazetteer knows of a place."""

    name: str
    feature: str
    geonameid: int | None = None
    country_code: str | None = None
    admin1_code: str | None = None
    admin1: str | None = None
    admin2_code: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    source: str


class Place(PlaceFields):
    """A stored place."""

    id: int

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_continent(self) -> bool:
        """An area of no country (the default's continents)."""
        return self.feature == "region" and self.country_code is None


class NewPlace(PlaceFields):
    """A place an importer adds, with every name it is known by."""

    names: list[str]
    keys: frozenset[str] | None = Field(None, description="exact keys of the names, where already computed")


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """The exact keys of the Latin-script names among ``names``."""
    return frozenset(key for key in (exact_key(n) for n in names if n and is_latin(n)) if key)


def default_path() -> Path:
    """$SITREP_GAZETTEER, else the user cache folder ($XDG_CACHE_HOME or ~/.cache)/sitrep/gazetteer.sqlite."""
    if os.environ.get("SITREP_GAZETTEER"):
        return Path(os.environ["SITREP_GAZETTEER"])
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache_home / "sitrep" / "gazetteer.sqlite"


class Gazetteer:
    """A gazetteer file, open for look-ups (and for additions by the importers)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.connection = sqlite3.connect(self.path, check_same_thread=False)
        self.connection.executescript(SCHEMA)
        self._by_key = lru_cache(maxsize=50_000)(self._query_key)
        self._by_sound = lru_cache(maxsize=50_000)(self._query_sound)
        self.admin1_names = lru_cache(maxsize=1_000)(self._admin1_names)
        self.provinces = lru_cache(maxsize=1_000)(self._provinces)
        self._countries: dict[str, Place] | None = None
        self._area_name_keys: frozenset[str] | None = None

    # -- writing --------------------------------------------------------------------------------
    def add(self, places: Iterable[NewPlace]) -> int:
        """Add places with their names in one transaction; returns how many were added."""
        cursor = self.connection.cursor()
        next_id = (cursor.execute("SELECT coalesce(max(id), 0) FROM place").fetchone()[0]) + 1
        place_rows, name_rows = [], []
        for place in places:
            place_rows.append((next_id, place.geonameid, place.name, place.feature, place.country_code,
                               place.admin1_code, place.admin1, place.admin2_code, place.admin2,
                               place.latitude, place.longitude,
                               place.population, place.source))
            keys = place.keys if place.keys is not None else name_keys([place.name, *place.names])
            name_rows.extend((key, sound_key(key), next_id) for key in keys)
            next_id += 1
        with self.connection:
            cursor.executemany(f"INSERT INTO place VALUES ({','.join('?' * len(PLACE_COLUMNS))})", place_rows)
            cursor.executemany("INSERT INTO name VALUES (?, ?, ?)", name_rows)
        self.clear_caches()
        return len(place_rows)

    def remove_geonameids(self, geonameids: Iterable[int]) -> None:
        """Drop places (and their names) that a fuller import replaces."""
        with self.connection:
            self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS dropped (geonameid INTEGER PRIMARY KEY)")
            self.connection.execute("DELETE FROM dropped")
            self.connection.executemany("INSERT OR IGNORE INTO dropped VALUES (?)", ((i,) for i in geonameids))
            self.connection.execute("DELETE FROM name WHERE place_id IN "
                                    "(SELECT id FROM place WHERE geonameid IN (SELECT geonameid FROM dropped))")
            self.connection.execute("DELETE FROM place WHERE geonameid IN (SELECT geonameid FROM dropped)")
        self.clear_caches()

    def remove_source(self, source: str) -> None:
        with self.connection:
            self.connection.execute("DELETE FROM name WHERE place_id IN (SELECT id FROM place WHERE source = ?)",
                                    (source,))
            self.connection.execute("DELETE FROM place WHERE source = ?", (source,))
        self.clear_caches()

    def add_names(self, names: Iterable[tuple[int, str]]) -> int:
        """Add alternate names to places already stored, by GeoNames id: (geonameid, name)."""
        ids = dict(self.connection.execute("SELECT geonameid, id FROM place WHERE geonameid IS NOT NULL"))
        rows = {(exact_key(name), ids[geonameid]) for geonameid, name in names
                if geonameid in ids and name and is_latin(name)}
        with self.connection:
            self.connection.executemany("INSERT INTO name VALUES (?, ?, ?)",
                                        ((key, sound_key(key), place) for key, place in rows if key))
        self.clear_caches()
        return len(rows)

    def set_admin_names(self, names: Iterable[tuple[str, str]]) -> None:
        """Record admin area names by GeoNames code and name the places that carry those codes."""
        with self.connection:
            self.connection.executemany("INSERT OR REPLACE INTO admin_name VALUES (?, ?)", names)
            self.connection.execute(
                "UPDATE place SET admin1 = (SELECT name FROM admin_name WHERE code = country_code || '.' || admin1_code) "
                "WHERE admin1 IS NULL AND admin1_code IS NOT NULL")
            self.connection.execute(
                "UPDATE place SET admin2 = (SELECT name FROM admin_name "
                "WHERE code = country_code || '.' || admin1_code || '.' || admin2_code) "
                "WHERE admin2 IS NULL AND admin2_code IS NOT NULL")
        self.clear_caches()

    def name_admin2_from_districts(self) -> None:
        """Name the second-level area of places that carry its GeoNames code after the district
        stored with that code (the default's GeoNames districts)."""
        with self.connection:
            self.connection.execute(
                "UPDATE place SET admin2 = (SELECT d.name FROM place d WHERE d.feature = 'admin2' "
                "AND d.country_code = place.country_code AND d.admin1_code = place.admin1_code "
                "AND d.admin2_code = place.admin2_code) WHERE admin2 IS NULL AND admin2_code IS NOT NULL")
        self.clear_caches()

    def finish(self, description: str) -> None:
        """Index the tables and record what the file holds."""
        with self.connection:
            self.connection.executescript(INDEXES)
            self.connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            self.connection.execute("INSERT OR REPLACE INTO meta VALUES ('description', ?)", (description,))
        self.connection.execute("ANALYZE")

    def clear_caches(self) -> None:
        self._by_key.cache_clear()
        self._by_sound.cache_clear()
        self.admin1_names.cache_clear()
        self.provinces.cache_clear()
        self._countries = None
        self._area_name_keys = None

    # -- reading --------------------------------------------------------------------------------
    def _rows(self, sql: str, args: tuple) -> list[Place]:
        columns = ", ".join(f"p.{c}" for c in PLACE_COLUMNS)
        rows = self.connection.execute(f"SELECT DISTINCT {columns} FROM place p {sql}", args).fetchall()
        return [Place(**dict(zip(PLACE_COLUMNS, row))) for row in rows]

    def _query_key(self, key: str) -> tuple[Place, ...]:
        return tuple(self._rows("JOIN name n ON n.place_id = p.id WHERE n.key = ?", (key,)))

    def _query_sound(self, sound: str) -> tuple[tuple[str, Place], ...]:
        columns = ", ".join(f"p.{c}" for c in PLACE_COLUMNS)
        rows = self.connection.execute(
            f"SELECT n.key, {columns} FROM name n JOIN place p ON n.place_id = p.id WHERE n.sound = ?",
            (sound,)).fetchall()
        return tuple((row[0], Place(**dict(zip(PLACE_COLUMNS, row[1:])))) for row in rows)

    def by_key(self, key: str) -> tuple[Place, ...]:
        """Places with a name whose exact key is ``key``."""
        return self._by_key(key)

    def by_sound(self, sound: str) -> tuple[tuple[str, Place], ...]:
        """(exact key of the matching name, place) for names whose sound key is ``sound``."""
        return self._by_sound(sound)

    def countries(self) -> dict[str, Place]:
        if self._countries is None:
            self._countries = {p.country_code: p for p in self._rows("WHERE p.feature = 'country'", ())
                               if p.country_code}
        return self._countries

    def area_name_keys(self) -> frozenset[str]:
        """The exact keys of every name of a country or a first-level administrative area."""
        if self._area_name_keys is None:
            self._area_name_keys = frozenset(row[0] for row in self.connection.execute(
                "SELECT DISTINCT n.key FROM name n JOIN place p ON n.place_id = p.id"
                " WHERE p.feature IN ('country', 'admin1')"))
        return self._area_name_keys

    def _provinces(self, country_code: str) -> tuple[Place, ...]:
        """The first-level areas of a country that have a point (their main town's)."""
        return tuple(p for p in self._rows("WHERE p.country_code = ? AND p.feature = 'admin1'", (country_code,))
                     if p.has_point)

    def country_name(self, code: str | None) -> str | None:
        place = self.countries().get(code or "")
        return place.name if place else None

    def _admin1_names(self, country_code: str) -> dict[str, str]:
        """admin1 code -> admin1 name for one country."""
        rows = self.connection.execute(
            "SELECT admin1_code, name FROM place WHERE country_code = ? AND feature = 'admin1'",
            (country_code,)).fetchall()
        return {code: name for code, name in rows if code}

    def stats(self) -> dict[str, object]:
        count = lambda sql: self.connection.execute(sql).fetchone()[0]  # noqa: E731
        by_source = dict(self.connection.execute("SELECT source, count(*) FROM place GROUP BY source").fetchall())
        meta = dict(self.connection.execute("SELECT key, value FROM meta").fetchall())
        return {"path": str(self.path), "places": count("SELECT count(*) FROM place"),
                "names": count("SELECT count(*) FROM name"), "by_source": by_source,
                "size_bytes": self.path.stat().st_size if self.path.exists() else 0, **meta}

    def is_built(self) -> bool:
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return row is not None and row[0] == SCHEMA_VERSION

    def close(self) -> None:
        self.connection.close()
