"""`sitrep gazetteer import ...` on small files in the official formats, written by the tests."""
from __future__ import annotations

import csv
import functools
import http.server
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.geo.resolver import candidates
from sitrep.geo.store import Gazetteer
from sitrep.models import GeoPrecision
from sitrep.stages.places import find_places, geocode

runner = CliRunner()


def geonames_line(geonameid: int, name: str, alternates: str, lat: float, lon: float, feature_class: str,
                  feature_code: str, admin1: str = "09", population: int = 0) -> str:
    fields = [str(geonameid), name, name, alternates, str(lat), str(lon), feature_class, feature_code, "SY", "",
              admin1, "", "", "", str(population), "", "400", "Asia/Damascus", "2020-01-01"]
    return "\t".join(fields) + "\n"


def write_geonames_dump(folder: Path) -> dict[str, Path]:
    """A country dump, its admin1 codes and alternate names, in GeoNames' tab-separated formats."""
    dump = folder / "SY.txt"
    dump.write_text("".join([
        geonames_line(90001, "Handarat", "Hindarat,Handarat Camp", 36.28, 37.18, "P", "PPL"),
        geonames_line(90002, "Sheikh Maqsoud", "Cheikh Maqsoud", 36.23, 37.16, "P", "PPLX"),
        geonames_line(90003, "Nayrab Camp", "", 36.18, 37.22, "S", "CMPRF"),
        geonames_line(90004, "Quwayq", "", 36.2, 37.1, "H", "STM"),  # a stream: not imported
    ]), encoding="utf-8")
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text("SY.09\tAleppo\tAleppo\t170062\n", encoding="utf-8")
    alternates = folder / "alternateNamesV2.txt"
    alternates.write_text("1\t90001\tfr\tHandarate\t\t\t\t\t\t\n2\t90001\tlink\thttps://example.org/Handarat\t\t\t\t\t\t\n",
                          encoding="utf-8")
    return {"dump": dump, "admin1": admin1, "alternates": alternates}


def invoke(*args: str) -> str:
    result = runner.invoke(app, ["gazetteer", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_import_geonames_dump_admin_codes_and_alternate_names(tmp_path, small_gazetteer):
    files = write_geonames_dump(tmp_path)
    invoke("import", "geonames", str(files["alternates"]), str(files["dump"]), str(files["admin1"]),
           "--path", str(small_gazetteer.path))
    gazetteer = Gazetteer(small_gazetteer.path)
    camp = [c.place for c in candidates(gazetteer, "Handarate") if c.match == 1.0]
    assert [(p.name, p.admin1, p.latitude) for p in camp] == [("Handarat", "Aleppo", 36.28)]
    features = {c.place.name: c.place.feature for n in ("Cheikh Maqsoud", "Nayrab Camp", "Quwayq")
                for c in candidates(gazetteer, n)}
    assert features == {"Sheikh Maqsoud": "neighbourhood", "Nayrab Camp": "camp"}
    assert not candidates(gazetteer, "https://example.org/Handarat")
    gazetteer.close()


def test_after_the_import_the_camp_itself_is_found_at_precision_1(tmp_path, small_gazetteer, nlp_fr):
    files = write_geonames_dump(tmp_path)
    invoke("import", "geonames", str(files["dump"]), str(files["alternates"]), "--path", str(small_gazetteer.path))
    gazetteer = Gazetteer(small_gazetteer.path)
    doc = nlp_fr("L'armée a pris le camp Handarate dans le nord-est de la province d'Alep.")
    places = find_places(doc, "fr", gazetteer)
    geocode(doc, places, "fr", gazetteer)
    camp = next(p for p in places if p.name == "Handarate")
    assert camp.location.name == "Handarat"
    assert camp.location.geo_precision == GeoPrecision.NAMED_PLACE
    gazetteer.close()


def test_import_geonames_from_a_zip_by_url(tmp_path, small_gazetteer):
    files = write_geonames_dump(tmp_path)
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(files["dump"], "SY.txt")
        out.writestr("readme.txt", "GeoNames readme")
    output = invoke("import", "geonames", archive.as_uri(), "--path", str(small_gazetteer.path))
    assert "'places': 3" in output
    # a second import of the same places replaces them rather than doubling them
    invoke("import", "geonames", archive.as_uri(), "--path", str(small_gazetteer.path))
    gazetteer = Gazetteer(small_gazetteer.path)
    assert len(candidates(gazetteer, "Nayrab Camp")) == 1
    gazetteer.close()


def write_event_files(folder: Path) -> tuple[Path, Path]:
    acled = folder / "acled-test.csv"
    with acled.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id_cnty", "country", "admin1", "admin2", "admin3", "location", "latitude",
                         "longitude", "geo_precision", "notes"])
        writer.writerow(["SYR1", "Syria", "Aleppo", "Jebel Saman", "", "Aleppo - Sheikh Maqsoud", "36.2311",
                         "37.1583", "1", "Shelling hit Sheikh Maqsoud."])
        writer.writerow(["SYR2", "Syria", "Aleppo", "Jebel Saman", "", "Hayyan", "36.3056", "37.1694", "1", "..."])
        writer.writerow(["SYR3", "Syria", "Aleppo", "Jebel Saman", "", "Hayyan", "36.3056", "37.1694", "1", "..."])
    ged = folder / "ged-test.csv"
    with ged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country"])
        writer.writerow(["", "", "#loc+name", "#adm1+name", "#adm2+name", "#geo+lat", "#geo+lon", "#country+name"])
        writer.writerow(["1", "1", "Hayyan town", "Aleppo province", "", "36.3056", "37.1694", "Syria"])
        writer.writerow(["2", "4", "Aleppo province", "Aleppo province", "", "36.2", "37.5", "Syria"])
        writer.writerow(["3", "1", "Tell Rifaat village", "Aleppo province", "", "36.47", "37.10", "Syria"])
    return acled, ged


