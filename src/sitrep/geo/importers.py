"""Importers that add places to a gazetteer: GeoNames dumps, and the places of event datasets
(ACLED exports, UCDP GED) whose analysts already coded village-level coordinates."""
from __future__ import annotations

import csv
import io
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from sitrep.geo.names import exact_key, is_code_like
from sitrep.geo.store import Gazetteer, NewPlace

# GeoNames "geoname" table columns (readme.txt of the dump)
GEONAMES_COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
                    "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code",
                    "admin4_code", "population", "elevation", "dem", "timezone", "modification_date")
BATCH = 50_000
csv.field_size_limit(1 << 24)


@cache
def feature_codes() -> dict:
    path = resources.files("sitrep.geo").joinpath("data", "feature_codes.yaml")
    return yaml.safe_load(path.read_text("utf-8"))


@contextmanager
def local_copy(path_or_url: str) -> Iterator[Path]:
    """A local file for a path or an http(s)/file URL (downloaded to a temporary file)."""
    if "://" not in path_or_url:
        yield Path(path_or_url)
        return
    with tempfile.TemporaryDirectory(prefix="sitrep-geonames-") as folder:
        target = Path(folder) / Path(path_or_url.split("?")[0]).name
        with urllib.request.urlopen(path_or_url) as response, target.open("wb") as out:  # noqa: S310
            shutil.copyfileobj(response, out)
        yield target


def _text_lines(path: Path) -> Iterator[str]:
    """Lines of a text file, or of the data file inside a GeoNames zip (SY.zip holds SY.txt)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            member = next((n for n in members if Path(n).stem == path.stem), members[0])
            with archive.open(member) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with path.open(encoding="utf-8") as lines:
        yield from lines


def geonames_kind(path: Path) -> str:
    """Which GeoNames file this is, by its official name: admin codes, alternate names or places."""
    name = path.name.lower()
    if name.startswith(("admin1codes", "admin2codes")):
        return "admin_codes"
    if name.startswith("alternatenames"):
        return "alternate_names"
    return "places"


def _geonames_feature(feature_class: str, feature_code: str) -> str | None:
    codes = feature_codes()
    return codes["geonames_codes"].get(feature_code) or codes["geonames_classes"].get(feature_class)


def _geonames_places(lines: Iterable[str], source: str) -> Iterator[NewPlace]:
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if len(fields) < len(GEONAMES_COLUMNS) - 1 or not fields[0].isdigit():
            continue
        row = dict(zip(GEONAMES_COLUMNS, fields))
        feature = _geonames_feature(row["feature_class"], row["feature_code"])
        if feature is None:
            continue
        yield NewPlace(name=row["name"], feature=feature, geonameid=int(row["geonameid"]),
                       names=[row["asciiname"], *(a for a in row["alternatenames"].split(",")
                                                  if not is_code_like(a, row["name"]))],
                       country_code=row["country_code"] or None, admin1_code=row["admin1_code"] or None,
                       admin2_code=row["admin2_code"] or None, latitude=float(row["latitude"]),
                       longitude=float(row["longitude"]), population=int(row["population"] or 0),
                       source=source)


def _batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_geonames(gazetteer: Gazetteer, path_or_url: str) -> dict[str, int]:
    """Import one GeoNames file (country dump, allCountries, admin1CodesASCII, admin2Codes,
    alternateNamesV2; .txt or .zip); places replace the default's rows with the same GeoNames id."""
    with local_copy(path_or_url) as path:
        kind = geonames_kind(path)
        lines = _text_lines(path)
        if kind == "admin_codes":
            rows = [line.rstrip("\n").split("\t") for line in lines]
            gazetteer.set_admin_names((r[0], r[1]) for r in rows if len(r) >= 2 and "." in r[0])
            return {"admin_names": len(rows)}
        if kind == "alternate_names":
            pairs = ((int(f[1]), f[3]) for f in (line.rstrip("\n").split("\t") for line in lines)
                     if len(f) >= 4 and f[1].isdigit() and f[2] not in ("link", "post", "iata", "icao", "faac"))
            return {"alternate_names": sum(gazetteer.add_names(batch) for batch in _batches(pairs))}
        added = 0
        for batch in _batches(_geonames_places(lines, f"geonames:{path.name}")):
            gazetteer.remove_geonameids(p.geonameid for p in batch)
            added += gazetteer.add(batch)
        gazetteer.set_admin_names([])
        return {"places": added}


def _column(row: dict[str, str], *names: str) -> str:
    """The first non-empty value among columns ``names`` (ACLED's headers are lower or UPPER case)."""
    for name in names:
        value = row.get(name) or row.get(name.upper())
        if value:
            return value.strip()
    return ""


def _country_code(gazetteer: Gazetteer, country: str) -> str | None:
    found = [p for p in gazetteer.by_key(exact_key(country)) if p.feature == "country"]
    return found[0].country_code if found else None


def _event_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row.get("latitude") or "").startswith("#"):
                continue  # HDX editions carry an HXL tag row under the header
            yield row


def _ged_place(row: dict[str, str], kinds: dict[str, str]) -> tuple[str, str] | None:
    """(name, feature) of a GED row's place, for rows precise to 25 km ("where_prec" 1 or 2)."""
    if row.get("where_prec") not in ("1", "2"):
        return None
    name, _, kind = row["where_coordinates"].strip().rpartition(" ")
    if not name or kind.lower() not in kinds:
        return None
    return name, kinds[kind.lower()]


def event_places(gazetteer: Gazetteer, path: Path) -> Iterator[NewPlace]:
    """Distinct places of an ACLED export or a UCDP GED file."""
    kinds = feature_codes()["ged_kinds"]
    seen: set[tuple] = set()
    source = f"events:{path.name}"
    for row in _event_rows(path):
        try:
            latitude = float(_column(row, "latitude"))
            longitude = float(_column(row, "longitude"))
        except ValueError:
            continue
        if "where_coordinates" in row:
            found = _ged_place(row, kinds)
            if found is None:
                continue
            name, feature = found
            admin1, admin2 = row.get("adm_1", "").removesuffix(" province"), row.get("adm_2", "")
            names = [name]
        else:
            name = _column(row, "location")
            city, _, part = name.partition(" - ")
            feature = "neighbourhood" if part else "populated_place"
            admin1, admin2 = _column(row, "admin1"), _column(row, "admin2")
            names = [name, part] if part else [name]
        country = _column(row, "country")
        slot = (country, exact_key(name), round(latitude, 2), round(longitude, 2))
        if not name or slot in seen:
            continue
        seen.add(slot)
        yield NewPlace(name=name, feature=feature, names=names, country_code=_country_code(gazetteer, country),
                       admin1=admin1 or None, admin2=admin2 or None, latitude=latitude, longitude=longitude,
                       source=source)


def import_events(gazetteer: Gazetteer, path: str | Path) -> dict[str, int]:
    """Add the distinct places of an ACLED/UCDP GED csv; a re-import replaces the file's earlier rows."""
    path = Path(path)
    gazetteer.remove_source(f"events:{path.name}")
    return {"places": sum(gazetteer.add(batch) for batch in _batches(event_places(gazetteer, path)))}
