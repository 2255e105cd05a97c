"""Each step of event coding on records written by hand (tests/stages/handmade.py): a parse and the
mentions a test states, no spaCy model. The sentences are the project's own."""
from __future__ import annotations

import random
from datetime import date, timedelta

from spacy.tokens import Doc

from handmade import (
    actor,
    context,
    day,
    entry,
    event,
    frame,
    hand_doc,
    named,
    place,
    toll,
)

from sitrep.lang.schemas import Refinement
from sitrep.models import Event, FatalityMention, GeoPrecision, Span, TimePrecision
from sitrep.stages import article, crowds, death_reports, event_filter, grievances, happenings, relevance, tellings
from sitrep.stages.event_actors import choose_actors
from sitrep.stages.event_date import consecutive_days, event_date, is_background
from sitrep.stages.event_place import choose_location
from sitrep.stages.subtypes import sub_event_type
from sitrep.stages.telling_dates import DateWords
from sitrep.stages.told import Told
from sitrep.stages.tolls import add_toll
from sitrep.stages.triggers import entries_for
from sitrep.taxonomy import lookup

PUBLISHED = date(2020, 3, 10)
SHELLING = entry("Shelling/artillery/missile attack", entry_id="shelling")
CLASH = entry("Armed clash", entry_id="clash")

# --- event_filter: which frames report an event -------------------------------------------------


def test_a_verbless_title_reports_no_event_and_a_sentence_with_an_actor_does():
    body_words = "The/DET/det/1 army/NOUN/nsubj/2 shelled/VERB/ROOT/2/shell Aleppo/PROPN/obj/2 ./PUNCT/punct/2"
    title_words = "Army/PROPN/compound/1 shelling/NOUN/ROOT/1 in/ADP/case/3 Aleppo/PROPN/nmod/1"
    titled = hand_doc(title_words + " ¶", body_words)  # a title is a line of its own
    aleppo = place(titled, 3, 4, "Aleppo", 36.2, 37.16)
    assert not event_filter.keeps(frame(titled, 1, 2, SHELLING, places=[0]), context(titled, places=[aleppo]))
    # a headline alone is all the document tells
    title = hand_doc(title_words)
    aleppo = place(title, 3, 4, "Aleppo", 36.2, 37.16)
    assert event_filter.keeps(frame(title, 1, 2, SHELLING, places=[0]), context(title, places=[aleppo]))

    body = hand_doc(body_words)
    army = actor(body, 0, 2, "Military Forces of Syria", "state_forces", "military")
    assert event_filter.keeps(frame(body, 2, 3, SHELLING, agent=army), context(body, actors=[army]))
    # in running text, a sentence without a verb is a note's or a wire's fragment, no title
    running = hand_doc(title_words + " ./PUNCT/punct/1", body_words)
    aleppo = place(running, 3, 4, "Aleppo", 36.2, 37.16)
    assert event_filter.keeps(frame(running, 1, 2, SHELLING, places=[0]), context(running, places=[aleppo]))


def test_a_noun_trigger_needs_something_that_anchors_it_to_a_happening():
    talk = hand_doc("They/PRON/nsubj/1 discussed/VERB/ROOT/1/discuss the/DET/det/3 offensive/NOUN/obj/1 ./PUNCT/punct/1")
    assert not event_filter.is_anchored(frame(talk, 3, 4, CLASH), context(talk))
    launched = hand_doc("They/PRON/nsubj/1 launched/VERB/ROOT/1/launch the/DET/det/3 offensive/NOUN/obj/1 "
                        "./PUNCT/punct/1")
    assert event_filter.is_anchored(frame(launched, 3, 4, CLASH), context(launched))


def test_quoted_words_anchor_an_event_by_a_counted_toll_or_their_own_killing_word_not_by_deaths_named():
    # "... occasioning deaths of protesters": deaths with no number, another word's
    doc = hand_doc("deaths/NOUN/ROOT/0 of/ADP/case/2 protesters/NOUN/nmod/0 ./PUNCT/punct/0")
    ctx = context(doc)
    protest, deaths = entry("Peaceful protest"), toll(doc, 0, 1, None)
    assert not event_filter.has_own_anchor(frame(doc, 2, 3, protest, fatalities=deaths), ctx)
    assert event_filter.has_own_anchor(frame(doc, 2, 3, protest, fatalities=toll(doc, 0, 1, 12)), ctx)
    # "les autres ont été égorgés": the killing word is the toll
    assert event_filter.has_own_anchor(frame(doc, 0, 1, entry("Attack"), fatalities=deaths), ctx)


def test_trigger_words_inside_a_place_name_report_no_event():
    doc = hand_doc("Clashes/NOUN/nsubj/1 erupted/VERB/ROOT/1/erupt near/ADP/case/4 Battle/PROPN/compound/4 "
                   "Creek/PROPN/obl/1 ./PUNCT/punct/1")
    creek = place(doc, 3, 5, "Battle Creek", 42.3, -85.2)
    inside = frame(doc, 3, 4, CLASH, places=[0])
    assert event_filter.inside_mention(inside.trigger, context(doc, places=[creek]))
    assert not event_filter.inside_mention(frame(doc, 0, 1, CLASH).trigger, context(doc, places=[creek]))


# --- happenings: one frame per happening ---------------------------------------------------------


def test_two_trigger_words_of_one_happening_are_one_frame_with_the_arguments_of_both():
    doc = hand_doc("Troops/NOUN/nsubj/1 took/VERB/ROOT/1/take the/DET/det/3 camp/NOUN/obj/1 after/ADP/case/5 "
                   "clashes/NOUN/obl/1 on/ADP/case/7 Sunday/PROPN/obl/5 ./PUNCT/punct/1")
    sunday = day(doc, 7, 8, date(2020, 3, 8))
    takeover = frame(doc, 1, 2, entry("Government regains territory", entry_id="take", priority=2))
    fighting = frame(doc, 5, 6, CLASH, date=sunday)
    merged = happenings.one_per_happening([fighting, takeover], doc)
    assert merged == [takeover] and takeover.date == sunday


def test_coordinated_trigger_verbs_stay_two_happenings():
    doc = hand_doc("Troops/NOUN/nsubj/1 shelled/VERB/ROOT/1/shell and/CCONJ/cc/3 bombed/VERB/conj/1/bomb "
                   "the/DET/det/5 town/NOUN/obj/1 ./PUNCT/punct/1")
    frames = [frame(doc, 1, 2, SHELLING), frame(doc, 3, 4, entry("Air/drone strike", entry_id="bomb"))]
    assert len(happenings.one_per_happening(frames, doc)) == 2


def test_violence_a_sentence_tells_of_its_protesters_is_how_the_protest_went():
    doc = hand_doc("Police/NOUN/nsubj/1 fired/VERB/ROOT/1/fire on/ADP/case/3 protesters/NOUN/obl/1 ./PUNCT/punct/1")
    protesters = actor(doc, 3, 4, "Protesters (Syria)", "protesters", "protesters")
    police = actor(doc, 0, 1, "Police Forces of Syria", "state_forces", "police")
    protest = frame(doc, 3, 4, entry("Peaceful protest", entry_id="protest"))
    shooting = frame(doc, 1, 2, entry("Attack", entry_id="fire"), agent=police, targets=[protesters],
                     fatalities=toll(doc, 0, 1, 2))
    assert happenings.fold_into_protests([shooting, protest], doc) == [protest]
    assert protest.fatalities.count == 2


