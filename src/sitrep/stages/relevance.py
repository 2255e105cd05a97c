"""Whether an article reports political violence or unrest at all, not crime, accidents or sport:
an article none of whose events shows it, and that names no armed group, codes no event."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from sitrep import lang as langdata
from sitrep.actors.kb import knowledge_base
from sitrep.models import ActorMention, ActorRef, Event
from sitrep.stages.actors import STATE_TYPES
from sitrep.stages.event_actors import NONSTATE_ARMED_TYPES
from sitrep.stages.triggers import entries_by_id
from sitrep.text import fold, folded

# the event type of force used on people who do not fight back: police beating or shooting them
ONE_SIDED_VIOLENCE = "Violence against civilians"
# the role of armed men the text calls no group (actors/data/generic.yaml)
ARMED_MEN = "unidentified"
# a word of a sentence, hyphenated ones whole ("post-election")
WORD = re.compile(r"\w+(?:-\w+)*")


def reports_political_violence(events: list[Event], lang: str, mentions: Iterable[ActorMention] = ()) -> bool:
    """Whether any of an article's events shows it is about political violence or unrest, or the
    article (its actor ``mentions``) names an armed group: its events need no side of their own
    ("Al Shabaab ... Two men were shot dead in Kismayo"; acled-train's notes that name a group
    beside an event they give no side)."""
    return any(shows_political_violence(event, lang) for event in events) or any(map(names_an_armed_group, mentions))


def names_an_armed_group(mention: ActorMention) -> bool:
    """A rebel group or militia, by its name or as rebels, insurgents or jihadists, or a clan's,
    tribe's or community's militia, a party in its country; not armed men no word calls a group
    ("gunmen", "hommes armés": criminals as often). A force the knowledge base names apart from any
    country's army or police (the Houthis, Puntland's Dervish Force, the Liyu Police) is one too."""
    actor = mention.actor
    if mention.is_source or actor is None or not actor.resolved:
        return False
    named_force = actor.actor_type in STATE_TYPES and actor.role is None and actor.actor_id is not None
    if actor.actor_type not in NONSTATE_ARMED_TYPES and not named_force:
        return False
    return actor.role != ARMED_MEN and is_party(actor.model_copy(update={"span": mention.span}))


def shows_political_violence(event: Event, lang: str) -> bool:
    """Whether an event shows its article is about political violence or unrest, not crime,
    accidents or sport: its trigger alone says so (a weapon of war, a protest), a party to conflict
    or unrest takes part (an army, an armed group, rioters; not the police, civilians or guards
    alone, nor gangs outside the countries where ACLED codes their violence: actors/data/generic.yaml
    `party`, `party_in`; but police who attack people are: `party_when_attacking`), its victims
    are called what only war makes them ("civilians"), it is fighting told in words only war or
    unrest has ("clashes") whose sides the text does not name (named, they may be police and robbers),
    or its sentence calls it political, ethnic or electoral ("post-election violence")."""
    entry = entries_by_id(lang).get(event.evidence.rule)
    if entry is not None and entry.anchors:
        return True
    if event.claim_status == "asserted" and war_words(lang) & set(fold(event.evidence.trigger.text).split()) \
            and not any(actor is not None and actor.span is not None for actor in (event.actor1, event.actor2)):
        return True  # "intense clashes in Mieso left four dead": fighting no side of which the text names
    if event.claim_status == "asserted" and political_words(lang) & set(WORD.findall(fold(event.evidence.sentence))):
        return True  # "two dead in a political clash": the sentence calls it political
    victims = war_victims(lang)
    attacking = event.event_type == ONE_SIDED_VIOLENCE and event.claim_status == "asserted"
    return is_party(event.actor1, attacking=attacking) or is_party(event.actor2) \
        or any(actor is not None and victims & set(fold(actor.text).split()) for actor in (event.actor1, event.actor2))


@cache
def war_words(lang: str) -> frozenset[str]:
    """Words for fighting only armed conflict or unrest has ("clashes"), from lang/<code>/triggers.yaml."""
    return folded(langdata.load(lang, "triggers").war_words)


@cache
def political_words(lang: str) -> frozenset[str]:
    """Words that call violence political, ethnic or electoral, from lang/<code>/triggers.yaml."""
    return folded(langdata.load(lang, "triggers").political_words)


@cache
def war_victims(lang: str) -> frozenset[str]:
    """Words for people that news uses only of war ("civilians"), from lang/<code>/actors.yaml."""
    return folded(langdata.load(lang, "actors").war_victims)


def is_party(actor: ActorRef | None, attacking: bool = False) -> bool:
    """A party to conflict or unrest, by its type and role (known even where the article's
    country, and so the actor's name, is not); ``attacking``: the actor is the first of an act of
    violence (police using force are a party, police robbed are not)."""
    if actor is None or actor.actor_type in (None, "civilians"):
        return False
    role = knowledge_base().roles.get(actor.role or "")
    if role is not None and actor.span is None:
        return False  # a role no words of the text name: implied by the event type ("Rioters" of a lynching)
    return role is None or role.party or actor.country in role.party_in or (attacking and role.party_when_attacking)
