"""The sub-type of an event: its trigger entry's, refined by the first `when` rule of the entry
(lang/<code>/triggers.yaml) that its sentence and its actors satisfy."""
from __future__ import annotations

from spacy.tokens import Doc

from sitrep.models import ActorMention, EventFrame
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
    "rioters": "protesters",
}


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
