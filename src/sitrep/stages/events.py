"""Event coding: from triggers with their attached mentions (frames) to :class:`~sitrep.models.Event`
records — which frames describe a real happening, the sub-type their arguments call for, one
location, date, actors, death toll, sources and claim status each, and the evidence for every field.

Rules here are language-neutral; the words they need come from lang/<code>/anchors.yaml.
"""
from __future__ import annotations

import hashlib
from datetime import date as Date
from datetime import timedelta
from functools import cache

from pydantic import BaseModel
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep import lang as langdata
from sitrep import taxonomy
from sitrep.actors.kb import knowledge_base
from sitrep.lang.schemas import TriggerEntry
from sitrep.models import (
    ActorMention,
    ActorRef,
    DateMention,
    DocumentContext,
    Event,
    EventFrame,
    Evidence,
    FatalityMention,
    GeoPrecision,
    Location,
    PlaceMention,
    SourceRef,
    Span,
    TimePrecision,
    Trigger,
)
from sitrep.stages.actors import event_type_actor, resolve_source
from sitrep.stages.arguments import attach
from sitrep.stages.attribution import claim_status, claim_words, find_reporters, is_reporting_verb
from sitrep.stages.syntax import SUBJECT_DEPS, dep_is, tree_distance
from sitrep.stages.triggers import entries_for, has_phrase, head_of
from sitrep.text import fold, folded

# Actor types as the trigger lexicons' `when: agent/target` conditions name them.
ACTOR_CLASSES = {
    "state_forces": "state",
    "external_other": "state",
    "rebel_group": "nonstate",
    "political_militia": "nonstate",
    "identity_militia": "nonstate",
    "civilians": "civilians",
    "protesters": "protesters",
    "rioters": "protesters",
}
# Event types of demonstrations: what a sentence tells of their protesters is how they went.
PROTEST_TYPES = frozenset({"Protests", "Riots"})
# Actor types of a state's forces, at home or abroad.
STATE_TYPES = frozenset({"state_forces", "external_other"})
# Roles of attackers the text does not name: a group claiming the attack names it.
UNNAMED_ATTACKER_ROLES = frozenset({"unidentified", "rebels"})
# Event types whose death tolls a bare "la mort de 68 miliciens" can complete.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
# Sub-types in which a place changes hands: who held it is the loser.
TERRITORY_TAKEN = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
# Sub-types whose unnamed attacker is carried over from the article's previous event: strikes,
# shelling and clashes in a report about one side's operations (not bombs, whose authors are
# usually unknown).
ACTOR_CARRYING_TYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Armed clash"})
# Two triggers this close in the tree (not coordinated) describe one happening: "a pris le
# contrôle du camp après des combats" is one takeover, not a takeover and a battle.
SAME_HAPPENING_DISTANCE = 2
# A verb of occurrence this many tokens after a noun trigger anchors it even where the parse
# failed to link them ("les raids aériens contre ces quartiers se sont poursuivis").
OCCURRENCE_WINDOW = 10
# How a line that is a sentence ends; a line ending otherwise is a title or caption.
TERMINAL_PUNCTUATION = frozenset('.!?…»"”)')
TITLE_MAX_WORDS = 25
# An event the text dates more than this many days before publication is background, not coded.
BACKGROUND_DAYS = 45


class AnchorWords(BaseModel):
    occurrence_verbs: frozenset[str]
    consecutive_day_words: frozenset[str]
    day_words: frozenset[str]
    ordinals: dict[str, int]


@cache
def anchor_words(lang: str) -> AnchorWords:
    raw = langdata.load(lang, "anchors")
    return AnchorWords(
        occurrence_verbs=frozenset(fold(w) for w in raw.occurrence_verbs),
        consecutive_day_words=frozenset(fold(w) for w in raw.consecutive_day_words),
        day_words=frozenset(fold(w) for w in raw.day_words),
        ordinals={fold(k): v for k, v in raw.ordinals.items()},
    )


def span_of(tokens: SpacySpan | Token) -> Span:
    if isinstance(tokens, Token):
        return Span(start=tokens.idx, end=tokens.idx + len(tokens.text), text=tokens.text)
    return Span(start=tokens.start_char, end=tokens.end_char, text=tokens.text)


# --- which frames are events ------------------------------------------------------------------

