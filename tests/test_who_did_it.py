"""Who did it to whom, end to end on sentences the project writes: the attacker a later telling,
a subjectless clause or a coordinated nationality names; who makes arrests."""
import pytest

import sitrep


def _events(text, lang, published, sub_event_type=None):
    events = [e for e in sitrep.extract(text, published=published, lang=lang) if e.claim_status == "asserted"]
    return [e for e in events if sub_event_type is None or e.sub_event_type == sub_event_type]


def _actor1(event):
    return event.actor1.name if event.actor1 else None


def test_the_first_of_two_coordinated_nationalities_is_the_attacker():
    text = "The raid, believed to have been carried out by Syrian or Russian jets, hit a market in Ariha on Monday."
    names = {_actor1(e) for e in _events(text, "en", "2019-07-23")}
    assert "Military Forces of Syria (2000-2024)" in names and "Military Forces of Russia (2000-)" not in names


def test_a_later_telling_names_the_attacker_of_the_event_told_first():
    text = ("Une embuscade a visé vendredi un convoi de l'armée près de Tassia, dans la région de Tillabéri. "
            "L'embuscade, tendue par des combattants de l'État islamique au Sahel, a fait 12 morts parmi les soldats.")
    ambush = _events(text, "fr", "2025-03-23", "Armed clash")
    assert [(_actor1(e), e.actor2.name if e.actor2 else None) for e in ambush] == [
        ("Islamic State (Sahel)", "Military Forces of Niger (2023-)")]


def test_a_clause_with_no_subject_of_its_own_shares_its_main_clauses():
    text = ("Des hommes armés ont encerclé lundi le village de Djibo, dans le nord du Burkina Faso, "
            "avant d'enlever trois enseignants.")
    abductions = [e for e in sitrep.extract(text, published="2023-05-10", lang="fr")
                  if e.sub_event_type == "Abduction/forced disappearance"]  # asserted or not: who is read alike
    assert [_actor1(e) for e in abductions] == ["Unidentified Armed Group (Burkina Faso)"]


def test_arrests_with_no_named_author_are_the_polices():
    arrests = _events("Eleven opposition activists were arrested in Kinshasa on Tuesday.", "en", "2024-12-01", "Arrests")
    assert [_actor1(e) for e in arrests] == ["Police Forces of Democratic Republic of Congo"]


def test_whom_a_verb_accuses_of_an_act_did_it():
    text = "L'armée accuse le M23 d'avoir bombardé mercredi le camp de déplacés de Bulengo, près de Goma."
    shelling = [e for e in sitrep.extract(text, published="2024-02-08", lang="fr")
                if e.event_type == "Explosions/Remote violence"]
    assert shelling and {_actor1(e) for e in shelling} == {"M23: March 23 Movement"}


def test_a_claim_of_several_attacks_names_the_author_of_each():
    told = ("Jeudi, une bombe a explosé au passage d'un convoi de l'armée près de Gao. Le même jour, une mine a tué "
            "deux soldats près de Tessit. {} revendiqué par le GSIM.")
    several = _events(told.format("Ces attentats ont été"), "fr", "2021-06-05", "Remote explosive/landmine/IED")
    assert [_actor1(e) for e in several] == ["JNIM: Group for Support of Islam and Muslims"] * 2
    one = _events(told.format("Cet attentat a été"), "fr", "2021-06-05", "Remote explosive/landmine/IED")
    assert [_actor1(e) for e in one] == ["Unidentified Armed Group (Mali)", "JNIM: Group for Support of Islam and Muslims"]


def test_whoever_an_attack_is_blamed_on_is_its_author_an_army_too():
    text = ("A rocket hit the cathedral in Shusha on Tuesday, wounding two journalists. "
            "Armenian officials blamed the shelling on Azerbaijani forces.")
    shelling = _events(text, "en", "2020-10-09", "Shelling/artillery/missile attack")
    assert [(_actor1(e), e.actor2) for e in shelling] == [("Military Forces of Azerbaijan (2003-)", None)]
    accused = _events("Une bombe a explosé mardi sur le marché de Goma, tuant trois civils. Le M23 accuse l'armée "
                      "congolaise de cet attentat.", "fr", "2024-02-09", "Remote explosive/landmine/IED")
    assert [_actor1(e) for e in accused] == ["Military Forces of Democratic Republic of Congo (2019-)"]


