"""The event's place (stages/event_place.py) and the roles of place mentions (stages/place_roles.py)
on sentences written for these tests, parsed by hand (no spaCy model): the clause before the
sentence, the smallest place first, an unknown village coded at its area, and the places that are
never an event's (a dateline, a place standing for its government, where someone speaks, where
something came from, a far reference point)."""
from __future__ import annotations

import pytest
from handmade import context, entry, frame, hand_doc

from sitrep.geo.resolver import NOT_FOUND
from sitrep.models import GeoPrecision, Location, PlaceMention
from sitrep.stages.event_place import choose_location
from sitrep.stages.place_words import place_words
from sitrep.stages.place_roles import dateline_spans, stands_for_people, where_someone_speaks
from sitrep.text import span_of

STRIKE = entry("Air/drone strike")
SHELLING = entry("Shelling/artillery/missile attack")
TAKEOVER = entry("Government regains territory")


def mention(doc, start: int, end: int, name: str, *, feature: str = "populated_place", country: str = "Syria",
            code: str = "SY", admin1: str | None = None, lat: float = 35.0, lon: float = 36.0, precision: int = 1,
            resolved: bool = True, hint: str | None = None, relation: str | None = None, role: str | None = None,
            name_start: int | None = None) -> PlaceMention:
    """A place mention of tokens [start, end) whose name is ``name`` (resolved or not)."""
    span = span_of(doc[start:end])
    location = (Location(text=span.text, name=name, latitude=lat, longitude=lon, country=country, country_code=code,
                         admin1=admin1, feature=feature, geo_precision=GeoPrecision(precision), resolved=True, span=span)
                if resolved else Location(text=span.text, name=name, resolved=False, reason=NOT_FOUND, span=span))
    first = start if name_start is None else name_start
    return PlaceMention(text=span.text, span=span, token_start=start, token_end=end, location=location, name=name,
                        name_start=first, name_end=end, feature_hint=hint, relation=relation, role=role,
                        sentence_start=doc[start].sent.start)


# --- datelines -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "dateline"), [
    ("KABUL, Afghanistan (AP) — Gunmen stormed a school on Monday.", "KABUL, Afghanistan (AP)"),
    ("GAO —  Une mine a tué deux soldats.", "GAO"),
    ("Headline of the day\n\nMOSUL: Clashes resumed overnight.", "MOSUL"),
    ("Bamako, 3 juin (AFP) - Des hommes armés ont attaqué un poste.", "Bamako, 3 juin (AFP)"),
    ("Lyon (AFP) - Des heurts ont opposé des supporters.", "Lyon (AFP)"),
    ("Tunis — Protesters marched again.", "Tunis"),
    ("HOMS, Syria - Shelling hit the old city.", "HOMS, Syria"),
    ("Goma, RDC | AFP | lundi 02/03/2020 - Des tirs ont éclaté.", "Goma, RDC | AFP | lundi 02/03/2020"),
    ("Troops advance in the north\nKHARTOUM\nFighting spread to the suburbs.", "KHARTOUM"),
])
def test_a_dateline_opens_a_story_before_a_dash_or_colon(text, dateline):
    spans = dateline_spans(text)
    assert [text[start:end].strip() for start, end in spans] == [dateline]


@pytest.mark.parametrize("text", [
    "Niger : deux soldats tués dans une embuscade",  # a headline's topic says where the news is
    "Kidal: talks resume between the parties",
    "Gunmen kill 20 in a village — officials",
    "The army said on Monday that rebels had withdrawn.",
])
def test_a_headline_topic_or_a_sentence_is_no_dateline(text):
    assert dateline_spans(text) == []


def test_the_dateline_is_never_the_event_place_nor_the_article_s_place():
    doc = hand_doc("BEIRUT/PROPN/dep/3 —/PUNCT/punct/3 Jets/NOUN/nsubj/3 struck/VERB/ROOT/3/strike "
                   "Idlib/PROPN/obj/3 ./PUNCT/punct/3",
                   "Jets/NOUN/nsubj/1 returned/VERB/ROOT/1/return ./PUNCT/punct/1")
    beirut = mention(doc, 0, 1, "Beirut", country="Lebanon", code="LB", role="dateline")
    idlib = mention(doc, 4, 5, "Idlib")
    ctx = context(doc, places=[beirut, idlib])
    assert choose_location(frame(doc, 3, 4, STRIKE, places=[0, 1]), ctx).name == "Idlib"
    later = choose_location(frame(doc, 7, 8, STRIKE), ctx)
    assert later.name == "Idlib" and later.geo_precision == GeoPrecision.NEAR_OR_PART_OF


