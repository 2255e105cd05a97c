"""The derived layers the embedded default gazetteer ships (data/README.md: sources, licence,
attribution; :mod:`sitrep.geo.derive` makes them): GeoNames' second-level divisions placed at a
representative point, GeoNames' first-level divisions' ids, and the named places of UCDP GED
events."""
from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from sitrep.geo.store import NewPlace

DATA = Path(str(resources.files("sitrep.geo").joinpath("data")))
DISTRICTS_FILE = DATA / "districts.tsv.gz"
ADMIN1_FILE = DATA / "admin1.tsv.gz"
CONFLICT_PLACES_FILE = DATA / "conflict_places.tsv.gz"
DISTRICT_COLUMNS = ("geonameid", "country_code", "admin1_code", "admin2_code", "latitude", "longitude",
                    "population", "placed_by", "names")
ADMIN1_COLUMNS = ("country_code", "admin1_code", "geonameid", "name")
CONFLICT_COLUMNS = ("name", "feature", "country_code", "admin1_code", "admin1", "admin2", "latitude", "longitude",
                    "where_prec", "events", "names")
DISTRICTS_SOURCE = "geonames-admin2"
# a district with no point of its own, placed at its province's main town (derive.py): its name
# tells the country and province, not where in the province
PROVINCE_POINT_SOURCE = "geonames-admin2-province-point"
PROVINCE_POINT = "province's main town"
CONFLICT_SOURCE = "ucdp-ged"


def open_text(path: Path):
    """A text file, gzipped or not."""
    return gzip.open(path, "rt", encoding="utf-8-sig", newline="") if path.suffix == ".gz" \
        else path.open(encoding="utf-8-sig", newline="")


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a derived tab-separated file."""
    with open_text(path) as handle:
        yield from csv.DictReader(handle, delimiter="\t")


def admin1_ids(path: Path = ADMIN1_FILE) -> dict[tuple[str, str], int]:
    """(country code, GeoNames admin1 code) -> the area's GeoNames id."""
    return {(row["country_code"], row["admin1_code"]): int(row["geonameid"]) for row in read_rows(path)}


def district_places(admin1_names: dict[tuple[str, str], str], path: Path = DISTRICTS_FILE) -> Iterator[NewPlace]:
    """GeoNames' second-level divisions at their representative point, named as GeoNames names
    them and without their type word ("Kāmdēsh", "Yamethin District", "Yamethin")."""
    for row in read_rows(path):
        names = row["names"].split("|")
        country, admin1_code = row["country_code"], row["admin1_code"]
        yield NewPlace(name=names[0], names=names[1:], feature="admin2", geonameid=int(row["geonameid"]),
                       country_code=country, admin1_code=admin1_code, admin1=admin1_names.get((country, admin1_code)),
                       admin2_code=row["admin2_code"], admin2=names[0], latitude=float(row["latitude"]),
                       longitude=float(row["longitude"]), population=int(row["population"]),
                       source=PROVINCE_POINT_SOURCE if row["placed_by"] == PROVINCE_POINT else DISTRICTS_SOURCE)


def conflict_places(admin1_names: dict[tuple[str, str], str], path: Path = CONFLICT_PLACES_FILE) -> Iterator[NewPlace]:
    """The named places of UCDP GED events, with the admin1 of their nearest GeoNames town."""
    for row in read_rows(path):
        names = row["names"].split("|")
        country, admin1_code = row["country_code"], row["admin1_code"] or None
        yield NewPlace(name=row["name"], names=names, feature=row["feature"], country_code=country,
                       admin1_code=admin1_code, admin1=admin1_names.get((country, admin1_code or "")) or row["admin1"]
                       or None, admin2=row["admin2"] or None, latitude=float(row["latitude"]),
                       longitude=float(row["longitude"]), source=CONFLICT_SOURCE)