def test_what_a_protest_was_about_is_its_cause_not_an_event_of_the_article():
    doc = hand_doc("Students/NOUN/nsubj/1 protested/VERB/ROOT/1/protest after/SCONJ/mark/4 police/NOUN/nsubj/4 "
                   "shot/VERB/advcl/1/shoot a/DET/det/6 man/NOUN/obj/4 ./PUNCT/punct/1")
    police = actor(doc, 3, 4, "Police Forces of Kenya", "state_forces", "police")
    protest = frame(doc, 1, 2, entry("Peaceful protest", entry_id="protest"), targets=[police])
    shooting = frame(doc, 4, 5, entry("Attack", entry_id="fire", priority=3), agent=police)
    assert grievances.without_grievances([protest, shooting], context(doc)) == [protest]
    assert protest.grievance == frozenset(range(2, 7))  # the words its `when` rules do not read
    grievances.drop_grievance_sides([protest])
    assert protest.targets == []  # who did what the protest answers is no side of the protest


def test_an_after_clause_on_the_verb_of_another_event_is_no_grievance():
    # "police shot dead two protesters after they burned tyres": how the protest went
    doc = hand_doc("Police/NOUN/nsubj/1 shot/VERB/ROOT/1/shoot protesters/NOUN/dobj/1 after/SCONJ/mark/5 "
                   "they/PRON/nsubj/5 burned/VERB/advcl/1/burn tyres/NOUN/dobj/5 ./PUNCT/punct/1")
    shooting = frame(doc, 1, 2, entry("Attack", entry_id="fire", priority=3))
    protest = frame(doc, 2, 3, entry("Peaceful protest", entry_id="protest"))
    burning = frame(doc, 5, 6, entry("Looting/property destruction", entry_id="burning"))
    assert grievances.without_grievances([shooting, protest, burning], context(doc)) == [shooting, protest, burning]


def test_an_event_without_a_target_is_against_those_its_sentence_says_were_killed():
    doc = hand_doc("Troops/NOUN/nsubj/1 shelled/VERB/ROOT/1/shell Kharkiv/PROPN/obj/1 ,/PUNCT/punct/1 "
                   "killing/VERB/advcl/1/kill three/NUM/nummod/6 civilians/NOUN/obj/4 ./PUNCT/punct/1")
    civilians = actor(doc, 5, 7, "Civilians (Ukraine)", "civilians", "civilians")
    shelling = frame(doc, 1, 2, SHELLING)
    deaths = frame(doc, 4, 5, entry("Attack", entry_id="kill", death_only=True), targets=[civilians])
    happenings.add_victims([shelling], [deaths], doc)
    assert shelling.targets == [civilians]


# --- subtypes ------------------------------------------------------------------------------------


def test_the_sub_type_is_refined_by_who_acts_and_by_the_words_of_the_sentence():
    doc = hand_doc("Soldiers/NOUN/nsubj/1 seized/VERB/ROOT/1/seize the/DET/det/3 town/NOUN/obj/1 "
                   "by/ADP/case/5 drone/NOUN/obl/1 ./PUNCT/punct/1")
    takeover = entry("Non-state actor overtakes territory", when=[
        Refinement(agent="state", sub_event_type="Government regains territory")])
    soldiers = actor(doc, 0, 1, "Military Forces of Syria", "state_forces")
    rebels = actor(doc, 0, 1, "Opposition Rebels (Syria)", "rebel_group")
    assert sub_event_type(frame(doc, 1, 2, takeover, agent=soldiers), doc, "en") == "Government regains territory"
    assert sub_event_type(frame(doc, 1, 2, takeover, agent=rebels), doc, "en") == "Non-state actor overtakes territory"
    strike = entry("Shelling/artillery/missile attack", when=[Refinement(context=["drone"],
                                                                         sub_event_type="Air/drone strike")])
    assert sub_event_type(frame(doc, 1, 2, strike), doc, "en") == "Air/drone strike"



def test_a_place_taken_from_the_state_s_forces_with_no_taker_named_is_taken_by_a_non_state_actor():
    # "Last month, they captured the army's base": "they" names no one the sentence can resolve
    doc = hand_doc("They/PRON/nsubj/1 captured/VERB/ROOT/1/capture the/DET/det/4 army/NOUN/nmod:poss/4 "
                   "base/NOUN/obj/1 ./PUNCT/punct/1")
    for code in ("en", "fr"):
        takeover = next(e for e in entries_for(code) if e.id == "territory_take")
        army = actor(doc, 3, 4, "Military Forces of Syria", "state_forces")
        rebels = actor(doc, 3, 4, "Opposition Rebels (Syria)", "rebel_group")
        assert sub_event_type(frame(doc, 1, 2, takeover, targets=[army]), doc, code) == \
            "Non-state actor overtakes territory"
        assert sub_event_type(frame(doc, 1, 2, takeover, agent=army, targets=[army]), doc, code) == \
            "Government regains territory"
        assert sub_event_type(frame(doc, 1, 2, takeover, targets=[rebels]), doc, code) == \
            "Government regains territory"

# --- event_date ----------------------------------------------------------------------------------

PARAGRAPHS = ("Gunmen/NOUN/nsubj/1 attacked/VERB/ROOT/1/attack a/DET/det/3 convoy/NOUN/obj/1 on/ADP/case/5 "
              "Sunday/PROPN/obl/1 ./PUNCT/punct/1",
              "Troops/NOUN/nsubj/1 fought/VERB/ROOT/1/fight back/ADV/advmod/1 ./PUNCT/punct/1",
              "¶",
              "The/DET/det/1 next/ADJ/amod/2 day/NOUN/obl/3 clashes/NOUN/nsubj/4 erupted/VERB/ROOT/4/erupt "
              "./PUNCT/punct/4",
              "¶", "Shelling/NOUN/nsubj/1 continued/VERB/ROOT/1/continue ./PUNCT/punct/1",
              "¶", "Rebels/NOUN/nsubj/1 retreated/VERB/ROOT/1/retreat ./PUNCT/punct/1")


def test_an_event_takes_its_own_date_else_the_date_of_the_story_told_just_before_else_publication():
    doc = hand_doc(*PARAGRAPHS)
    sunday = day(doc, 5, 6, date(2020, 3, 8))
    next_day = day(doc, 12, 15, date(2020, 3, 11), after_previous=1)
    ctx = context(doc, dates=[sunday, next_day])
    told = Told(PUBLISHED)
    attack = frame(doc, 1, 2, entry("Attack"), date=sunday)
    assert event_date(attack, ctx, told) == sunday
    told.append(event("a", "Attack", sunday.date, start=doc[1].idx))
    # the same paragraph, no date of its own: the story goes on at Sunday
    assert event_date(frame(doc, 8, 9, CLASH), ctx, told).date == sunday.date
    # "the next day": counted from the date told before
    assert event_date(frame(doc, 15, 16, CLASH, date=next_day), ctx, told).date == date(2020, 3, 9)
    # two paragraphs later with no date: the day the article is about, the first it names
    rebels = next(t.i for t in doc if t.text == "retreated")
    assert event_date(frame(doc, rebels, rebels + 1, CLASH), ctx, told).date == sunday.date
    # an article that names no day: the publication day, as a span of days
    undated = event_date(frame(doc, rebels, rebels + 1, CLASH), context(doc), Told(PUBLISHED))
    assert undated.date == PUBLISHED and undated.time_precision == TimePrecision.WEEK_OR_SPAN


