"""The shape of every language data file (lang/<code>/*.yaml) and of the taxonomy, as pydantic
models that reject unknown keys: a misspelt key is an error with its file and line, never a rule
silently ignored (``sitrep lang check``)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """A data file's mapping: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Refinement(Strict):
    """A `when` rule of a trigger entry: the sub-type where the context or the actors say so."""

    sub_event_type: str
    context: list[str] = Field(default_factory=list)
    agent: str | None = None
    target: str | None = None
    victims: list[str] = Field(
        default_factory=list, description="the toll counts the dead in one of these words ('60 people') and "
                                          "the text names no armed target")
    objects: list[str] = Field(
        default_factory=list, description="what the trigger acts on (its object or passive subject) is one of "
                                          "these words ('attacked the village of X') and the text names no armed "
                                          "target")
    suspects: list[str] = Field(
        default_factory=list, description="the trigger's clause holds every word of one of these (its victims "
                                          "are 'two suspected cattle rustlers', 'a man accused of stealing')")


class TriggerEntry(Strict):
    """One entry of lang/<code>/triggers.yaml: words that say an event of a sub-type happened."""

    id: str
    sub_event_type: str
    priority: int = 1
    words: list[str]
    when: list[Refinement] = Field(default_factory=list)
    stative: bool = False
    requires_target: bool = False
    death_only: bool = False
    subject_is_target: bool = False
    describes_only: bool = False
    generic: bool = Field(False, description="the words name violence without saying how ('attack', 'killed'): "
                                             "told of the day and place of a more specific event, they are that "
                                             "event told again")
    anchors: bool = Field(False, description="the event alone shows the article reports political violence or "
                                             "unrest (a weapon of war, a protest), whoever took part")
    verb_only: bool = Field(False, description="fires only where its head word is a verb, not one describing a "
                                               "noun ('fired at the positions'; 'a fire at the market' is an "
                                               "accident, 'the burning market' a description)")
    noun_only: bool = Field(False, description="fires only where its head word is not a finite verb ('an Israeli "
                                               "drone struck' is no 'drone strike': the drone is who struck)")
    intransitive: bool = Field(False, description="fires only where the trigger has no direct object and is "
                                                  "not passive ('thousands demonstrated', not 'demonstrated a "
                                                  "belief'; workers strike, 'the driver was struck' is hit)")
    armed_subject: bool = Field(False, description="fires only where the subject of its verb, the passive one "
                                                   "too, is an army, police or armed group, and that subject "
                                                   "acts ('Al Shabaab were observed near X', 'militias regrouped')")
    prelude: bool = Field(False, description="told in a sentence with another event, the words tell how that "
                                             "event began ('militants regrouped and attacked'), no event of "
                                             "their own")
    requires_context: list[str] = Field(
        default_factory=list, description="the entry fires only where one of these is in the sentence")
    not_with: list[str] = Field(
        default_factory=list, description="words that, next to the trigger in the tree, give it another sense")
    plover: str | None = None
    cameo: str | None = None


class Triggers(Strict):
    """lang/<code>/triggers.yaml."""

    war_words: list[str] = Field(
        default_factory=list, description="words for fighting that only armed conflict or unrest has ('clashes'): "
                                          "an asserted event told in them shows the article reports political "
                                          "violence where the text names none of its sides (stages/relevance.py)")
    political_words: list[str] = Field(
        default_factory=list, description="words that call violence political, ethnic, sectarian or electoral: an "
                                          "asserted event whose sentence holds one shows the article reports "
                                          "political violence (stages/relevance.py)")
    protest_purposes: list[str] = Field(
        default_factory=list, description="words saying what a protest is for or against: a protest word in a "
                                          "name ('the Alabama Rally Against Injustice') is a protest where its "
                                          "sentence holds one (stages/triggers.py)")
    entries: list[TriggerEntry]


class Anchors(Strict):
    """lang/<code>/anchors.yaml: words that anchor a noun trigger to a concrete event."""

    occurrence_verbs: list[str]
    consecutive_day_words: list[str]
    day_words: list[str]
    ordinals: dict[str, int]
    generic_predicates: list[str] = Field(default_factory=list)
    state_prepositions: list[str] = Field(default_factory=list)
    state_verbs: list[str] = Field(default_factory=list)
    accusation_verbs: list[str] = Field(default_factory=list)
    campaign_nouns: list[str] = Field(default_factory=list, description="singular nouns of struggle that, "
                                      "against someone, name a campaign, not a fight (\"the fight against IS\")")
    campaign_prepositions: list[str] = Field(default_factory=list, description="the prepositions of that "
                                             "'against'")


