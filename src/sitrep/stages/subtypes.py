"""The sub-type of an event: its trigger entry's, refined by the first `when` rule of the entry
(lang/<code>/triggers.yaml) that its sentence and its actors satisfy."""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from sitrep import lang as langdata
from sitrep import taxonomy
from sitrep.models import ActorMention, EventFrame
from sitrep.stages.place_words import place_words
from sitrep.stages.sides import case_words, target_complements
from sitrep.stages.syntax import is_verbal
from sitrep.stages.triggers import has_phrase

# Actor types as the trigger lexicons' `when: agent/target` conditions name them.
ACTOR_CLASSES = {
    "state_forces": "state",
    "external_other": "state",
    "rebel_group": "nonstate",
    "political_militia": "nonstate",
    "identity_militia": "nonstate",
    "civilians": "civilians",
    "protesters": "protesters",
    "rioters": "rioters",
}


def actor_class(mention: ActorMention | None) -> str | None:
    if mention is None or mention.actor is None or mention.actor.actor_type is None:
        return None
    return ACTOR_CLASSES.get(mention.actor.actor_type)

def sub_event_type(frame: EventFrame, doc: Doc, lang: str, told_after: Span | None = None) -> str:
    """The entry's sub-type, refined by the first `when` rule its context (its sentence, less what a
    protest was about: stages/grievances.py; and ``told_after``: a sentence after it that says how
    it went) and actors satisfy; for a generic word no rule refines, the learned reader's where it
    is sure (:func:`model_sub_type`)."""
    entry = frame.trigger.entry
    head = doc[frame.head]
    # the words of places name no weapon or act: "Baton Rouge" is no baton
    labels = place_words(lang).entity_labels
    words = [t for t in (*(t for t in head.sent if t.i not in frame.grievance), *(told_after or ()))
             if t.ent_type_ not in labels]
    context_keys = {t._.lemma_key for t in words} | {t._.text_key for t in words}
    agent_class = actor_class(frame.agent)
    target_classes = {actor_class(t) for t in frame.targets}
    armed_target = bool(target_classes - {None, "civilians"})
    for rule in entry.when:
        if rule.context and not any(has_phrase(word, context_keys) for word in rule.context):
            continue
        if rule.agent and rule.agent != agent_class:
            continue
        if rule.target and rule.target not in target_classes:
            continue
        if rule.victims and (armed_target or not _counts_victims_as(frame, doc, rule.victims)):
            continue
        if rule.objects and (armed_target or not _acts_on(frame, doc, rule.objects, lang)):
            continue
        if rule.suspects and not _acts_on_a_suspect(frame, doc, rule.suspects):
            continue
        return rule.sub_event_type
    return model_sub_type(frame, lang) or entry.sub_event_type


def _counts_victims_as(frame: EventFrame, doc: Doc, words: list[str]) -> bool:
    """Whether the frame's toll counts its dead in one of ``words`` ("killed at least 60 people")."""
    if frame.fatalities is None:
        return False
    toll = doc.char_span(frame.fatalities.span.start, frame.fatalities.span.end, alignment_mode="expand")
    return toll is not None and _names_one_of(toll, words)


def _acts_on(frame: EventFrame, doc: Doc, words: list[str], lang: str) -> bool:
    """Whether what the trigger acts on (its target phrase, else its object or passive subject:
    stages/arguments.py; for a noun, else what its "on/contre" introduces) is one of ``words``
    ("attacked the village of X", "the village was attacked", "une attaque contre le village"), no
    armed side's (not "a military vehicle": lang/<code>/arguments.yaml `armed_modifiers`)."""
    head = doc[frame.head]
    objects = [doc[i] for i in frame.target_tokens] or \
        ([] if is_verbal(head) else target_complements(head, case_words(lang)))
    armed = langdata.load(lang, "arguments").armed_modifiers
    return _names_one_of(objects, words) and not _names_one_of((c for o in objects for c in o.children), armed)


def _acts_on_a_suspect(frame: EventFrame, doc: Doc, phrases: list[str]) -> bool:
    """Whether the trigger's clause (with the verbs coordinated with it, before it too: "killed one
    man and injured another accused of stealing", "captured a suspected thief and beat him to
    death") has every word of one of ``phrases`` ("two suspected cattle rustlers")."""
    clause = doc[frame.head]
    while clause.dep_ == "conj" and is_verbal(clause) and is_verbal(clause.head):
        clause = clause.head
    keys = {key for t in clause.subtree for key in (t._.lemma_key, t._.text_key)}
    return any(has_phrase(phrase, keys) for phrase in phrases)


def _names_one_of(tokens: Iterable[Token], words: list[str]) -> bool:
    return any(has_phrase(word, {t._.lemma_key, t._.text_key}) for t in tokens for word in words)


def model_sub_type(frame: EventFrame, lang: str) -> str | None:
    """The learned reader's sub-type for a generic trigger ("attack", "killed"), where the reader is
    as sure of the event type as the language's data asks (lang/<code>/pipeline.yaml) and reads
    armed violence, which is all a generic word can mean."""
    reading, threshold = frame.reading, langdata.load(lang, "pipeline").model_sub_type_from
    if reading is None or threshold is None or not frame.trigger.entry.generic:
        return None
    kind = taxonomy.lookup(reading.sub_event_type)
    return kind.sub_event_type if reading.event_type_probability >= threshold and kind.armed else None