def test_who_is_accused_in_the_passive_did_it():
    text = ("Lundi, une attaque contre le village de Masosi, près de Beni, a fait douze morts parmi les civils. "
            "Les rebelles des ADF sont accusés par les habitants d'avoir mené cette attaque.")
    assert [_actor1(e) for e in _events(text, "fr", "2020-02-05")] == ["ADF: Allied Democratic Forces"]


def test_a_weapon_named_by_its_maker_is_not_the_firer_the_text_names():
    fired = _events("L'armée ukrainienne a tiré mardi des missiles américains sur la région de Koursk.", "fr",
                    "2024-11-21", "Shelling/artillery/missile attack")
    assert [_actor1(e) for e in fired] == ["Military Forces of Ukraine (2019-)"]
    unnamed = _events("Des missiles russes ont frappé Kharkiv mardi, tuant huit civils.", "fr", "2024-11-21",
                      "Shelling/artillery/missile attack")
    assert [_actor1(e) for e in unnamed] == ["Military Forces of Russia (2000-)"]


def test_those_a_past_participle_says_were_killed_are_its_victims_not_its_authors():
    texts = [("Le bilan de l'embuscade de mardi près de Téra est de 12 militaires tués, selon l'armée.", "fr"),
             ("The toll of Tuesday's ambush near Tera was 12 soldiers killed, the army said.", "en")]
    for text, lang in texts:
        events = _events(text, lang, "2024-03-07")
        assert events and "Military Forces of Niger (2023-)" not in {_actor1(e) for e in events}


def test_people_killed_with_no_fighting_told_is_an_attack_and_soldiers_killed_a_clash():
    people = _events("Militiamen killed at least 14 people near Bunia on Thursday.", "en", "2023-03-11")
    assert [(e.sub_event_type, e.fatalities) for e in people] == [("Attack", 14)]
    personnes = _events("Jeudi, des hommes armés ont tué neuf personnes près de Djibo.", "fr", "2023-03-11")
    assert [(e.sub_event_type, e.fatalities) for e in personnes] == [("Attack", 9)]
    soldiers = _events("Militiamen killed at least 14 soldiers near Bunia on Thursday.", "en", "2023-03-11")
    assert [e.sub_event_type for e in soldiers] == ["Armed clash"]


def test_a_killing_told_beside_an_event_only_planned_is_an_event_of_its_own():
    text = "On Saturday, Iraqi soldiers killed a senior Islamic State commander who had plotted to bomb a bridge in Mosul."
    assert [(_actor1(e), e.fatalities) for e in _events(text, "en", "2021-06-07")] == [
        ("Military Forces of Iraq (2020-2022)", 1)]
    texte = "Samedi, des soldats maliens ont tué un chef jihadiste qui préparait un attentat contre le camp de Tessalit."
    assert [_actor1(e) for e in _events(texte, "fr", "2021-06-07")] == ["Military Forces of Mali (2021-)"]


def test_an_air_strike_with_no_named_author_is_the_military_that_strikes_there():
    def authors(text, lang):
        return [_actor1(e) for e in _events(text, lang, "2023-10-05", "Air/drone strike")]
    assert authors("An airstrike hit a market in Nyala on Tuesday, killing 12 people, residents said.", "en") == [
        "Military Forces of Sudan (2019-)"]
    assert authors("Une frappe de drone a touché mardi un marché de Kidal, tuant huit civils.", "fr") == [
        "Military Forces of Mali (2021-)"]
    # where no one state carries out most air strikes, the author stays unnamed, as ACLED names it
    assert authors("An airstrike hit a market near Kismayo on Tuesday, killing 12 people, residents said.", "en") == [
        "Unidentified Military Forces"]


def test_a_protest_counts_no_deaths_but_its_own_protesters():
    cause = _events("Protests erupted in Imphal on Friday after a rocket struck a house in Moirang, killing a "
                    "70-year-old man.", "en", "2024-09-08")
    assert sorted((e.sub_event_type, e.fatalities) for e in cause) == [
        ("Peaceful protest", None), ("Shelling/artillery/missile attack", 1)]
    killed = _events("Un manifestant a été tué mardi à Bamako, selon la police.", "fr", "2024-09-08")
    assert [(e.sub_event_type, e.fatalities) for e in killed] == [("Excessive force against protesters", 1)]