class Arguments(Strict):
    """lang/<code>/arguments.yaml: prepositions that attach an actor to an event word."""

    target_cases: list[str]
    agent_cases: list[str]
    between_cases: list[str]
    opposing_verbs: list[str] = Field(default_factory=list)
    opposing_cases: list[str] = Field(default_factory=list)
    reciprocal_verbs: list[str] = Field(default_factory=list, description="verbs whose coordinated subjects "
                                        "are the two sides (\"soldiers and rebels clashed\")")
    partaking_verbs: list[str] = Field(default_factory=list, description="verbs of taking part whose "
                                       "complement is the event their subject takes part in (\"engaged in an offensive\")")
    partaking_cases: list[str] = Field(default_factory=list, description="the prepositions of that complement")
    grievance_cases: list[str] = Field(default_factory=list, description="words that introduce what a protest "
                                       "is about (\"protested after soldiers shot two men\")")
    armed_modifiers: list[str] = Field(default_factory=list, description="adjectives that make what an event "
                                       "acts on an armed side's (\"attacked a military vehicle\")")


class Attribution(Strict):
    """lang/<code>/attribution.yaml: how articles say who reports an event, and who did it."""

    according_to: list[str]
    reporting_verbs: list[str]
    responsibility_verbs: list[str] = Field(default_factory=list)
    blame_verbs: list[str] = Field(default_factory=list, description="responsibility verbs whose subject "
                                                                     "is the accuser, not the perpetrator")
    several_attacks_words: list[str] = Field(default_factory=list, description="words saying a claim covers "
                                                                               "several attacks ('double')")
    source_nouns: dict[Literal["media", "monitor", "government", "armed_group", "other"], list[str]] = Field(
        default_factory=dict, description="kind of source -> nouns that make the phrase they head a source")
    document_nouns: list[str] = Field(default_factory=list, description="documents whose author is the source")


class Claims(Strict):
    """lang/<code>/claims.yaml: words that make an event denied or hypothetical."""

    denial_verbs: list[str] = Field(default_factory=list)
    negation_words: list[str] = Field(default_factory=list)
    hypothetical_verbs: list[str] = Field(default_factory=list)
    hypothetical_nouns: list[str] = Field(default_factory=list)
    modal_words: list[str] = Field(default_factory=list)
    condition_markers: list[str] = Field(default_factory=list)
    purpose_markers: list[str] = Field(default_factory=list)
    hypothetical_morph: list[str] = Field(default_factory=list)
    implicative_verbs: list[str] = Field(default_factory=list)
    fulfilling_verbs: list[str] = Field(default_factory=list, description="verbs that make the call, order or "
                                                                          "plan they take done ('responded to the "
                                                                          "call for demonstrations')")
    presupposing_verbs: list[str] = Field(default_factory=list, description="verbs whose object existed when a "
                                          "done action was for them ('fired tear gas to disperse a demonstration')")


class Dates(Strict):
    """lang/<code>/dates.yaml: the date grammar's words (stages/dates.py)."""

    weekdays: dict[str, int]
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    names_capitalized: bool
    ordinal_suffixes: list[str]
    word_date_orders: list[Literal["dmy", "mdy"]]
    numeric_date_order: Literal["dmy", "mdy"]
    this_before: list[str]
    last_after: list[str]
    last_before: list[str]
    next_after: list[str]
    next_before: list[str]
    parts_of_day: list[str]
    relative_days: dict[str, int]
    ago: list[str]
    duration_to_now: list[str]
    units: dict[str, Literal["day", "week", "month", "year"]]
    since_point: list[str]
    periods: dict[str, Literal["last_week", "last_week_rolling", "this_week", "last_month", "last_month_rolling",
                               "this_month", "recent_weeks", "recent_months"]]
    month_before: list[str]
    night_of: list[str]
    weekday_range: list[str]
    year_before: list[str]
    after_previous: dict[str, int]
    later: list[str]
    earlier: list[str]
    determiners: list[str] = Field(description="articles between a since-word and its date ('depuis le 3 mars')")
    range_before: list[str] = Field(default_factory=list, description="words before the first day of a range of "
                                    "days of one month ('between 8 - 9 August', 'du 4 au 9 mars')")
    range_joiners: list[str] = Field(default_factory=list, description="words between a range's first day and its "
                                     "last date")
    before_complement: dict[str, int] = Field(default_factory=dict, description="'the day after' followed by what "
                                              "happened that many days before the date told last")
    later_complement: list[str] = Field(default_factory=list, description="'{n} {unit} after' followed by what "
                                        "happened that long before the date told last")
    after_duration: list[str] = Field(default_factory=list, description="'after {n} {unit} of': a span up to "
                                      "publication, coded at its end")
    hour_words: list[str] = Field(default_factory=list, description="words after a clock hour ('3 heures', '3 a.m.'): "
                                  "a night event before 6 is coded on the night's second day")


