"""Districts (second-level areas) and namesakes abroad, on sentences written for these tests
against a small gazetteer of real places (rounded coordinates) and their namesakes."""
from __future__ import annotations

from pathlib import Path

import pytest

from gazetteers import gazetteer_of, place

from sitrep.geo.layers import PROVINCE_POINT_SOURCE
from sitrep.geo.resolver import candidates
from sitrep.geo.store import Gazetteer
from sitrep.models import GeoPrecision
from sitrep.stages.places import PlaceMention, find_places, geocode

PLACES = [
    place("Democratic Republic of the Congo", "country", "CD", -4.32, 15.31, 84_000_000, names=("DR Congo", "RDC")),
    place("Uganda", "country", "UG", 0.32, 32.58, 42_000_000),
    place("Bolivia", "country", "BO", -16.50, -68.15, 11_000_000, names=("Bolivie",)),
    place("North Kivu", "admin1", "CD", -1.68, 29.22, 670_000, admin1="North Kivu", names=("Nord-Kivu",)),
    place("Beni", "admin1", "BO", -14.83, -64.90, 36_000, admin1="Beni"),  # a Bolivian department
    place("Beni", "populated_place", "CD", 0.49, 29.47, 140_000, admin1="North Kivu"),
    place("Beni", "admin2", "CD", 0.49, 29.47, 140_000, admin1="North Kivu"),
    place("Goma", "populated_place", "CD", -1.68, 29.22, 670_000, admin1="North Kivu"),
    place("Kasese", "populated_place", "UG", 0.18, 30.08, 100_000),
    place("Afghanistan", "country", "AF", 34.53, 69.17, 37_000_000),
    place("Nuristan", "admin1", "AF", 35.43, 70.91, 0, admin1="Nuristan"),
    place("Kamdesh", "admin2", "AF", 35.48, 71.31, 0, admin1="Nuristan"),
    place("Kamdesh", "populated_place", "US", 40.0, -90.0, 600, admin1="Illinois"),  # an invented namesake
    place("Israel", "country", "IL", 31.77, 35.22, 8_900_000),
    place("Ashkelon", "populated_place", "IL", 31.67, 34.57, 144_000),
    place("Saudi Arabia", "country", "SA", 24.69, 46.72, 34_000_000),
    place("Jizan", "admin1", "SA", 16.89, 42.55, 230_000, admin1="Jizan", names=("Gazan",)),
    place("Turkey", "country", "TR", 39.92, 32.85, 82_000_000),
    place("Hakkari", "admin1", "TR", 37.57, 43.74, 78_000, admin1="Hakkari", admin1_code="70"),
    place("Hakkari", "populated_place", "TR", 37.57, 43.74, 78_000, admin1="Hakkari", admin1_code="70"),
    place("Semdinli", "populated_place", "TR", 37.30, 44.57, 19_000, admin1="Hakkari", admin1_code="70"),
    place("Nigeria", "country", "NG", 9.06, 7.49, 200_000_000),
    place("Katsina", "admin1", "NG", 12.99, 7.60, 430_000, admin1="Katsina"),
    place("Funtua", "admin2", "NG", 11.52, 7.31, 0, admin1="Katsina"),
    place("Kaya", "populated_place", "BF", 13.09, -1.08, 66_000),  # a namesake abroad
    place("Cameroon", "country", "CM", 3.87, 11.52, 26_000_000),
    place("Northwest", "admin1", "CM", 6.0, 10.25, 1_800_000, admin1="Northwest", names=("Nord-Ouest",)),
    place("Bamenda", "populated_place", "CM", 5.96, 10.15, 420_000, admin1="Northwest"),
    place("Nord-Ouest", "admin1", "HT", 19.83, -72.83, 306_000, admin1="Nord-Ouest"),  # Haiti's, so named
    place("Africa", "region", None, 7.19, 21.09, 1_031_000_000, geonameid=6255146, names=("Afrique",)),
    # districts with no point of their own, at their province's main town (Maroua, Lashkar Gah)
    place("Mayo-Sava", "admin2", "CM", 10.59, 14.32, admin1="Far North").model_copy(
        update={"source": PROVINCE_POINT_SOURCE}),
    place("Garmsir", "admin2", "AF", 31.59, 64.37, admin1="Helmand").model_copy(update={"source": PROVINCE_POINT_SOURCE}),
    place("Garmsir", "populated_place", "AF", 30.99, 64.24, 3_000, admin1="Helmand"),
    place("África", "populated_place", "MX", 20.6, -100.4, 643),  # a village named after it
]