def test_these_strikes_on_another_day_are_the_series_told_before_on_that_day():
    text = ("Au moins 20 personnes ont été tuées lundi dans des raids aériens de l'armée syrienne sur Alep, "
            "selon l'OSDH. Dimanche, ces bombardements avaient fait 12 morts.")
    strikes = _events(text, "fr", "2014-02-04")
    assert sorted((str(e.date), e.sub_event_type, e.location.name, e.fatalities) for e in strikes) == [
        ("2014-02-02", "Air/drone strike", "Aleppo", 12), ("2014-02-03", "Air/drone strike", "Aleppo", 20)]


def test_an_attack_on_a_village_or_killing_people_is_an_attack_on_civilians():
    def kinds(text, lang):
        return [e.sub_event_type for e in _events(text, lang, "2023-05-10")]
    assert kinds("Des hommes armés ont attaqué lundi le village de Dogo, dans la région de Tillabéri.", "fr") == ["Attack"]
    assert kinds("On Monday, militants attacked a market near Maiduguri, killing 12 people.", "en") == ["Attack"]
    # an armed side attacked, or police whose raid kills people: a clash
    assert kinds("On Monday, militants attacked an army post near Maiduguri, killing 12 people.", "en") == [
        "Armed clash"]


def test_violence_whose_attacker_the_article_never_names_is_an_unidentified_armed_group_s():
    rocket = _events("Two rockets landed near the airport of Erbil on Sunday night, damaging a hangar, officials said.",
                     "en", "2021-02-16", "Shelling/artillery/missile attack")
    assert [_actor1(e) for e in rocket] == ["Unidentified Armed Group (Iraq)"]
    # an attacker named elsewhere in the article is kept
    named = _events("Des combats ont éclaté samedi près de Gao. Les jihadistes de l'EIGS ont attaqué le camp militaire.",
                    "fr", "2023-06-12")
    assert all(_actor1(e) != "Unidentified Armed Group (Mali)" for e in named if e.event_type == "Battles")
    # crime news stays uncoded: the attacker coded for want of a name shows nothing of what an article is about
    assert _events("A man was stabbed outside a bar in Leeds on Saturday night, police said.", "en", "2023-06-12") == []


def test_a_clause_saying_who_the_subject_is_reports_no_event():
    assert [e.sub_event_type for e in _events(
        "The coalition fighting in Yemen has denied responsibility for a blast that killed 20 people at a market in "
        "Taiz on Sunday.", "en", "2015-09-29")] == []  # the blast is denied
    assert [e.sub_event_type for e in _events(
        "La coalition combattant les jihadistes au Mali a démenti être responsable de l'explosion qui a tué 20 civils "
        "dimanche à Gao.", "fr", "2022-02-18")] == []
    # the subject's own violence still is one
    assert [e.sub_event_type for e in _events(
        "Gunmen attacking a convoy killed three soldiers near Maiduguri on Sunday.", "en", "2022-02-18")] == [
        "Armed clash"]


def test_an_event_dated_only_by_its_report_is_the_one_another_sentence_dates_the_day_before():
    text = ("Rebels captured an army base near Idlib, activists said on Monday. The Observatory said the rebels seized "
            "the base on Sunday afternoon after weeks of fighting.")
    assert [(str(e.date), e.sub_event_type) for e in _events(text, "en", "2012-12-10")] == [
        ("2012-12-09", "Non-state actor overtakes territory")]


def test_regime_snipers_are_the_regime_s_forces():
    text = "Regime snipers shot and wounded a farmer working his field near Kafr Nabl in the Idlib countryside."
    assert [(e.sub_event_type, _actor1(e)) for e in _events(text, "en", "2019-05-04")] == [
        ("Attack", "Military Forces of Syria (2000-2024)")]