class DeathEntry(Strict):
    """One entry of lang/<code>/fatalities.yaml: death words and where their count stands."""

    patterns: list[str]
    count_after: list[str] | None = Field(None, description="linking words before a following count; None: never")
    count_before: Literal["always", "unless_object", "never"] = "always"
    needs_count: bool = Field(False, description="the word reports no death without a count")
    one_after: bool = Field(True, description="'un/a' after the word counts one ('la mort d'un soldat'); not for "
                                              "words whose complement describes them ('un massacre d'une rare cruauté')")
    lists: bool = Field(False, description="a toll word whose figure a list goes on with, past the wounded "
                                           "('le bilan est de 20 tués et 16 blessés, 3 assaillants tués': 23)")


class Fatalities(Strict):
    """lang/<code>/fatalities.yaml: death words and the words around tolls."""

    entries: list[DeathEntry]
    approximators: list[str]
    additive: list[str]
    sum_words: list[str]
    inclusion_words: list[str]
    passable_verbs: list[str]
    not_deaths: list[str]
    not_death_phrases: list[str]
    no_deaths: list[str]
    causes: list[str] = Field(default_factory=list, description="a preposition or verb that makes a death noun the "
                              "cause of another action ('protested against the killing of', 'to protest X's "
                              "death'): no toll")
    alternatives: list[str] = Field(default_factory=list, description="'or' between a death word and a wounded word "
                                    "('killed or wounded'): the count is of casualties, no toll")
    questions: list[str] = Field(default_factory=list, description="words that make the dead of a death word a "
                                                                   "question ('how many were killed'): no toll")


class Numbers(Strict):
    """lang/<code>/numbers.yaml: number words and the words that make a number no count."""

    words: dict[str, int]
    multipliers: dict[str, int]
    connectors: list[str]
    article_one: list[str]
    vague: dict[str, int]
    not_counts_after: list[str]
    unit_links: list[str] = Field(default_factory=list, description="words between a count and the unit that makes it "
                                                                    "no count ('une vingtaine d'années')")
    comparisons: list[str] = Field(default_factory=list)
    not_counts_before: list[str]
    year_prepositions: list[str]
    range_joiners: list[str]
    range_openers: dict[str, str]


class Pipeline(Strict):
    """lang/<code>/pipeline.yaml: the spaCy pipeline package that parses the language."""

    spacy_model: str
    model_sub_type_from: float | None = Field(
        None, ge=0.0, le=1.0, description="the event type probability from which the learned event reader's "
                                          "sub-type replaces a generic trigger's (none: never, in this language)")
    sentence_openers: list[str] = Field(
        default_factory=list, description="capitalised words that start a sentence after a lower-case word, as "
                                          "where a web page joined two paragraphs without a full stop ('... du "
                                          "gouvernement Dans la province de Hama, ...'): words that begin no name")
    lemma_repairs: dict[str, str] = Field(
        default_factory=dict, description="a word form -> the lemma the model's lemmatizer should have given it "
                                          "('raped': 'rape', which it reads as 'rap')")
    sentence_start_norms: dict[str, str] = Field(
        default_factory=dict, description="a word as written at the start of a sentence -> the word the models "
                                          "should read (a capital written without its accent: 'A' for 'À')")
    name_norms: dict[str, str] = Field(
        default_factory=dict, description="a name written exactly so -> a word the models read as a name, where "
                                          "the words around it are not in capitals too: the name spells a "
                                          "function word the tagger would take it for ('IS', the Islamic State, "
                                          "read as 'is')")


class Places(Strict):
    """lang/<code>/places.yaml: the cue words around place names, and entity labels."""

    entity_labels: list[str]
    never_place_labels: list[str] = Field(default_factory=list)
    demonym_labels: list[str] = Field(default_factory=list)
    person_labels: list[str] = Field(default_factory=list)
    organisation_labels: list[str] = Field(default_factory=list)
    group_labels: list[str] = Field(default_factory=list, description="labels under which the NER may find "
                                                                      "an armed group the knowledge base lacks")
    date_labels: list[str] = Field(default_factory=list, description="labels of dates and times")
    person_titles: list[str] = Field(default_factory=list)
    person_verbs: list[str] = Field(default_factory=list)
    types_before: dict[str, str]
    types_after: dict[str, str]
    parts_before: list[str]
    parts_after: list[str]
    near_before: list[str]
    directions: dict[str, int]
    distance_units: dict[str, float] = Field(description="units of a distance and their length in km")
    connectors: list[str]
    locative_prepositions: list[str]
    not_places: list[str]
    demonstratives: list[str]
    seat_words: list[str] = Field(default_factory=list, description="words that make a place the seat of "
                                                                    "an organisation ('-based', 'basée à')")
    inside_prepositions: list[str] = Field(default_factory=list, description="'a village in X': the place "
                                                                             "word names a place inside X")
    origin_words: list[str] = Field(default_factory=list, description="'fired from X': where something came from")
    between_words: list[str] = Field(default_factory=list, description="'the road between X and Y': two places "
                                                                       "that bound one, not two places of events")
    state_prepositions: list[str] = Field(default_factory=list, description="'X was under curfew': a place "
                                                                           "described by its state")
    owner_words: list[str] = Field(default_factory=list, description="'belonging to France': a place that "
                                                                     "owns something, not where")
    several_words: list[str] = Field(default_factory=list, description="'twin bombings in X and Y': one event word "
                                                                       "for several events, one a place")
    speech_verbs: list[str] = Field(default_factory=list, description="verbs whose subject or place is who "
                                                                      "speaks or where, not an event's place")
    speech_nouns: list[str] = Field(default_factory=list, description="words of speech: a place they go with "
                                                                      "is where someone speaks ('a speech in X')")
    location_subject_verbs: list[str] = Field(default_factory=list, description="verbs whose subject can be "
                                                                                "the place where something happened")


