"""Actor and source mentions resolved against the knowledge base, in both languages."""
from datetime import date

from spacy.tokens import Doc

from sitrep.stages.actors import find_actors, resolve_source
from sitrep.stages.parse import parse, pipeline_for

AUTUMN_2016 = date(2016, 9, 24)


def test_ruler_runs_before_ner_and_overrides_place_labels():
    nlp = pipeline_for("fr")
    assert nlp.pipe_names.index("sitrep_actor_ruler") < nlp.pipe_names.index("ner")
    doc = parse("Les miliciens de Jaïsh al-Fateh et du front al-Nosra ont reculé, selon al-Manar.", "fr")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["miliciens de Jaïsh al-Fateh"] == "ACTOR"
    assert labels["front al-Nosra"] == "ACTOR"
    assert labels["al-Manar"] == "SOURCE"


def test_french_aliases_and_generic_wording(by_text):
    found = by_text("L'armée syrienne a repris le camp aux miliciens d'Ahrar al-Cham, a indiqué l'OSDH.",
                    "fr", AUTUMN_2016, "Syria")
    assert found["armée syrienne"].actor.name == "Military Forces of Syria (2000-2024)"
    assert found["armée syrienne"].actor.actor_type == "state_forces"
    assert found["miliciens d'Ahrar al-Cham"].actor.name == "Ahrar al-Sham"
    osdh = found["OSDH"]
    assert osdh.is_source and osdh.actor is None
    assert osdh.source.name == "Syrian Observatory for Human Rights" and osdh.source.kind == "monitor"


def test_english_aliases_and_generic_wording(by_text):
    found = by_text("Syrian regime forces and Russian warplanes struck Ahrar al-Sham positions, SOHR said.",
                    "en", AUTUMN_2016, "Syria")
    assert found["Syrian regime forces"].actor.name == "Military Forces of Syria (2000-2024)"
    russian = found["Russian warplanes"].actor
    assert russian.name == "Military Forces of Russia (2000-)"
    assert russian.actor_type == "external_other"  # state forces abroad
    assert found["Ahrar al-Sham"].actor.actor_id == "ahrar_al_sham"
    assert found["SOHR"].source.source_id == "sohr"


def test_rename_follows_the_article_date(mentions):
    text = "Le front al-Nosra a attaqué la ville."
    names = {day: mentions(text, "fr", day, "Syria")[0].actor.name
             for day in (date(2014, 5, 1), AUTUMN_2016, date(2018, 3, 1))}
    assert names == {date(2014, 5, 1): "Jabhat al-Nusra", AUTUMN_2016: "Jabhat Fateh al-Sham",
                     date(2018, 3, 1): "HTS: Hayat Tahrir al-Sham"}


def test_state_forces_named_by_regime_period(mentions):
    text = "The Taliban took control of the district."
    assert mentions(text, "en", date(2020, 3, 5), "Afghanistan")[0].actor.name == "Taliban"
    after_kabul = mentions(text, "en", date(2022, 5, 1), "Afghanistan")[0].actor
    assert after_kabul.name == "Military Forces of Afghanistan (2021-)"
    assert after_kabul.actor_type == "state_forces"


def test_coalition_membership_on_the_date(by_text):
    found = by_text("Ahrar al-Sham a rejoint l'offensive de Jaïsh al-Fateh.", "fr", AUTUMN_2016, "Syria")
    assert found["Ahrar al-Sham"].member_of == ["Jaish al-Fateh"]
    assert found["Jaïsh al-Fateh"].member_of == []


def test_partisan_word_resolves_by_country(mentions):
    syria = mentions("Les terroristes ont bombardé le quartier.", "fr", AUTUMN_2016, "Syria")[0]
    assert syria.text == "terroristes"
    assert syria.actor.name == "Opposition Rebels (Syria)" and syria.actor.actor_type == "rebel_group"
    mali = mentions("Terrorists attacked the village.", "en", date(2022, 6, 1), "Mali")[0]
    assert mali.actor.name == "Unidentified Armed Group (Mali)"


def test_nationality_beats_the_article_country(mentions):
    found = mentions("Les soldats maliens ont tué trois civils burkinabè.", "fr", date(2022, 6, 1), "Burkina Faso")
    assert [m.actor.name for m in found] == ["Military Forces of Mali (2021-)", "Civilians (Burkina Faso)"]
    assert found[0].actor.actor_type == "external_other"


