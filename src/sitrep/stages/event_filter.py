"""Which frames report an event: not a title's or a quotation's words, not a name or a date that
holds a trigger word, not a description or background clause, not talk about events; a noun
trigger needs something that anchors it (a place in its phrase, a date, a toll, an actor or a verb
of occurrence) and every event a participant, a toll or a resolved place."""
from __future__ import annotations

from functools import cache, lru_cache

from spacy.tokens import Span as SpacySpan, Token

from sitrep import lang as langdata
from sitrep import taxonomy
from sitrep.models import ActorMention, DocumentContext, EventFrame, Span, Trigger
from sitrep.stages.anchors import anchor_words
from sitrep.stages.subtypes import actor_class
from sitrep.stages.syntax import OBJECT_DEPS, OBLIQUE_DEPS, SUBJECT_DEPS, dep_is, governor, is_verbless, phrase_verb
from sitrep.stages.toll_scope import since_words
from sitrep.stages.triggers import head_of
from sitrep.text import SpanIndex, folded

# Quotation marks that open and close (straight double quotes do both, in turn).
OPENING_QUOTES = frozenset({"«", "“"})
CLOSING_QUOTES = frozenset({"»", "”"})
# A verb of occurrence this many tokens after a noun trigger anchors it even where the parse
# failed to link them ("les raids aériens contre ces quartiers se sont poursuivis").
OCCURRENCE_WINDOW = 10
# the actor classes (stages/subtypes.py) of an army, police or armed group
ARMED_CLASSES = frozenset({"state", "nonstate"})


# the subject a verb has when it states that something is, or happened ("there", "il" of "il y a")
EXPLETIVE_DEPS = frozenset({"expl", "expl:subj"})
# links inside a noun phrase, up to the clause it belongs to ("a center of the fighting")
NOUN_PHRASE_LINKS = frozenset({"pobj", "prep", "attr", "nmod", "case", "compound"})


def event_frames(frames: list[EventFrame], context: DocumentContext) -> list[EventFrame]:
    """The frames that report an event, in their order."""
    return [frame for frame in frames if keeps(frame, context)]


def keeps(frame: EventFrame, context: DocumentContext) -> bool:
    doc, entry = context.doc, frame.trigger.entry
    head = doc[frame.head]
    if (is_verbless(head.sent) and has_a_verb(context) and is_a_line_of_its_own(head.sent, context.text)) \
            or inside_mention(frame.trigger, context):
        return False
    if entry.describes_only or (entry.stative and describes_state(head)):
        return False
    if describes_background(head) or describes_a_subject(head) or has_event_subject(head, context, is_protest(frame)) \
            or states_a_generality(head, context.lang) or names_a_state(head, context.lang) \
            or (names_a_campaign(head, context.lang) and frame.date is None and frame.fatalities is None) \
            or (characterises_a_noun(head) and frame.date is None):
        return False
    if entry.requires_target and not frame.target_tokens:
        return False
    if entry.armed_subject and not _names_an_armed_force(frame.agent):
        return False
    if (head.i in quoted_tokens(context) or is_accused(head, context.lang)) and not has_own_anchor(frame, context):
        return False  # quoted speech is rhetoric ("déplacer la bataille", "they are losing"), an accusation
        # alleged conduct ("accused the rebels of shelling civilian areas"), unless it says when or where
    if is_a_period(head, context.lang):
        return False
    return is_anchored(frame, context) and has_participant_or_place(frame, context)


def _names_an_armed_force(mention: ActorMention | None) -> bool:
    """An army, police or armed group the knowledge base knows ("Al Shabaab", "troops"; not a
    word it cannot place, such as "Party")."""
    return mention is not None and mention.actor is not None and mention.actor.resolved \
        and actor_class(mention) in ARMED_CLASSES


def describes_state(head: Token) -> bool:
    """A participle of a stative verb used as a description ("le quartier occupé par les miliciens")
    rather than as a past event ("les rebelles ont occupé le quartier")."""
    if any(c.dep_ == "aux" for c in head.children):
        return False
    morph = head.morph
    return not ("Fin" in morph.get("VerbForm") and "Past" in morph.get("Tense"))

