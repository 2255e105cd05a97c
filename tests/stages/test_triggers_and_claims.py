"""Stage unit tests: HTML to text, language identification, trigger detection, claim status and
attribution, on small sentences the project writes in both languages."""
import pytest

import sitrep
from sitrep.stages.attribution import claim_status, find_reporters
from sitrep.stages.event_filter import (
    characterises_a_noun,
    is_a_period,
    is_accused,
    names_a_state,
    states_a_generality,
)
from sitrep.stages.html import NoTextError, html_to_text, looks_like_html
from sitrep.stages.language import identify
from sitrep.stages.parse import parse
from sitrep.stages.syntax import objects_of
from sitrep.stages.triggers import find_triggers, has_phrase, head_of


def test_html_to_text_keeps_the_article_and_drops_the_page():
    html = ("<html><head><script>var x = 1;</script></head><body><nav>Home | World</nav>"
            "<article><p>Des combats ont éclaté samedi à Alep entre l'armée et les rebelles, selon l'OSDH.</p>"
            "<p>Au moins dix combattants ont été tués dans les affrontements.</p></article></body></html>")
    assert looks_like_html(html)
    text = html_to_text(html)
    assert "Des combats ont éclaté" in text and "var x" not in text and "Home | World" not in text
    with pytest.raises(NoTextError):
        html_to_text("<html><head><title>x</title></head><body></body></html>")


@pytest.mark.parametrize("text,declared,expected", [
    ("L'armée a repris le contrôle de la ville après de violents combats.", None, "fr"),
    ("The army retook the town after heavy fighting with the rebels.", "auto", "en"),
    ("Texte court", "fr", "fr"),
])
def test_language_is_identified_or_trusted(text, declared, expected):
    assert identify(text, declared).lang == expected


@pytest.mark.parametrize("text,declared,reason", [
    ("Die Armee hat die Stadt nach schweren Kämpfen zurückerobert.", None, "unsupported language 'de'"),
    ("Texto", "es", "unsupported language 'es'"),
    ("12 34", None, "too little text"),
])
def test_unsupported_or_unknowable_languages_are_refused_with_a_reason(text, declared, reason):
    decision = identify(text, declared)
    assert decision.lang is None and reason in decision.reason


@pytest.mark.parametrize("text,lang,expected", [
    ("Les raids aériens ont repris sur la ville.", "fr", [("air_strike", "raids aériens"), ("territory_take", "repris")]),
    ("L'armée a pris le contrôle du camp.", "fr", [("territory_take", "pris le contrôle")]),
    ("A roadside bomb exploded near the market.", "en", [("ied", "roadside bomb"), ("ied", "exploded")]),
    ("Protesters gathered outside parliament.", "en", [("protest", "Protesters")]),
    ("Le ministre a visité l'école.", "fr", []),
    # a pattern that reads through its verb's object ("set * on fire"): the trigger is the verb, the
    # object what it acts on, and words that give it another sense count there too
    ("Soldiers set more than 200 houses on fire.", "en", [("burning", "set")]),
    ("Demonstrators set tyres on fire.", "en", [("protest", "Demonstrators")]),
    ("Militia members exchanged gunfire near the town.", "en", [("clash", "exchanged gunfire")]),
])
def test_triggers_longest_match_wins(text, lang, expected):
    # every reading is found here; stages/events.py decides which are events
    found = [(t.entry.id, t.span.text) for t in find_triggers(parse(text, lang), lang)]
    assert found == expected


def _claim(text: str, lang: str, trigger_word: str) -> str:
    doc = parse(text, lang)
    token = next(t for t in doc if t.text == trigger_word)
    return claim_status(token, lang).status


