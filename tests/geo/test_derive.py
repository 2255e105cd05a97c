"""The derived layers of the embedded default (sitrep.geo.derive), on small files in their sources'
formats written by the tests, and what the default holds of them."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitrep.geo.derive import Town, bare_names, derive_conflict_places, derive_districts, main
from sitrep.geo.layers import (DISTRICTS_SOURCE, PROVINCE_POINT, PROVINCE_POINT_SOURCE, district_places,
                                read_rows)
from sitrep.geo.resolver import candidates

TOWNS = [
    Town("Kamdesh", "AF", "38", 35.42, 71.34, 2_000),
    Town("Barg-e Matal", "AF", "38", 35.67, 71.35, 1_500),
    Town("Asadabad", "AF", "34", 34.87, 71.15, 48_000),
    Town("Beni", "CD", "11", 0.49, 29.47, 140_000),
    Town("Oicha", "CD", "11", 0.70, 29.52, 74_000),
    Town("Kandahar", "AF", "23", 31.61, 65.71, 390_000),
]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "bare"), [
    ("Yamethin District", ["Yamethin"]), ("Municipio de Tijuana", ["Tijuana"]), ("Datta Khel tehsil", ["Datta Khel"]),
    ("Beni", []),
])
def test_a_district_is_also_named_without_its_type_word(name, bare):
    assert bare_names(name) == bare


def test_districts_are_placed_at_their_seat_else_their_biggest_member_else_a_town_bearing_their_name(tmp_path):
    admin1 = write(tmp_path / "admin1CodesASCII.txt", ["AF.38\tNuristan\tNuristan\t1131461",
                                                       "CD.11\tNord Kivu\tNord Kivu\t6940047",
                                                       "AF.99\tEmptyland\tEmptyland\t1131499"])
    admin2 = write(tmp_path / "admin2Codes.txt", [
        "AF.38.3002\tKāmdēsh\tKamdesh\t7054025",          # its seat bears its name
        "AF.38.3006\tWaygal District\tWaygal District\t7054030",  # placed by its members only
        "CD.11.09\tBeni\tBeni\t219056",
        "AF.38.3009\tNowhere\tNowhere\t7054099",           # no seat, no member: its province's main town
        "AF.38.3011\tMatal\tMatal\t7054101",              # no seat, but a town of its province bears its name
        "AF.99.3010\tElsewhere\tElsewhere\t7054100",       # nor any town in its province: left out
    ])
    members = tmp_path / "members.csv"
    with members.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["lat", "lon", "name", "admin1", "admin2", "cc"])
        writer.writerow(["35.67", "71.35", "Barg-e Matal", "Nuristan", "Waygal District", "AF"])
        writer.writerow(["35.60", "71.30", "Kleinort", "Nuristan", "Waygal District", "AF"])
    rows, counts = derive_districts(admin1, admin2, members, towns=TOWNS)
    placed = {row["names"].split("|")[1] if "|" in row["names"] else row["names"]: row for row in rows}
    assert (placed["Kamdesh"]["latitude"], placed["Kamdesh"]["placed_by"]) == (35.42, "seat")
    waygal = next(row for row in rows if row["geonameid"] == 7054030)
    # the biggest member (Barg-e Matal, 1,500 people), and the name without its type word
    assert (waygal["latitude"], waygal["placed_by"], waygal["names"]) == (35.67, "largest member",
                                                                            "Waygal District|Waygal")
    # Nuristan's biggest town is Kamdesh (2,000 people)
    nowhere = next(row for row in rows if row["geonameid"] == 7054099)
    assert (nowhere["latitude"], nowhere["longitude"], nowhere["placed_by"]) == (35.42, 71.34, PROVINCE_POINT)
    # Barg-e Matal holds the name with a word beside it
    matal = next(row for row in rows if row["geonameid"] == 7054101)
    assert (matal["latitude"], matal["placed_by"]) == (35.67, "town bearing its name")
    assert counts == {"seat": 2, "largest member": 1, "town bearing its name": 1, PROVINCE_POINT: 1, "unplaced": 1}
    places = list(district_places({("AF", "38"): "Nuristan"}, path=_written(tmp_path, rows)))
    kamdesh = next(p for p in places if p.geonameid == 7054025)
    assert (kamdesh.feature, kamdesh.admin1, kamdesh.admin2_code, kamdesh.names) == ("admin2", "Nuristan", "3002",
                                                                                    ["Kamdesh"])
    # the build can tell a district's own point from its province's
    assert {p.geonameid: p.source for p in places if p.geonameid in (7054025, 7054099)} == {
        7054025: DISTRICTS_SOURCE, 7054099: PROVINCE_POINT_SOURCE}


def _written(folder: Path, rows: list[dict]) -> Path:
    from sitrep.geo.derive import write_rows
    from sitrep.geo.layers import DISTRICT_COLUMNS

    path = folder / "districts.tsv.gz"
    write_rows(path, DISTRICT_COLUMNS, rows)
    assert [int(row["geonameid"]) for row in read_rows(path)] == [row["geonameid"] for row in rows]
    return path


def test_conflict_places_keep_named_places_precise_to_25_km_less_those_cities500_holds(tmp_path):
    ged = tmp_path / "ged.csv"
    with ged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country"])
        writer.writerow(["1", "1", "Manzingi village", "Nord Kivu province", "Beni territory", "0.61", "29.55",
                         "DR Congo (Zaire)"])
        writer.writerow(["2", "2", "Manzingi village", "Nord Kivu province", "Beni territory", "0.62", "29.56",
                         "DR Congo (Zaire)"])  # the same place, coded a kilometre away
        writer.writerow(["3", "1", "Beni town", "Nord Kivu province", "Beni territory", "0.49", "29.47",
                         "DR Congo (Zaire)"])  # cities500 knows it
        writer.writerow(["4", "3", "Waygal district", "Nuristan province", "Waygal district", "35.6", "71.2",
                         "Afghanistan"])
        writer.writerow(["5", "4", "Nuristan province", "Nuristan province", "", "35.4", "70.9", "Afghanistan"])
        writer.writerow(["6", "5", "Kandahar-Herat highway", "Kandahar province", "", "31.6", "65.0", "Afghanistan"])
    rows, counts = derive_conflict_places([ged], towns=TOWNS)
    found = {(row["name"], row["feature"]): row for row in rows}
    assert set(found) == {("Manzingi", "populated_place"), ("Waygal", "admin2")}
    manzingi = found[("Manzingi", "populated_place")]
    assert (manzingi["country_code"], manzingi["admin1_code"], manzingi["events"]) == ("CD", "11", 2)
    assert found[("Waygal", "admin2")]["names"] == "Waygal|Waygal district"
    assert counts["known to cities500"] == 1


def test_derive_command_writes_both_district_files(tmp_path, monkeypatch):
    monkeypatch.setattr("sitrep.geo.derive.cities500", lambda: TOWNS)  # not the 235,000 places
    write(tmp_path / "admin1CodesASCII.txt", ["CD.11\tNord Kivu\tNord Kivu\t6940047"])
    write(tmp_path / "admin2Codes.txt", ["CD.11.09\tBeni\tBeni\t219056"])
    assert main(["districts", "--geonames", str(tmp_path), "--out", str(tmp_path / "districts.tsv.gz")]) == 0
    assert [row["name"] for row in read_rows(tmp_path / "admin1.tsv.gz")] == ["Nord Kivu"]
    assert [row["names"] for row in read_rows(tmp_path / "districts.tsv.gz")] == ["Beni"]


@pytest.mark.parametrize(("name", "country", "feature"), [
    ("Kamdesh", "AF", "admin2"), ("Salingyi Township", "MM", "admin2"), ("Datta Khel", "PK", "populated_place"),
    ("Beni", "CD", "admin2"),
])
def test_the_default_knows_districts_and_conflict_places(default, name, country, feature):
    assert (country, feature) in {(c.place.country_code, c.place.feature) for c in candidates(default, name)
                                  if c.match == 1.0}


def test_the_default_places_a_district_at_its_seat_named_with_another_word(default):
    # Murghab district (Badghis) at its seat, Bala Murghab, not at Badghis' main town 50 km away
    murghab = [c.place for c in candidates(default, "Murghab")
               if (c.place.feature, c.place.country_code) == ("admin2", "AF")]
    assert [(round(p.latitude, 1), round(p.longitude, 1)) for p in murghab] == [(35.6, 63.3)]
