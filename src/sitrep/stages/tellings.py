"""One event for one happening told more than once: a title repeats the body; a definite noun
("lors des affrontements") refers back to an event told before; a happening told twice with the
same sub-type, place and date is one event, the later telling adding its toll and sources. Events
dated long before publication are background and dropped."""
from __future__ import annotations

from datetime import date as Date
from datetime import timedelta

from spacy.tokens import Token

from sitrep import taxonomy
from sitrep.geo.resolver import haversine_km
from sitrep.models import (
    ActorRef,
    DocumentContext,
    Event,
    EventFrame,
    FatalityMention,
    Location,
    Span,
)
from sitrep.stages.crowds import (
    clashes_of_unrest,
    demonstration_sub_type,
    facing_the_crowd,
    is_demonstration,
    one_crowd,
    one_demonstration,
    worsen,
)
from sitrep.stages.event_actors import DEMONSTRATORS, NONSTATE_ARMED_TYPES, UNNAMED_ROLES
from sitrep.stages.event_date import is_background
from sitrep.stages.event_place import is_coarse
from sitrep.stages.telling_dates import DateWords
from sitrep.stages.told import Told
from sitrep.stages.tolls import add_toll
from sitrep.stages.triggers import entries_by_id
from sitrep.text import Lines

# How a line that is a sentence ends; a line ending otherwise is a title or caption.
TERMINAL_PUNCTUATION = frozenset('.!?…»"”)')
TITLE_MAX_WORDS = 25
# how many days before or after a total its parts may fall ("over the weekend", "in three days")
TOTAL_SPAN_DAYS = 3
# a place this close to a district's point may be told of as in that district
DISTRICT_KM = 40.0


def merge_tellings(events: list[Event], context: DocumentContext) -> list[Event]:
    """``events`` less titles' repeats, later tellings and background, in text order."""
    told_once = merge_repeated(drop_title_repeats(events, context.text, context.lines), context.published,
                               DateWords.of(context))
    merged = [e for e in told_once if not is_background(e, context.published)]
    clashes_of_unrest(merged, context.published)
    return sorted(drop_totals(merged), key=lambda e: (e.evidence.trigger.start, e.event_id))


def drop_totals(events: list[Event]) -> list[Event]:
    """Less an event whose toll is the sum of those of two or more events of its type told on days
    of their own near it ("at least 110 people were killed over the weekend" ... "60 on Friday and
    50 on Saturday"): the total of those, which ACLED codes apart."""
    counted = [e for e in events if e.claim_status == "asserted" and e.fatalities and e.date is not None]
    dated_by_day: dict[tuple[str, Date], list[Event]] = {}  # events dated in the text, by type and day
    for event in counted:
        if event.evidence.date is not None:
            dated_by_day.setdefault((event.event_type, event.date), []).append(event)
    totals = set()
    for total in counted:
        days = [total.date + timedelta(days=offset) for offset in range(-TOTAL_SPAN_DAYS, TOTAL_SPAN_DAYS + 1) if offset]
        parts = [e for day in days for e in dated_by_day.get((total.event_type, day), ())]
        if len({e.date for e in parts}) >= 2 and sum(e.fatalities for e in parts) == total.fatalities:
            totals.add(total.event_id)
    return [e for e in events if e.event_id not in totals]


def told_before(frame: EventFrame, events: Told, context: DocumentContext) -> Event | None:
    """The earlier event a definite noun trigger with no date or place of its own refers back to
    ("... après de violents combats. ... douze assaillants ont été tués lors des affrontements"):
    the article's latest asserted event of the same event type; for a demonstrative of armed
    violence where there is none, the latest of armed violence ("l'attaque chimique ... ce
    massacre")."""
    head = context.doc[frame.head]
    if head.pos_ != "NOUN" or frame.date is not None or not _is_definite(head) or _has_own_place(frame, head, context):
        return None
    event_type = taxonomy.lookup(frame.trigger.entry.sub_event_type).event_type
    earlier = events.latest_of_type(event_type)
    if earlier is None and _is_demonstrative(head) and event_type in _armed():
        return events.latest_armed()
    return earlier


def told_again_on_another_day(frame: EventFrame, events: Told, context: DocumentContext) -> Event | None:
    """The earlier event a demonstrative noun trigger with a date and no place of its own tells of
    again, on another day ("... raids aux barils d'explosifs sur Alep. Dimanche, ces bombardements
    ont fait 36 morts"): the article's latest asserted event of the same event type, the latest
    whose place is named finer than an area where one is."""
    head = context.doc[frame.head]
    if head.pos_ != "NOUN" or frame.date is None or not _is_demonstrative(head) or _has_own_place(frame, head, context):
        return None
    event_type = taxonomy.lookup(frame.trigger.entry.sub_event_type).event_type
    series = [e for e in events if e.event_type == event_type and e.claim_status == "asserted"]
    placed = (e for e in reversed(series) if e.location is not None and not is_coarse(e.location))
    return next(placed, series[-1] if series else None)