def is_headline(sentence: SpacySpan) -> bool:
    """A title or caption line: no verb at all. Its words repeat the body's events."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sentence)


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
    phrase = {t.i for t in head.subtree}
    if any(context.places[i].token_start in phrase for i in frame.places):
        return True
    occurrence = anchor_words(context.lang).occurrence_verbs
    near = [head.head, *head.head.children, *doc[head.i + 1:min(head.i + OCCURRENCE_WINDOW, head.sent.end)]]
    return any(t._.lemma_key in occurrence and t.pos_ in ("VERB", "AUX", "NOUN") for t in near if t.i != head.i)


def inside_mention(trigger: Trigger, context: DocumentContext) -> bool:
    """Trigger words that are part of a name or a date ("Bouclier de l'Euphrate", "front al-Nosra",
    "On 2 March 2020"); not those of an actor phrase the trigger heads ("des missiles russes",
    "Israeli drones": the event and who carried it out)."""
    head = head_of(context.doc, trigger.token_start, trigger.token_end)
    spans = [(m.span.start, m.span.end) for m in context.actors
             if not _names_its_event(m) and head_of(context.doc, m.token_start, m.token_end) != head] + \
            [(p.span.start, p.span.end) for p in context.places] + \
            [(d.span.start, d.span.end) for d in context.dates]
    return any(start < trigger.span.end and trigger.span.start < end for start, end in spans)


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
    if past_participle and not has_aux and verb.dep_ != "ROOT" and _is_reduced_clause(head):
        return True
    relative = head.dep_ in ("acl:relcl", "relcl")
    return relative and "Pres" in head.morph.get("Tense") and not has_aux


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


def in_quotation(token: Token) -> bool:
    """Whether the token stands inside quotation marks of its sentence."""
    opened = 0
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.text in ("«", "“"):
            opened += 1
        elif t.text in ("»", "”") and opened:
            opened -= 1
        elif t.text == '"':
            opened = 1 - opened
    return opened > 0


def has_event_subject(head: Token, context: DocumentContext) -> bool:
    """A verb whose subject is itself an event word says how that event went, not a new one:
    "les raids ont repris" (resumed), "fighting continued"."""
    return head.pos_ in ("VERB", "AUX") and any(
        dep_is(c, SUBJECT_DEPS) and c.i in context.trigger_tokens for c in head.children)


def _names_its_event(mention: ActorMention) -> bool:
    """Protesters and rioters are named by what they do: "manifestants" is both actor and event word."""
    return mention.actor is not None and mention.actor.actor_type in ("protesters", "rioters")


def keeps(frame: EventFrame, context: DocumentContext) -> bool:
    doc, entry = context.doc, frame.trigger.entry
    head = doc[frame.head]
    if is_headline(head.sent) or inside_mention(frame.trigger, context):
        return False
    if entry.describes_only or (entry.stative and describes_state(head)):
        return False
    if describes_background(head) or has_event_subject(head, context):
        return False
    if entry.requires_target and not frame.target_tokens:
        return False
    if head.pos_ not in ("VERB", "AUX") and in_quotation(head):
        return False  # a quoted statement's nouns are rhetoric ("déplacer la bataille")
    return is_anchored(frame, context) and has_participant_or_place(frame, context)


def has_participant_or_place(frame: EventFrame, context: DocumentContext) -> bool:
    """A coded event names who took part (for a protest, anyone: "workers staged a protest"), a
    toll, or a place its sentence resolves: "hard fought battles", "big time shot", "he blasted
    the remark" name none and are no conflict events."""
    if frame.agent is not None or frame.targets or frame.fatalities is not None:
        return True
    if _is_protest(frame) and _has_subject(context.doc[frame.head]):
        return True  # "workers staged a protest": whoever they are, ACLED codes them as protesters
    return any(context.places[i].location is not None and context.places[i].location.resolved for i in frame.places)