def test_an_event_the_text_dates_weeks_before_publication_is_background():
    assert is_background(event("a", "Attack", PUBLISHED - timedelta(days=60)), PUBLISHED)
    assert not is_background(event("a", "Attack", PUBLISHED - timedelta(days=20)), PUBLISHED)
    # a date the text does not give (the publication day, or an earlier event's) is never background
    assert not is_background(event("a", "Attack", PUBLISHED - timedelta(days=60), dated_in_text=False), PUBLISHED)


def test_for_the_nth_straight_day_is_n_days():
    doc = hand_doc("Strikes/NOUN/nsubj/1 hit/VERB/ROOT/1/hit for/ADP/case/6 the/DET/det/6 third/ADJ/amod/6 "
                   "straight/ADJ/amod/6 day/NOUN/obl/1 ./PUNCT/punct/1")
    assert consecutive_days(doc[0].sent, "en") == 3


# --- event_place ---------------------------------------------------------------------------------


def test_the_event_place_is_the_most_precise_attached_else_one_named_before_in_its_paragraph():
    doc = hand_doc("Shelling/NOUN/nsubj/1 hit/VERB/ROOT/1/hit Aleppo/PROPN/obj/1 ./PUNCT/punct/1",
                   "Clashes/NOUN/nsubj/1 followed/VERB/ROOT/1/follow ./PUNCT/punct/1",
                   "¶", "Troops/NOUN/nsubj/1 advanced/VERB/ROOT/1/advance ./PUNCT/punct/1")
    aleppo = place(doc, 2, 3, "Aleppo", 36.2, 37.16)
    ctx = context(doc, places=[aleppo])
    assert choose_location(frame(doc, 0, 1, SHELLING, places=[0]), ctx).name == "Aleppo"
    later = choose_location(frame(doc, 4, 5, CLASH), ctx)
    assert later.name == "Aleppo" and later.geo_precision == GeoPrecision.NEAR_OR_PART_OF
    assert "earlier in the paragraph" in later.reason
    elsewhere = choose_location(frame(doc, 9, 10, CLASH), ctx)
    assert "most named place" in elsewhere.reason


# --- event_actors --------------------------------------------------------------------------------


def test_protesters_are_coded_by_what_they_do_and_actor2_is_never_actor1():
    doc = hand_doc("People/NOUN/nsubj/1 demonstrated/VERB/ROOT/1/demonstrate ./PUNCT/punct/1")
    people = actor(doc, 0, 1, None)
    actor1, actor2 = choose_actors(frame(doc, 1, 2, entry("Peaceful protest"), agent=people),
                                   lookup("Peaceful protest"), None, published=PUBLISHED, country="Syria")
    assert actor1.name == "Protesters (Syria)" and actor1.text == "People" and actor2 is None
    army = actor(doc, 0, 1, "Military Forces of Syria", "state_forces")
    rebels = actor(doc, 0, 1, "Opposition Rebels (Syria)", "rebel_group")
    actor1, actor2 = choose_actors(frame(doc, 1, 2, CLASH, agent=army, targets=[army, rebels]),
                                   lookup("Armed clash"), None, published=PUBLISHED, country="Syria")
    assert (actor1.name, actor2.name) == ("Military Forces of Syria", "Opposition Rebels (Syria)")



def test_a_riot_is_its_rioters_against_the_forces_its_clause_names():
    doc = hand_doc("Police/NOUN/nsubj/1 clashed/VERB/ROOT/1/clash with/ADP/case/3 residents/NOUN/obl/1 ./PUNCT/punct/1")
    police = actor(doc, 0, 1, "Police Forces of Syria", "state_forces", "police")
    residents = actor(doc, 3, 4, "Civilians (Syria)", "civilians", "civilians")
    actor1, actor2 = choose_actors(frame(doc, 1, 2, entry("Violent demonstration"), agent=police, targets=[residents]),
                                   lookup("Violent demonstration"), None, published=PUBLISHED, country="Syria")
    assert (actor1.name, actor2.name) == ("Rioters (Syria)", "Police Forces of Syria")
    assert actor1.span is None  # no words of the text name the rioters
    protesters = actor(doc, 3, 4, "Protesters (Syria)", "protesters", "protesters")
    actor1, actor2 = choose_actors(frame(doc, 1, 2, entry("Violent demonstration"), agent=protesters,
                                         targets=[protesters]),
                                   lookup("Violent demonstration"), None, published=PUBLISHED, country="Syria")
    assert actor1.name == "Rioters (Syria)" and actor1.text == "residents" and actor2 is None


def test_civilians_or_protesters_named_as_subject_of_violence_are_its_victims():
    doc = hand_doc("Villagers/NOUN/nsubj/1 fled/VERB/ROOT/1/flee the/DET/det/3 shelling/NOUN/obj/1 ./PUNCT/punct/1")
    villagers = actor(doc, 0, 1, "Civilians (Syria)", "civilians", "civilians")
    actor1, actor2 = choose_actors(frame(doc, 3, 4, SHELLING, agent=villagers), lookup("Shelling/artillery/missile attack"),
                                   None, published=PUBLISHED, country="Syria")
    assert actor1 is None and actor2.name == "Civilians (Syria)"
    bomb = entry("Remote explosive/landmine/IED")
    actor1, actor2 = choose_actors(frame(doc, 3, 4, bomb, agent=villagers), lookup("Remote explosive/landmine/IED"),
                                   None, published=PUBLISHED, country="Syria")
    assert actor1.name == "Unidentified Armed Group (Syria)" and actor2.name == "Civilians (Syria)"


def test_generic_actors_take_the_country_where_the_event_happened():
    doc = hand_doc("Gunmen/NOUN/nsubj/1 killed/VERB/ROOT/1/kill Malian/ADJ/amod/3 civilians/NOUN/obj/1 "
                   "and/CCONJ/cc/6 Syrian/ADJ/amod/6 soldiers/NOUN/conj/3 ./PUNCT/punct/1")
    gunmen = actor(doc, 0, 1, "Unidentified Armed Group (Syria)", "political_militia", "unidentified")
    gunmen.actor.actor_id, gunmen.actor.country = "unidentified:Syria", "Syria"  # the article's focus gave it
    malians = actor(doc, 2, 4, "Civilians (Mali)", "civilians", "civilians")
    malians.actor.actor_id, malians.actor.country = "civilians:Mali", "Mali"  # its own adjective did
    in_burkina = place(doc, 2, 3, "Djibo", 14.1, -1.63, country="Burkina Faso")
    actor1, actor2 = choose_actors(frame(doc, 1, 2, entry("Attack"), agent=gunmen, targets=[malians]),
                                   lookup("Attack"), in_burkina.location, published=PUBLISHED, country="Syria")
    assert (actor1.name, actor2.name) == ("Unidentified Armed Group (Burkina Faso)", "Civilians (Mali)")
    assert actor1.text == "Gunmen"
    in_syria = place(doc, 2, 3, "Aleppo", 36.2, 37.16)
    soldiers = actor(doc, 5, 7, "Military Forces of Syria", "state_forces", "military")
    actor1, _ = choose_actors(frame(doc, 1, 2, entry("Attack"), agent=soldiers), lookup("Attack"),
                              in_burkina.location, published=PUBLISHED, country="Syria")
    assert actor1.name == "Military Forces of Syria"  # state forces keep their country
    civilians = actor(doc, 2, 4, "Civilians (Syria)", "civilians", "civilians")
    civilians.actor.actor_id, civilians.actor.country = "civilians:Syria", "Syria"
    _, actor2 = choose_actors(frame(doc, 1, 2, entry("Attack"), agent=gunmen, targets=[civilians]), lookup("Attack"),
                              in_syria.location, published=PUBLISHED, country="Syria")
    assert actor2.name == "Civilians (Syria)"