@pytest.mark.parametrize("text,lang,word,status", [
    ("L'armée a nié avoir bombardé l'hôpital.", "fr", "bombardé", "denied"),
    ("The army denied shelling the village.", "en", "shelling", "denied"),
    ("Les rebelles n'ont pas attaqué la ville.", "fr", "attaqué", "denied"),
    ("Les rebelles menacent d'attaquer la ville.", "fr", "attaquer", "hypothetical"),
    ("The group threatened to attack the capital.", "en", "attack", "hypothetical"),
    ("The militants could attack the capital.", "en", "attack", "hypothetical"),
    ("L'armée a bombardé l'hôpital, a indiqué l'OSDH.", "fr", "bombardé", "asserted"),
    ("Officials said the army shelled the village.", "en", "shelled", "asserted"),
    # what was supposed to be is no fact, and an event as the complement of "be" is governed by it
    ("Diplomats said there was supposed to be a truce along the border.", "en", "truce", "hypothetical"),
    ("There was a truce along the border last week.", "en", "truce", "asserted"),
    # a preposition heading its noun is no step up the tree: the raid is as denied as the beating
    ("Police denied reports that a boy had been beaten by officers during a raid on his school.", "en", "raid",
     "denied"),
    ("La police a démenti qu'un garçon ait été battu par des agents lors d'un raid contre son école.", "fr",
     "raid", "denied"),
    # a negated adjective governs its complement: the fire was no strike's
    ("Officials said the fire at the depot was not due to a drone strike.", "en", "strike", "denied"),
    ("Officials said the fire at the depot was due to a drone strike.", "en", "strike", "asserted"),
    # a verb coordinated under the same subject shares its clause's denial; one with a subject of its own does not
    ("The militia denied that its fighters had looted and burned homes in the town.", "en", "burned", "denied"),
    ("The militia denied the accusations and attacked the town.", "en", "attacked", "asserted"),
    # a call carried out is no longer only a call
    ("The committee called for nationwide demonstrations in El Obeid.", "en", "demonstrations", "hypothetical"),
    ("Demonstrators responded to the call for nationwide demonstrations in El Obeid.", "en", "demonstrations",
     "asserted"),
    ("Des milliers de personnes ont répondu à l'appel pour une manifestation à Bamako.", "fr", "manifestation",
     "asserted"),
    # the infinitive of a call carried out says what was done, not only what was meant
    ("Residents responded to the call to demonstrate in Kassala.", "en", "demonstrate", "asserted"),
    ("A group responded to call made by the committees to demonstrate in Kassala.", "en", "demonstrate", "asserted"),
    ("Activists issued a call to demonstrate in Kassala.", "en", "demonstrate", "hypothetical"),
    # what a done action was meant to disperse or quell was there; a planned one, or one only vowed, may not be
    ("Police fired tear gas to disperse a demonstration in Khartoum.", "en", "demonstration", "asserted"),
    ("Les policiers ont tiré des gaz lacrymogènes pour disperser une manifestation à Dakar.", "fr", "manifestation",
     "asserted"),
    ("Police were deployed to disperse a planned demonstration in Khartoum.", "en", "demonstration", "hypothetical"),
    ("Police vowed to disperse any demonstration in Khartoum.", "en", "demonstration", "hypothetical"),
])
def test_claim_status(text, lang, word, status):
    assert _claim(text, lang, word) == status


@pytest.mark.parametrize("text,lang,source", [
    ("Selon l'OSDH, dix civils ont été tués.", "fr", "l'OSDH"),
    ("Dix civils ont été tués, a indiqué le ministère.", "fr", "le ministère"),
    ("According to SOHR, ten civilians were killed.", "en", "SOHR"),
    ("Ten civilians were killed, officials said.", "en", "officials"),
])
def test_reporters_are_found(text, lang, source):
    doc = parse(text, lang)
    assert source in [span.text for span in find_reporters(next(iter(doc.sents)), lang)]


