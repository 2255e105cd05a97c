"""The knowledge base beyond Syria and Afghanistan: armed groups of the Sahel, Central Africa,
South and South-East Asia and Latin America in both languages, countries under the gazetteer's
names, state forces named as ACLED names them, and the generic wording for gangs. Sentences are
our own."""
from datetime import date

from sitrep.actors.kb import knowledge_base
from sitrep.actors.resolver import implied_actor
from sitrep.stages.actors import resolve_source

SAHEL_2013 = date(2013, 6, 1)


def names(found) -> list[tuple[str, str | None]]:
    return [(m.text, m.source.name if m.is_source else m.actor.name) for m in found]


def test_sahel_groups_in_french_and_english(by_text):
    found = by_text("L'attentat a été revendiqué par le Mouvement pour l'unicité et le jihad en Afrique de "
                    "l'Ouest, puis Al-Qaïda au Maghreb islamique a salué l'opération.", "fr", SAHEL_2013, "Niger")
    assert found["Mouvement pour l'unicité et le jihad en Afrique de l'Ouest"].actor.name \
        == "MUJAO: Movement for Unity and Jihad in West Africa"
    assert found["Al-Qaïda au Maghreb islamique"].actor.name == "AQIM: Al Qaeda in the Islamic Maghreb"
    english = by_text("AQIM fighters and Ansar Dine held the town.", "en", SAHEL_2013, "Mali")
    assert english["AQIM fighters"].actor.actor_id == "aqim" and english["Ansar Dine"].actor.actor_id == "ansar_dine"


def test_mujao_becomes_al_mourabitoun_after_the_merger(mentions):
    text = "Le Mujao a attaqué le poste."
    assert mentions(text, "fr", SAHEL_2013, "Mali")[0].actor.actor_id == "mujao"
    assert mentions(text, "fr", date(2014, 2, 1), "Mali")[0].actor.name == "Al Mourabitoune Battalion"


def test_state_forces_before_the_latest_regime(mentions):
    assert mentions("Nigerien soldiers repelled the attack.", "en", SAHEL_2013, "Niger")[0].actor.name \
        == "Military Forces of Niger (2011-2021)"
    assert mentions("L'armée malienne a repris la ville.", "fr", date(2012, 5, 1), "Mali")[0].actor.name \
        == "Military Forces of Mali (2012-2013)"


def test_groups_of_asia_and_latin_america(by_text):
    india = by_text("CPI (Maoist) cadres ambushed a CRPF patrol.", "en", date(2018, 5, 1), "India")
    assert india["CPI (Maoist)"].actor.name == "CPI (Maoist): Communist Party of India (Maoist)"
    assert india["CRPF"].actor.name == "Police Forces of India (2014-)"
    philippines = by_text("New People's Army rebels clashed with Philippine troops.", "en", date(2019, 3, 1),
                          "Philippines")
    assert philippines["New People's Army rebels"].actor.name == "NPA: New People's Army"
    assert philippines["Philippine troops"].actor.name == "Military Forces of the Philippines (2016-2022)"
    mexico = by_text("Gunmen of the Jalisco New Generation Cartel attacked a convoy.", "en", date(2019, 10, 1), "Mexico")
    assert any(m.actor.name == "CJNG: Jalisco New Generation Cartel" for m in mexico.values())
    myanmar = by_text("La junte birmane a bombardé un village tenu par la KIA.", "fr", date(2023, 4, 1), "Myanmar")
    assert myanmar["junte birmane"].actor.name == "Military Forces of Myanmar (2021-)"
    assert myanmar["KIA"].actor.name.startswith("KIO/KIA")


def test_gang_words_name_an_unidentified_gang_that_is_no_party(mentions):
    gang = mentions("Gang members set fire to houses.", "en", date(2024, 12, 6), "Haiti")[0].actor
    assert gang.name == "Unidentified Gang (Haiti)" and gang.actor_type == "political_militia"
    assert knowledge_base().roles["gang"].party is False
    assert mentions("Des gangs armés ont attaqué le quartier.", "fr", date(2024, 1, 1), "Haiti")[0].actor.role == "gang"


def test_organisation_of_no_country_where_no_branch_fits(mentions):
    text = "The Islamic State claimed the attack."
    assert mentions(text, "en", date(2016, 7, 1), "Turkey")[0].actor.name == "Islamic State"
    assert mentions(text, "en", date(2016, 7, 1), "Iraq")[0].actor.name == "Islamic State (Iraq)"


def test_gazetteer_country_names_read_as_acled_names():
    kb = knowledge_base()
    assert kb.country_named("Palestinian Territory") == "Palestine"
    assert kb.country_named("Democratic Republic of the Congo") == "Democratic Republic of Congo"
    assert kb.country_named("Atlantis") == "Atlantis"
    assert implied_actor("Protests", None, "Palestinian Territory").name == "Protesters (Palestine)"


def test_country_inside_a_name_only_where_acled_writes_it_so(mentions):
    found = mentions("Philippine police arrested two civilians.", "en", None, "Philippines")
    assert [m.actor.name for m in found] == ["Police Forces of the Philippines", "Civilians (Philippines)"]


def test_new_sources(by_text):
    assert resolve_source("the United Nations", "en").name == "United Nations"
    assert resolve_source("l'agence Chine nouvelle", "fr").name == "Xinhua"
    found = by_text("UN peacekeepers were attacked, the UN said.", "en", date(2020, 1, 1), "Mali")
    assert found["UN peacekeepers"].actor.name == "UN: United Nations" and found["the UN"].is_source


def test_the_unnamed_side_is_an_unidentified_armed_group_of_the_country(mentions):
    for text, lang in (("Des hommes lourdement armés ont attaqué le poste.", "fr"),
                       ("Des bandits ont enlevé trois commerçants.", "fr"),
                       ("Heavily armed men stormed the village.", "en"),
                       ("A jihadist group attacked the camp.", "en")):
        found = mentions(text, lang, date(2022, 6, 1), "Burkina Faso")
        assert found and found[0].actor.name == "Unidentified Armed Group (Burkina Faso)", text


def test_a_countrys_name_for_its_forces_is_generic_wording_elsewhere(mentions):
    text = "Les forces de défense et de sécurité ont repoussé l'attaque."
    assert mentions(text, "fr", date(2022, 6, 1), "Burkina Faso")[0].actor.actor_id == "burkina_military"
    assert mentions(text, "fr", date(2022, 6, 1), "Togo")[0].actor.name == "Military Forces of Togo"


def test_a_government_takes_the_regime_period_of_its_forces(mentions):
    text = "Le gouvernement syrien a signé un accord avec les FDS."
    assert mentions(text, "fr", date(2025, 3, 10), "Syria")[0].actor.name == "Government of Syria (2024-)"
    assert mentions("The government imposed a curfew.", "en", date(2020, 10, 20), "Nigeria")[0].actor.name \
        == "Government of Nigeria (2015-2023)"
    assert mentions("The government imposed a curfew.", "en", None, "Togo")[0].actor.name == "Government of Togo"
