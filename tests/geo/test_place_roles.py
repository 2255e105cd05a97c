"""Place mentions that are not where anything happened, and readings of a name across an article,
on sentences written for these tests against a small gazetteer of real places (rounded
coordinates): a dateline and an organisation's seat leave the country focus alone; a name read
abroad once is read as the article's other mentions of it read it; "a village in X" is part of X;
"X West" is the west of X where the gazetteer knows X only; "X, a town ..." is a place."""
from __future__ import annotations

from pathlib import Path

import pytest
from gazetteers import gazetteer_of, place

from sitrep.geo.store import Gazetteer
from sitrep.models import PlaceMention
from sitrep.stages.places import find_places, geocode

ROLE_GAZETTEER = [
    place("Uganda", "country", "UG", 0.35, 32.58, 45_000_000),
    place("Somalia", "country", "SO", 2.04, 45.34, 15_000_000),
    place("Kampala", "populated_place", "UG", 0.35, 32.58, 1_700_000),
    place("Mogadishu", "populated_place", "SO", 2.04, 45.34, 2_600_000),
    place("Syria", "country", "SY", 33.51, 36.29, 22_000_000, names=("Syrie",)),
    place("United Kingdom", "country", "GB", 51.51, -0.13, 66_000_000, names=("Britain",)),
    place("London", "populated_place", "GB", 51.51, -0.13, 8_900_000, names=("Londres",)),
    place("France", "country", "FR", 48.85, 2.35, 67_000_000),
    place("Paris", "populated_place", "FR", 48.85, 2.35, 2_100_000),
    place("Aleppo", "populated_place", "SY", 36.20, 37.16, 2_000_000, admin1="Aleppo", names=("Alep",)),
    place("Idlib", "admin1", "SY", 35.93, 36.63, 1_500_000, admin1="Idlib"),
    place("Idlib", "populated_place", "SY", 35.93, 36.63, 160_000, admin1="Idlib"),
    place("Ukraine", "country", "UA", 50.45, 30.52, 44_000_000),
    place("Kazakhstan", "country", "KZ", 51.17, 71.45, 19_000_000),
    place("Kamenka", "admin1", "KZ", 51.10, 81.10, 90_000, admin1="Kamenka"),
    place("Kamenka", "populated_place", "UA", 47.05, 32.70, 12_000),
    place("India", "country", "IN", 28.61, 77.21, 1_300_000_000),
    place("Imphal", "populated_place", "IN", 24.81, 93.94, 270_000, admin1="Manipur"),
    place("Ethiopia", "country", "ET", 9.02, 38.75, 110_000_000),
    place("Woldia", "populated_place", "ET", 11.83, 39.60, 60_000),
    place("Mexico", "country", "MX", 19.43, -99.13, 126_000_000),
    place("Aguililla", "admin2", "MX", 18.74, -102.79, 16_000, admin1="Michoacán", admin1_code="16"),
    place("El Aguaje", "populated_place", "MX", 19.42, -96.62, 800, admin1="Veracruz", admin1_code="30"),
]


@pytest.fixture
def roles_gazetteer(tmp_path: Path) -> Gazetteer:
    gazetteer = gazetteer_of(tmp_path / "roles.sqlite", ROLE_GAZETTEER, "test gazetteer: datelines and seats")
    yield gazetteer
    gazetteer.close()


def resolve(nlp, text: str, lang: str, gazetteer: Gazetteer) -> tuple[list[PlaceMention], str | None]:
    doc = nlp(text)
    places = find_places(doc, lang, gazetteer)
    return places, geocode(doc, places, lang, gazetteer)


def named(places: list[PlaceMention], name: str) -> PlaceMention:
    found = [p for p in places if p.name.lower() == name.lower()]
    assert found, f"no mention named {name!r} in {[p.name for p in places]}"
    return found[0]


def test_a_dateline_is_marked_and_leaves_the_country_focus_to_the_story(nlp_en, roles_gazetteer):
    places, focus = resolve(nlp_en, "Kampala, Uganda (AP) — Gunmen killed 12 people in Somalia on Monday, "
                                    "officials said.", "en", roles_gazetteer)
    assert named(places, "Kampala").role == "dateline" and named(places, "Uganda").role == "dateline"
    assert named(places, "Somalia").role is None
    assert focus == "Somalia"