# --- the smallest place of the clause ------------------------------------------------------------

def _village_sentence():
    # Jets struck the village of Kafrnaya in Idlib province in Syria .
    return hand_doc("Jets/NOUN/nsubj/1 struck/VERB/ROOT/1/strike the/DET/det/3 village/NOUN/obj/1 of/ADP/case/5 "
                    "Kafrnaya/PROPN/nmod/3 in/ADP/case/8 Idlib/PROPN/compound/8 province/NOUN/nmod/3 "
                    "in/ADP/case/10 Syria/PROPN/nmod/8 ./PUNCT/punct/1")


def test_the_smallest_place_of_the_clause_wins_a_village_before_its_province_and_country():
    doc = _village_sentence()
    village = mention(doc, 3, 6, "Kafrnaya", name_start=5, hint="populated_place")
    province = mention(doc, 7, 9, "Idlib", feature="admin1", admin1="Idlib", precision=3, name_start=7)
    country = mention(doc, 10, 11, "Syria", feature="country", precision=3)
    ctx = context(doc, places=[country, province, village])
    assert choose_location(frame(doc, 1, 2, STRIKE, places=[0, 1, 2]), ctx).name == "Kafrnaya"


@pytest.mark.parametrize(("feature", "precision"), [("admin1", GeoPrecision.REGION),
                                                    ("admin2", GeoPrecision.NEAR_OR_PART_OF)])
def test_a_village_the_gazetteer_lacks_is_coded_at_the_smallest_area_named_with_the_reason(feature, precision):
    doc = _village_sentence()
    village = mention(doc, 3, 6, "Kafrnaya", name_start=5, hint="populated_place", resolved=False)
    area = mention(doc, 7, 9, "Idlib", feature=feature, admin1="Idlib", precision=3, name_start=7)
    country = mention(doc, 10, 11, "Syria", feature="country", precision=3)
    location = choose_location(frame(doc, 1, 2, STRIKE, places=[0, 1, 2]), context(doc, places=[country, area, village]))
    assert location.name == "Idlib" and location.geo_precision == precision
    assert "Kafrnaya" in location.reason and "not in the gazetteer" in location.reason


def test_the_event_s_clause_comes_before_the_rest_of_its_sentence():
    # Troops shelled positions in Mali , a spokesman in Dakar said .
    doc = hand_doc("Troops/NOUN/nsubj/1 shelled/VERB/ccomp/10/shell positions/NOUN/obj/1 in/ADP/case/4 "
                   "Mali/PROPN/nmod/2 ,/PUNCT/punct/10 a/DET/det/7 spokesman/NOUN/nsubj/10 in/ADP/case/9 "
                   "Dakar/PROPN/nmod/7 said/VERB/ROOT/10/say ./PUNCT/punct/10")
    mali = mention(doc, 4, 5, "Mali", feature="country", country="Mali", code="ML", precision=3)
    dakar = mention(doc, 9, 10, "Dakar", country="Senegal", code="SN")
    location = choose_location(frame(doc, 1, 2, SHELLING, places=[1, 0]), context(doc, places=[mali, dakar]))
    assert location.name == "Mali"


def test_where_the_clause_names_an_area_only_a_place_of_it_the_sentence_names_wins():
    # Rebels quit Lysychansk as soldiers entered the town in eastern Ukraine .
    doc = hand_doc("Rebels/NOUN/nsubj/1 quit/VERB/ROOT/1/quit Lysychansk/PROPN/obj/1 as/SCONJ/mark/5 "
                   "soldiers/NOUN/nsubj/5 entered/VERB/advcl/1/enter the/DET/det/7 town/NOUN/obj/5 in/ADP/case/10 "
                   "eastern/ADJ/amod/10 Ukraine/PROPN/nmod/7 ./PUNCT/punct/1")
    town = mention(doc, 2, 3, "Lysychansk", country="Ukraine", code="UA")
    ukraine = mention(doc, 9, 11, "Ukraine", feature="country", country="Ukraine", code="UA", precision=3,
                      relation="part", name_start=10)
    location = choose_location(frame(doc, 5, 6, TAKEOVER, places=[1, 0]), context(doc, places=[town, ukraine]))
    assert location.name == "Lysychansk"