# --- tolls ---------------------------------------------------------------------------------------


def _toll(count: int, *, vague: bool = False, additional: bool = False) -> FatalityMention:
    return FatalityMention(span=Span(start=100, end=110, text=f"{count} killed"), count=count, vague=vague,
                           additional=additional)


def test_a_precise_toll_replaces_a_vague_one_and_deaths_told_as_more_add_up():
    vague = event("a", "Attack", PUBLISHED, fatalities=12, toll_text="dozens")
    vague.toll_is_vague = True
    add_toll(vague, _toll(14), [])
    assert vague.fatalities == 14 and not vague.toll_is_vague
    precise = event("b", "Attack", PUBLISHED, fatalities=5, toll_text="5 killed")
    add_toll(precise, _toll(12, vague=True), [])
    add_toll(precise, _toll(9), [])
    assert precise.fatalities == 5
    add_toll(precise, _toll(3, additional=True), [])
    assert precise.fatalities == 8 and precise.fatalities_text == "5 killed; 3 killed"


def test_a_toll_told_elsewhere_brings_its_sources():
    untold = event("a", "Attack", PUBLISHED, sources=("SOHR",))
    add_toll(untold, _toll(7), [named("SOHR", "external_other"), named("AFP", "external_other")])
    assert untold.fatalities == 7 and [s.name for s in untold.reported_by] == ["SOHR", "AFP"]


# --- tellings ------------------------------------------------------------------------------------


def test_one_happening_told_twice_is_one_event_with_the_later_toll_and_sources():
    first = event("a", "Armed clash", PUBLISHED, start=0, sources=("AFP",))
    again = event("b", "Armed clash", PUBLISHED, start=300, fatalities=14, toll_text="14 killed", sources=("SOHR",))
    elsewhere = event("c", "Armed clash", PUBLISHED, start=600, place_name="Homs")
    later = event("d", "Armed clash", PUBLISHED + timedelta(days=2), start=900)
    merged = tellings.merge_repeated([first, again, elsewhere, later])
    assert [e.event_id for e in merged] == ["a", "c", "d"]
    assert first.fatalities == 14 and [s.name for s in first.reported_by] == ["AFP", "SOHR"]


def test_an_incident_told_in_a_district_and_in_a_town_of_it_is_one_event_at_the_town():
    district = event("a", "Air/drone strike", PUBLISHED, start=0, fatalities=4, toll_text="four militants")
    district.location = district.location.model_copy(update={"name": "Idlib District", "feature": "admin2",
                                                              "geo_precision": GeoPrecision.NEAR_OR_PART_OF})
    town = event("b", "Air/drone strike", PUBLISHED, start=300, place_name="Atarib")
    town.location = town.location.model_copy(update={"latitude": 36.05, "longitude": 36.95, "feature": "populated_place"})
    far = event("c", "Air/drone strike", PUBLISHED, start=600, place_name="Manbij")
    far.location = far.location.model_copy(update={"latitude": 36.53, "longitude": 37.95, "feature": "populated_place"})
    # the district's point is Aleppo's in these hand-made events: the town lies 25 km from it, Manbij 80
    merged = tellings.merge_repeated([district, town, far])
    assert [(e.event_id, e.location.name, e.fatalities) for e in merged] == [("a", "Atarib", 4), ("c", "Manbij", None)]


def test_a_protest_and_its_riot_the_same_day_are_one_violent_demonstration():
    # "The protest began outside parliament on Friday" ... "on Friday protesters broke into the offices"
    protest = event("a", "Peaceful protest", PUBLISHED, start=0, actor1=named("Protesters (Syria)", "protesters"))
    riot = event("b", "Violent demonstration", PUBLISHED, start=300, actor1=named("Rioters (Syria)", "rioters"))
    merged = tellings.merge_repeated([protest, riot], PUBLISHED)
    assert [(e.event_id, e.sub_event_type, e.actor1.name) for e in merged] == [
        ("a", "Violent demonstration", "Rioters (Syria)")]
    # protesters fired upon, and a riot elsewhere in the country or the same day
    shot = event("c", "Excessive force against protesters", PUBLISHED, start=0,
                 actor1=named("Protesters (Syria)", "protesters"))
    riot = event("d", "Violent demonstration", PUBLISHED, start=300, actor1=named("Rioters (Syria)", "rioters"))
    in_the_country = event("e", "Peaceful protest", PUBLISHED, start=600, actor1=named("Protesters (Syria)", "protesters"))
    riot_in_the_country = event("f", "Violent demonstration", PUBLISHED, start=900,
                                actor1=named("Rioters (Syria)", "rioters"))
    for told in (in_the_country, riot_in_the_country):
        told.location = told.location.model_copy(update={"name": "Syria", "geo_precision": GeoPrecision.REGION})
    assert len(tellings.merge_repeated([shot, riot], PUBLISHED)) == 2
    assert len(tellings.merge_repeated([in_the_country, riot_in_the_country], PUBLISHED)) == 2


def test_an_ambush_told_in_an_unknown_village_of_a_province_and_at_a_town_of_it_is_one_clash():
    # "an ambush by NPA rebels in a village in Ifugao province" ... "the rebels attacked them in
    # Gumhang, Tinoc town": the unnamed rebels are no third side
    npa, army = named("NPA: New People's Army", "rebel_group"), named("Military Forces of the Philippines")
    rebels = named("Unidentified Armed Group (Philippines)", "rebel_group", role="rebels")
    province = event("a", "Armed clash", PUBLISHED, start=0, fatalities=12, toll_text="Eleven soldiers",
                     actor1=npa, actor2=army)
    province.location = province.location.model_copy(update={
        "name": "Ifugao", "feature": "admin1", "geo_precision": GeoPrecision.NEAR_OR_PART_OF, "country": "Philippines"})
    town = event("b", "Armed clash", PUBLISHED, start=300, actor1=rebels, actor2=army, place_name="Gumhang")
    town.location = town.location.model_copy(update={"admin1": "Ifugao", "feature": "populated_place",
                                                     "country": "Philippines"})
    other_province = town.model_copy(deep=True, update={"event_id": "c"})
    other_province.location = other_province.location.model_copy(update={"name": "Kiangan", "admin1": "Benguet"})
    merged = tellings.merge_repeated([province, town, other_province])
    assert [(e.event_id, e.location.name, e.actor1.name, e.fatalities) for e in merged] == [
        ("a", "Gumhang", "NPA: New People's Army", 12), ("c", "Kiangan", "Unidentified Armed Group (Philippines)", None)]


def test_tellings_dated_by_one_night_may_fall_on_either_of_its_days():
    # "la nuit de mardi à mercredi" (the event's date words start at character 20) read as
    # Tuesday in one telling, as Wednesday in another ("vers 3 heures")
    tuesday = event("a", "Armed clash", PUBLISHED - timedelta(days=1), start=0)
    wednesday = event("b", "Armed clash", PUBLISHED, start=300)
    assert len(tellings.merge_repeated([tuesday, wednesday])) == 2
    assert [e.event_id for e in tellings.merge_repeated([tuesday, wednesday], date_words=DateWords(nights=frozenset({20})))] == ["a"]