@pytest.mark.parametrize("text,published,name", [
    ("LRA fighters attacked the village of Rafa in Western Equatoria on Thursday.", "2009-06-26",
     "LRA: Lords Resistance Army"),
    ("Gunmen ambushed a UNAMID patrol near Nyala on Monday, killing two soldiers.", "2010-05-04",
     "UNAMID: United Nations/African Union Hybrid Operation in Darfur (2007-)"),
    ("Liyu Police killed three civilians near Jijiga on Monday.", "2019-05-24",
     "Police Forces of Ethiopia (2018-) Liyu Police"),
    ("Two men were killed in the village of Dar Ba near Kutum, North Darfur, by Janjaweed.", "2005-03-01", "Janjaweed"),
    ("Israeli UAVs opened fire at houses in Beit Lahia in the north of the Gaza Strip.", "2023-11-05",
     "Military Forces of Israel"),
    ("Ethiopian troops fought OLF fighters near Nekemte on Monday.", "2012-05-04", "OLF: Oromo Liberation Front"),
    ("Mungiki sect members killed two men in Nyeri on Monday.", "2009-05-04", "Mungiki Militia"),
    ("Israeli settlers attacked Palestinian farmers near Nablus in the West Bank on Monday.", "2024-11-04",
     "Settlers (Israel)"),
    ("Heavy fighting between SLM/A-W and government forces in Jebel Marra on Monday.", "2012-05-04",
     "SLM/A-AW: Sudan Liberation Movement/Army-Abdul Wahid"),
])
def test_armed_groups_missions_and_special_police_are_named_as_acled_names_them(text, published, name):
    named = {_actor1(e) for e in _events(text, "en", published)} | {
        e.actor2.name for e in _events(text, "en", published) if e.actor2}
    assert name in named


@pytest.mark.parametrize("text,lang,published,names", [
    ("Fresh clashes between the Borana and Garba clans killed five people in Moyale, Kenya, on Sunday.", "en",
     "2015-05-04", {"Borana Clan Militia (Kenya)", "Garba Clan Militia (Kenya)"}),
    ("Suspected Fulani herdsmen killed twelve farmers in Benue State, Nigeria, on Monday.", "en", "2018-01-02",
     {"Fulani Ethnic Militia (Nigeria)"}),
    ("Des affrontements entre les tribus Misseriya et Rizeigat ont fait vingt morts lundi au Darfour, au Soudan.", "fr",
     "2019-05-04", {"Misseriya Ethnic Militia (Sudan)", "Rizeigat Ethnic Militia (Sudan)"}),
    # "communal groups": the groups' communities are named (acled-train: Ayomso, Bakua Tshika)
    ("On 3 May, the Nawuri and Gonja communal groups clashed in Kpandai, Ghana, over land.", "en", "2022-05-05",
     {"Gonja Ethnic Militia (Ghana)"}),
    ("Armed communal groups clashed near Kapedo, Kenya, over cattle on Sunday.", "en", "2022-05-05",
     {"Unidentified Communal Militia (Kenya)"}),
])
def test_clans_tribes_and_ethnic_groups_the_text_names_are_named_as_acled_names_them(text, lang, published, names):
    events = _events(text, lang, published)
    assert events
    assert names <= {a.name for e in events for a in (e.actor1, e.actor2) if a is not None}


def test_a_community_in_the_singular_is_no_armed_group():
    text = "A man attacked members of the Muslim community in Leeds, England, on Sunday."
    assert not any("Militia" in (a.name or "") for e in sitrep.extract(text, published="2019-05-04", lang="en")
                   for a in (e.actor1, e.actor2) if a is not None)


def test_an_ethnic_group_staging_a_protest_is_its_crowd_not_its_other_side():
    text = "Members of the Tamil ethnic group staged a protest in Vavuniya, Sri Lanka, on Monday."
    [event] = _events(text, "en", "2022-05-02")
    assert (event.sub_event_type, _actor1(event), event.actor2) == ("Peaceful protest", "Protesters (Sri Lanka)", None)


def test_a_finite_verb_with_its_own_subject_is_active_whatever_the_parser_hung_on_it():
    # "IS" of "IS militants" is read as the auxiliary "is": the verb stays active, its subject the attacker
    text = "IS militants killed a civilian in the village of Daban Guiro, near Abala in Niger, on Monday."
    [event] = _events(text, "en", "2021-05-04")
    assert "Islamic State" in _actor1(event)


def test_unidentified_men_who_kill_are_an_unidentified_armed_group():
    text = "Unidentified men shot and killed the driver of an aid vehicle near Asosa, Ethiopia, on Friday."
    [event] = _events(text, "en", "2021-05-04")
    assert (_actor1(event), event.actor1.text) == ("Unidentified Armed Group (Ethiopia)", "Unidentified men")


def test_an_armed_group_known_in_one_country_points_to_where_the_story_is():
    # "Bari" is a city in Italy and a region of Somalia: the group named is Somalia's
    text = "Islamic State Somalia Province fighters attacked Tasjiic village (Bossaso, Bari) on Monday."
    [event] = _events(text, "en", "2021-05-05")
    assert (event.location.country, _actor1(event)) == ("Somalia", "Islamic State (Somalia)")