# --- places that are not where the event happened -----------------------------------------------

def test_a_place_standing_for_its_government_is_no_event_place():
    doc = hand_doc("Fighting/NOUN/nsubj/1 raged/VERB/ROOT/1/rage near/ADP/case/3 Afrin/PROPN/obl/1 ./PUNCT/punct/1",
                   "Ankara/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell the/DET/det/3 positions/NOUN/obj/1 ./PUNCT/punct/1")
    afrin = mention(doc, 3, 4, "Afrin", relation="near", precision=2)
    ankara = mention(doc, 5, 6, "Ankara", country="Turkey", code="TR")
    location = choose_location(frame(doc, 6, 7, SHELLING, places=[1]), context(doc, places=[afrin, ankara]))
    assert location.name == "Afrin" and "earlier in the paragraph" in location.reason


@pytest.mark.parametrize(("parse", "span", "expected"), [
    ("Kyiv/PROPN/nsubj/1 accused/VERB/ROOT/1/accuse Moscow/PROPN/obj/1 ./PUNCT/punct/1", (0, 1), True),
    ("Paris/PROPN/nsubj/3 and/CCONJ/cc/2 Rome/PROPN/conj/0 disagreed/VERB/ROOT/3/disagree ./PUNCT/punct/3", (2, 3), True),
    ("Aleppo/PROPN/nsubj/1 fell/VERB/ROOT/1/fall ./PUNCT/punct/1", (0, 1), False),
    ("Homs/PROPN/nsubj/1 is/AUX/ROOT/1/be a/DET/det/3 stronghold/NOUN/attr/1 ./PUNCT/punct/1", (0, 1), False),
    ("Tunis/PROPN/nsubj/1 is/AUX/ROOT/1/be ready/ADJ/acomp/1 ./PUNCT/punct/1", (0, 1), True),
    # state_prepositions: "X was under curfew" describes the place
    ("Lagos/PROPN/nsubj/1 was/AUX/ROOT/1/be under/ADP/prep/1 curfew/NOUN/pobj/2 ./PUNCT/punct/1", (0, 1), False),
    ("Ankara/PROPN/nsubj/2 has/AUX/aux/2 been/AUX/ROOT/2/be at/ADP/prep/2 odds/NOUN/pobj/3 ./PUNCT/punct/2",
     (0, 1), True),
    ("Mosul/PROPN/nsubjpass/2 was/AUX/auxpass/2 shelled/VERB/ROOT/2/shell ./PUNCT/punct/2", (0, 1), False),
    ("Moscow/PROPN/poss/2 's/PART/case/0 troops/NOUN/nsubj/3 advanced/VERB/ROOT/3/advance ./PUNCT/punct/3", (0, 1), True),
    ("Darfur/PROPN/poss/2 's/PART/case/0 village/NOUN/nsubj/3 burned/VERB/ROOT/3/burn ./PUNCT/punct/3", (0, 1), False),
    # owner_words: "a shop belonging to France" names whose the shop is, not where
    ("a/DET/det/1 shop/NOUN/nsubjpass/5 belonging/VERB/acl/1/belong to/ADP/prep/2 France/PROPN/pobj/3 "
     "was/AUX/auxpass/6 looted/VERB/ROOT/6/loot ./PUNCT/punct/6", (4, 5), True),
])
def test_a_place_is_its_people_as_the_subject_of_most_verbs_or_the_owner_of_what_is_no_place(parse, span, expected):
    doc = hand_doc(parse)
    assert stands_for_people(doc, mention(doc, *span, doc[span[0]].text), place_words("en")) is expected