def test_a_dateline_alone_still_gives_the_focus(nlp_en, roles_gazetteer):
    _, focus = resolve(nlp_en, "KAMPALA, Uganda (AP) — Prices rose again in March, the statistics office said.",
                       "en", roles_gazetteer)
    assert focus == "Uganda"


@pytest.mark.parametrize(("lang", "text", "seat"), [
    ("en", "The London-based monitor said jets struck the city of Aleppo in Syria on Sunday.", "London"),
    ("en", "A monitoring group based in Paris said jets struck the city of Aleppo in Syria on Sunday.", "Paris"),
    ("fr", "L'ONG, basée à Londres, a affirmé que des avions ont frappé Alep dimanche.", "Londres"),
])
def test_an_organisation_s_seat_is_marked_and_leaves_the_focus_alone(request, lang, text, seat, roles_gazetteer):
    nlp = request.getfixturevalue(f"nlp_{lang}")
    places, focus = resolve(nlp, text, lang, roles_gazetteer)
    assert named(places, seat).role == "seat"
    assert focus == "Syria"


def test_one_name_is_one_place_in_an_article(nlp_en, roles_gazetteer):
    places, focus = resolve(nlp_en, "Gunmen killed ten people in the Kamenka region on Sunday. Residents of "
                                    "Kamenka fled to the fields, the police of Ukraine said.", "en", roles_gazetteer)
    assert focus == "Ukraine"
    region = [p for p in places if p.name == "Kamenka"]
    assert len(region) == 2 and {p.location.country_code for p in region} == {"UA"}
    # the region named after the town is the area around it
    assert [int(p.location.geo_precision) for p in region] == [2, 1]


def test_a_place_word_before_in_names_a_part_of_the_place_after(nlp_en, roles_gazetteer):
    places, _ = resolve(nlp_en, "Artillery hit a camp in Idlib province overnight.", "en", roles_gazetteer)
    idlib = named(places, "Idlib")
    assert idlib.relation == "part" and idlib.feature_hint == "admin1"
    assert idlib.location.feature == "admin1"


def test_a_compass_word_after_a_known_name_names_its_part(nlp_en, roles_gazetteer):
    places, _ = resolve(nlp_en, "The authorities imposed a curfew in Imphal West and India deployed troops.",
                        "en", roles_gazetteer)
    imphal = named(places, "Imphal")
    assert imphal.relation == "part" and imphal.bearing == 270 and imphal.location.name == "Imphal"


def test_a_name_with_a_place_word_in_apposition_is_a_place(nlp_en, roles_gazetteer):
    places, _ = resolve(nlp_en, "Militiamen entered Woldia, a town on the main road, in Ethiopia on Monday.",
                        "en", roles_gazetteer)
    assert named(places, "Woldia").location.name == "Woldia"



@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "A police raid in a poor neighbourhood of Aleppo killed nine people on Wednesday.", "Aleppo"),
    ("fr", "Un raid a visé un quartier d'Alep mercredi.", "Alep"),
])
def test_a_place_word_with_an_indefinite_article_names_some_part_of_the_place_after(request, lang, text, name,
                                                                                  roles_gazetteer):
    places, _ = resolve(request.getfixturevalue(f"nlp_{lang}"), text, lang, roles_gazetteer)
    aleppo = named(places, name)
    assert aleppo.relation == "part" and aleppo.location.name == "Aleppo" and int(aleppo.location.geo_precision) == 2


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Gunmen ambushed a police convoy on Monday in El Aguaje, a town in the municipality of Aguililla, Mexico."),
    ("fr", "Des hommes armés ont attaqué un convoi lundi à El Aguaje, un village de la municipalité d'Aguililla, "
           "au Mexique."),
])
def test_an_apposition_that_puts_a_place_in_another_keeps_it_there(request, lang, text, roles_gazetteer):
    places, _ = resolve(request.getfixturevalue(f"nlp_{lang}"), text, lang, roles_gazetteer)
    village = named(places, "El Aguaje")
    assert village.location.name == "Aguililla" and int(village.location.geo_precision) == 2