def _has_subject(head: Token) -> bool:
    """The trigger verb, or the verb a trigger noun is the object of, has a subject."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    return verb.pos_ in ("VERB", "AUX") and any(dep_is(c, SUBJECT_DEPS) for c in verb.children)


def one_per_happening(frames: list[EventFrame], doc: Doc) -> list[EventFrame]:
    """Of triggers describing one happening, the highest-priority one, of equals the one higher in
    the tree ("l'artillerie ... a bombardé un quartier de Kherson": the verb, whose complements
    name the place); it takes over the arguments it lacks from the others."""
    kept: list[EventFrame] = []
    depth = lambda f: sum(1 for _ in doc[f.head].ancestors)  # noqa: E731
    for frame in sorted(frames, key=lambda f: (-f.trigger.entry.priority, depth(f))):
        partner = next((k for k in kept if _same_happening(k, frame, doc)), None)
        if partner is None:
            kept.append(frame)
        else:
            _absorb(partner, frame)
    return sorted(kept, key=lambda f: f.trigger.token_start)


def _same_happening(a: EventFrame, b: EventFrame, doc: Doc) -> bool:
    """Two triggers close in the tree, not coordinated, of different priorities ("a pris le camp
    après des combats") or of the same entry ("repelled an attack")."""
    head_a, head_b = doc[a.head], doc[b.head]
    if head_a.sent != head_b.sent:
        return False
    if a.trigger.entry.priority == b.trigger.entry.priority and a.trigger.entry.id != b.trigger.entry.id:
        return False
    upper, lower = (head_a, head_b) if head_a in head_b.ancestors else (head_b, head_a)
    if upper not in lower.ancestors:
        return False
    distance, node = 0, lower
    while node != upper:
        if node.dep_ == "conj":
            return False
        distance += node.pos_ != "ADP"  # "after (two days of) clashes": prepositions add no distance
        node = node.head
    return distance <= SAME_HAPPENING_DISTANCE


def _absorb(kept: EventFrame, other: EventFrame) -> None:
    kept.fatalities = kept.fatalities or other.fatalities
    kept.date = kept.date or other.date
    kept.places = kept.places or other.places
    if other.trigger.entry.id == kept.trigger.entry.id and other.agent is not None \
            and kept.agent is not None and other.agent.text != kept.agent.text:
        # "troops repelled an attack by ISWAP": who made the attack began the battle
        kept.agent, kept.targets = other.agent, [kept.agent]
        return
    if not kept.targets:  # "a pris le camp après des combats contre X": X is the loser of the takeover
        kept.targets, kept.target_tokens = other.targets, other.target_tokens
    if not kept.targets and other.agent is not None and other.agent is not kept.agent:
        kept.targets = [other.agent]
    kept.agent = kept.agent or other.agent


def fold_into_protests(frames: list[EventFrame], doc: Doc) -> list[EventFrame]:
    """Violence, arrests and clashes that a sentence tells of the protesters of its protest
    ("police opened fire on protesters", "riot police beat and detained dozens of protesters",
    "protesters stormed parliament") are how that protest went, not events of their own: the
    protest's sub-type says so (its `when` rules), and it takes their toll."""
    protests = [f for f in frames if _is_protest(f)]
    kept = []
    for frame in frames:
        protest = None if _is_protest(frame) else next(
            (p for p in protests if doc[p.head].sent == doc[frame.head].sent
             and (_names_protesters(frame) or _said_of(frame, p, doc))), None)
        if protest is None:
            kept.append(frame)
        else:
            protest.fatalities = protest.fatalities or frame.fatalities
    return kept


def _said_of(frame: EventFrame, protest: EventFrame, doc: Doc) -> bool:
    """A clause on the protest's own word ("protesters who stormed parliament")."""
    head = doc[frame.head]
    return head.dep_ in ("relcl", "acl:relcl", "acl") and head.head.i == protest.head


def _is_protest(frame: EventFrame) -> bool:
    return taxonomy.lookup(frame.trigger.entry.sub_event_type).event_type in PROTEST_TYPES


def _names_protesters(frame: EventFrame) -> bool:
    return any(m is not None and m.actor is not None and m.actor.actor_type in ("protesters", "rioters")
               for m in (frame.agent, *frame.targets))


# --- sub-type, actors, place, date ------------------------------------------------------------

def actor_class(mention: ActorMention | None) -> str | None:
    if mention is None or mention.actor is None or mention.actor.actor_type is None:
        return None
    return ACTOR_CLASSES.get(mention.actor.actor_type)


def sub_event_type(frame: EventFrame, doc: Doc) -> str:
    """The entry's sub-type, refined by the first `when` rule its context and actors satisfy."""
    entry = frame.trigger.entry
    head = doc[frame.head]
    context_keys = {t._.lemma_key for t in head.sent} | {t._.text_key for t in head.sent}
    agent_class = actor_class(frame.agent)
    target_classes = {actor_class(t) for t in frame.targets}
    for rule in entry.when:
        if rule.context and not any(has_phrase(word, context_keys) for word in rule.context):
            continue
        if rule.agent and rule.agent != agent_class:
            continue
        if rule.target and rule.target not in target_classes:
            continue
        return rule.sub_event_type
    return entry.sub_event_type


def _actor_ref(mention: ActorMention | None) -> ActorRef | None:
    if mention is None or mention.is_source:
        return None
    ref = mention.actor or ActorRef(text=mention.text)
    return ref.model_copy(update={"span": mention.span})


def choose_location(frame: EventFrame, context: DocumentContext) -> Location | None:
    """The first resolved place attached to the trigger; else the nearest resolved place named
    before it in the same paragraph, else the article's most named place, both coded no finer
    than precision 2 since the text does not tie them to the event."""
    attached = [context.places[i].location for i in frame.places]
    resolved = [loc for loc in attached if loc is not None and loc.resolved]
    if resolved:
        # the most precise of the places attached, the nearest in the tree among equals
        return min(resolved, key=lambda loc: int(loc.geo_precision or GeoPrecision.REGION))
    trigger_start = frame.trigger.span.start
    text = context.doc.text
    paragraph_start = text.rfind("\n", 0, trigger_start) + 1
    earlier = [p for p in context.places
               if p.location and p.location.resolved and paragraph_start <= p.span.start < trigger_start]
    if earlier:
        return _inferred(earlier[-1].location, "place named earlier in the paragraph")
    focus = _most_named_place(context.places)
    if focus is not None:
        return _inferred(focus, "the article's most named place")
    return None


def _inferred(location: Location, why: str) -> Location:
    precision = max(int(location.geo_precision or 1), int(GeoPrecision.NEAR_OR_PART_OF))
    return location.model_copy(update={"geo_precision": GeoPrecision(precision), "reason": f"not named with the event: {why}"})


def _most_named_place(places: list[PlaceMention]) -> Location | None:
    counts: dict[tuple, tuple[int, Location]] = {}
    for place in places:
        loc = place.location
        if loc is None or not loc.resolved:
            continue
        key = (loc.name, loc.latitude, loc.longitude)
        counts[key] = (counts.get(key, (0, loc))[0] + 1, counts.get(key, (0, loc))[1])
    if not counts:
        return None
    return max(counts.values(), key=lambda c: c[0])[1]


def event_date(frame: EventFrame, context: DocumentContext, told: list[Event]) -> DateMention | None:
    """The date attached to the trigger, where the text gives one ("le lendemain" counts from the
    date of the article's previous event); else, where the previous event is told in the same
    paragraph or the one before, its date (a story goes on at its date: "... ont été tués dimanche.
    ¶ « Des individus armés ont attaqué le détachement vers 6H00 »"); else the publication date
    (news reports the recent past)."""
    position = frame.trigger.span.start
    previous = _previous_told(told, position, context)
    if frame.date is not None:
        if frame.date.after_previous is None or previous is None or previous.date is None:
            return frame.date
        day = previous.date + timedelta(days=frame.date.after_previous)
        return frame.date.model_copy(update={"date": day, "earliest": day, "latest": day,
                                             "time_precision": previous.time_precision})
    text = context.doc.text
    if previous is not None and previous.evidence.date is not None and previous.date is not None \
            and _paragraph(text, position) - _paragraph(text, previous.evidence.trigger.start) <= 1:
        return DateMention(span=previous.evidence.date, date=previous.date, time_precision=previous.time_precision)
    if context.published is None:
        return None
    return DateMention(span=Span(start=0, end=0, text=""), date=context.published,
                       time_precision=TimePrecision.WEEK_OR_SPAN,
                       earliest=context.published - timedelta(days=2), latest=context.published)


def _previous_told(told: list[Event], position: int, context: DocumentContext) -> Event | None:
    """The latest asserted, dated, recent event told before ``position``."""
    earlier = [e for e in told if e.claim_status == "asserted" and e.evidence.trigger.start < position
               and e.date is not None and not is_background(e, context.published)]
    return max(earlier, key=lambda e: e.evidence.trigger.start, default=None)


def _paragraph(text: str, position: int) -> int:
    """The index of the paragraph (non-empty line) ``position`` is in."""
    return sum(1 for line in text[:position].split("\n")[:-1] if line.strip())


def is_background(event: Event, published: Date | None) -> bool:
    """An event the text dates more than BACKGROUND_DAYS before publication is background ("le
    massacre d'Ogossagou en mars 2019", "the war, which began in 2014"), not news the article reports."""
    return published is not None and event.date is not None and event.evidence.date is not None \
        and event.date < published - timedelta(days=BACKGROUND_DAYS)


def claim_of(head: Token, lang: str):
    """The trigger's claim status; a noun trigger carried by a verb of occurrence takes that
    verb's ("une offensive pourrait être lancée" is hypothetical, "an offensive was launched" not)."""
    claim = claim_status(head, lang)
    if claim.status != "asserted" or head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
        return claim
    occurrence = anchor_words(lang).occurrence_verbs
    governor = head.head
    carriers = [governor, *(c for c in governor.children if c.dep_ == "xcomp")]
    carrier = next((c for c in carriers if c._.lemma_key in occurrence and c.pos_ in ("VERB", "AUX")), None)
    return claim_status(carrier, lang) if carrier is not None else claim


def consecutive_days(sentence: SpacySpan, lang: str) -> int:
    """N of "pour le Nième jour consécutif" / "for the Nth straight day": the event also
    happened on the N-1 days before."""
    words = anchor_words(lang)
    keys = [t._.text_key for t in sentence]
    for i, key in enumerate(keys):
        if key in words.ordinals and any(k in words.day_words for k in keys[i + 1:i + 3]) \
                and any(k in words.consecutive_day_words for k in keys[i + 1:i + 4]):
            return words.ordinals[key]
    return 1


def reporters(sentence: SpacySpan, context: DocumentContext) -> list[SourceRef]:
    """The sources the sentence cites; a phrase that holds a known source ("le correspondant
    d'al-Manar") is that source. A verbless fragment just before the sentence in its paragraph
    ("Selon Media de Guerre, instance médiatique," split off by the parser) counts as its own."""
    fragment = _leading_fragment(sentence)
    phrases = find_reporters(sentence, context.lang) + (find_reporters(fragment, context.lang) if fragment else [])
    known = [m for m in context.actors if m.is_source and m.source is not None]
    found: list[SourceRef] = []
    for phrase in phrases:
        if not any(c.isalpha() for c in phrase.text):
            continue
        inside = next((m for m in known if phrase.start_char <= m.span.start and m.span.end <= phrase.end_char), None)
        if inside is not None:
            source = inside.source.model_copy(update={"span": inside.span})
        else:
            source = resolve_source(phrase.text, context.lang, context.country).model_copy(update={"span": span_of(phrase)})
        if all((s.name or s.text) != (source.name or source.text) for s in found):
            found.append(source)
    return found


def _leading_fragment(sentence: SpacySpan) -> SpacySpan | None:
    doc = sentence.doc
    if sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    same_paragraph = "\n" not in doc.text[previous.end_char:sentence.start_char]
    return previous if same_paragraph and is_headline(previous) else None


# --- assembly ---------------------------------------------------------------------------------

def _event_id(context: DocumentContext, trigger_start: int, days_before: int) -> str:
    base = context.doc_id or hashlib.sha1(context.doc.text.encode()).hexdigest()[:12]
    return f"{base}:{trigger_start}" + (f"-{days_before}d" if days_before else "")


def _confidence(frame: EventFrame, location: Location | None, explicit_date: bool) -> float:
    """A rough score of how much of the event the text itself states (documented heuristic)."""
    score = 0.4
    score += 0.15 if frame.agent is not None else 0.0
    score += 0.15 if frame.places and location is not None else 0.0
    score += 0.15 if explicit_date else 0.0
    score += 0.1 if frame.trigger.token_end - frame.trigger.token_start > 1 else 0.0
    return round(min(score, 0.95), 2)


def build_event(frame: EventFrame, context: DocumentContext, told: list[Event], days_before: int = 0) -> Event:
    doc, lang = context.doc, context.lang
    head = doc[frame.head]
    sentence = head.sent
    sub_type = taxonomy.lookup(sub_event_type(frame, doc))
    entry: TriggerEntry = frame.trigger.entry
    when = event_date(frame, context, told)
    day = when.date - timedelta(days=days_before) if when else None
    location = choose_location(frame, context)
    claim = claim_of(head, lang)
    actor1 = _actor_ref(frame.agent)
    if actor1 is None or not actor1.resolved:
        # protesters and rioters are coded by what they do, whatever the words call them; a bomb
        # with no named author is an unidentified armed group's
        implied = event_type_actor(sub_type.event_type, published=context.published,
                                   country=(location.country if location else None) or context.country,
                                   text=actor1.text if actor1 else frame.trigger.span.text,
                                   sub_event_type=sub_type.sub_event_type if actor1 is None else None)
        if implied is not None and implied.name:
            actor1 = implied.model_copy(update={"span": actor1.span if actor1 else None})
    actor2 = next((ref for ref in map(_actor_ref, frame.targets)
                   if ref is not None and (actor1 is None or ref.name != actor1.name or ref.name is None)), None)
    toll = frame.fatalities if not days_before else None
    actor_spans = {role: ref.span for role, ref in (("actor1", actor1), ("actor2", actor2)) if ref and ref.span}
    return Event(
        event_id=_event_id(context, frame.trigger.span.start, days_before),
        doc_id=context.doc_id,
        event_type=sub_type.event_type,
        sub_event_type=sub_type.sub_event_type,
        plover_event_type=entry.plover or sub_type.plover,
        cameo_root=entry.cameo or sub_type.cameo,
        date=day,
        time_precision=when.time_precision if when else None,
        actor1=actor1,
        actor2=actor2,
        location=location,
        fatalities=toll.count if toll else None,
        fatalities_text=toll.span.text if toll else None,
        reported_by=reporters(sentence, context),
        claim_status=claim.status,
        evidence=Evidence(
            sentence=sentence.text.strip(),
            sentence_span=span_of(sentence),
            trigger=frame.trigger.span,
            rule=entry.id,
            actor_spans=actor_spans,
            places=[context.places[i].location for i in frame.places if context.places[i].location],
            date=when.span if when and when.span.end > when.span.start else None,
            fatalities=toll.span if toll else None,
            claim=claim.span,
            language=lang,
            confidence=_confidence(frame, location, bool(when and when.span.end > when.span.start)),
        ),
    )


def add_toll(event: Event, toll: FatalityMention, sources: list[SourceRef], vague: dict[str, bool]) -> None:
    """Complete an event's death toll with one reported elsewhere: a precise figure beats a vague
    one, deaths told as more ("were also killed") add up."""
    precise_over_vague = vague.get(event.event_id, False) and not toll.vague and toll.count is not None
    if event.fatalities is not None and toll.additional and toll.count is not None:
        event.fatalities += toll.count
        event.fatalities_text = f"{event.fatalities_text}; {toll.span.text}"
        return
    if event.fatalities is not None and not precise_over_vague:
        return
    vague[event.event_id] = toll.vague
    event.fatalities = toll.count
    event.fatalities_text = toll.span.text
    event.evidence.fatalities = toll.span
    known = {s.name or s.text for s in event.reported_by}
    event.reported_by.extend(s for s in sources if (s.name or s.text) not in known)


def code_events(frames: list[EventFrame], context: DocumentContext) -> list[Event]:
    """Events from the frames of one document, in text order."""
    doc = context.doc
    regular = fold_into_protests(
        one_per_happening([f for f in frames if not f.trigger.entry.death_only and keeps(f, context)], doc), doc)
    _add_victims(regular, [f for f in frames if f.trigger.entry.death_only], doc)
    events: list[Event] = []
    vague: dict[str, bool] = {}  # event id -> its toll came from a vague quantity
    for frame in regular:
        earlier = _told_before(frame, events, context)
        if earlier is not None:
            if frame.fatalities is not None:
                add_toll(earlier, frame.fatalities, reporters(doc[frame.head].sent, context), vague)
            continue
        for days_before in range(consecutive_days(doc[frame.head].sent, context.lang)):
            event = build_event(frame, context, events, days_before)
            vague[event.event_id] = bool(frame.fatalities and frame.fatalities.vague)
            events.append(event)
    sentences_with_events = {doc[f.head].sent.start for f in regular}
    for frame in frames:
        sentence = doc[frame.head].sent
        if not frame.trigger.entry.death_only or not keeps(frame, context):
            continue
        if sentence.start in sentences_with_events:
            _add_more_deaths(frame, sentence, events, context, vague)
            continue
        toll_event = None if frame.agent else _event_for_toll(frame, events, context)
        if toll_event is not None and frame.fatalities is not None:
            add_toll(toll_event, frame.fatalities, reporters(sentence, context), vague)
        elif toll_event is None and (frame.fatalities or frame.agent or frame.targets):
            event = build_event(frame, context, events)
            vague[event.event_id] = bool(frame.fatalities and frame.fatalities.vague)
            events.append(event)
            sentences_with_events.add(sentence.start)
    events = [e for e in merge_repeated(drop_title_repeats(events, doc), vague) if not is_background(e, context.published)]
    events.sort(key=lambda e: (e.evidence.trigger.start, e.event_id))
    add_holders_as_opponents(events, frames, doc)
    add_claimed_perpetrators(events, context)
    carry_over_actors(events)
    return events if any(reports_political_violence(e, context.lang) for e in events) else []


def reports_political_violence(event: Event, lang: str) -> bool:
    """Whether an event shows its article is about political violence or unrest, not crime,
    accidents or sport: its trigger alone says so (a weapon of war, a protest), a party to conflict
    or unrest takes part (an army, an armed group, rioters; not the police, civilians or guards
    alone: actors/data/generic.yaml `party`), or its victims are called what only war makes them
    ("civilians")."""
    entry = next((e for e in entries_for(lang) if e.id == event.evidence.rule), None)
    if entry is not None and entry.anchors:
        return True
    victims = war_victims(lang)
    return any(is_party(actor) or (actor is not None and victims & set(fold(actor.text).split()))
               for actor in (event.actor1, event.actor2))


@cache
def war_victims(lang: str) -> frozenset[str]:
    """Words for people that news uses only of war ("civilians"), from lang/<code>/actors.yaml."""
    return folded(langdata.load(lang, "actors").war_victims)


def is_party(actor: ActorRef | None) -> bool:
    """A party to conflict or unrest, by its type and role (known even where the article's
    country, and so the actor's name, is not)."""
    if actor is None or actor.actor_type in (None, "civilians"):
        return False
    role = knowledge_base().roles.get(actor.role or "")
    return role is None or role.party


def add_claimed_perpetrators(events: list[Event], context: DocumentContext) -> None:
    """"L'attaque a été revendiquée lundi par le GSIM", "sources locales l'attribuent à la katiba
    Macina, affiliée au JNIM", "Al-Shabaab claimed responsibility": an armed group a (not negated)
    responsibility verb names is the attacker of the violent event its sentence tells, else of the
    article's latest earlier one, where that event names no attacker or only an unidentified one."""
    doc, verbs = context.doc, responsibility_verbs(context.lang)
    for verb in doc:
        if verb._.lemma_key not in verbs or verb.pos_ not in ("VERB", "AUX") \
                or claim_status(verb, context.lang).status != "asserted":
            continue
        perpetrator = _perpetrator(verb, context.actors)
        if perpetrator is None:
            continue
        sentence_end = verb.sent.end_char
        told = [e for e in events if e.event_type in VIOLENT_TYPES and e.claim_status == "asserted"
                and e.evidence.trigger.start < sentence_end]
        event = max(told, key=lambda e: e.evidence.trigger.start, default=None)
        if event is not None and (event.actor1 is None or event.actor1.inferred_from is not None
                                  or event.actor1.role in UNNAMED_ATTACKER_ROLES):
            event.actor1 = _actor_ref(perpetrator)


def _perpetrator(verb: Token, actors: list[ActorMention]) -> ActorMention | None:
    """The armed group a responsibility verb names: in its phrase, a named group before a generic
    one ("la katiba Macina, affiliée au JNIM"), the nearest in the tree first."""
    phrase = {t.i for t in verb.subtree}
    named = [m for m in actors if m.token_start in phrase and not m.is_source and m.actor is not None
             and is_party(m.actor) and m.actor.actor_type != "state_forces"]
    return min(named, key=lambda m: (m.actor.role is not None, tree_distance(verb, verb.doc[m.token_start])),
               default=None)


@cache
def responsibility_verbs(lang: str) -> frozenset[str]:
    return folded(langdata.load(lang, "attribution").responsibility_verbs)


def add_holders_as_opponents(events: list[Event], frames: list[EventFrame], doc: Doc) -> None:
    """Who held a place is the other side of what happens there: of a battle in the same
    sentence ("des accrochages ... dans le quartier X, occupé par les miliciens"), and of the
    taking of that place anywhere in the article ("l'armée a pris le camp X ... le camp, qui était
    entre les mains de la milice Y": Y lost it)."""
    holders = [f for f in frames if f.trigger.entry.stative and f.agent is not None
               and f.agent.actor is not None and (f.trigger.entry.describes_only or describes_state(doc[f.head]))]
    for event in events:
        sentence = doc.char_span(event.evidence.trigger.start, event.evidence.trigger.end, alignment_mode="expand")
        holder = None
        if event.sub_event_type in TERRITORY_TAKEN and event.location is not None:
            place_words = set(fold(event.location.text).split())
            holder = next((h for h in holders if _held_place_words(doc[h.head]) & place_words
                           and _other_side(h, event)), None)
        if holder is None and event.event_type == "Battles" and event.actor2 is None and sentence is not None:
            holder = next((h for h in holders if doc[h.head].sent == sentence.sent and _other_side(h, event)), None)
        if holder is not None:
            event.actor2 = _actor_ref(holder.agent)


def _held_place_words(head: Token) -> set[str]:
    """The words naming what a holding phrase is about: the noun it qualifies ("le camp qui était
    entre les mains de") or the subject of its verb ("the town had been in the hands of")."""
    governor = head.head
    candidates = [governor, *governor.children, *head.children]  # copular "la ville était aux mains de"
    return {t._.lemma_key for t in candidates if t.i == governor.i or dep_is(t, SUBJECT_DEPS)}


def _other_side(holder: EventFrame, event: Event) -> bool:
    return event.actor1 is None or holder.agent.actor.name != event.actor1.name


def carry_over_actors(events: list[Event]) -> None:
    """A strike or clash whose clause names no attacker ("les raids aériens se sont poursuivis")
    is, in a report about one side's operations, that side's: it takes the attacker of the
    article's latest earlier event that names an armed one, marked as inferred. Only state forces
    carry over to air strikes (armed groups rarely fly), and never protesters or rioters."""
    latest: Event | None = None
    for event in events:
        if event.claim_status != "asserted":
            continue
        if event.actor1 is None and latest is not None and event.sub_event_type in ACTOR_CARRYING_TYPES \
                and (event.actor2 is None or event.actor2.name != latest.actor1.name) \
                and (event.sub_event_type != "Air/drone strike" or latest.actor1.actor_type in STATE_TYPES):
            event.actor1 = latest.actor1.model_copy(update={"span": None, "inferred_from": latest.event_id})
        elif event.actor1 is not None and event.actor1.resolved and event.actor1.inferred_from is None \
                and is_party(event.actor1) and event.actor1.actor_type not in ("protesters", "rioters"):
            latest = event


def _add_victims(regular: list[EventFrame], deaths: list[EventFrame], doc: Doc) -> None:
    """An event with no target of its own is against those its sentence says it killed or
    wounded ("Russian forces shelled Kharkiv, killing three civilians")."""
    for frame in regular:
        if frame.targets:
            continue
        sentence = doc[frame.head].sent
        victims = next((d for d in deaths if d.targets and doc[d.head].sent == sentence), None)
        if victims is not None:
            frame.targets, frame.target_tokens = victims.targets, victims.target_tokens


def _told_before(frame: EventFrame, events: list[Event], context: DocumentContext) -> Event | None:
    """The earlier event a definite noun trigger with no date or place of its own refers back to
    ("... après de violents combats. ... douze assaillants ont été tués lors des affrontements"):
    the article's latest asserted event of the same event type."""
    head = context.doc[frame.head]
    if head.pos_ != "NOUN" or frame.date is not None or not _is_definite(head):
        return None
    if any(context.places[i].location and context.places[i].location.resolved
           and context.places[i].token_start in {t.i for t in head.subtree} for i in frame.places):
        return None
    event_type = taxonomy.lookup(frame.trigger.entry.sub_event_type).event_type
    earlier = [e for e in events if e.event_type == event_type and e.claim_status == "asserted"]
    return earlier[-1] if earlier else None


def _is_definite(noun: Token) -> bool:
    # French contracted articles ("lors des affrontements": de + les) come as a case marker
    determiners = [c for c in noun.children if c.dep_ in ("det", "det:poss", "case")]
    return any("Def" in d.morph.get("Definite") or "Dem" in d.morph.get("PronType") for d in determiners)


def is_title_line(doc: Doc, position: int) -> bool:
    """A title or caption: a line of its own that does not end like a sentence."""
    text = doc.text
    start, end = text.rfind("\n", 0, position) + 1, text.find("\n", position)
    line = text[start:end if end >= 0 else len(text)].strip()
    return bool(line) and line[-1] not in TERMINAL_PUNCTUATION and len(line.split()) <= TITLE_MAX_WORDS


def drop_title_repeats(events: list[Event], doc: Doc) -> list[Event]:
    """A title's event is the body's event told again: kept only where the body lacks it."""
    body_types = {e.sub_event_type for e in events if not is_title_line(doc, e.evidence.trigger.start)}
    return [e for e in events
            if not (is_title_line(doc, e.evidence.trigger.start) and e.sub_event_type in body_types)]


def _add_more_deaths(frame: EventFrame, sentence: SpacySpan, events: list[Event], context: DocumentContext,
                     vague: dict[str, bool]) -> None:
    """"..., killing 5 soldiers; 3 militants were also killed": deaths told as more add to the
    toll of the sentence's event."""
    toll = frame.fatalities
    if toll is None or not toll.additional:
        return
    event = next((e for e in events if sentence.start_char <= e.evidence.trigger.start < sentence.end_char), None)
    if event is not None and event.evidence.fatalities != toll.span:
        add_toll(event, toll, reporters(sentence, context), vague)


def merge_repeated(events: list[Event], vague: dict[str, bool]) -> list[Event]:
    """One event for one happening told twice in an article ("clashes broke out on Tuesday ...
    14 fighters were killed in the fighting"): same sub-type, claim and place, dates within their
    precision, no conflicting actors. The first telling keeps the event; later ones add their
    toll and sources."""
    kept: list[Event] = []
    for event in events:
        first = next((k for k in kept if _same_event(k, event)), None)
        if first is None:
            kept.append(event)
            continue
        if event.fatalities is not None and event.evidence.fatalities is not None:
            toll = FatalityMention(span=event.evidence.fatalities, count=event.fatalities,
                                   vague=vague.get(event.event_id, False))
            add_toll(first, toll, event.reported_by, vague)
        first.actor1 = first.actor1 or event.actor1
        first.actor2 = first.actor2 or event.actor2
    return kept


def _same_event(a: Event, b: Event) -> bool:
    if (a.sub_event_type, a.claim_status) != (b.sub_event_type, b.claim_status):
        return False
    if (a.location.name if a.location else None) != (b.location.name if b.location else None):
        return False
    if a.date and b.date:
        slack = 0 if a.time_precision == b.time_precision == TimePrecision.DAY else 1
        if abs((a.date - b.date).days) > slack:
            return False
    return all(x is None or y is None or x.name == y.name
               for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)))