def _has_own_place(frame: EventFrame, head: Token, context: DocumentContext) -> bool:
    phrase = {t.i for t in head.subtree}
    return any(context.places[i].location and context.places[i].location.resolved
               and context.places[i].token_start in phrase for i in frame.places)


def _is_demonstrative(noun: Token) -> bool:
    return any("Dem" in d.morph.get("PronType") for d in noun.children if d.dep_ in ("det", "det:poss"))


def _is_definite(noun: Token) -> bool:
    # French contracted articles ("lors des affrontements": de + les) come as a case marker
    determiners = [c for c in noun.children if c.dep_ in ("det", "det:poss", "case")]
    return any("Def" in d.morph.get("Definite") or "Dem" in d.morph.get("PronType") for d in determiners)

def is_title_line(line: str) -> bool:
    """A title or caption: a line of its own that does not end like a sentence."""
    line = line.strip()
    return bool(line) and line[-1] not in TERMINAL_PUNCTUATION and len(line.split(maxsplit=TITLE_MAX_WORDS)) <= TITLE_MAX_WORDS


def drop_title_repeats(events: list[Event], text: str, lines: Lines) -> list[Event]:
    """A title's event is the body's event told again: kept only where the body lacks it."""
    title_lines: dict[int, bool] = {}  # each line read once, however many events it holds
    for event in events:
        start, end = lines.bounds(event.evidence.trigger.start)
        if start not in title_lines:
            title_lines[start] = is_title_line(text[start:end])
    titles = {e.event_id for e in events if title_lines[lines.bounds(e.evidence.trigger.start)[0]]}
    body = [e for e in events if e.event_id not in titles]
    body_types = {e.sub_event_type for e in body}
    for title in (e for e in events if e.event_id in titles and e.sub_event_type in body_types):
        _lend_actors(title, [e for e in body if e.sub_event_type == title.sub_event_type])
    return [e for e in events if not (e.event_id in titles and e.sub_event_type in body_types)]


def _lend_actors(title: Event, body: list[Event]) -> None:
    """The body's first telling of a title's event that names no one takes the title's actors
    ("Gunmen ambush police convoy" over "the convoy was ambushed")."""
    unnamed = next((e for e in body if e.actor1 is None), None)
    if unnamed is not None and title.actor1 is not None:
        unnamed.actor1 = title.actor1
        unnamed.actor2 = unnamed.actor2 or title.actor2


def merge_repeated(events: list[Event], published: Date | None = None, date_words: DateWords = DateWords()) -> list[Event]:
    """One event for one incident told more than once in an article ("clashes broke out on Tuesday
    ... 14 fighters were killed in the fighting"; "An air raid hit a market ... The raid, believed to
    have been carried out by jets, targeted the town"; "X denied carrying out the strike"): see
    :func:`same_incident`. The best telling (:func:`_rank`) keeps the event; the others complete
    it (:func:`_complete`), and a denial of any telling denies it. ``published``: the day actors
    are named for where a demonstration turns into a riot; ``date_words``: see :class:`DateWords`."""
    kept: list[Event] = []
    by_country: dict[str | None, list[int]] = {}  # indices into kept, by the country of their place
    for event in events:
        country = event.location.country if event.location else None
        candidates = by_country.get(country, []) if country is not None else range(len(kept))
        candidates = [*candidates, *by_country.get(None, [])] if country is not None else candidates
        index = next((i for i in sorted(candidates) if same_incident(kept[i], event, date_words)), None)
        if index is None:
            by_country.setdefault(country, []).append(len(kept))
            kept.append(event)
            continue
        first = kept[index]
        if _rank(event) < _rank(first):
            first, event = event, first
            kept[index] = first
        _complete(first, event, published, date_words)
    return kept