def test_generic_word_without_country_is_unresolved_with_its_type(mentions):
    mention = mentions("Protesters gathered outside the parliament.", "en")[0]
    assert mention.actor.resolved is False and mention.actor.name is None
    assert mention.actor.actor_type == "protesters" and mention.actor.text == "Protesters"


def test_shared_alias_picks_the_branch_of_the_article_country(mentions):
    text = "The Islamic State claimed the attack."
    assert mentions(text, "en", date(2020, 3, 1), "Afghanistan")[0].actor.name == "Islamic State (Afghanistan)"
    assert mentions(text, "en", date(2020, 3, 1), "Syria")[0].actor.name == "Islamic State (Syria)"
    assert mentions("Les FDS ont repoussé l'attaque.", "fr", date(2020, 3, 1), "Burkina Faso")[0].actor.name \
        == "Military Forces of Burkina Faso (2015-2022)"


def test_unknown_group_kept_unresolved_with_inferred_type(by_text):
    found = by_text("Fighters from the Hamza Brigade clashed with the YPG near Afrin.", "en", date(2018, 2, 1), "Syria")
    unknown = found["Hamza Brigade"].actor
    assert unknown.resolved is False and unknown.name is None
    assert unknown.actor_type == "rebel_group" and unknown.text == "Hamza Brigade"
    assert found["YPG"].actor.resolved


def test_adjective_is_not_an_actor(mentions):
    assert mentions("la région des académies militaires au sud de la ville", "fr", AUTUMN_2016, "Syria") == []
    found = mentions("A military base was shelled.", "en", AUTUMN_2016, "Syria")
    assert [m.text for m in found] == []


def test_acronyms_match_only_as_written(mentions):
    found = mentions("This is what IS fighters said.", "en", AUTUMN_2016, "Syria")
    assert [(m.text, m.actor.name) for m in found] == [("IS fighters", "Islamic State (Syria)")]
    assert mentions("What is known is little.", "en", AUTUMN_2016, "Syria") == []
    # capitals inside the word make an acronym too: "LeT" (Lashkar-e-Taiba) is not "let"
    assert [m.actor.name for m in mentions("LeT militants attacked the post.", "en", AUTUMN_2016, "India")] == [
        "LeT: Lashkar-e-Taiba"]
    assert mentions("They would not let him go.", "en", AUTUMN_2016, "India") == []


def test_a_name_with_commas_is_one_alias_not_common_words(mentions):
    # 3R's long names ("Return, Reclamation and Rehabilitation") had been split into "Return", "Retour"...
    for text, lang in (("The return of the displaced began.", "en"), ("Le retour des déplacés a commencé.", "fr")):
        found = mentions(text, lang, AUTUMN_2016, "Central African Republic")
        assert not [m for m in found if m.actor is not None and m.actor.actor_id == "three_r"]
    assert [m.actor.actor_id for m in mentions("Les combattants du mouvement Retour, Réclamation et Réhabilitation "
                                               "ont attaqué Koui.", "fr", AUTUMN_2016,
                                               "Central African Republic")] == ["three_r"]


def test_somalia_federal_states_and_somaliland_forces_are_named_as_acled_names_them(mentions):
    def named(text: str, day: date) -> list[str]:
        return [m.actor.name for m in mentions(text, "en", day, "Somalia")]
    assert named("Puntland Dervish forces clashed with Al Shabaab near Bossaso.", date(2023, 5, 1)) == [
        "Military Forces of Somalia (2022-) Puntland Dervish Force", "Al Shabaab"]
    assert named("SWSPF officers were deployed in Baidoa.", date(2023, 5, 1)) == [
        "Police Forces of Somalia (2022-) Southwest Special Police Forces"]
    assert named("Somaliland police arrested two journalists in Hargeisa.", date(2025, 6, 1)) == [
        "Police Forces of Somaliland (2024-)"]


def test_ethiopia_s_regional_special_forces_are_units_of_its_police(mentions):
    found = mentions("Amhara regional special forces clashed with the OLA near Dembi Dolo.", "en",
                     date(2021, 5, 1), "Ethiopia")
    assert found[0].actor.name == "Police Forces of Ethiopia (2018-) Amhara Regional Special Forces"
    assert found[0].actor.actor_type == "state_forces"