def test_a_telling_dated_by_its_report_may_be_of_the_day_before_unless_the_two_count_different_dead():
    # "Rebels captured the base, activists said Monday" (date words at 20) ... "the rebels entered
    # the base on Sunday afternoon" (date words at 320): one capture, on Sunday
    lead = event("a", "Non-state actor overtakes territory", PUBLISHED, start=0)
    own = event("b", "Non-state actor overtakes territory", PUBLISHED - timedelta(days=1), start=300)
    merged = tellings.merge_repeated([lead, own], date_words=DateWords(reported=frozenset({20})))
    assert [(e.event_id, e.date) for e in merged] == [("a", PUBLISHED - timedelta(days=1))]
    assert len(tellings.merge_repeated([event("a", "Attack", PUBLISHED, start=0),
                                        event("b", "Attack", PUBLISHED - timedelta(days=1), start=300)])) == 2
    # "... hacked 22 civilians to death, officials said on Sunday" ... "a day after six were killed"
    raid = event("c", "Attack", PUBLISHED, start=0, fatalities=22, toll_text="22 civilians")
    day_before = event("d", "Attack", PUBLISHED - timedelta(days=1), start=300, fatalities=6, toll_text="six")
    assert len(tellings.merge_repeated([raid, day_before], date_words=DateWords(reported=frozenset({20})))) == 2


def test_a_telling_of_a_country_dated_by_its_report_may_be_of_the_week_before():
    # "a chemical attack near Damascus on 21 August" ... "«the use of chemical weapons in Syria»,
    # the president said on Tuesday" (date words at 320, a report's): one attack, on the 21st
    def told(event_id: str, when: date, start: int, place: GeoPrecision) -> Event:
        telling = event(event_id, "Chemical weapon", when, start=start)
        telling.location = telling.location.model_copy(update={"geo_precision": place})
        return telling

    speech = DateWords(reported=frozenset({320}))
    attack = told("a", PUBLISHED - timedelta(days=6), 0, GeoPrecision.NAMED_PLACE)
    merged = tellings.merge_repeated([attack, told("b", PUBLISHED, 300, GeoPrecision.REGION)], date_words=speech)
    assert [(e.event_id, e.date) for e in merged] == [("a", PUBLISHED - timedelta(days=6))]
    # a town named with it, or an incident after the speech: another incident
    assert len(tellings.merge_repeated([told("a", PUBLISHED - timedelta(days=6), 0, GeoPrecision.NAMED_PLACE),
                                        told("b", PUBLISHED, 300, GeoPrecision.NAMED_PLACE)], date_words=speech)) == 2
    assert len(tellings.merge_repeated([told("a", PUBLISHED + timedelta(days=2), 0, GeoPrecision.NAMED_PLACE),
                                        told("b", PUBLISHED, 300, GeoPrecision.REGION)], date_words=speech)) == 2


def test_a_telling_dated_by_recent_days_is_the_telling_of_its_day_within_them():
    # "Protesters have stormed the ministry in recent days" (date words at 20) ... "protesters
    # stormed the ministry on Friday" (date words at 320): one riot, on Friday
    recent = DateWords(periods={20: (PUBLISHED - timedelta(days=7), PUBLISHED)})

    def lead() -> Event:
        return event("a", "Violent demonstration", PUBLISHED - timedelta(days=4), start=0)

    friday = event("b", "Violent demonstration", PUBLISHED - timedelta(days=1), start=300)
    assert len(tellings.merge_repeated([lead(), friday.model_copy(deep=True)])) == 2
    assert [(e.event_id, e.date) for e in tellings.merge_repeated([lead(), friday], date_words=recent)] == [
        ("a", PUBLISHED - timedelta(days=1))]
    # a day before the period is another incident
    long_before = event("c", "Violent demonstration", PUBLISHED - timedelta(days=9), start=300)
    assert len(tellings.merge_repeated([lead(), long_before], date_words=recent)) == 2


def test_an_actor_no_words_name_is_no_other_side_and_gives_way_to_the_named_one():
    # "Israeli forces detained 26 Palestinians in overnight raids" ... "Among the detainees was a
    # senior official, who was arrested in the town" (the police the arrest implies, no words)
    army = named("Military Forces of Israel")
    implied_police = named("Police Forces of Palestine", in_words=False)
    raids = event("a", "Arrests", PUBLISHED, start=300, place_name=None, actor1=army)
    among = event("b", "Arrests", PUBLISHED, start=0, actor1=implied_police)
    merged = tellings.merge_repeated([raids, among])
    assert [(e.event_id, e.actor1.name) for e in merged] == [("b", "Military Forces of Israel")]
    # named by words of its own, the police are another side: two arrests
    police = named("Police Forces of Palestine")
    assert len(tellings.merge_repeated([event("a", "Arrests", PUBLISHED, start=300, place_name=None, actor1=army),
                                        event("b", "Arrests", PUBLISHED, start=0, actor1=police)])) == 2


def test_a_withdrawal_the_day_another_side_takes_the_place_is_that_takeover_told_from_the_losing_side():
    # "government troops took Sloviansk" ... "the rebels were evacuating"
    army, rebels = named("Military Forces of Ukraine"), named("DPR: Donetsk People's Republic", "rebel_group")
    takeover = event("a", "Government regains territory", PUBLISHED, start=0, actor1=army)
    withdrawal = event("b", "Non-violent transfer of territory", PUBLISHED, start=300, actor1=rebels)
    merged = tellings.merge_repeated([takeover, withdrawal])
    assert [(e.event_id, e.actor1.name, e.actor2.name) for e in merged] == [("a", army.name, rebels.name)]
    # the taker itself leaving is another event
    leaving = event("c", "Non-violent transfer of territory", PUBLISHED, start=300, actor1=army)
    assert len(tellings.merge_repeated([event("d", "Government regains territory", PUBLISHED, actor1=army),
                                        leaving])) == 2


def test_a_toll_that_adds_up_the_tolls_of_days_told_apart_is_their_total_not_an_event():
    # "at least 110 people were killed over the weekend" ... "60 on Friday and 50 on Saturday"
    weekend = event("a", "Attack", PUBLISHED, start=0, fatalities=110, toll_text="110 people")
    friday = event("b", "Attack", PUBLISHED - timedelta(days=2), start=300, fatalities=60, toll_text="60 people")
    saturday = event("c", "Attack", PUBLISHED - timedelta(days=1), start=600, fatalities=50, toll_text="50")
    assert [e.event_id for e in tellings.drop_totals([weekend, friday, saturday])] == ["b", "c"]
    # a toll that is no such sum stays an event of its own
    other = event("d", "Attack", PUBLISHED, start=0, fatalities=12, toll_text="12 people")
    assert [e.event_id for e in tellings.drop_totals([other, friday, saturday])] == ["d", "b", "c"]


def test_a_demonstration_and_its_policing_name_the_crowd_and_the_forces_in_either_order():
    # "protesters hurled Molotov cocktails at police" ... "three were shot dead by security forces"
    police, army = named("Police Forces of Syria"), named("Military Forces of Syria")
    riot = event("a", "Violent demonstration", PUBLISHED, start=0, actor1=named("Rioters (Syria)", "rioters"),
                 actor2=police)
    shooting = event("b", "Attack", PUBLISHED, start=300, fatalities=3, toll_text="three", actor1=police,
                     actor2=named("Protesters (Syria)", "protesters"))
    merged = tellings.merge_repeated([riot, shooting], PUBLISHED)
    assert [(e.event_id, e.sub_event_type, e.fatalities) for e in merged] == [("a", "Violent demonstration", 3)]
    # other forces than those the crowd faced
    by_the_army = shooting.model_copy(update={"actor1": army})
    assert len(tellings.merge_repeated([riot.model_copy(deep=True), by_the_army], PUBLISHED)) == 2