def is_anchored(frame: EventFrame, context: DocumentContext) -> bool:
    """A noun trigger names a concrete event only when a place in its phrase, a date, a toll, an
    actor or a verb of occurrence anchors it; otherwise it is talk about events ("déplacer la
    bataille vers la province")."""
    doc = context.doc
    head = doc[frame.head]
    if head.pos_ in ("VERB", "AUX"):
        return True
    if frame.agent or frame.targets or frame.date or frame.fatalities:
        return True
    if head.dep_ in ("attr", "obj", "dobj") and any(c.dep_ in EXPLETIVE_DEPS for c in head.head.children):
        return True  # "there was an explosion at a tea shop", "il y a eu des combats"
    phrase = {t.i for t in head.subtree}
    if any(context.places[i].token_start in phrase for i in frame.places):
        return True
    if is_protest(frame) and frame.places and _subject_of_a_past_act(head):
        return True  # "in Aragua state, protesters demanded access to basic services": the crowd was there
    occurrence = anchor_words(context.lang).occurrence_verbs
    own = range(frame.trigger.token_start, frame.trigger.token_end)
    verb = phrase_verb(head, context.trigger_tokens.difference(own))  # "observed a total of 40 explosions"
    near = [verb, *verb.children, *doc[head.i + 1:min(head.i + OCCURRENCE_WINDOW, head.sent.end)]]
    return any(_one_of(t, occurrence) and t.pos_ in ("VERB", "AUX", "NOUN") for t in near if t.i != head.i)


def _subject_of_a_past_act(noun: Token) -> bool:
    """The noun is the subject of a finite verb in the past tense ("protesters demanded")."""
    verb = noun.head
    return dep_is(noun, SUBJECT_DEPS) and verb.i != noun.i and verb.pos_ == "VERB" \
        and "Past" in verb.morph.get("Tense") and "Fin" in verb.morph.get("VerbForm")


def inside_mention(trigger: Trigger, context: DocumentContext) -> bool:
    """Trigger words that are part of a name or a date ("Bouclier de l'Euphrate", "front al-Nosra",
    "On 2 March 2020"); not those of an actor phrase the trigger heads ("des missiles russes",
    "Israeli drones": the event and who carried it out)."""
    start, end = trigger.span.start, trigger.span.end
    if _names_and_dates(context).overlapping(start, end):
        return True
    head = head_of(context.doc, trigger.token_start, trigger.token_end)
    actors = context.actors
    return any(not _names_its_event(actors[i]) and head_of(context.doc, actors[i].token_start, actors[i].token_end) != head
               for i in _actor_spans(context).overlapping(start, end))


@lru_cache(maxsize=1)  # documents are coded one at a time
def _names_and_dates(context: DocumentContext) -> SpanIndex:
    """Places' names (not the cue words read with them: the "base" of "a base in Miido village") and dates."""
    doc = context.doc
    names = [doc[p.name_start:p.name_end] for p in context.places]
    return SpanIndex([(name.start_char, name.end_char) for name in names] +
                     [(d.span.start, d.span.end) for d in context.dates])


@lru_cache(maxsize=1)
def _actor_spans(context: DocumentContext) -> SpanIndex:
    return SpanIndex([(m.span.start, m.span.end) for m in context.actors])