@pytest.mark.parametrize("text,lang,expected", [
    # a proper name is no event word
    ("Dick Lynch, the director of the association, spoke on Monday.", "en", []),
    ("The March for Babies raised money for the hospital.", "en", []),
    # "strike" and "frappe" need words that say which strike
    ("Teachers went on strike over unpaid salaries.", "en", [("protest", "went on strike")]),
    ("Russian warplanes struck the outskirts of the town.", "en", [("strike", "struck")]),
    ("The cricket board struck a record deal with the broadcaster.", "en", []),
    ("Sa frappe du pied gauche a trompé le gardien.", "fr", []),
    ("Une frappe aérienne a visé le dépôt.", "fr", [("air_strike", "frappe aérienne")]),
    # words next to the trigger that give it another sense
    ("He died of a heart attack on Saturday.", "en", []),
    ("Firefighters battled a blaze at the warehouse.", "en", []),
    ("The company will close its coal mine next year.", "en", []),
    # an arrest is political where the sentence says whom: a senior member of a group, not a gang member
    ("Soldiers detained a senior member of the movement overnight.", "en", [("arrest", "detained")]),
    ("Police detained a gang member overnight.", "en", []),
    # a hyphenated lexicon word, whether the tokenizer keeps it whole or splits it at the hyphen
    ("Un double attentat-suicide a visé une caserne à Dosso.", "fr", [("suicide", "attentat-suicide")]),
    ("The army launched a counter-attack near the town on Sunday.", "en", [("attack", "counter-attack")]),
    # the words near the trigger as written, not only their lemmas ("wounded", lemma "wound")
    ("A helicopter later evacuated the wounded soldiers to the hospital.", "en", [("killing", "wounded")]),
    ("Troops evacuated the border post on Monday.", "en", [("withdrawal", "evacuated")]),
    ("Les défenses ont abattu une vingtaine de drones.", "fr", [("interception", "abattu")]),
    ("Un soldat a été abattu par un tireur.", "fr", [("killing", "abattu")]),
    # what is shot, thrown or lobbed says whether it is violence
    ("Residents shot videos of the burning market.", "en", []),
    ("Gunmen shot two farmers near the river.", "en", [("attack_civilians", "shot")]),
    ("Riot police threw stun grenades at the crowd.", "en", []),
    ("Militants threw a grenade at the checkpoint.", "en", [("grenade", "threw a grenade")]),
    ("La police a lancé des grenades assourdissantes sur la foule.", "fr", []),
    ("La police a jeté des bombes lacrymogènes sur la foule.", "fr", []),
    ("Police fired tear gas bombs at the crowd.", "en", []),
    # going out into the streets is a protest
    ("Des milliers d'opposants sont descendus dans les rues de la capitale.", "fr",
     [("protest", "descendus dans les rues")]),
    ("Thousands took to the streets of the capital on Saturday.", "en", [("protest", "took to the streets")]),
    # "demonstrate" is a protest only without an object
    ("The chefs demonstrated new recipes at the market.", "en", []),
    ("Thousands demonstrated in the capital against the reform.", "en", [("demonstrate", "demonstrated")]),
    # workers strike: nobody is struck by them, nor is anything demonstrated in a protest
    ("Bus drivers staged a strike over unpaid wages.", "en", [("labour_strike", "strike")]),
    ("The Honda's driver, another teenager, was struck and suffered minor injuries.", "en", []),
    ("The effect was demonstrated by the workers' union.", "en", []),
    # a headline's first word the tagger takes for a name
    ("Clash between rival militias in the market of Bor.", "en", [("clash", "Clash")]),
    ("March for Babies For information about the event, ring the office.", "en", []),
    # what is burnt says whether it is property destroyed; "fire" is a weapon's only as a verb
    ("Fighters burned a school in the village.", "en", [("burning", "burned")]),
    ("Residents burned tyres on the main road.", "en", []),
    ("A fire broke out at the market on Sunday.", "en", []),
    ("Soldiers fired at the crowd near the bridge.", "en", [("fire_at", "fired at")]),
    # a word of the trigger itself is none of the words that give it another sense ("fire")
    ("The rebels exchanged fire with soldiers near the border.", "en", [("clash", "exchanged fire")]),
    ("The parties told the judge they had reached an agreement.", "en", []),
    ("Villagers lynched a suspected thief on Sunday.", "en", [("lynch", "lynched")]),
    # the object a verb shares with the next one counts against its sense: a thief is not a place taken
    ("Residents captured and killed a thief on Sunday.", "en", [("killing", "killed")]),
    ("The town remembers the lynching of 1946.", "en", [("lynching", "lynching")]),
    ("Des villageois ont lynché un voleur présumé.", "fr", [("lynch", "lynché")]),
    ("Communal violence flared again near Jos on Sunday.", "en", [("communal_clash", "Communal violence")]),
    ("Des violences intercommunautaires ont éclaté près de Djugu.", "fr",
     [("communal_clash", "violences intercommunautaires")]),
])
def test_trigger_words_count_only_in_their_sense(text, lang, expected):
    found = [(t.entry.id, t.span.text) for t in find_triggers(parse(text, lang), lang)]
    assert [f for f in found if f[0] not in ("killing", "death")] == [e for e in expected if e[0] not in ("killing", "death")]
    assert [f for f in found if f[0] == "killing"] == [e for e in expected if e[0] == "killing"]