def test_clashes_with_no_armed_side_on_a_day_of_riots_are_riots():
    # "des émeutiers ont incendié des voitures à Nanterre" ... "des affrontements ont éclaté à Colombes"
    riot = event("a", "Violent demonstration", PUBLISHED, start=0, actor1=named("Rioters (Syria)", "rioters"))
    clashes = event("b", "Armed clash", PUBLISHED, start=300, place_name="Homs")
    rebels_clash = event("c", "Armed clash", PUBLISHED, start=600, place_name="Hama",
                         actor1=named("Opposition Rebels (Syria)", "rebel_group"))
    other_day = event("d", "Armed clash", PUBLISHED - timedelta(days=3), start=900, place_name="Idlib")
    crowds.clashes_of_unrest([riot, clashes, rebels_clash, other_day], PUBLISHED)
    assert [(e.sub_event_type, e.actor1.name if e.actor1 else None) for e in (clashes, rebels_clash, other_day)] == [
        ("Violent demonstration", "Rioters (Syria)"), ("Armed clash", "Opposition Rebels (Syria)"), ("Armed clash", None)]


def test_a_title_repeats_the_body_and_is_kept_only_where_the_body_lacks_its_event():
    doc = hand_doc("Clashes/NOUN/ROOT/0 in/ADP/case/2 Aleppo/PROPN/nmod/0", "¶",
                   "Rebels/NOUN/nsubj/1 clashed/VERB/ROOT/1/clash with/ADP/case/3 troops/NOUN/obl/1 ./PUNCT/punct/1")
    ctx = context(doc)
    title = event("t", "Armed clash", PUBLISHED, start=0)
    body = event("b", "Armed clash", PUBLISHED, start=doc[4].idx)
    assert [e.event_id for e in tellings.drop_title_repeats([title, body], ctx.text, ctx.lines)] == ["b"]
    strike = event("s", "Air/drone strike", PUBLISHED, start=0)
    assert [e.event_id for e in tellings.drop_title_repeats([strike, body], ctx.text, ctx.lines)] == ["s", "b"]


def test_a_title_lends_its_actors_to_the_body_s_telling_that_names_none():
    doc = hand_doc("Gunmen/NOUN/nsubj/1 ambush/VERB/ROOT/1/ambush police/NOUN/obj/1", "¶",
                   "The/DET/det/1 convoy/NOUN/nsubj:pass/3 was/AUX/aux:pass/3 ambushed/VERB/ROOT/3/ambush ./PUNCT/punct/3")
    ctx = context(doc)
    gunmen, police = named("Unidentified Armed Group (Mexico)", "political_militia"), named("Police Forces of Mexico")
    title = event("t", "Armed clash", PUBLISHED, start=0, actor1=gunmen, actor2=police)
    body = event("b", "Armed clash", PUBLISHED, start=doc[4].idx)
    kept = tellings.drop_title_repeats([title, body], ctx.text, ctx.lines)
    assert [(e.event_id, e.actor1.name, e.actor2.name) for e in kept] == [("b", gunmen.name, police.name)]


def test_a_definite_noun_refers_back_to_the_event_of_its_type_told_last():
    doc = hand_doc("Ten/NUM/nummod/1 fighters/NOUN/nsubj:pass/3 were/AUX/aux:pass/3 killed/VERB/ROOT/3/kill "
                   "in/ADP/case/6 the/DET/det/6//Definite=Def clashes/NOUN/obl/3/clash ./PUNCT/punct/3")
    told = Told(PUBLISHED, [event("a", "Armed clash", PUBLISHED, start=0), event("b", "Attack", PUBLISHED, start=5)])
    assert tellings.told_before(frame(doc, 6, 7, CLASH), told, context(doc)).event_id == "a"
    assert tellings.told_before(frame(doc, 6, 7, entry("Arrests")), told, context(doc)) is None



def test_this_massacre_refers_back_to_the_armed_violence_told_last_whatever_its_type():
    # "a chemical attack killed hundreds ... «Ce massacre ne peut pas rester sans réponse»"
    def telling(determiner: str) -> Doc:
        return hand_doc(f"Leaders/NOUN/nsubj/1 condemned/VERB/ROOT/1/condemn {determiner} "
                        "massacre/NOUN/obj/1/massacre ./PUNCT/punct/1")
    told = Told(PUBLISHED, [event("a", "Chemical weapon", PUBLISHED, start=0)])
    this = telling("this/DET/det/3//PronType=Dem")
    assert tellings.told_before(frame(this, 3, 4, entry("Attack")), told, context(this)).event_id == "a"
    the = telling("the/DET/det/3//Definite=Def")  # "the massacre": one of its own type only
    assert tellings.told_before(frame(the, 3, 4, entry("Attack")), told, context(the)) is None

# --- death_reports -------------------------------------------------------------------------------


def test_a_bare_toll_completes_the_violent_event_of_its_day():
    doc = hand_doc("Troops/NOUN/nsubj/1 shelled/VERB/ROOT/1/shell the/DET/det/3 town/NOUN/obj/1 "
                   "on/ADP/case/5 Sunday/PROPN/obl/1 ./PUNCT/punct/1",
                   "SOHR/PROPN/nsubj/1 reported/VERB/ROOT/1/report 68/NUM/nummod/3 deaths/NOUN/obj/1 "
                   "on/ADP/case/5 Sunday/PROPN/obl/1 ./PUNCT/punct/1")
    sunday = date(2020, 3, 8)
    ctx = context(doc, dates=[day(doc, 5, 6, sunday), day(doc, 12, 13, sunday)])
    shelling = frame(doc, 1, 2, SHELLING, date=ctx.dates[0])
    told = Told(PUBLISHED, [event("a", "Shelling/artillery/missile attack", sunday, start=doc[1].idx)])
    deaths = frame(doc, 10, 11, entry("Attack", death_only=True), date=ctx.dates[1], fatalities=toll(doc, 9, 11, 68))
    coded = death_reports.code_death_reports(told, [deaths], [shelling], ctx)
    assert len(coded) == 1 and coded[0].fatalities == 68


# --- article -------------------------------------------------------------------------------------


def test_an_unnamed_attacker_is_the_side_whose_operations_the_article_reports():
    army = named("Military Forces of Syria", role="military")
    rebels = named("Opposition Rebels (Syria)", "rebel_group", role="rebels")
    events = [event("a", "Armed clash", PUBLISHED, start=0, actor1=army),
              event("b", "Shelling/artillery/missile attack", PUBLISHED, start=100),
              event("c", "Remote explosive/landmine/IED", PUBLISHED, start=200),
              event("d", "Armed clash", PUBLISHED, start=300, actor1=rebels),
              event("e", "Air/drone strike", PUBLISHED, start=400)]
    article.carry_over_actors(events)
    assert events[1].actor1.name == army.name and events[1].actor1.inferred_from == "a"
    assert events[2].actor1 is None  # a bomb's author is not carried over
    assert events[4].actor1 is None  # armed groups rarely fly


def test_forces_policing_a_demonstration_carry_over_to_no_later_attack():
    army = named("Military Forces of Iraq", role="military")
    militia = named("Unidentified Armed Group (Iraq)", "political_militia", role="unidentified")
    protesters = named("Protesters (Iraq)", "protesters", role="protesters")
    events = [event("a", "Excessive force against protesters", PUBLISHED, start=0, actor1=army, actor2=protesters),
              event("b", "Shelling/artillery/missile attack", PUBLISHED, start=100),
              event("c", "Armed clash", PUBLISHED, start=200, actor1=militia),
              event("d", "Attack", PUBLISHED, start=300, actor1=army, actor2=protesters),
              event("e", "Shelling/artillery/missile attack", PUBLISHED, start=400)]
    article.carry_over_actors(events)
    assert events[1].actor1 is None
    assert events[4].actor1.name == militia.name  # the side whose operations were told last


