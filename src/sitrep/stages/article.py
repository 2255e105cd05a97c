"""What only the whole article tells of its events: who held a place that changed hands or where a
battle was fought (the other side), which group claimed an attack (its perpetrator), and whose
operations an event with no named attacker belongs to."""
from __future__ import annotations

from bisect import bisect_left
from functools import cache

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep import taxonomy
from sitrep.actors.resolver import unnamed_attacker
from sitrep.models import ActorMention, DocumentContext, Event, EventFrame
from sitrep.stages.actors import STATE_TYPES
from sitrep.stages.attribution import claim_status
from sitrep.stages.event_actors import DEMONSTRATORS, actor_ref
from sitrep.stages.event_filter import describes_state
from sitrep.stages.relevance import is_party
from sitrep.stages.syntax import AGENT_DEPS, OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, dep_is, is_passive
from sitrep.stages.syntax import tree_distance
from sitrep.text import fold, folded

# Roles of attackers the text does not name: a group claiming the attack names it.
UNNAMED_ATTACKER_ROLES = frozenset({"unidentified", "rebels"})


def complete(events: list[Event], frames: list[EventFrame], context: DocumentContext) -> None:
    """Fill what the article as a whole tells of ``events`` (in text order)."""
    add_holders_as_opponents(events, frames, context.doc)
    add_claimed_perpetrators(events, context)
    carry_over_actors(events)
    name_unknown_attackers(events, context)


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
        if taxonomy.lookup(event.sub_event_type).place_changes_hands and event.location is not None:
            place_words = set(fold(event.location.text).split())
            holder = next((h for h in holders if _held_place_words(doc[h.head]) & place_words
                           and _other_side(h, event)), None)
        if holder is None and event.event_type == "Battles" and event.actor2 is None and sentence is not None:
            holder = next((h for h in holders if doc[h.head].sent == sentence.sent and _other_side(h, event)), None)
        if holder is not None:
            event.actor2 = actor_ref(holder.agent)


def _held_place_words(head: Token) -> set[str]:
    """The words naming what a holding phrase is about: the noun it qualifies ("le camp qui était
    entre les mains de") or the subject of its verb ("the town had been in the hands of")."""
    governor = head.head
    candidates = [governor, *governor.children, *head.children]  # copular "la ville était aux mains de"
    return {t._.lemma_key for t in candidates if t.i == governor.i or dep_is(t, SUBJECT_DEPS)}

def _other_side(holder: EventFrame, event: Event) -> bool:
    return event.actor1 is None or holder.agent.actor.name != event.actor1.name

def add_claimed_perpetrators(events: list[Event], context: DocumentContext) -> None:
    """"L'attaque a été revendiquée lundi par le GSIM", "sources locales l'attribuent à la katiba
    Macina, affiliée au JNIM", "Al-Shabaab claimed responsibility": an armed group a (not negated)
    responsibility verb names is the attacker of the violent event its sentence tells, else of the
    article's latest earlier one, where that event names no attacker or only an unidentified one."""
    doc, verbs = context.doc, responsibility_verbs(context.lang)
    violent = taxonomy.event_types_where("violent")
    told = sorted((e for e in events if e.event_type in violent and e.claim_status == "asserted"),
                  key=lambda e: e.evidence.trigger.start)
    starts = [e.evidence.trigger.start for e in told]
    for verb in doc:
        if verb._.lemma_key not in verbs or verb.pos_ not in ("VERB", "AUX") \
                or claim_status(verb, context.lang).status != "asserted":
            continue
        perpetrator = _perpetrator(verb, context.actors, blames=verb._.lemma_key in blame_verbs(context.lang))
        if perpetrator is None:
            continue
        before = bisect_left(starts, verb.sent.end_char)
        # the one told last before the sentence's end; of two at one place, the first
        event = told[bisect_left(starts, starts[before - 1])] if before else None
        # a claim of several attacks ("ce double attentat", "the attacks") covers the others of that day
        several = event is not None and _claims_several(verb, context)
        for claimed in (e for e in told[:before] if e is event or (several and e.date == event.date)):
            if claimed.actor1 is None or claimed.actor1.inferred_from is not None \
                    or claimed.actor1.role in UNNAMED_ATTACKER_ROLES:
                claimed.actor1 = actor_ref(perpetrator)
                if claimed.actor2 is not None and claimed.actor2.name == claimed.actor1.name:
                    claimed.actor2 = None  # "blamed the shelling on X": X is no target