@pytest.mark.parametrize("text,lang,actors", [
    ("Police officers assaulted students collecting their belongings from the dorms in Nairobi, Kenya, on Monday.",
     "en", ("Attack", "Police Forces of Kenya", "Civilians (Kenya)")),
    ("Des hommes armés ont attaqué des commerçants près de Ménaka, au Mali, lundi.", "fr",
     ("Attack", "Unidentified Armed Group (Mali)", "Civilians (Mali)")),
])
def test_people_attacked_at_their_daily_work_are_civilians(text, lang, actors):
    assert [(e.sub_event_type, _actor1(e), e.actor2.name if e.actor2 else None)
            for e in _events(text, lang, "2021-05-05")] == [actors]


@pytest.mark.parametrize("text,lang,actors", [
    ("On 5 March 2020, a tribal elder was killed by Taliban militants in Gulran district, Herat.", "en",
     ("Attack", "Taliban", "Civilians (Afghanistan)")),
    ("On 4 March 2020, two girls were wounded by Afghan forces fire in Murghab district, Badghis.", "en",
     ("Attack", "Military Forces of Afghanistan (2014-2021)", "Civilians (Afghanistan)")),
    ("Des hommes armés ont blessé une femme et un chauffeur près de Ménaka, au Mali, le 4 mars 2020.", "fr",
     ("Attack", "Unidentified Armed Group (Mali)", "Civilians (Mali)")),
    ("On 4 March 2020, gunmen attacked IDPs collecting firewood near Kutum, North Darfur, Sudan.", "en",
     ("Attack", "Unidentified Armed Group (Sudan)", "Civilians (Sudan)")),
])
def test_women_children_elders_and_drivers_hurt_are_civilians_attacked(text, lang, actors):
    assert [(e.sub_event_type, _actor1(e), e.actor2.name if e.actor2 else None)
            for e in _events(text, lang, "2020-03-06")] == [actors]


@pytest.mark.parametrize("text,lang", [
    ("On Tuesday, gunmen attacked a vehicle between Gao and Ansongo, Mali. The driver was killed.", "en"),
    ("Mardi, des hommes armés ont attaqué un véhicule de transport entre Gao et Ansongo, au Mali.", "fr"),
])
def test_an_attack_on_a_vehicle_on_a_road_is_one_attack_on_civilians(text, lang):
    assert [(e.sub_event_type, e.location.name) for e in _events(text, lang, "2023-05-10")] == [("Attack", "Gao")]
    # a military vehicle attacked is a clash
    military = text.split(". ")[0].replace("a vehicle", "a military vehicle") \
        .replace("un véhicule de transport", "un véhicule militaire")
    assert [e.sub_event_type for e in _events(military, lang, "2023-05-10")] == ["Armed clash"]


def test_the_sides_of_fighting_among_two_groups_and_a_mob_attacking_are_named():
    text = "Heavy fighting was reported among government forces and rebels near Malakal, South Sudan, on Monday."
    assert [(e.sub_event_type, _actor1(e), e.actor2.name if e.actor2 else None) for e in _events(text, "en", "2015-05-05")] \
        == [("Armed clash", "Military Forces of South Sudan (2011-)", "Unidentified Armed Group (South Sudan)")]
    # a noun trigger whose verb is an act of violence is anchored by it
    mob = "A mob attacked a fire truck in Gahan, Ghana, on Monday."
    assert [(e.sub_event_type, _actor1(e)) for e in _events(mob, "en", "2015-05-05")] == [("Mob violence", "Rioters (Ghana)")]


@pytest.mark.parametrize("text,lang,actors", [
    ("Ethiopian Defense Forces attacked villagers near Nekemte, Ethiopia, on Monday.", "en",
     "Military Forces of Ethiopia (2018-)"),
    ("Ugandan paramilitary forces attacked Kenyan fishermen near Lake Victoria on Monday.", "en",
     "Military Forces of Uganda (1986-)"),
    ("Les forces de défense maliennes ont attaqué des pêcheurs près de Mopti lundi.", "fr",
     "Military Forces of Mali (2013-2020)"),
])
def test_a_nation_s_defence_forces_and_paramilitaries_are_its_military_and_fishermen_civilians(text, lang, actors):
    [event] = _events(text, lang, "2019-05-05")
    assert (event.sub_event_type, _actor1(event), event.actor2.actor_type) == ("Attack", actors, "civilians")


