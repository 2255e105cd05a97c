"""Importers that add places to a gazetteer: GeoNames dumps, and the places of event datasets
(ACLED exports, UCDP GED) whose analysts already coded village-level coordinates."""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

import pycountry
import yaml

from sitrep.geo.layers import open_text
from sitrep.geo.names import exact_key, is_code_like
from sitrep.geo.store import Gazetteer, NewPlace

# GeoNames "geoname" table columns (readme.txt of the dump)
GEONAMES_COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
                    "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code",
                    "admin4_code", "population", "elevation", "dem", "timezone", "modification_date")
BATCH = 50_000
# GeoNames' dump folder: one zip per country code (SY.zip), updated daily
GEONAMES_DUMPS = "https://download.geonames.org/export/dump/"
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
CHUNK = 1 << 16
# GED's where_prec: 1 the exact place, 2 within 25 km, 3 the second-level area only, 4 the first-level
# area only, 5 a part of the country; 6 the country only
GED_LOCAL_PRECISION = ("1", "2")
# a second-level area named by where_coordinates ("Salingyi township") is that area, at the point GED
# gives it, however precise the event itself
GED_NAMED_AREA_PRECISION = ("1", "2", "3", "4", "5")
csv.field_size_limit(1 << 24)


@cache
def feature_codes() -> dict:
    path = resources.files("sitrep.geo").joinpath("data", "feature_codes.yaml")
    return yaml.safe_load(path.read_text("utf-8"))


def dump_url(source: str) -> str:
    """The URL of GeoNames' dump for a country code ("SY" -> .../SY.zip; $SITREP_GEONAMES_URL
    replaces GeoNames' dump folder), else ``source`` as given (a path or a URL)."""
    if not COUNTRY_CODE.fullmatch(source) or Path(source).exists():
        return source
    if pycountry.countries.get(alpha_2=source) is None:
        raise ValueError(f"{source}: not an ISO 3166 country code")
    base = os.environ.get("SITREP_GEONAMES_URL") or GEONAMES_DUMPS
    return f"{base.rstrip('/')}/{source}.zip"


def download(url: str, target: Path, progress: Callable[[int, int | None], None] | None = None) -> None:
    """Copy ``url`` into ``target``, telling ``progress`` (bytes so far, total or None) as it goes."""
    try:
        response = urllib.request.urlopen(url, timeout=60)  # noqa: S310
    except urllib.error.HTTPError as error:
        raise ValueError(f"{url}: {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise ValueError(f"{url}: cannot be reached ({error.reason})") from error
    with response, target.open("wb") as out:
        total = int(response.headers.get("Content-Length") or 0) or None
        done = 0
        while chunk := response.read(CHUNK):
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)


@contextmanager
def local_copy(path_or_url: str, progress: Callable[[int, int | None], None] | None = None) -> Iterator[Path]:
    """A local file for a path or an http(s)/file URL (downloaded to a temporary file)."""
    if "://" not in path_or_url:
        yield Path(path_or_url)
        return
    with tempfile.TemporaryDirectory(prefix="sitrep-geonames-") as folder:
        target = Path(folder) / Path(path_or_url.split("?")[0]).name
        download(path_or_url, target, progress)
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


def import_geonames(gazetteer: Gazetteer, path_or_url: str,
                    progress: Callable[[int, int | None], None] | None = None) -> dict[str, int]:
    """Import one GeoNames file (country dump, allCountries, admin1CodesASCII, admin2Codes,
    alternateNamesV2; .txt or .zip; a country code downloads GeoNames' dump of that country);
    places replace the default's rows with the same GeoNames id."""
    with local_copy(dump_url(path_or_url), progress) as path:
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
        gazetteer.name_admin2_from_districts()
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


def event_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of an ACLED or UCDP GED csv file (gzipped or not)."""
    with open_text(path) as handle:
        for row in csv.DictReader(handle):
            if (row.get("latitude") or "").startswith("#"):
                continue  # HDX editions carry an HXL tag row under the header
            yield row


@cache
def ged_country_code(country: str) -> str | None:
    """ISO code of a GED country name ("Myanmar (Burma)", "DR Congo (Zaire)", "Yemen (North Yemen)")."""
    plain, _, former = country.partition(" (")
    extra = {exact_key(n): code for code, names in feature_codes()["ged_countries"].items() for n in names}
    for name in (plain, former.rstrip(")")):
        if exact_key(name) in extra:
            return extra[exact_key(name)]
        try:
            return pycountry.countries.lookup(name).alpha_2
        except LookupError:
            continue
    return None


def ged_place(row: dict[str, str]) -> tuple[str, str, str] | None:
    """(name, kind word, feature) of a GED row's named place, where it is precise enough: a
    settlement, camp, neighbourhood or site to 25 km, a second-level area by its name."""
    head = row["where_coordinates"].split(",")[0].strip()
    name, _, kind = head.rpartition(" ")
    feature = feature_codes()["ged_kinds"].get(kind.lower())
    if not name or feature is None or feature == "admin1":
        return None
    allowed = GED_NAMED_AREA_PRECISION if feature == "admin2" else GED_LOCAL_PRECISION
    if row.get("where_prec") not in allowed:
        return None
    return name, kind, feature


def event_places(gazetteer: Gazetteer, path: Path) -> Iterator[NewPlace]:
    """Distinct places of an ACLED export or a UCDP GED file."""
    seen: set[tuple] = set()
    source = f"events:{path.name}"
    for row in event_rows(path):
        try:
            latitude = float(_column(row, "latitude"))
            longitude = float(_column(row, "longitude"))
        except ValueError:
            continue
        if "where_coordinates" in row:
            found = ged_place(row)
            if found is None:
                continue
            name, kind, feature = found
            admin1, admin2 = row.get("adm_1", "").removesuffix(" province"), row.get("adm_2", "")
            names = [name, f"{name} {kind}"] if feature == "admin2" else [name]
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
        code = _country_code(gazetteer, country) or (ged_country_code(country) if "where_coordinates" in row else None)
        yield NewPlace(name=name, feature=feature, names=names, country_code=code,
                       admin1=admin1 or None, admin2=admin2 or None, latitude=latitude, longitude=longitude,
                       source=source)


def import_events(gazetteer: Gazetteer, path: str | Path) -> dict[str, int]:
    """Add the distinct places of an ACLED/UCDP GED csv; a re-import replaces the file's earlier rows."""
    path = Path(path)
    gazetteer.remove_source(f"events:{path.name}")
    return {"places": sum(gazetteer.add(batch) for batch in _batches(event_places(gazetteer, path)))}