@pytest.mark.parametrize(("lang", "parse", "span", "expected"), [
    ("fr", "À/ADP/case/1 Tunis/PROPN/obl/6 ,/PUNCT/punct/6 le/DET/det/4 ministère/NOUN/nsubj/6 a/AUX/aux/6 "
           "nié/VERB/ROOT/6/nier ./PUNCT/punct/6", (1, 2), True),
    ("fr", "le/DET/det/1 ministère/NOUN/nsubj/3 a/AUX/aux/3 nié/VERB/ROOT/3/nier la/DET/det/5 "
           "frappe/NOUN/obj/3 sur/ADP/case/7 Sfax/PROPN/nmod/5 ./PUNCT/punct/3", (7, 8), False),
    ("en", "She/PRON/nsubj/1 told/VERB/ROOT/1/tell students/NOUN/dobj/1 in/ADP/prep/1 a/DET/det/5 "
           "speech/NOUN/pobj/3 in/ADP/prep/5 Rabat/PROPN/pobj/6 ./PUNCT/punct/1", (7, 8), True),
    ("en", "A/DET/det/1 spokesman/NOUN/nsubj/4 in/ADP/prep/1 Tunis/PROPN/pobj/2 said/VERB/ROOT/4/say "
           "./PUNCT/punct/4", (3, 4), True),
])
def test_where_someone_speaks_is_no_event_place(lang, parse, span, expected):
    # "à Tunis, le ministère a nié", not "a nié la frappe sur Sfax"; "in a speech in Rabat"; "a
    # spokesman in Tunis said"
    doc = hand_doc(parse)
    assert where_someone_speaks(doc, mention(doc, *span, doc[span[0]].text), place_words(lang)) is expected


def test_a_place_the_event_came_from_comes_after_the_place_it_hit():
    # Rockets were fired from Gaza at Sderot .   /   Rockets were fired from Gaza .
    doc = hand_doc("Rockets/NOUN/nsubjpass/2 were/AUX/auxpass/2 fired/VERB/ROOT/2/fire from/ADP/case/4 "
                   "Gaza/PROPN/obl/2 at/ADP/case/6 Sderot/PROPN/obl/2 ./PUNCT/punct/2")
    gaza = mention(doc, 4, 5, "Gaza", country="Palestine", code="PS")
    sderot = mention(doc, 6, 7, "Sderot", country="Israel", code="IL")
    ctx = context(doc, places=[gaza, sderot])
    assert choose_location(frame(doc, 2, 3, SHELLING, places=[0, 1]), ctx).name == "Sderot"
    alone = hand_doc("Rockets/NOUN/nsubjpass/2 were/AUX/auxpass/2 fired/VERB/ROOT/2/fire from/ADP/case/4 "
                     "Gaza/PROPN/obl/2 ./PUNCT/punct/2")
    only = choose_location(frame(alone, 2, 3, SHELLING, places=[0]),
                           context(alone, places=[mention(alone, 4, 5, "Gaza", country="Palestine", code="PS")]))
    assert only.name == "Gaza"  # nothing else is named: the place it came from, for want of another


def test_a_place_far_from_the_event_is_a_reference_point_not_its_place():
    # A mine went off in Bastar district , 280 km from Nagpur .
    doc = hand_doc("A/DET/det/1 mine/NOUN/nsubj/2 went/VERB/ROOT/2/go off/ADP/prt/2 in/ADP/case/6 "
                   "Bastar/PROPN/compound/6 district/NOUN/obl/2 ,/PUNCT/punct/2 280/NUM/nummod/9 km/NOUN/npadvmod/2 "
                   "from/ADP/case/11 Nagpur/PROPN/pobj/9 ./PUNCT/punct/2")
    district = mention(doc, 5, 7, "Bastar", feature="admin2", country="India", code="IN", precision=3, name_start=5)
    town = mention(doc, 8, 12, "Nagpur", country="India", code="IN", precision=2, relation="near", name_start=11)
    ctx = context(doc, places=[district, town])
    ctx.country = "India"
    location = choose_location(frame(doc, 2, 4, entry("Remote explosive/landmine/IED"), places=[0, 1]), ctx)
    assert location.name == "Bastar"


def test_an_area_of_a_country_the_article_does_not_name_far_from_its_places_is_a_namesake():
    # Rebels attacked villages in the Koro region near Bankass .
    doc = hand_doc("Rebels/NOUN/nsubj/1 attacked/VERB/ROOT/1/attack villages/NOUN/obj/1 in/ADP/case/6 the/DET/det/6 "
                   "Koro/PROPN/compound/6 region/NOUN/nmod/2 near/ADP/case/8 Bankass/PROPN/nmod/6 ./PUNCT/punct/1")
    namesake = mention(doc, 5, 7, "Koro", feature="admin1", country="Fiji", code="FJ", lat=-17.3, lon=179.4,
                       precision=3, name_start=5)
    town = mention(doc, 8, 9, "Bankass", country="Mali", code="ML", lat=14.08, lon=-3.52, precision=2, relation="near")
    ctx = context(doc, places=[namesake, town])
    ctx.country = "Mali"
    assert choose_location(frame(doc, 1, 2, entry("Attack"), places=[0, 1]), ctx).name == "Bankass"
    near = mention(doc, 5, 7, "Gaza", feature="admin1", country="Palestine", code="PS", lat=31.5, lon=34.47,
                   precision=3, name_start=5)
    israel_town = mention(doc, 8, 9, "Sderot", country="Israel", code="IL", lat=31.52, lon=34.6, precision=2,
                          relation="near")
    ctx = context(doc, places=[near, israel_town])
    ctx.country = "Israel"
    assert choose_location(frame(doc, 1, 2, entry("Attack"), places=[0]), ctx).name == "Gaza"  # Sderot is near