@pytest.mark.parametrize("text,lang", [
    ("KANU supporters beat up three youths in Nakuru, Kenya, on Monday.", "en"),
    ("Des partisans RHDP ont tué un homme à Bouaké, en Côte d'Ivoire, lundi.", "fr"),
])
def test_a_party_s_supporters_who_attack_people_are_rioters_of_mob_violence(text, lang):
    events = _events(text, lang, "2019-05-05")
    assert [(e.sub_event_type, _actor1(e)) for e in events] == [
        ("Mob violence", f"Rioters ({events[0].location.country})")]


def test_supporters_no_name_qualifies_are_no_rioters():
    text = "His supporters cheered in Nairobi, Kenya, on Monday as the results came in."
    assert not _events(text, "en", "2019-05-05")


@pytest.mark.parametrize("text", [
    "The Ukrainian forces fired 120mm and 122mm mortars at the positions of the separatists near Avdiivka, Donetsk.",
    "The Ukrainian forces fired 122mm, 120mm mortars at the positions of the separatists near Avdiivka, Donetsk.",
    "The Ukrainian forces fired grenade launchers at the positions of the separatists near Avdiivka, Donetsk.",
])
def test_a_weapon_in_a_list_of_objects_or_naming_one_is_fired_by_the_verb_s_subject(text):
    [event] = _events(text, "en", "2019-05-05")
    assert _actor1(event) == "Military Forces of Ukraine (2014-2019)"


def test_who_killed_in_an_attack_carried_it_out():
    text = "Military forces killed six people in an attack on Muyuka, in Cameroon, on Monday."
    assert {_actor1(e) for e in _events(text, "en", "2021-05-05")} == {"Military Forces of Cameroon (1982-)"}


@pytest.mark.parametrize("text,lang", [
    ("On Monday, government artillery shelling hit a residential area of Ariha in Idlib province, Syria.", "en"),
    ("L'artillerie gouvernementale a bombardé lundi la ville d'Ariha, dans la province d'Idleb, en Syrie.", "fr"),
])
def test_a_government_s_weapons_are_its_military(text, lang):
    assert {_actor1(e) for e in _events(text, lang, "2023-10-10")} == {"Military Forces of Syria (2000-2024)"}


@pytest.mark.parametrize("text,lang,actors", [
    ("Soldiers and rebels clashed near Agadez, Niger, on Monday.", "en",
     ("Armed clash", "Military Forces of Niger (2011-2021)", "Unidentified Armed Group (Niger)")),
    ("Gendarmes and an unidentified armed group clashed near Agadez, Niger, on Monday.", "en",
     ("Armed clash", "Police Forces of Niger", "Unidentified Armed Group (Niger)")),
    ("Des soldats et des rebelles se sont affrontés lundi près de Gao, au Mali.", "fr",
     ("Armed clash", "Military Forces of Mali (2013-2020)", "Unidentified Armed Group (Mali)")),
    # police and demonstrators who clash are a riot: the rioters first, whichever the text names first
    ("Police and demonstrators clashed in Homa Bay, Kenya, on Monday.", "en",
     ("Violent demonstration", "Rioters (Kenya)", "Police Forces of Kenya")),
    ("Police clashed with demonstrators in Homa Bay, Kenya, on Monday.", "en",
     ("Violent demonstration", "Rioters (Kenya)", "Police Forces of Kenya")),
    ("Des policiers et des manifestants se sont affrontés lundi à Dakar, au Sénégal.", "fr",
     ("Violent demonstration", "Rioters (Senegal)", "Police Forces of Senegal")),
])
def test_the_coordinated_subjects_of_a_clash_are_its_two_sides(text, lang, actors):
    events = _events(text, lang, "2019-05-07")
    assert [(e.sub_event_type, _actor1(e), e.actor2.name if e.actor2 else None) for e in events] == [actors]