class ActorWords(Strict):
    """lang/<code>/actors.yaml: generic and partisan wording for actors and sources."""

    generic: dict[str, list[str]] = Field(default_factory=dict)
    generic_sources: dict[str, list[str]] = Field(default_factory=dict)
    links: list[str] = Field(default_factory=list)
    member_words: list[str] = Field(default_factory=list)
    anaphora: list[str] = Field(default_factory=list)
    type_cues: dict[str, list[str]] = Field(default_factory=dict)
    identity_groups: dict[str, list[str]] = Field(
        default_factory=dict, description="role -> words after (or before) a proper name that make it a clan, tribe "
                                          "or ethnic group's ('the Borana and Garba clans', 'Pokot herders')")
    not_group_names: list[str] = Field(default_factory=list,
                                       description="words capitalised at a sentence's start that name no group "
                                                   "('Suspected Fulani herdsmen')")
    nationalities: dict[str, list[str]] = Field(default_factory=dict)
    coordinators: list[str] = Field(default_factory=list, description="words joining two nationalities of one "
                                                                      "phrase ('Syrian or Russian jets')")
    war_victims: list[str] = Field(default_factory=list)


class Watch(Strict):
    """lang/<code>/watch.yaml: words that mark an article page as a paywall (sitrep watch)."""

    paywall: list[str] = Field(default_factory=list)


# Each language file's schema, by file name.
LANGUAGE_FILES: dict[str, type[Strict]] = {
    "actors": ActorWords, "anchors": Anchors, "arguments": Arguments, "attribution": Attribution,
    "claims": Claims, "dates": Dates, "fatalities": Fatalities, "numbers": Numbers, "pipeline": Pipeline,
    "places": Places, "triggers": Triggers, "watch": Watch,
}


class SubEventTypeCodes(Strict):
    """A sub-type of data/taxonomy.yaml: its default PLOVER type and CAMEO root, and how coding treats it."""

    plover: str
    cameo: str
    place_changes_hands: bool = Field(False, description="who held the place is the loser (a takeover)")
    part_of_attacks: bool = Field(False, description="told of the day and place of an attack, naming no other "
                                                     "actor, it is how the attack went")
    loser_side_of_takeovers: bool = Field(False, description="told of the day and place of a takeover, it is the "
                                                             "takeover told from the side that left")
    two_sided: bool = Field(False, description="its two actors are sides, either of which the text may name first "
                                               "(a clash): tellings that name each one side are one event")
    attacker_carries_over: bool = Field(
        False, description="an unnamed attacker is, in a report about one side's operations, the attacker of "
                           "the article's previous event")
    deathless: bool = Field(False, description="ACLED codes no death for it: deaths told with it are another "
                                               "event's, unless its own participants are counted dead")
    deadly_form: str | None = Field(None, description="the sub-type it is where its own participants are counted "
                                                      "dead ('a protester killed')")


class EventTypeEntry(Strict):
    """An event type of data/taxonomy.yaml."""

    violent: bool = Field(False, description="political violence: its death tolls complete it")
    armed: bool = Field(False, description="violence by armed actors, not crowds: a generic word ('attack', "
                                           "'killed') may tell any of these types")
    crowd_violence: bool = Field(False, description="what a crowd or its policing may be told as: told of a "
                                                    "demonstration's crowd, it is how the demonstration went")
    demonstration: bool = Field(False, description="a protest or riot: what its sentence tells of its "
                                                   "protesters is how it went")
    sub_event_types: dict[str, SubEventTypeCodes]


class Taxonomy(Strict):
    """data/taxonomy.yaml: ACLED's event types and sub-types."""

    event_types: dict[str, EventTypeEntry]