@pytest.fixture
def gazetteer(tmp_path: Path) -> Gazetteer:
    found = gazetteer_of(tmp_path / "districts.sqlite", PLACES, "districts and namesakes")
    yield found
    found.close()


def resolve(nlp, text: str, lang: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    doc = nlp(text)
    places = find_places(doc, lang, gazetteer)
    geocode(doc, places, lang, gazetteer)
    return places


def located(places: list[PlaceMention], name: str) -> list[tuple]:
    found = [(p.location.name, p.location.feature, p.location.country_code, p.location.geo_precision)
             for p in places if p.name == name and p.location is not None and p.location.resolved]
    assert found, f"{name!r} not resolved among {[(p.name, p.location) for p in places]}"
    return found


def test_a_district_named_with_its_type_word_is_the_district_at_precision_2(nlp_en, gazetteer):
    places = resolve(nlp_en, "Insurgents overran an outpost in Kamdesh district of Nuristan province on Friday.",
                     "en", gazetteer)
    assert located(places, "Kamdesh") == [("Kamdesh", "admin2", "AF", GeoPrecision.NEAR_OR_PART_OF)]


@pytest.mark.parametrize("text", [
    "Gunmen abducted 20 farmers in Kaya in Funtua Local Government Area of Katsina State on Monday.",
    "Gunmen abducted 20 farmers in Kaya, in the Funtua local government area of Katsina, on Monday.",
])
def test_a_district_named_with_a_type_phrase_of_several_words_is_the_district(nlp_en, gazetteer, text):
    # "Local Government Area" (Nigeria's districts) is read like "district"; the unknown village
    # in it is coded at the district, not at a namesake abroad
    places = resolve(nlp_en, text, "en", gazetteer)
    assert located(places, "Funtua") == [("Funtua", "admin2", "NG", GeoPrecision.NEAR_OR_PART_OF)]
    assert {p.location.name for p in places if p.name == "Kaya" and p.location.resolved} <= {"Funtua"}


def test_a_district_known_only_by_its_province_s_main_town_is_coded_there_at_precision_3(nlp_en, gazetteer):
    places = resolve(nlp_en, "Boko Haram fighters killed three herders in Mayo-Sava department on Sunday.", "en",
                     gazetteer)
    assert located(places, "Mayo-Sava") == [("Mayo-Sava", "admin2", "CM", GeoPrecision.REGION)]
    assert "province's main town" in next(p.location.reason for p in places if p.name == "Mayo-Sava")


def test_the_area_after_a_village_the_gazetteer_lacks_is_a_place_mention(nlp_en, gazetteer):
    places = resolve(nlp_en, "On 8 November, an army truck was hit by a landmine in Waliassi, Mayo-Sava: 3 wounded.",
                     "en", gazetteer)
    assert located(places, "Mayo-Sava")[0][:3] == ("Mayo-Sava", "admin2", "CM")


def test_a_place_of_the_name_in_the_country_beats_a_district_known_only_by_its_province(nlp_en, gazetteer):
    places = resolve(nlp_en, "Taliban fighters attacked a checkpoint in Garmsir district of Afghanistan on Monday.",
                     "en", gazetteer)
    assert located(places, "Garmsir") == [("Garmsir", "populated_place", "AF", GeoPrecision.NEAR_OR_PART_OF)]


def test_a_region_word_before_a_district_still_finds_the_district_at_home(nlp_en, gazetteer):
    # "region" reads as a province; the Congolese district fits in part, the Bolivian department
    # abroad needs strong evidence the article does not give
    places = resolve(nlp_en, "Militiamen killed twelve civilians in the Beni region of DR Congo, near the "
                             "border with Uganda.", "en", gazetteer)
    assert {country for _, _, country, _ in located(places, "Beni")} == {"CD"}


@pytest.mark.parametrize("text", [
    # the focus country's town
    "Rebels killed ten people in Beni on Tuesday, the army said in Goma.",
    # the town of a neighbour of the focus country (Uganda's), not a department of Bolivia
    "Rebels killed ten people in Beni on Tuesday. Soldiers were sent from Kasese in Uganda.",
])
def test_a_namesake_abroad_loses_to_the_place_in_the_article_s_countries(nlp_en, gazetteer, text):
    assert {country for _, _, country, _ in located(resolve(nlp_en, text, "en", gazetteer), "Beni")} == {"CD"}


def test_the_namesake_abroad_wins_where_the_article_names_its_country(nlp_en, gazetteer):
    places = resolve(nlp_en, "Floods hit the department of Beni in Bolivia on Sunday.", "en", gazetteer)
    assert located(places, "Beni") == [("Beni", "admin1", "BO", GeoPrecision.REGION)]


def test_an_area_named_in_another_language_is_the_one_holding_the_town_it_follows(nlp_en, gazetteer):
    places = resolve(nlp_en, "Residents beat a suspected thief in Bamenda town (Nord-Ouest) on Monday.", "en", gazetteer)
    assert located(places, "Bamenda") == [("Bamenda", "populated_place", "CM", GeoPrecision.NAMED_PLACE)]
    assert located(places, "Nord-Ouest")[0][:3] == ("Northwest", "admin1", "CM")


def test_an_alternate_name_abroad_is_no_evidence_for_a_place_outside_the_article_s_countries(nlp_en, gazetteer):
    # "Gazan" is among the alternate names of Jizan (Saudi Arabia): in a story about Israel it is
    # no place of Saudi Arabia, which the article never names
    places = resolve(nlp_en, "Rockets fired by Gazan militants hit Ashkelon in Israel on Monday.", "en", gazetteer)
    assert not [p for p in places if p.location and p.location.resolved and p.location.country_code == "SA"]


def test_a_town_taken_for_a_site_by_the_cue_words_is_found_in_its_province(nlp_en, gazetteer):
    places = resolve(nlp_en, "Soldiers were wounded in an attack on a military base in Semdinli town of "
                             "Hakkari province in Turkey.", "en", gazetteer)
    assert located(places, "Semdinli")[0][:3] == ("Semdinli", "populated_place", "TR")


def test_a_continent_named_over_and_over_is_the_continent_and_no_country_s_vote(nlp_en, gazetteer):
    # three "Africa"s and one Nigeria: the Mexican village of África must not become the focus
    places = resolve(nlp_en, "Leaders from across Africa met in Nigeria on Monday. Africa needs peace, "
                             "the summit said, and Africa's armies must work together.", "en", gazetteer)
    assert {where[:3] for where in located(places, "Africa")} == {("Africa", "region", None)}
    assert located(places, "Nigeria")[0][:3] == ("Nigeria", "country", "NG")


def test_a_continent_s_adjective_names_it_only_where_asked(gazetteer):
    # GeoWebNews annotates "African leaders" as a toponym of Africa; the pipeline does not
    assert [c.place.name for c in candidates(gazetteer, "Africans", demonyms=True)] == ["Africa"]
    assert not candidates(gazetteer, "African")


def test_a_nationality_names_its_country_only_where_asked(small_gazetteer):
    # LGL and GeoWebNews annotate "Syrians" as a toponym of Syria; the pipeline takes no
    # nationality for a place ("the Syrian embassy in Ankara" is in Ankara)
    found = [(c.place.name, c.primary) for c in candidates(small_gazetteer, "Syrians", demonyms=True)]
    assert found == [("Syria", False)]
    assert [c.place.name for c in candidates(small_gazetteer, "syriens", demonyms=True)] == ["Syria"]
    assert not candidates(small_gazetteer, "Syrians")