@pytest.mark.parametrize("text,lang,actors", [
    # acled-train: "Russian forces engaged in an offensive in the direction of ..." (70 notes)
    ("Russian forces engaged in an offensive near Barvinkove, Kharkiv, on Monday.", "en",
     ("Armed clash", "Military Forces of Russia (2000-)", None)),
    ("Soldiers and rebels engaged in heavy fighting near Agadez, Niger, on Monday.", "en",
     ("Armed clash", "Military Forces of Niger (2021-2023)", "Unidentified Armed Group (Niger)")),
    ("Police were involved in a clash with demonstrators in Homa Bay, Kenya, on Monday.", "en",
     ("Violent demonstration", "Rioters (Kenya)", "Police Forces of Kenya")),
    ("Des soldats et des rebelles se sont livrés à de violents combats lundi près de Gao, au Mali.", "fr",
     ("Armed clash", "Military Forces of Mali (2021-)", "Unidentified Armed Group (Mali)")),
])
def test_who_takes_part_in_an_event_a_noun_names_is_its_side(text, lang, actors):
    events = _events(text, lang, "2022-04-27")
    assert [(e.sub_event_type, _actor1(e), e.actor2.name if e.actor2 else None) for e in events] == [actors]


@pytest.mark.parametrize("text", [
    "Villagers beat a suspected thief to death in Kasese, Uganda, on Monday.",
    "Residents killed a man accused of stealing a goat in Kasese, Uganda, on Monday.",
    # a thief is one whatever word comes before ("a goat thief", "a presumed thief"); the clause
    # holds the verbs coordinated before the one of violence; a verb shares the object of the next
    "Residents captured a suspected thief and beat him to death in Kasese, Uganda, on Monday.",
    "Villagers lynched and killed a goat thief in Kasese, Uganda, on Monday.",
    "Residents captured a thief and burned him to death in Kasese, Uganda, on Monday.",
])
def test_a_crowd_that_kills_a_suspected_criminal_is_a_mob(text):
    assert [(e.sub_event_type, _actor1(e)) for e in _events(text, "en", "2019-05-07")] == [
        ("Mob violence", "Rioters (Uganda)")]


def test_a_suspect_shot_by_police_or_a_homeowner_is_no_mob_violence():
    assert all(e.sub_event_type != "Mob violence" for e in _events(
        "Police shot dead two suspected robbers in Nairobi, Kenya, on Monday.", "en", "2019-05-07"))
    assert not _events("A homeowner shot a suspected burglar in Dallas, Texas, on Monday.", "en", "2019-05-07")
    assert not _events("A homeowner shot and killed a burglar in Dallas, Texas, on Monday.", "en", "2019-05-07")
    assert not _events("Three children were burned to death in a house fire in Dallas, Texas, on Monday.", "en",
                       "2019-05-07")


@pytest.mark.parametrize("text", [
    "Des habitants ont lynché et tué un voleur de moto lundi à Parakou, au Bénin.",
    "Des habitants ont battu à mort un voleur de bétail lundi à Parakou, au Bénin.",
])
def test_a_crowd_that_kills_a_thief_is_a_mob_in_french(text):
    assert [(e.sub_event_type, _actor1(e)) for e in _events(text, "fr", "2019-05-07")] == [
        ("Mob violence", "Rioters (Benin)")]


@pytest.mark.parametrize("text,actor", [
    ("An Israeli sniper shot a Palestinian man near Khan Younis, Gaza Strip, on Monday.", "Military Forces of Israel"),
    ("Three military officers attacked a police officer in Bulukumba, South Sulawesi, Indonesia, on Monday.",
     "Military Forces of Indonesia"),
    ("A gendarme was killed in Kumbo, Cameroon, on Monday during an attack by secessionists.",
     "Unidentified Armed Group (Cameroon)"),
    ("Russian mercenaries beat a herder in Bouar, Central African Republic, on Monday.", "Wagner Group"),
    ("Navy officers shot at fishermen near Trincomalee, Sri Lanka, on Monday.", "Military Forces of Sri Lanka"),
])
def test_snipers_officers_secessionists_and_mercenaries_are_named(text, actor):
    assert any(_actor1(e).startswith(actor) for e in _events(text, "en", "2021-05-07"))


def test_an_actor_right_before_a_verb_without_subject_is_its_subject():
    # the parser hangs "armed individuals" on the place before it, leaving "opened" with no subject
    text = "Close to Estacion San Jose, Zacatecas, armed individuals opened fire at a state police officer on Monday."
    assert [(_actor1(e), e.actor2.name if e.actor2 else None) for e in _events(text, "en", "2021-05-07")] == [
        ("Unidentified Armed Group (Mexico)", "Police Forces of Mexico")]