def test_the_rsf_were_a_unit_of_sudan_s_army_until_the_war_of_april_2023(mentions):
    def named(day: date) -> list[str]:
        return [m.actor.name for m in mentions("RSF fighters attacked the market in Nyala.", "en", day, "Sudan")]
    assert named(date(2015, 3, 1)) == ["Military Forces of Sudan (1989-2019) Rapid Support Forces"]
    assert named(date(2022, 3, 1)) == ["Military Forces of Sudan (2019-) Rapid Support Forces"]
    assert named(date(2023, 6, 1)) == ["RSF: Rapid Support Forces"]


def test_mentions_are_in_text_order_and_disjoint(mentions):
    found = mentions("Des miliciens de Jaïsh al-Fateh et des civils ont fui, selon l'OSDH et l'AFP.",
                     "fr", AUTUMN_2016, "Syria")
    starts = [m.span.start for m in found]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in zip(found, found[1:]))
    assert [m.is_source for m in found] == [False, False, True, True]


def test_find_actors_works_without_the_ruler():
    doc = Doc(pipeline_for("en").vocab, words=["Hezbollah", "fighters", "attacked"])
    mention = find_actors(doc, "en", published=None, country="Syria")[0]
    assert mention.text == "Hezbollah fighters" and mention.actor.name == "Hezbollah"


def test_resolve_source_phrases():
    assert resolve_source("le correspondant d’al-Manar", "fr").name == "Al-Manar"
    ministry = resolve_source("le ministère syrien de la Défense", "fr")
    assert ministry.name == "Ministry of Defence (Syria)" and ministry.kind == "government"
    assert ministry.text == "le ministère syrien de la Défense"
    assert resolve_source("Media de Guerre", "fr").source_id == "hezbollah_war_media"
    assert resolve_source("the interior ministry", "en", country="Afghanistan").name == "Ministry of Interior (Afghanistan)"
    unknown = resolve_source("des sources locales", "fr")
    assert unknown.resolved is False and unknown.name is None


def test_protest_implies_protesters_of_the_country():
    from sitrep.stages.actors import event_type_actor

    actor = event_type_actor("Protests", published=date(2022, 4, 19), country="Sri Lanka", text="people")
    assert actor.name == "Protesters (Sri Lanka)" and actor.actor_type == "protesters" and actor.text == "people"
    assert event_type_actor("Riots", published=None, country="Kenya").name == "Rioters (Kenya)"
    assert event_type_actor("Battles", published=None, country="Kenya") is None


def test_punctuation_keeps_a_group_and_a_generic_word_apart(mentions):
    found = mentions("Ils sont partis combattre Daesh, civils et militaires ensemble.", "fr", AUTUMN_2016, "Syria")
    assert [m.text for m in found] == ["Daesh", "civils", "militaires"]


def test_recorded_matches_survive_doc_serialisation():
    doc = parse("SOHR said Hezbollah fighters died.", "en")
    copy = Doc(doc.vocab).from_bytes(doc.to_bytes())  # what nlp.pipe(n_process=2) does
    found = find_actors(copy, "en", published=None, country="Syria")
    assert [(m.text, m.is_source) for m in found] == [("SOHR", True), ("Hezbollah fighters", False)]


def test_anaphor_refers_to_the_group_named_before(mentions):
    found = mentions("The Islamic State claimed the attack. The group said it targeted worshippers.",
                     "en", date(2020, 3, 6), "Afghanistan")
    assert [(m.text, m.actor.name) for m in found] == [
        ("Islamic State", "Islamic State (Afghanistan)"), ("The group", "Islamic State (Afghanistan)"),
        ("worshippers", "Civilians (Afghanistan)")]
    french = mentions("La milice Noureddine al-Zenki tenait le camp. Celle-là même qui avait enlevé un enfant.",
                      "fr", AUTUMN_2016, "Syria")
    assert french[1].text == "Celle-là même" and french[1].actor.name == "Nour al-Din al-Zenki Movement"
    assert mentions("The group of friends met in Kabul.", "en", date(2020, 3, 6), "Afghanistan") == []