def test_towns_coordinated_with_an_event_are_one_event_each_but_not_a_places_containers():
    import sitrep

    def places(text):
        return [e.location.name for e in sitrep.extract(text, published="2020-02-05", lang="fr")
                if e.claim_status == "asserted"]
    assert places("Des frappes aériennes ont visé lundi Saraqib et Ariha, dans la province d'Idleb.") == [
        "Saraqib", "Arīḩā"]
    assert places("Des frappes aériennes ont visé lundi Saraqib (Ariha, Idleb).") == ["Saraqib"]
    # the clause's towns stay events of their own when a later sentence tells of the first town again
    assert sorted(places("Des affrontements ont éclaté lundi soir à Lyon, mais aussi à Grenoble et à Marseille. "
                         "Au moins dix voitures ont été incendiées à Lyon, a précisé la préfecture.")) == [
        "Grenoble", "Lyon", "Marseille"]


def test_a_place_in_a_relative_clause_describing_someone_is_not_the_event_s():
    import sitrep
    events = sitrep.extract("Fighting went on near Bannu on Saturday. On Sunday, soldiers killed a militant "
                            "commander who had been indicted in the United States.", published="2020-02-05", lang="en")
    assert [(e.date.isoformat(), e.location.name) for e in events if e.claim_status == "asserted"] == [
        ("2020-02-01", "Bannu"), ("2020-02-02", "Bannu")]
    # a relative clause in the progressive tells where its people were at the time
    events = sitrep.extract("Fighting went on near Kandy on Saturday. On Monday, gunmen opened fire on villagers who "
                            "were protesting in Colombo.", published="2022-05-10", lang="en")
    assert ("Attack", "Colombo") in [(e.sub_event_type, e.location.name) for e in events]


@pytest.mark.parametrize(("text", "lang"), [
    ("Jeudi, un double attentat-suicide a visé une caserne à Tahoua, la principale ville de la région, et un marché "
     "de la société Orano, à Diffa, a annoncé le ministre. Le bilan à Tahoua est de 12 soldats tués; à Diffa, "
     "3 civils ont été tués.", "fr"),
    ("On Thursday, twin suicide bombings hit an army barracks in Tahoua, the largest city of the region, and a busy "
     "market in Diffa, officials said. In Tahoua, 12 soldiers were killed; in Diffa, three civilians died.", "en"),
])
def test_an_event_word_told_as_several_is_one_event_a_town_each_with_the_toll_told_there(text, lang):
    # "double" / "twin" (places.yaml several_words): one event per town of the sentence, however the
    # parser attached the second; each bare toll goes to the event at the town it names
    import sitrep
    events = sitrep.extract(text, published="2020-02-07", lang=lang)
    assert [(e.sub_event_type, e.location.name, e.fatalities) for e in events if e.claim_status == "asserted"] == [
        ("Suicide bomb", "Tahoua", 12), ("Suicide bomb", "Diffa", 3)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Après Bamako le 20 novembre 2015 et Ouagadougou le 15 janvier 2016, c'était le tour de Mopti d'être "
     "attaquée par des jihadistes, ce dimanche.", "fr"),
    ("After Bamako on 20 November 2015 and Ouagadougou on 15 January, it was the turn of Mopti to be attacked by "
     "jihadists on Sunday.", "en"),
])
def test_a_place_told_with_a_day_of_its_own_is_another_event_s(text, lang):
    import sitrep
    events = sitrep.extract(text, published="2016-03-14", lang=lang)
    assert [(e.date.isoformat(), e.location.name) for e in events if e.claim_status == "asserted"] == [
        ("2016-03-13", "Mopti")]