def _claims_several(verb: Token, context: DocumentContext) -> bool:
    """Whether what a responsibility verb claims is several attacks: the event word it claims (its
    object or passive subject, or what that is responsibility for) says how many ("ce double
    attentat", "two attacks") or points back to several ("ces attentats"); "the killings" of one
    massacre are one attack, and "accused the Houthis of war crimes" claims none."""
    words = several_attacks_words(context.lang)
    nouns = [c for c in verb.children if dep_is(c, OBJECT_DEPS + PASSIVE_SUBJECT_DEPS)]
    nouns += [g for n in nouns for c in n.children for g in (c, *c.children) if g.pos_ == "NOUN"]
    return any(n.i in context.trigger_tokens and any(_counts_several(m, n, words) for m in n.children) for n in nouns)


def _counts_several(modifier: Token, noun: Token, words: frozenset[str]) -> bool:
    plural = "Plur" in noun.morph.get("Number")
    return modifier._.lemma_key in words or (plural and (modifier.dep_ == "nummod" or "Dem" in modifier.morph.get("PronType")))


def _perpetrator(verb: Token, actors: list[ActorMention], blames: bool) -> ActorMention | None:
    """The armed group a responsibility verb names: in its phrase, a named group before a generic
    one ("la katiba Macina, affiliée au JNIM"), the nearest in the tree first; not the subject of a
    verb that blames (``blames``: "les Arméniens l'attribuent aux forces azerbaïdjanaises"), nor
    its agent in the passive ("les ADF sont accusées par les habitants d'avoir tué")."""
    accusing = AGENT_DEPS if is_passive(verb) else SUBJECT_DEPS
    accuser = {t.i for c in verb.children if dep_is(c, accusing) for t in c.subtree} if blames else set()
    phrase = {t.i for t in verb.subtree} - accuser
    named = [m for m in actors if m.token_start in phrase and not m.is_source and m.actor is not None
             and is_party(m.actor) and (blames or m.actor.actor_type != "state_forces")]
    return min(named, key=lambda m: (m.actor.role is not None, tree_distance(verb, verb.doc[m.token_start])),
               default=None)

@cache
def responsibility_verbs(lang: str) -> frozenset[str]:
    return folded(langdata.load(lang, "attribution").responsibility_verbs)


@cache
def blame_verbs(lang: str) -> frozenset[str]:
    return folded(langdata.load(lang, "attribution").blame_verbs)


@cache
def several_attacks_words(lang: str) -> frozenset[str]:
    return folded(langdata.load(lang, "attribution").several_attacks_words)


def carry_over_actors(events: list[Event]) -> None:
    """A strike or clash whose clause names no attacker ("les raids aériens se sont poursuivis")
    is, in a report about one side's operations, that side's: it takes the attacker of the
    article's latest earlier event that names an armed one, marked as inferred. Only state forces
    carry over to air strikes (armed groups rarely fly), and never protesters or rioters, nor
    forces policing a demonstration (their event's second actor protesters or rioters): that is
    unrest, not one side's operations."""
    latest: Event | None = None
    for event in events:
        if event.claim_status != "asserted":
            continue
        if event.actor1 is None and latest is not None and taxonomy.lookup(event.sub_event_type).attacker_carries_over \
                and (event.actor2 is None or event.actor2.name != latest.actor1.name) \
                and (event.sub_event_type != "Air/drone strike" or latest.actor1.actor_type in STATE_TYPES):
            event.actor1 = latest.actor1.model_copy(update={"span": None, "inferred_from": latest.event_id})
        elif event.actor1 is not None and event.actor1.resolved and event.actor1.inferred_from is None \
                and is_party(event.actor1) and event.actor1.actor_type not in DEMONSTRATORS \
                and (event.actor2 is None or event.actor2.actor_type not in DEMONSTRATORS):
            latest = event


def name_unknown_attackers(events: list[Event], context: DocumentContext) -> None:
    """An event of political violence whose attacker no telling names and no side's operations
    carry over ("a rocket struck the Green Zone") is an unidentified armed group's of the country
    where it happened, as ACLED codes it (actors/data/generic.yaml `implied_when_no_attacker`)."""
    for event in (e for e in events if e.actor1 is None):
        where = (event.location.country if event.location else None) or context.country
        attacker = unnamed_attacker(event.event_type, event.sub_event_type, context.published, where)
        if attacker is not None and (event.actor2 is None or event.actor2.name != attacker.name):
            event.actor1 = attacker
