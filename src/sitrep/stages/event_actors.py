"""Who did it to whom: actor1 from the frame's agent (or the actor the event type implies where the
text names none it knows), actor2 the first target that is not actor1."""
from __future__ import annotations

from datetime import date as Date

from sitrep.models import ActorMention, ActorRef, EventFrame, Location
from sitrep.stages.actors import event_type_actor
from sitrep.taxonomy import SubEventType


def actor_ref(mention: ActorMention | None) -> ActorRef | None:
    """The actor a mention names, with its span; None for a source."""
    if mention is None or mention.is_source:
        return None
    ref = mention.actor or ActorRef(text=mention.text)
    return ref.model_copy(update={"span": mention.span})


def choose_actors(frame: EventFrame, sub_type: SubEventType, location: Location | None, *,
                  published: Date | None, country: str | None) -> tuple[ActorRef | None, ActorRef | None]:
    """actor1 and actor2 of the frame's event of ``sub_type`` at ``location``; ``country``: the
    article's country focus."""
    actor1 = actor_ref(frame.agent)
    if actor1 is None or not actor1.resolved:
        # protesters and rioters are coded by what they do, whatever the words call them; a bomb
        # with no named author is an unidentified armed group's
        implied = event_type_actor(sub_type.event_type, published=published,
                                   country=(location.country if location else None) or country,
                                   text=actor1.text if actor1 else frame.trigger.span.text,
                                   sub_event_type=sub_type.sub_event_type if actor1 is None else None)
        if implied is not None and implied.name:
            actor1 = implied.model_copy(update={"span": actor1.span if actor1 else None})
    actor2 = next((ref for ref in map(actor_ref, frame.targets)
                   if ref is not None and (actor1 is None or ref.name != actor1.name or ref.name is None)), None)
    return actor1, actor2
