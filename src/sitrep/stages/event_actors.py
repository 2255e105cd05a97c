"""Who did it to whom: actor1 from the frame's agent (or the actor the event type implies where the
text names none it knows), actor2 the first target that is not actor1.

ACLED's rules on who comes first: a protest's first actor is its protesters and a riot's its
rioters whatever the words call them (save an armed group the words say did the violence), the
forces they face second; civilians, protesters and
rioters are never the perpetrators of political violence, so a clause whose subject is one of them
("villagers fled the shelling", "protesters were shot") names a victim, not the attacker."""
from __future__ import annotations

from datetime import date as Date

from sitrep import taxonomy
from sitrep.actors.resolver import relocated
from sitrep.models import ActorMention, ActorRef, DocumentContext, Event, EventFrame, Location
from sitrep.stages.actors import event_type_actor
from sitrep.taxonomy import SubEventType

DEMONSTRATORS = frozenset({"protesters", "rioters"})
# never coded first for an act of political violence (ACLED codes them as its targets)
NOT_PERPETRATORS = DEMONSTRATORS | {"civilians"}
# armed groups: violence their clause names them doing is theirs, not a riot's ("armed men set fire to shops")
NONSTATE_ARMED_TYPES = frozenset({"rebel_group", "political_militia", "identity_militia"})
# who is the other side of a protest or a riot where it names one ("police fired tear gas"); a clan
# or an ethnic group named doing it is its crowd ("members of the Tamil ethnic group staged a protest")
OPPOSING_TYPES = frozenset({"state_forces", "external_other", "rebel_group", "political_militia"})
GOVERNMENT_ROLES = frozenset({"government"})
# roles of attackers the text does not name ("des assaillants", a bomb's unknown author): a later
# telling that names the attacker replaces them
UNNAMED_ROLES = frozenset({"unidentified", "rebels", "lone_attacker"})


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
    where = (location.country if location else None) or country
    # generic actors named for where the event happened, not for the article's focus
    agent = relocated(actor_ref(frame.agent), where, published)
    targets = [relocated(ref, where, published) for ref in map(actor_ref, frame.targets) if ref is not None]
    armed_agent = agent is not None and agent.actor_type in NONSTATE_ARMED_TYPES
    if sub_type.demonstration and not (armed_agent and sub_type.violent):
        demonstrators = event_type_actor(sub_type.event_type, published=published, country=where,
                                         text=agent.text if agent else frame.trigger.span.text)
        if demonstrators is not None and demonstrators.name:
            return _demonstration_actors(demonstrators, agent, targets)
    if sub_type.violent and agent is not None and agent.actor_type in NOT_PERPETRATORS:
        agent, targets = None, [agent, *targets]  # "villagers fled the shelling": a victim
    actor1 = agent
    if actor1 is None or not actor1.resolved:
        # a bomb with no named author is an unidentified armed group's; words with no country
        # ("rebels") take the one the event type implies
        implied = event_type_actor(sub_type.event_type, published=published, country=where,
                                   text=actor1.text if actor1 else frame.trigger.span.text,
                                   sub_event_type=sub_type.sub_event_type if actor1 is None else None)
        if implied is not None and implied.name:
            actor1 = implied.model_copy(update={"span": actor1.span if actor1 else None})
    actor2 = next((ref for ref in targets if actor1 is None or ref.name != actor1.name or ref.name is None), None)
    return actor1, actor2


def _demonstration_actors(demonstrators: ActorRef, agent: ActorRef | None,
                          targets: list[ActorRef]) -> tuple[ActorRef, ActorRef | None]:
    """A protest's or riot's protesters or rioters first; second, the armed side its clause names
    as acting ("police fired tear gas": the police), else its first target that is no demonstrator
    ("rioters attacked a police station", a mob's victims)."""
    # the words that name the crowd: the clause's subject where it is demonstrators or people
    # ("residents beat a suspected thief to death"), else the demonstrators it faces ("police
    # clashed with demonstrators")
    crowd = [agent] if agent is not None and agent.actor_type in NOT_PERPETRATORS else []
    named = next((ref for ref in [*crowd, *targets] if ref.actor_type in DEMONSTRATORS), crowd[0] if crowd else None)
    actor1 = demonstrators.model_copy(update={"span": named.span if named else None})
    opposing = [agent] if agent is not None and agent.actor_type in OPPOSING_TYPES else []
    # a government is what demonstrators protest against, not a side of the street ("riots against
    # the government's decision")
    actor2 = next((ref for ref in [*opposing, *targets]
                   if ref.actor_type not in DEMONSTRATORS and ref.role not in GOVERNMENT_ROLES), None)
    return actor1, actor2


def add_told_actors(event: Event, frame: EventFrame, context: DocumentContext) -> None:
    """A later telling of ``event`` ("L'attaque, perpétrée par des combattants de l'EI, a coûté la
    vie à 44 civils") names the attacker or the victims the first telling left unnamed."""
    if frame.agent is None and not frame.targets:
        return
    actor1, actor2 = choose_actors(frame, taxonomy.lookup(event.sub_event_type), event.location,
                                   published=context.published, country=context.country)
    named_now = frame.agent is not None and actor1 is not None and actor1.resolved and actor1.role not in UNNAMED_ROLES
    if named_now and (event.actor1 is None or event.actor1.role in UNNAMED_ROLES or event.actor1.inferred_from):
        event.actor1 = actor1
    if event.actor2 is None and actor2 is not None and (event.actor1 is None or actor2.name != event.actor1.name):
        event.actor2 = actor2