# --- relevance -----------------------------------------------------------------------------------


def test_an_article_reports_political_violence_by_its_weapons_parties_or_war_victims():
    weapon = next(e for e in entries_for("en") if e.anchors)
    assert relevance.shows_political_violence(event("a", weapon.sub_event_type, PUBLISHED, rule=weapon.id), "en")
    army = named("Military Forces of Syria", role="military")
    assert relevance.shows_political_violence(event("b", "Attack", PUBLISHED, actor1=army), "en")
    police = named("Police Forces of Syria", role="police")
    man = named("a man", "civilians", role="civilians").model_copy(update={"name": None, "resolved": False})
    gunman = named("a gunman", "political_militia", role="lone_attacker")
    assert not relevance.shows_political_violence(event("c", "Attack", PUBLISHED, actor1=gunman, actor2=police), "en")
    victims = man.model_copy(update={"text": "civilians"})
    assert relevance.shows_political_violence(event("d", "Attack", PUBLISHED, actor1=gunman, actor2=victims), "en")
    # police using force on people are a party; police in a clash with robbers are crime news
    assert relevance.shows_political_violence(event("e", "Attack", PUBLISHED, actor1=police, actor2=man), "en")
    assert not relevance.shows_political_violence(event("f", "Armed clash", PUBLISHED, actor1=police), "en")


def test_an_article_naming_an_armed_group_by_its_name_reports_political_violence():
    doc = hand_doc("Al/PROPN/compound/1 Shabaab/PROPN/nsubj/2 struck/VERB/ROOT/2/strike and/CCONJ/cc/2 "
                   "gunmen/NOUN/conj/2 fled/VERB/conj/2/flee ./PUNCT/punct/2")
    shabaab = actor(doc, 0, 2, "Al Shabaab", "rebel_group")
    shabaab.actor.actor_id, shabaab.actor.country = "al_shabaab", "Somalia"
    gunmen = actor(doc, 4, 5, "Unidentified Armed Group (Somalia)", "political_militia", "unidentified")
    insurgents = actor(doc, 4, 5, "Unidentified Armed Group (Somalia)", "rebel_group", "rebels")
    unresolved = actor(doc, 0, 2, None, "rebel_group")  # a name the knowledge base does not know
    crime = event("a", "Attack", PUBLISHED)  # no side of its own
    assert relevance.reports_political_violence([crime], "en", [shabaab])
    assert relevance.reports_political_violence([crime], "en", [insurgents])
    assert not relevance.reports_political_violence([crime], "en", [gunmen, unresolved])  # as often criminals
    houthis = actor(doc, 0, 2, "Military Forces of Yemen (2016-) Supreme Political Council", "state_forces")
    houthis.actor.actor_id = "houthis"  # a force the knowledge base names apart from an army
    army = actor(doc, 0, 2, "Military Forces of the United States", "state_forces", "military")
    army.actor.actor_id = "us_military"  # "an Army veteran died" is no war news
    assert relevance.reports_political_violence([crime], "en", [houthis])
    assert not relevance.reports_political_violence([crime], "en", [army])
    assert not relevance.reports_political_violence([crime], "en")


def test_unnamed_gangs_are_a_party_only_where_acled_codes_gang_violence():
    def gang(country: str):
        return named(f"Unidentified Gang ({country})", "political_militia", role="gang").model_copy(
            update={"country": country})
    assert relevance.shows_political_violence(event("h", "Attack", PUBLISHED, actor1=gang("Haiti")), "en")
    assert not relevance.shows_political_violence(event("n", "Attack", PUBLISHED, actor1=gang("Norway")), "en")


# --- told: the indices agree with a scan of every event -------------------------------------------


def test_the_told_events_indices_answer_as_a_scan_of_every_event_would():
    rng = random.Random(7)
    kinds = ["Armed clash", "Attack", "Peaceful protest", "Air/drone strike"]
    events = []
    for n in range(300):
        when = None if rng.random() < 0.1 else PUBLISHED - timedelta(days=rng.choice([0, 1, 2, 60]))
        events.append(event(f"e{n}", rng.choice(kinds), when, start=rng.randrange(0, 2000),
                            claim_status=rng.choice(["asserted", "asserted", "denied"])))
    told = Told(PUBLISHED)
    for n, item in enumerate(events):
        told.append(item)
        seen = events[:n + 1]
        position = rng.randrange(0, 2100)
        dated = [e for e in seen if e.claim_status == "asserted" and e.evidence.trigger.start < position
                 and e.date is not None and not is_background(e, PUBLISHED)]
        assert told.latest_dated_before(position) is max(dated, key=lambda e: e.evidence.trigger.start, default=None)
        kind = rng.choice(kinds)
        of_kind = [e for e in seen if lookup(e.sub_event_type).event_type == lookup(kind).event_type
                   and e.claim_status == "asserted"]
        assert told.latest_of_type(lookup(kind).event_type) is (of_kind[-1] if of_kind else None)
        violent = [e for e in seen if lookup(e.sub_event_type).violent and e.claim_status == "asserted"
                   and e.date is not None and abs((e.date - PUBLISHED).days) <= 1]
        assert told.violent_around(PUBLISHED, 1) == violent
        start = rng.randrange(0, 2000)
        within = [e for e in seen if start <= e.evidence.trigger.start < start + 50]
        assert told.first_within(start, start + 50) is (within[0] if within else None)


def _generic_attack(event_id: str, when: date, **fields):
    attack = next(e for e in entries_for("en") if e.generic and not e.death_only)
    return event(event_id, "Armed clash", when, rule=attack.id, **fields)


def _coarse(item, country: str = "Syria"):
    item.location = item.location.model_copy(update={"name": country, "country": country,
                                                     "geo_precision": GeoPrecision.REGION})
    return item


def test_an_incident_told_generically_elsewhere_is_one_event_with_the_specific_type_and_place():
    title = _coarse(_generic_attack("t", PUBLISHED, start=0, fatalities=38, toll_text="38 killed"))
    strike = event("s", "Air/drone strike", PUBLISHED, start=100)
    strike.location = strike.location.model_copy(update={"country": "Syria"})
    merged = tellings.merge_repeated([title, strike])
    assert [e.event_id for e in merged] == ["s"]
    assert merged[0].sub_event_type == "Air/drone strike" and merged[0].fatalities == 38


def test_a_denial_covers_tellings_that_say_nothing_of_their_own_but_not_a_named_attack():
    strike = event("s", "Air/drone strike", PUBLISHED, start=100, claim_status="denied")
    strike.location = strike.location.model_copy(update={"country": "Syria"})
    unnamed = _coarse(_generic_attack("t", PUBLISHED, start=0))
    assert [e.claim_status for e in tellings.merge_repeated([unnamed, strike])] == ["denied"]
    named_attack = _generic_attack("n", PUBLISHED, start=0, actor1=named("HTS", "rebel_group", role=None))
    named_attack.location = named_attack.location.model_copy(update={"country": "Syria"})
    assert len(tellings.merge_repeated([named_attack, strike])) == 2