def describes_background(head: Token) -> bool:
    """A verb that describes rather than reports: a participle with no auxiliary inside a larger
    sentence ("le groupe (rebaptisé X)", "the town, captured in 2014, ...") or a present-tense
    relative clause ("les miliciens qui combattent sous sa bannière")."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    verb = head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "avait enlevé puis décapité": coordinated verbs share the auxiliary
    has_aux = any(c.dep_.startswith("aux") for c in verb.children) or \
        any(c.dep_.startswith("aux") for c in head.children)
    past_participle = "Part" in head.morph.get("VerbForm") and "Past" in head.morph.get("Tense")
    if past_participle and not has_aux and verb.dep_ != "ROOT" and _is_reduced_clause(head) \
            and not _predicates_a_verbless_root(verb):
        return True
    relative = head.dep_ in ("acl:relcl", "relcl")
    return relative and "Pres" in head.morph.get("Tense") and not has_aux


def _predicates_a_verbless_root(verb: Token) -> bool:
    """The only verb of a sentence the parser headed with its subject noun: "Two dozen people,
    including members of the union, protested in Columbus" (the noun hung on an opening
    preposition too: "In San Cristobal, a group of residents, mostly women, protested"), or a
    headline's passive with its agent ("3 villagers killed by Boko Haram") (not a participle inside
    a clause another verb heads)."""
    subject = verb.head
    return verb.dep_ == "acl" and subject.pos_ in ("NOUN", "PROPN", "PRON") and verb.i > subject.i \
        and not any(t.pos_ in ("VERB", "AUX") for t in subject.ancestors) \
        and (any(t.text == "," for t in verb.doc[subject.i + 1:verb.i]) or any(c.dep_ == "agent" for c in verb.children))


def describes_a_subject(head: Token) -> bool:
    """A clause after the subject of another verb, with no subject, auxiliary or past participle
    of its own, saying who that subject is ("the Arab coalition fighting in Yemen has denied ...",
    "la coalition combattant les jihadistes a annoncé ...")."""
    noun = head.head
    present_participle = "Part" in head.morph.get("VerbForm") and "Pres" in head.morph.get("Tense")
    clause = head.dep_ == "acl" or (head.dep_ == "amod" and present_participle)  # French: "combattant" as an adjective
    return clause and dep_is(noun, SUBJECT_DEPS) and noun.head.i != noun.i \
        and "Past" not in head.morph.get("Tense") \
        and not any(dep_is(c, SUBJECT_DEPS) or c.dep_.startswith("aux") for c in head.children)

def states_a_generality(head: Token, lang: str) -> bool:
    """A bare plural event noun that a present-tense copula says something general of ("drone
    strikes are widely unpopular", "attacks by jihadists are frequent in the region"): such events,
    not one that happened."""
    if head.pos_ != "NOUN" or "Plur" not in head.morph.get("Number") or not dep_is(head, SUBJECT_DEPS):
        return False
    if any(c.dep_ in ("det", "nummod", "poss", "nmod:poss") for c in head.children):
        return False
    clause = head.head
    copula = next((c for c in clause.children if c.dep_ == "cop"), clause if clause.pos_ == "AUX" else None)
    if copula is None or "Pres" not in copula.morph.get("Tense"):
        return False
    predicate = clause if copula is not clause else next(
        (c for c in clause.children if c.dep_ in ("acomp", "attr")), None)
    return predicate is not None and predicate._.lemma_key in anchor_words(lang).generic_predicates


def characterises_a_noun(head: Token) -> bool:
    """An event noun in a present-tense relative clause of being that says what a place or group
    is ("Sloviansk, a city that has been a center of the fighting", "une ville qui est le théâtre
    de combats"), not what happened there ("a city that was the scene of fighting on Sunday"; the
    caller keeps a noun with a date of its own: "c'est le régime qui est responsable de l'attaque
    du 21 août")."""
    if head.pos_ != "NOUN":
        return False
    clause = head
    while clause.dep_ in NOUN_PHRASE_LINKS and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ not in ("relcl", "acl:relcl"):
        return False
    copulas = [c for c in clause.children if c.dep_ == "cop"] or ([clause] if clause.pos_ == "AUX" else [])
    tensed = copulas + [c for c in clause.children if c.dep_.startswith("aux")]
    return bool(copulas) and any("Pres" in t.morph.get("Tense") for t in tensed)


def names_a_state(head: Token, lang: str) -> bool:
    """An event noun naming a state something is in ("Lagos was under curfew on Wednesday",
    "la ville reste sous couvre-feu"), not a happening ("the city was placed under curfew")."""
    if head.pos_ != "NOUN":
        return False
    words = anchor_words(lang)
    if head.head.pos_ == "ADP" and _one_of(head.head, words.state_prepositions):
        predicate = head.head.head  # "was under curfew": the preposition heads its noun
    elif any(c.dep_ in ("case", "prep") and _one_of(c, words.state_prepositions) for c in head.children):
        predicate = head  # "était sous couvre-feu": the noun heads its preposition, and the copula
    else:
        return False
    return any(c.dep_ == "cop" for c in predicate.children) or _one_of(predicate, words.state_verbs) \
        or (predicate is head and _one_of(head.head, words.state_verbs))


def names_a_campaign(head: Token, lang: str) -> bool:
    """A singular noun of struggle against someone or something ("backed the YPG in the fight
    against the Daesh group", "la lutte contre le terrorisme"): a campaign, not a fight that
    happened (acled-train: none of 37 notes of a "fight against" is an armed clash), unless it
    says when or how many died ("le combat contre les jihadistes a fait dix morts lundi")."""
    words = anchor_words(lang)
    if head.pos_ != "NOUN" or "Plur" in head.morph.get("Number") or not _one_of(head, words.campaign_nouns):
        return False
    markers = [c for c in head.children if c.dep_ in ("prep", "case")]
    markers += [m for c in head.children if c.dep_ in ("nmod", "obl") for m in c.children if m.dep_ == "case"]
    return any(_one_of(m, words.campaign_prepositions) for m in markers)


def _one_of(token: Token, words: frozenset[str]) -> bool:
    return token._.lemma_key in words or token._.text_key in words  # the lemmatizer reads "sous" as "sou"


def _is_reduced_clause(participle: Token) -> bool:
    """A participle set off as a description: after a comma or parenthesis ("the town, captured in
    2014", "(rebaptisé X)") or with its own agent ("the town captured by rebels"). A bare
    participle after a noun is more often the parser's mistake for a main verb ("a group of
    workers protested in X")."""
    doc = participle.doc
    previous = doc[participle.i - 1] if participle.i > participle.sent.start else None
    set_off = previous is not None and previous.text in (",", "(", "—", "–")
    has_agent = any(c.dep_ in ("agent", "obl:agent") for c in participle.children)
    return set_off or has_agent

@lru_cache(maxsize=1)  # documents are coded one at a time
def has_a_verb(context: DocumentContext) -> bool:
    """Whether any sentence of the document has a verb. A verbless sentence beside others is a
    title or a caption; where none has one (a headline alone, a one-line note: "Clashes between
    the army and SLM/A-Nur"), the verbless sentences are all the document tells."""
    return not all(is_verbless(sentence) for sentence in context.doc.sents)


def is_a_line_of_its_own(sentence: SpacySpan, text: str) -> bool:
    """A sentence alone on its line of ``text``, its document's: a title or a caption where it has
    no verb ("Clashes between X and Y in Mellit. Two injuries reported." is running text: a note's
    or a wire's fragment)."""
    before = sentence.start_char - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    after = sentence.start_char + len(sentence.text.rstrip())  # a line break the sentence ends with is its own
    while after < len(text) and text[after] in " \t":
        after += 1
    # only the characters beside the sentence are read: a long text is not copied once a sentence
    return (before < 0 or text[before] == "\n") and (after == len(text) or text[after] == "\n")


@lru_cache(maxsize=1)  # documents are coded one at a time
def quoted_tokens(context: DocumentContext) -> frozenset[int]:
    """The tokens inside quotation marks. A quotation runs on across sentences and ends with its
    paragraph at the latest; straight double quotes open and close in turn."""
    inside: set[int] = set()
    depth = 0
    for token in context.doc:
        if "\n" in token.text:
            depth = 0
        elif token.text in OPENING_QUOTES:
            depth += 1
        elif token.text in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif token.text == '"':
            depth = 0 if depth else 1
        elif depth:
            inside.add(token.i)
        if "\n" in token.whitespace_:
            depth = 0
    return frozenset(inside)


def has_own_anchor(frame: EventFrame, context: DocumentContext) -> bool:
    """A date, a toll that counts its dead or is the trigger's own killing word ("les autres ont
    été décapités"), or a resolved place in its phrase or in a complement of the verb whose object
    it is ("a heurté un engin explosif ... au sud d'Aguelhoc"; "evidence of excessive force
    occasioning deaths of protesters" has none)."""
    toll = frame.fatalities
    if frame.date is not None or (toll is not None and (toll.count is not None or _overlaps(toll.span, frame.trigger.span))):
        return True
    head = context.doc[frame.head]
    complements = [c for c in head.head.children if dep_is(c, OBLIQUE_DEPS)] if dep_is(head, OBJECT_DEPS) else []
    phrase = {t.i for word in (head, *complements) for t in word.subtree}
    return any(context.places[i].token_start in phrase and context.places[i].location is not None
               and context.places[i].location.resolved for i in frame.places)


def is_accused(head: Token, lang: str) -> bool:
    """The event word is in what a verb of accusation accuses someone of, not its subject ("the
    rebels accused ..." accuse; "the army was accused of shelling ..." is accused of)."""
    accusing = anchor_words(lang).accusation_verbs
    word = head
    while word.head.i != word.i:
        if word.head._.lemma_key in accusing:
            return not dep_is(word, SUBJECT_DEPS)
        word = word.head
    return False


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def is_a_period(head: Token, lang: str) -> bool:
    """An event word told as a length of time ("after two weeks of fighting", "des mois de
    combats") or as lasting since something happened ("protests have gripped Iran since Amini died
    in September"): a period of war or unrest, not one event. The time units are the date grammar's."""
    if _lasts_since(head, lang):
        return True
    if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
        return False
    unit = governor(head)  # "weeks (of) fighting"
    plural = "Plur" in unit.morph.get("Number") or any(c.pos_ == "NUM" for c in unit.children)
    return plural and unit._.lemma_key in time_units(lang)


def _lasts_since(head: Token, lang: str) -> bool:
    """An event noun, subject of a clause told as lasting since what a clause of its own says
    happened (a verb counting since then, "224 people had been detained since the protests began",
    is the events of the period, not a state of affairs)."""
    if head.pos_ != "NOUN" or not dep_is(head, SUBJECT_DEPS):
        return False
    clause = head.head
    since = since_words(lang)
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m._.text_key in since for m in c.children)
               for c in clause.children)