def _event_for_toll(frame: EventFrame, events: list[Event], context: DocumentContext) -> Event | None:
    """The violent event that a bare death toll ("l'OSDH a évoqué la mort de 68 miliciens
    vendredi") belongs to: the one of the nearest date within the toll's precision, and of those
    the one told last before the toll."""
    when = event_date(frame, context, events)
    if when is None:
        return None
    position = frame.trigger.span.start
    candidates = [e for e in events if e.event_type in VIOLENT_TYPES and e.claim_status == "asserted"
                  and e.date is not None and abs((e.date - when.date).days) <= _tolerance(when)]
    if not candidates:
        return None
    return min(candidates, key=lambda e: (abs((e.date - when.date).days),
                                          e.evidence.trigger.start > position,
                                          abs(position - e.evidence.trigger.start)))


def _tolerance(when: DateMention) -> int:
    return 0 if when.time_precision == TimePrecision.DAY else 1


def reporting_verb_tokens(doc: Doc, lang: str) -> frozenset[int]:
    words = claim_words(lang)
    return frozenset(t.i for t in doc if is_reporting_verb(t, words))


def frames_for(triggers: list[Trigger], context: DocumentContext) -> list[EventFrame]:
    return [attach(context.doc, t, context.actors, context.places, context.dates, context.tolls,
                   context.reporting_verbs, context.lang) for t in triggers]