def same_incident(a: Event, b: Event, date_words: DateWords = DateWords()) -> bool:
    """Two tellings of one incident: one sub-type (or one of them a generic word, "the attack",
    "killed", of an event of armed violence; or a demonstration and what happened at it, see
    :func:`one_demonstration`), one claim status (or a denial that covers the other),
    dates that may be of one day (:meth:`DateWords.may_be_one_day`), the
    same place or one told only as its country or area (or not named with the event), and actors
    that do not conflict."""
    denial_covers = _denial_covers(a, b)
    if a.claim_status != b.claim_status and not denial_covers:
        return False
    violence_told_generically = (_is_generic(a) or _is_generic(b)) and {a.event_type, b.event_type} <= _armed()
    # "denied ... a missile strike" ... "30 people had been killed in the strike": no date of its own either
    told_again_of_a_denial = denial_covers and a.event_type == b.event_type \
        and not any(_in_its_sentence(e.evidence.date, e) for e in (a, b) if e.claim_status == "asserted")
    if a.sub_event_type != b.sub_event_type and not violence_told_generically and not told_again_of_a_denial \
            and not one_demonstration(a, b) \
            and not _part_of_attack(a, b) and _withdrawal_and_takeover(a, b) is None:
        return False
    if not date_words.may_be_one_day(a, b):
        return False
    if not _same_place(a, b):
        return False
    if a.sub_event_type == b.sub_event_type and taxonomy.lookup(a.sub_event_type).two_sided:
        return not _too_many_sides(a, b)
    if is_demonstration(a) != is_demonstration(b):
        return not any(_conflicting(x, y) for x in facing_the_crowd(a) for y in facing_the_crowd(b))
    pair = _withdrawal_and_takeover(a, b) if a.sub_event_type != b.sub_event_type else None
    if pair is not None:
        side, takeover = pair
        return not _conflicting(side.actor1, takeover.actor2) and not _same_actor(side.actor1, takeover.actor1)
    return (one_crowd(a, b) or not _conflicting(a.actor1, b.actor1)) and not _conflicting(a.actor2, b.actor2)


def _same_actor(x: ActorRef | None, y: ActorRef | None) -> bool:
    return x is not None and y is not None and x.name == y.name


def _too_many_sides(a: Event, b: Event) -> bool:
    """More than two named sides between two tellings of a clash (civilians are no side, nor
    attackers the text does not name: "the rebels" may be the group another telling names)."""
    sides = {actor.name for event in (a, b) for actor in (event.actor1, event.actor2)
             if actor is not None and actor.actor_type != "civilians" and not _unnamed(actor)}
    return len(sides) > 2


def _conflicting(x: ActorRef | None, y: ActorRef | None) -> bool:
    """Two named actors that differ, neither of them civilians (victims named as a death word's
    subject are no side)."""
    if x is None or y is None or x.name == y.name or _implied(x) or _implied(y):
        return False
    if (_unnamed(x) and y.actor_type in NONSTATE_ARMED_TYPES) or (_unnamed(y) and x.actor_type in NONSTATE_ARMED_TYPES):
        return False  # "the attackers" may be the group another telling names
    return "civilians" not in (x.actor_type, y.actor_type)


def _part_of_attack(a: Event, b: Event) -> bool:
    """An attack and what its attackers also did there ("they also burned the market")."""
    part, attack = (a, b) if taxonomy.lookup(a.sub_event_type).part_of_attacks else (b, a)
    return taxonomy.lookup(part.sub_event_type).part_of_attacks and attack.event_type in _armed()


def _withdrawal_and_takeover(a: Event, b: Event) -> tuple[Event, Event] | None:
    """The withdrawal of the side that lost a place and the takeover of it, where ``a`` and ``b``
    are those ("troops took the city" ... "the rebels were evacuating"); else None."""
    side, takeover = (a, b) if taxonomy.lookup(a.sub_event_type).loser_side_of_takeovers else (b, a)
    if taxonomy.lookup(side.sub_event_type).loser_side_of_takeovers \
            and taxonomy.lookup(takeover.sub_event_type).place_changes_hands:
        return side, takeover
    return None


def _denial_covers(a: Event, b: Event) -> bool:
    """A denial of an incident also covers another telling of it that says nothing of its own: no
    named actor, no place named with it ("38 people killed in attack on wedding party in Yemen";
    "... denied responsibility for an air strike at a wedding hall")."""
    denied, other = (a, b) if a.claim_status == "denied" else (b, a)
    return denied.claim_status == "denied" and other.claim_status == "asserted" \
        and (_unnamed(other.actor1) or _implied(other.actor1)) and not _names_its_place(other)


def _names_its_place(event: Event) -> bool:
    """The telling's own sentence names its place, finer than a country or area."""
    where = event.location
    return where is not None and not is_coarse(where) and _in_its_sentence(where.span, event)


def _in_its_sentence(words: Span | None, event: Event) -> bool:
    sentence = event.evidence.sentence_span
    return words is not None and sentence.start <= words.start < sentence.end