@pytest.mark.parametrize("text,lang", [
    ("Medvedev a averti que la Russie frapperait Kiev si l'Ukraine poursuivait ses attaques de drones.", "fr"),
    ("The group said it would respond if the army attacked the town.", "en"),
])
def test_events_in_a_condition_are_hypothetical(text, lang):
    doc = parse(text, lang)
    trigger = next(t for t in find_triggers(doc, lang) if t.entry.id in ("air_strike", "clash", "attack"))
    assert claim_status(doc[trigger.head], lang).status == "hypothetical"


@pytest.mark.parametrize("text,verb,objects", [
    ("Villagers lynched and killed a goat thief.", "lynched", ["thief"]),
    ("Residents captured, tied up, and burned alive a cattle thief.", "captured", ["thief"]),
    ("Soldiers shelled the town and killed a man.", "shelled", ["town"]),
    # a conjunct with a subject of its own, or words of the verb's own after it, share nothing
    ("Fires were burning and residents reported gunfire.", "burning", []),
    ("Fires were burning across the city and reported gunfire.", "burning", []),
])
def test_a_verb_without_object_shares_the_next_verbs(text, verb, objects):
    doc = parse(text, "en")
    assert [t.text for t in objects_of(next(t for t in doc if t.text == verb))] == objects


def test_a_past_form_the_lemmatizer_leaves_alone_is_still_its_verb():
    found = [(t.entry.id, t.span.text) for t in find_triggers(parse("Government troops retook the town on Saturday.",
                                                                      "en"), "en")]
    assert found == [("territory_take", "retook")]


@pytest.mark.parametrize("text,lang,general", [
    ("Drone strikes are widely unpopular in northern Pakistan.", "en", True),
    ("Kidnappings for ransom are common in Zamfara state.", "en", True),
    ("Enlèvements et assassinats ciblés sont fréquents dans la région de Kidal.", "fr", True),
    # a determiner or a number: events that happened
    ("The drone strikes were deadly in northern Pakistan.", "en", False),
    ("Two drone strikes hit a compound in North Waziristan.", "en", False),
])
def test_events_spoken_of_in_general_are_no_event(text, lang, general):
    doc = parse(text, lang)
    trigger = next(t for t in find_triggers(doc, lang) if t.entry.id not in ("killing", "death"))
    assert states_a_generality(head_of(doc, trigger.token_start, trigger.token_end), lang) == general


@pytest.mark.parametrize("text,lang,state", [
    ("Lagos was under a round-the-clock curfew on Wednesday.", "en", True),
    ("The town remained under curfew after the riots.", "en", True),
    ("La ville reste sous couvre-feu depuis les émeutes.", "fr", True),
    # placed under it: a happening
    ("The army placed the city under curfew on Wednesday.", "en", False),
    ("L'armée a placé la ville sous couvre-feu mercredi.", "fr", False),
])
def test_an_event_word_naming_a_state_something_is_in_is_no_event(text, lang, state):
    doc = parse(text, lang)
    trigger = next(t for t in find_triggers(doc, lang) if t.entry.id == "curfew")
    assert names_a_state(head_of(doc, trigger.token_start, trigger.token_end), lang) == state


@pytest.mark.parametrize("text,lang,period", [
    ("Protests have rocked the country since the student died in custody in March.", "en", True),
    ("Les combats secouent la région depuis que les rebelles ont lancé leur offensive en janvier.", "fr", True),
    # one protest, and a verb counting what happened since then: events
    ("Protests broke out in the capital after the student died in custody in March.", "en", False),
    ("Police said 200 people had been detained since the protests began on Thursday.", "en", False),
])
def test_an_event_noun_told_as_lasting_since_something_happened_is_a_period(text, lang, period):
    doc = parse(text, lang)
    trigger = find_triggers(doc, lang)[0]
    assert is_a_period(head_of(doc, trigger.token_start, trigger.token_end), lang) == period


