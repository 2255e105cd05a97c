"""What the tellings of a demonstration tell of it: its crowd, called protesters in one telling
and rioters in another; how it went (the worst any telling shows); and the violence of its day
(its policing, clashes no armed side fought), which ACLED codes as the demonstration's, one event a
day and place."""
from __future__ import annotations

from datetime import date as Date

from sitrep import taxonomy
from sitrep.models import ActorRef, Event
from sitrep.stages.actors import event_type_actor
from sitrep.stages.event_actors import NONSTATE_ARMED_TYPES
from sitrep.stages.event_place import is_coarse

# Actor types of a demonstration's crowd.
CROWD_TYPES = frozenset({"protesters", "rioters"})
# Demonstration sub-types from the mildest to the worst: tellings of one demonstration give it the worst.
DEMONSTRATION_SEVERITY = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                          "Mob violence", "Violent demonstration")
# A peaceful demonstration met with lethal force: its crowd is not the crowd of a riot told the same day.
FORCE_ON_PEACEFUL_CROWD = "Excessive force against protesters"
# How forces met a demonstration's crowd: what a later telling of the crowd may add ("Police used tear gas
# to disperse the protesters"), unlike its own violence, which that telling may only impute ("the
# attackers claimed the protesters had come to burn the house").
POLICING = frozenset({"Protest with intervention", FORCE_ON_PEACEFUL_CROWD})


def facing_the_crowd(event: Event) -> list[ActorRef]:
    """The actors of a demonstration or of what happened at it that are not its crowd: a
    demonstration and its policing ("security forces shot dead three protesters") name the crowd
    and the forces in either order."""
    return [actor for actor in (event.actor1, event.actor2) if actor is not None and actor.actor_type not in CROWD_TYPES]


def one_crowd(a: Event, b: Event) -> bool:
    """The crowd of one demonstration, called protesters in one telling and rioters in another
    ("the protest began outside parliament on Friday" ... "protesters broke into the party's
    offices"), told at one town (crowds told only in one country may be two); not a crowd fired
    upon as it protested and one that rioted, which ACLED codes apart."""
    crowds = {actor.actor_type for actor in (a.actor1, b.actor1) if actor is not None}
    return crowds <= CROWD_TYPES and a.location is not None and b.location is not None \
        and a.location.name == b.location.name and not is_coarse(a.location) \
        and FORCE_ON_PEACEFUL_CROWD not in (a.sub_event_type, b.sub_event_type)


def one_demonstration(a: Event, b: Event) -> bool:
    """A protest or riot and another telling of a demonstration, or the violence of its crowd or
    its policing ("police opened fire on protesters"; "clashes with police" at the demonstration's
    place, naming no armed group): ACLED codes one event a day and place, its sub-type saying how the
    demonstration went."""
    demonstrations = [e for e in (a, b) if is_demonstration(e)]
    if len(demonstrations) != 1:
        return len(demonstrations) == 2
    demonstration = demonstrations[0]
    other = b if demonstration is a else a
    if not taxonomy.lookup(other.sub_event_type).crowd_violence:
        return False
    actors = [actor for actor in (other.actor1, other.actor2) if actor is not None]
    if any(actor.actor_type in CROWD_TYPES for actor in actors):
        return True
    return not any(actor.actor_type in NONSTATE_ARMED_TYPES for actor in actors) and other.location is not None \
        and demonstration.location is not None and other.location.name == demonstration.location.name


def is_demonstration(event: Event) -> bool:
    return taxonomy.lookup(event.sub_event_type).demonstration


def demonstration_sub_type(event: Event) -> str:
    """What a telling says of how a demonstration went: its own sub-type, a riot where it tells of
    clashes, excessive force where of an attack (shots, beatings) on the crowd."""
    if is_demonstration(event):
        return event.sub_event_type
    return "Violent demonstration" if event.event_type == "Battles" else "Excessive force against protesters"


def worsen(demonstration: Event, sub_type: str, published: Date | None) -> None:
    """The demonstration's sub-type where another telling shows it went worse; a riot's first
    actor is its rioters, whatever the words called them."""
    if DEMONSTRATION_SEVERITY.index(sub_type) <= DEMONSTRATION_SEVERITY.index(demonstration.sub_event_type):
        return
    _recode(demonstration, sub_type, published)


def _recode(event: Event, sub_type: str, published: Date | None) -> None:
    """``event`` coded as ``sub_type``; of another event type, its first actor the one that type
    implies (a riot's rioters), where it implies one."""
    kind = taxonomy.lookup(sub_type)
    was = event.event_type
    event.event_type, event.sub_event_type = kind.event_type, kind.sub_event_type
    event.plover_event_type, event.cameo_root = kind.plover, kind.cameo
    if kind.event_type != was and event.location is not None:
        implied = event_type_actor(kind.event_type, published=published, country=event.location.country,
                                   text=event.actor1.text if event.actor1 else event.evidence.trigger.text)
        if implied is not None and implied.name:
            span = event.actor1.span if event.actor1 else None
            event.actor1 = implied.model_copy(update={"span": span})


def clashes_of_unrest(events: list[Event], published: Date | None) -> None:
    """Clashes that no telling gives an armed side ("des affrontements ont éclaté à X, mais aussi à
    Y"), on a day the article tells of demonstrations and riots, are its crowds' violence: riots,
    as ACLED codes violence by demonstrators, at the clashes' own place."""
    days = {e.date for e in events if is_demonstration(e) and e.claim_status == "asserted"}
    for event in events:
        kind = taxonomy.lookup(event.sub_event_type)
        if kind.two_sided and kind.crowd_violence and event.date in days and event.actor1 is None \
                and (event.actor2 is None or event.actor2.actor_type in ("state_forces", *CROWD_TYPES)):
            _recode(event, demonstration_sub_type(event), published)