@pytest.mark.parametrize("text,published,actors", [
    ("The Ukrainian Forces fired small arms at the positions of the Luhansk People's Militia near Luhansk.",
     "2019-08-01", ("Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya")),
    ("Ukrainian territorial defense forces fired small arms at Russian military forces in Sumy.", "2022-03-01",
     ("Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)")),
])
def test_weapons_fired_at_a_side_are_a_clash_between_the_sides_named(text, published, actors):
    assert [(e.sub_event_type, _actor1(e), e.actor2.name) for e in _events(text, "en", published)] == [
        ("Armed clash", *actors)]


@pytest.mark.parametrize("text", [
    "Local villagers burned a police post in Likuyani, Kenya, on Monday over a missing suspect.",
    "Residents attacked a police station in Kisumu, Kenya, on Monday.",
    "Students engaged in running battles with police in Nairobi, Kenya, on Monday.",
])
def test_a_crowd_that_fights_or_burns_the_police_riots(text):
    assert [(e.sub_event_type, _actor1(e), e.actor2.name if e.actor2 else None)
            for e in _events(text, "en", "2019-05-07")] == [
        ("Violent demonstration", "Rioters (Kenya)", "Police Forces of Kenya")]


def test_one_man_who_attacks_a_police_officer_is_no_riot():
    assert not _events("A man attacked a police officer in Dallas, Texas, on Monday.", "en", "2019-05-07")


def test_an_acronym_two_actors_share_is_the_one_of_the_article_s_country():
    ukraine = _events("The NAF rebel forces fired small arms at Ukrainian positions near Mayorsk, Donetsk, on Monday.",
                      "en", "2017-05-02")
    nigeria = _events("NAF jets bombed bandit camps in Zamfara, Nigeria, on Monday.", "en", "2021-05-04")
    assert {_actor1(e) for e in ukraine} == {"NAF: United Armed Forces of Novorossiya"}
    assert {_actor1(e) for e in nigeria} == {"Military Forces of Nigeria (2015-2023)"}


@pytest.mark.parametrize("text,sub_event_type", [
    ("Des villageois ont battu à mort un voleur présumé lundi à Bouaké, en Côte d'Ivoire.", "Mob violence"),
    ("Des habitants ont attaqué un commissariat de police lundi à Bouaké, en Côte d'Ivoire.", "Violent demonstration"),
])
def test_a_french_crowd_that_lynches_a_suspect_or_attacks_the_police(text, sub_event_type):
    assert [(e.sub_event_type, _actor1(e)) for e in _events(text, "fr", "2019-05-07")] == [
        (sub_event_type, "Rioters (Ivory Coast)")]


def test_a_team_beaten_is_no_event():
    assert not _events("Le PSG a battu Marseille dimanche à Paris.", "fr", "2019-05-07")


@pytest.mark.parametrize("text,lang,country", [
    ("Supporters of the NDC attacked the NPP office in Tamale, Ghana, on Monday.", "en", "Ghana"),
    ("Des partisans du RHDP ont attaqué le siège du PDCI à Daoukro, en Côte d'Ivoire, lundi.", "fr", "Ivory Coast"),
])
def test_supporters_of_a_named_party_who_attack_are_rioters(text, lang, country):
    assert (f"Rioters ({country})", "Mob violence") in {(_actor1(e), e.sub_event_type)
                                                        for e in _events(text, lang, "2020-08-14")}


def test_supporters_of_a_foreign_leader_are_no_party_s_rioters():
    text = ("The fighting between supporters of Syrian President Bashar Assad in Jabal Mohsen and rivals in Bab "
            "al-Tabbaneh left two dead in Tripoli, Lebanon, on Thursday.")
    assert not any("Rioters" in (_actor1(e) or "") for e in _events(text, "en", "2014-03-14"))


@pytest.mark.parametrize("text,lang,country", [
    ("Supporters of the NDC and the NPP clashed in Tamale, Ghana, on Monday, injuring four people.", "en", "Ghana"),
    ("Des partisans du RHDP et des partisans du PDCI se sont affrontés lundi à Daoukro, en Côte d'Ivoire.", "fr",
     "Ivory Coast"),
])
def test_rival_parties_supporters_fighting_each_other_is_mob_violence(text, lang, country):
    assert [(e.sub_event_type, _actor1(e)) for e in _events(text, lang, "2020-08-14")] == [
        ("Mob violence", f"Rioters ({country})")]