@cache
def time_units(lang: str) -> frozenset[str]:
    return folded(langdata.load(lang, "dates").units)


def has_event_subject(head: Token, context: DocumentContext, demonstration: bool = False) -> bool:
    """A verb whose subject is itself an event word says how that event went, not a new one:
    "les raids ont repris" (resumed), "fighting continued"; not a ``demonstration`` verb whose
    subject names the people doing it ("protesters demonstrated in Baghdad"; what else a crowd
    does, "des manifestants ont pris d'assaut le siège", tells how their protest went)."""
    return head.pos_ in ("VERB", "AUX") and any(
        dep_is(c, SUBJECT_DEPS) and c.i in context.trigger_tokens
        and not (demonstration and "pass" not in c.dep_ and _names_participants(c, context)) for c in head.children)


def _names_participants(token: Token, context: DocumentContext) -> bool:
    start = token.idx
    return any(_names_its_event(context.actors[i]) for i in _actor_spans(context).overlapping(start, start + 1))

def _names_its_event(mention: ActorMention) -> bool:
    """Protesters and rioters are named by what they do: "manifestants" is both actor and event word."""
    return mention.actor is not None and mention.actor.actor_type in ("protesters", "rioters")

def has_participant_or_place(frame: EventFrame, context: DocumentContext) -> bool:
    """A coded event names who took part (for a protest, anyone: "workers staged a protest"), a
    toll, or a place its sentence resolves: "hard fought battles", "big time shot", "he blasted
    the remark" name none and are no conflict events."""
    if frame.agent is not None or frame.targets or frame.fatalities is not None:
        return True
    if is_protest(frame) and _has_subject(context.doc[frame.head]):
        return True  # "workers staged a protest": whoever they are, ACLED codes them as protesters
    return any(context.places[i].location is not None and context.places[i].location.resolved for i in frame.places)

def _has_subject(head: Token) -> bool:
    """The trigger verb, or the verb a trigger noun is the object of, has a subject."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    return verb.pos_ in ("VERB", "AUX") and any(dep_is(c, SUBJECT_DEPS) for c in verb.children)

def is_protest(frame: EventFrame) -> bool:
    """A frame whose trigger names a protest or a riot."""
    return taxonomy.lookup(frame.trigger.entry.sub_event_type).demonstration