def test_import_events_from_acled_and_ged(tmp_path, small_gazetteer):
    acled, ged = write_event_files(tmp_path)
    output = invoke("import", "events", str(acled), str(ged), "--path", str(small_gazetteer.path))
    assert "'places': 2" in output  # ACLED: Sheikh Maqsoud and Hayyan once; GED: Hayyan, Tell Rifaat
    gazetteer = Gazetteer(small_gazetteer.path)
    quarter = [c.place for c in candidates(gazetteer, "Sheikh Maqsoud")]
    assert [(p.feature, p.country_code, p.admin1) for p in quarter] == [("neighbourhood", "SY", "Aleppo")]
    village = [c.place for c in candidates(gazetteer, "Tell Rifaat")]
    assert [(p.feature, p.admin1, p.latitude) for p in village] == [("populated_place", "Aleppo", 36.47)]
    assert not [c for c in candidates(gazetteer, "Aleppo province") if c.place.source.startswith("events")]
    gazetteer.close()
    invoke("import", "events", str(acled), "--path", str(small_gazetteer.path))
    gazetteer = Gazetteer(small_gazetteer.path)
    assert gazetteer.stats()["by_source"]["events:acled-test.csv"] == 2
    gazetteer.close()


def test_info_and_lookup_commands(small_gazetteer):
    assert '"places": 17' in invoke("info", "--path", str(small_gazetteer.path))
    output = invoke("lookup", "Damas", "--path", str(small_gazetteer.path))
    assert "Damascus" in output and "33.51" in output


@contextmanager
def dump_server(folder: Path):
    """A local HTTP server for ``folder`` (GeoNames' dump folder in the tests: no network)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/export/dump/"
    finally:
        server.shutdown()
        server.server_close()


def test_import_geonames_by_country_code_downloads_the_country_dump(tmp_path, small_gazetteer, monkeypatch):
    files = write_geonames_dump(tmp_path)
    served = tmp_path / "served" / "export" / "dump"
    served.mkdir(parents=True)
    with zipfile.ZipFile(served / "SY.zip", "w") as out:
        out.write(files["dump"], "SY.txt")
        out.writestr("readme.txt", "GeoNames readme")
    with dump_server(tmp_path / "served") as url:
        monkeypatch.setenv("SITREP_GEONAMES_URL", url)
        result = runner.invoke(app, ["gazetteer", "import", "geonames", "SY", "--path", str(small_gazetteer.path)])
        assert result.exit_code == 0, result.output + repr(result.exception)
        assert "SY: {'places': 3}" in result.stdout
        assert f"downloading {url}SY.zip" in result.stderr  # the progress bar's label
        # a country GeoNames has no dump for: a clear error, nothing imported
        missing = runner.invoke(app, ["gazetteer", "import", "geonames", "TD", "--path", str(small_gazetteer.path)])
    assert missing.exit_code == 1 and "TD.zip: 404" in missing.stderr
    gazetteer = Gazetteer(small_gazetteer.path)
    camp = [c.place for c in candidates(gazetteer, "Handarat") if c.match == 1.0]
    assert [(p.name, p.source) for p in camp] == [("Handarat", "geonames:SY.zip")]
    gazetteer.close()


def test_a_code_that_is_no_country_is_refused(small_gazetteer):
    result = runner.invoke(app, ["gazetteer", "import", "geonames", "XQ", "--path", str(small_gazetteer.path)])
    assert result.exit_code == 1 and "XQ: not an ISO 3166 country code" in result.stderr