@pytest.mark.parametrize("text,lang,accused", [
    ("Rights groups accused the militia of indiscriminate shelling of residential areas.", "en", True),
    ("The army was accused of shelling residential areas.", "en", True),
    ("L'ONG accuse les rebelles de bombardements aveugles sur les quartiers.", "fr", True),
    ("L'ONG a accusé les soldats d'avoir tiré sur des ambulances.", "fr", True),
    # the shelling is what the accuser did, or no one accuses anyone
    ("Troops who shelled the town accused the rebels of lying.", "en", False),
    ("The militia shelled residential areas of the town.", "en", False),
])
def test_an_event_word_in_what_someone_is_accused_of_is_found(text, lang, accused):
    doc = parse(text, lang)
    trigger = find_triggers(doc, lang)[0]
    assert is_accused(head_of(doc, trigger.token_start, trigger.token_end), lang) == accused


def test_an_accusation_is_an_event_only_when_it_says_when_where_or_how_many_died():
    conduct = "Rights groups have accused the militia of indiscriminate shelling of residential areas."
    assert sitrep.extract(conduct, published="2021-05-04", lang="en") == []
    incident = "Rights groups accused the militia of shelling a market in Taiz on Monday, killing five people."
    assert [e.sub_event_type for e in sitrep.extract(incident, published="2021-05-04", lang="en")
            if e.claim_status == "asserted"] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize("text,lang,characterises", [
    ("Troops entered Kramatorsk, a city that has been a center of the fighting since April.", "en", True),
    ("L'armée est entrée à Kramatorsk, une ville qui est le théâtre de violents combats.", "fr", True),
    # what happened there, once
    ("Troops entered Kramatorsk, a city that was the scene of heavy fighting last week.", "en", False),
])
def test_an_event_noun_saying_what_a_place_is_is_no_event(text, lang, characterises):
    doc = parse(text, lang)
    trigger = next(t for t in find_triggers(doc, lang) if t.entry.id == "clash")
    assert characterises_a_noun(head_of(doc, trigger.token_start, trigger.token_end)) == characterises


def test_elided_words_count_in_phrases_as_in_patterns():
    # "prendre d'assaut" is three words for a pattern and for a `when` context alike
    doc = parse("Des manifestants ont pris d'assaut la mairie.", "fr")
    keys = {t._.lemma_key for t in doc} | {t._.text_key for t in doc}
    assert has_phrase("prendre d'assaut", keys)
    assert [t.entry.id for t in find_triggers(doc, "fr") if t.entry.id != "protest"] == ["storm"]


def test_a_crowd_storming_a_building_is_a_riot_and_soldiers_opening_fire_on_it_an_attack_on_it():
    riot = sitrep.extract("Des manifestants ont pris d'assaut le siège du parti au pouvoir mardi à Niamey, a constaté "
                          "un journaliste.", published="2021-03-03", lang="fr")
    assert [(e.sub_event_type, e.actor1.name) for e in riot] == [("Violent demonstration", "Rioters (Niger)")]
    fired = find_triggers(parse("Les soldats ont ouvert le feu sur la foule.", "fr"), "fr")
    assert [t.entry.id for t in fired] == ["attack_civilians"]


@pytest.mark.parametrize("text,lang,asserted", [
    ("Residents burned tyres and blocked the main road in Tarkwa on Monday to protest over the bad roads.", "en", True),
    # the tagger reads "gathered" heading the sentence as a participle: it is the past all the same
    ("More than a dozen supporters of teachers and paraprofessionals gathered outside of City Hall in Chicago "
     "(Illinois) on Monday to rally against the school board.", "en", True),
    # what someone was called on or meant to do
    ("Unions called on workers to protest in Accra on Monday.", "en", False),
    ("The government deployed troops in Tarkwa on Monday to prevent residents from protesting.", "en", False),
])
def test_an_action_done_to_protest_is_the_protest(text, lang, asserted):
    statuses = {e.claim_status for e in sitrep.extract(text, published="2021-09-28", lang=lang)}
    assert ("asserted" in statuses) == asserted