def _same_place(a: Event, b: Event) -> bool:
    if a.location is None or b.location is None:
        return True
    if a.location.name == b.location.name:
        return True
    if (is_coarse(a.location) or is_coarse(b.location)) and a.location.country == b.location.country:
        return True
    return _in_district(a.location, b.location) or _in_district(b.location, a.location)


def _in_district(district: Location, place: Location) -> bool:
    """A place told within a district told for the same incident ("a drone strike in North
    Waziristan ... hit a compound in the village of X in the Datta Khel area"): the place names
    the district as its own, or lies within DISTRICT_KM of its point; or within a province that
    stands for a place the gazetteer lacks ("an ambush in a village in Ifugao province" ... "in
    Gumhang, Tinoc town"), the place names the province as its own."""
    if district.feature == "admin1" and place.feature not in ("admin1", "country"):
        return place.country == district.country and place.admin1 == district.name
    if district.feature != "admin2" or place.feature == "admin2" or district.latitude is None \
            or place.latitude is None or place.country != district.country:
        return False
    return place.admin2 == district.name or haversine_km(
        district.latitude, district.longitude, place.latitude, place.longitude) <= DISTRICT_KM


def _is_generic(event: Event) -> bool:
    entry = entries_by_id(event.evidence.language).get(event.evidence.rule)
    return entry is not None and entry.generic


def _armed() -> frozenset[str]:
    return taxonomy.event_types_where("armed")


def _rank(event: Event) -> tuple:
    """Which telling of an incident keeps the event: a demonstration before what happened at it, an
    attack before what its attackers also did, a specific word before a generic one, a place named
    with the event before a coarser one, a date given before none, the earlier one."""
    kind = taxonomy.lookup(event.sub_event_type)
    return (not is_demonstration(event), kind.part_of_attacks or kind.loser_side_of_takeovers, _is_generic(event),
            event.location is None or is_coarse(event.location), event.evidence.date is None,
            event.evidence.trigger.start)


def _complete(kept: Event, other: Event, published: Date | None, date_words: DateWords = DateWords()) -> None:
    """What another telling of the kept event adds: its denial, place, date, toll, actors, sources,
    and for a demonstration how it went."""
    if is_demonstration(kept):
        worsen(kept, demonstration_sub_type(other), published)
    if other.claim_status == "denied" and kept.claim_status == "asserted":
        kept.claim_status, kept.evidence.claim = "denied", other.evidence.claim
    if other.location is not None and (kept.location is None or is_coarse(kept.location)
                                       or _in_district(kept.location, other.location)) \
            and not is_coarse(other.location):
        kept.location = other.location  # the finer place: a town before its district
    if date_words.dates_better(other, kept):
        kept.date, kept.time_precision, kept.evidence.date = other.date, other.time_precision, other.evidence.date
    if other.fatalities is not None and other.evidence.fatalities is not None:
        toll = FatalityMention(span=other.evidence.fatalities, count=other.fatalities, vague=other.toll_is_vague)
        add_toll(kept, toll, other.reported_by)
    known = {s.name or s.text for s in kept.reported_by}
    kept.reported_by.extend(s for s in other.reported_by if (s.name or s.text) not in known)
    if taxonomy.lookup(other.sub_event_type).loser_side_of_takeovers and kept.sub_event_type != other.sub_event_type:
        kept.actor2 = kept.actor2 or other.actor1  # the side that left is the one that lost the place
        return
    other_side = kept.actor2 is not None and other.actor1 is not None and other.actor1.name == kept.actor2.name
    if not other_side and (kept.actor1 is None or ((_unnamed(kept.actor1) or _implied(kept.actor1))
                                                   and not _unnamed(other.actor1) and not _implied(other.actor1))):
        kept.actor1 = other.actor1 or kept.actor1
    kept.actor2 = kept.actor2 or other.actor2 or _other_side(kept, other)


def _other_side(kept: Event, other: Event) -> ActorRef | None:
    """The side another telling of a clash names first, where it is not the kept one's first."""
    if not taxonomy.lookup(kept.sub_event_type).two_sided or other.actor1 is None or kept.actor1 is None:
        return None
    return other.actor1 if other.actor1.name != kept.actor1.name else None


def _implied(actor: ActorRef) -> bool:
    """An actor of armed violence or arrests that no words of its telling name, implied by the
    event's type (the police of "he was arrested in the town"): another telling may name who it was."""
    return actor.span is None and actor.actor_type not in DEMONSTRATORS


def _unnamed(actor: ActorRef | None) -> bool:
    return actor is None or actor.inferred_from is not None or not actor.resolved or actor.role in UNNAMED_ROLES