def test_a_denial_covers_a_later_telling_of_its_kind_with_nothing_of_its_own():
    # "The Kremlin denied that Russia was involved in a missile strike on a station in Kramatorsk
    # on Friday" ... "30 people had been killed in the strike" (an air force the strike implies,
    # the place and day the story's)
    def denied() -> Event:
        return event("d", "Shelling/artillery/missile attack", PUBLISHED, start=0, claim_status="denied",
                     actor1=named("Military Forces of Russia"))

    def strike(dated_in_its_sentence: bool) -> Event:
        told = event("s", "Air/drone strike", PUBLISHED, start=300, fatalities=30, toll_text="30 people",
                     actor1=named("Military Forces of Russia", in_words=False), dated_in_text=dated_in_its_sentence)
        told.location = told.location.model_copy(update={"span": Span(start=5, end=15, text="Kramatorsk")})
        told.evidence.sentence_span = Span(start=300, end=400, text="s")
        return told

    merged = tellings.merge_repeated([denied(), strike(dated_in_its_sentence=False)])
    assert [(e.event_id, e.claim_status, e.fatalities) for e in merged] == [("d", "denied", 30)]
    # a strike with a day of its own is one the denial does not speak of
    assert len(tellings.merge_repeated([denied(), strike(dated_in_its_sentence=True)])) == 2


def test_tellings_of_different_places_types_or_days_stay_apart():
    here = event("a", "Suicide bomb", PUBLISHED, start=0)
    there = event("b", "Suicide bomb", PUBLISHED, start=100, place_name="Arlit")
    shelling = event("c", "Shelling/artillery/missile attack", PUBLISHED, start=200)
    strike = event("d", "Air/drone strike", PUBLISHED, start=300)
    threat = event("e", "Air/drone strike", PUBLISHED, start=400, claim_status="hypothetical")
    assert len(tellings.merge_repeated([here, there, shelling, strike, threat])) == 5


def test_quoted_speech_reports_an_event_only_where_it_says_when_or_where():
    doc = hand_doc("“/PUNCT/punct/2 They/PRON/nsubj/2 attacked/VERB/ROOT/2/attack us/PRON/obj/2 ./PUNCT/punct/2 "
                   "”/PUNCT/punct/2",
                   "“/PUNCT/punct/2 Gunmen/NOUN/nsubj/2 attacked/VERB/ROOT/2/attack the/DET/det/4 convoy/NOUN/obj/2 "
                   "on/ADP/case/6 Sunday/PROPN/obl/2 ”/PUNCT/punct/2")
    gunmen = actor(doc, 7, 8, "Unidentified Armed Group (Syria)", "political_militia", "unidentified")
    sunday = day(doc, 12, 13, date(2020, 3, 8))
    ctx = context(doc, actors=[gunmen], dates=[sunday])
    assert not event_filter.keeps(frame(doc, 2, 3, CLASH, agent=gunmen), ctx)
    assert event_filter.keeps(frame(doc, 8, 9, CLASH, agent=gunmen, date=sunday), ctx)


def test_weeks_of_fighting_are_a_period_of_war_not_an_event():
    weeks = hand_doc("After/ADP/case/2 two/NUM/nummod/2 weeks/NOUN/obl/6//Number=Plur of/ADP/case/4 "
                     "fighting/NOUN/nmod/2/fighting ,/PUNCT/punct/6 rebels/NOUN/nsubj/6 withdrew/VERB/ROOT/6/withdraw "
                     "./PUNCT/punct/6")
    assert event_filter.is_a_period(weeks[4], "en")
    one_day = hand_doc("After/ADP/case/2 a/DET/det/2 day/NOUN/obl/6 of/ADP/case/4 fighting/NOUN/nmod/2/fighting "
                       ",/PUNCT/punct/6 rebels/NOUN/nsubj/6 withdrew/VERB/ROOT/6/withdraw ./PUNCT/punct/6")
    assert not event_filter.is_a_period(one_day[4], "en")
    french = hand_doc("Après/ADP/case/2 deux/NUM/nummod/2 semaines/NOUN/obl/5/semaine de/ADP/case/4 "
                      "combats/NOUN/nmod/2/combat le/DET/det/5 bilan/NOUN/ROOT/5")
    assert event_filter.is_a_period(french[4], "fr")


def test_a_demonstration_and_the_violence_of_its_crowd_are_one_event_of_the_worst_sub_type():
    protest = event("p", "Peaceful protest", PUBLISHED, start=0, actor1=named("Protesters (Syria)", "protesters"))
    clashes = event("c", "Armed clash", PUBLISHED, start=100,
                    actor1=named("Protesters (Syria)", "protesters"), actor2=named("Police Forces of Syria"))
    merged = tellings.merge_repeated([protest, clashes], PUBLISHED)
    assert len(merged) == 1
    assert merged[0].sub_event_type == "Violent demonstration" and merged[0].actor1.name == "Rioters (Syria)"


def test_violence_naming_an_armed_group_or_another_place_is_no_demonstrations():
    protest = event("p", "Peaceful protest", PUBLISHED, start=0)
    rebels = event("r", "Armed clash", PUBLISHED, start=100, actor1=named("Opposition Rebels (Syria)", "rebel_group"))
    unnamed_elsewhere = event("u", "Armed clash", PUBLISHED, start=200, place_name="Homs")
    assert len(tellings.merge_repeated([protest, rebels, unnamed_elsewhere], PUBLISHED)) == 3


def test_what_attackers_also_destroy_is_part_of_their_attack_unless_elsewhere():
    gunmen = named("Unidentified Armed Group (Syria)", "political_militia")
    attack = event("a", "Attack", PUBLISHED, start=100, actor1=gunmen)
    burning = event("b", "Looting/property destruction", PUBLISHED, start=0, actor1=gunmen)
    merged = tellings.merge_repeated([burning, attack], PUBLISHED)
    assert [e.event_id for e in merged] == ["a"]
    burning_elsewhere = event("c", "Looting/property destruction", PUBLISHED, start=200, actor1=gunmen,
                              place_name="Homs")
    assert len(tellings.merge_repeated([attack, burning_elsewhere], PUBLISHED)) == 2


def test_tellings_of_a_clash_that_each_name_one_side_are_one_event_between_both():
    police = named("Police Forces of Brazil (2023-)", "state_forces")
    gang = named("Unidentified Gang (Brazil)", "political_militia")
    raid = event("r", "Armed clash", PUBLISHED, start=0, actor1=police)
    shooting = event("s", "Armed clash", PUBLISHED, start=100, actor1=gang)
    merged = tellings.merge_repeated([raid, shooting], PUBLISHED)
    assert len(merged) == 1 and {merged[0].actor1.name, merged[0].actor2.name} == {police.name, gang.name}
    third = event("t", "Armed clash", PUBLISHED, start=200, actor1=named("Opposition Rebels (Syria)", "rebel_group"),
                  actor2=police)
    assert len(tellings.merge_repeated([raid, shooting, third], PUBLISHED)) == 2


def test_unnamed_attackers_may_be_the_group_another_telling_names_but_not_an_army():
    group = named("Islamic State (Sahel)", "rebel_group", role=None)
    attackers = named("Unidentified Armed Group (Niger)", "political_militia", role="unidentified")
    attack = event("a", "Attack", PUBLISHED, start=0, actor1=group)
    burning = event("b", "Looting/property destruction", PUBLISHED, start=100, actor1=attackers)
    merged = tellings.merge_repeated([attack, burning], PUBLISHED)
    assert [(e.event_id, e.actor1.name) for e in merged] == [("a", group.name)]
    army = named("Military Forces of Niger (2023-)", "state_forces", role="military")
    assert len(tellings.merge_repeated([event("c", "Attack", PUBLISHED, start=0, actor1=army), burning],
                                       PUBLISHED)) == 2
