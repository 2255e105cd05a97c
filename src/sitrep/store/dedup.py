"""Whether two reports describe the same incident.

Two events from different documents are one incident when all of these hold (thresholds and
type groups in ``dedup.yaml``):

- types: the same event type, and the same sub-event type or two sub-types outlets confuse for
  one incident (an air strike reported as shelling);
- places: both known, and the same place (same gazetteer id or name, or two precisely named
  places within ``same_place_km``), one inside the other (a province and a village in it), or a
  place coded "near/in part of" within ``near_place_km`` of the other;
- dates: both known, and their windows overlap: a day is a day, a week/span is the date
  +/- ``week_half_width_days``, a month is the calendar month;
- actors: no side contradicts the other: two canonical names on one side must be equal (for
  symmetric types such as battles the sides may be swapped); an unknown actor contradicts nothing;
- claims: neither is hypothetical.

An incident takes a new event only if the event goes with every one of its reports (and none
comes from the same document: the pipeline already told those apart).
"""
from __future__ import annotations

import calendar
import math
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel

from sitrep.actors.kb import knowledge_base
from sitrep.models import ActorRef, Event, Location, TimePrecision

EARTH_RADIUS_KM = 6371.0
LONGEST_WINDOW_DAYS = 31  # a month: the widest date window, which bounds candidate searches


class DedupRules(BaseModel):
    same_place_km: float
    near_place_km: float
    week_half_width_days: int
    compatible_sub_event_types: list[list[str]]
    symmetric_event_types: list[str]
    unlinked_claim_statuses: list[str]
    containing_features: list[str]


@cache
def load_rules() -> DedupRules:
    text = resources.files("sitrep.store").joinpath("dedup.yaml").read_text(encoding="utf-8")
    return DedupRules.model_validate(yaml.safe_load(text))


def date_window(day: date | None, precision: int | None, rules: DedupRules) -> tuple[date, date] | None:
    """The days an event dated ``day`` with ``precision`` may have happened on."""
    if day is None:
        return None
    if precision == TimePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if precision == TimePrecision.WEEK_OR_SPAN:
        half = timedelta(days=rules.week_half_width_days)
        return day - half, day + half
    return day, day


def normalise_name(name: str | None) -> str:
    """Lower case, accents and punctuation removed: "Alep-Est" -> "alep est"."""
    if not name:
        return ""
    folded = unicodedata.normalize("NFKD", name)
    letters = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return " ".join(letters.lower().split())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Report:
    """What matching needs to know about one stored or incoming event."""

    doc_id: str
    event: Event
    window: tuple[date, date] | None

    @classmethod
    def of(cls, doc_id: str, event: Event, rules: DedupRules) -> Report:
        return cls(doc_id, event, date_window(event.date, event.time_precision, rules))


def _coarse(place: Location, rules: DedupRules) -> bool:
    return (place.geo_precision or 1) > 1 or (place.feature or "") in rules.containing_features


def _contains(outer: Location, inner: Location, rules: DedupRules) -> bool:
    """``outer`` is an area that ``inner`` lies in, going by the gazetteer's admin names."""
    if (outer.feature or "") not in rules.containing_features and (outer.geo_precision or 1) < 3:
        return False
    outer_name = normalise_name(outer.name or outer.text)
    inner_areas = {normalise_name(n) for n in (inner.admin1, inner.admin2, inner.country) if n}
    if outer_name in inner_areas:
        return True
    # A region coded at its main town (precision 3) contains what lies in its admin2, or its
    # admin1 where no admin2 is known.
    if outer.admin2:
        return normalise_name(outer.admin2) == normalise_name(inner.admin2)
    return bool(outer.admin1) and normalise_name(outer.admin1) == normalise_name(inner.admin1)


def same_place(a: Location | None, b: Location | None, rules: DedupRules) -> bool:
    if a is None or b is None:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if normalise_name(a.name or a.text) == normalise_name(b.name or b.text):
        return True
    if _contains(a, b, rules) or _contains(b, a, rules):
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
    limit = rules.near_place_km if _coarse(a, rules) or _coarse(b, rules) else rules.same_place_km
    return km <= limit


def _windows_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    """False only where the two contradict each other; an attacker coded for want of one named
    (actors/data/generic.yaml, `unnamed: true`) contradicts no one."""
    if a is None or b is None or _unnamed(a) or _unnamed(b):
        return True
    if a.name and b.name:
        return a.name == b.name
    return a.actor_type is None or b.actor_type is None or a.actor_type == b.actor_type


def _unnamed(actor: ActorRef) -> bool:
    role = knowledge_base().roles.get(actor.role or "")
    return role is not None and role.unnamed


def same_actors(a: Event, b: Event, rules: DedupRules) -> bool:
    if _same_actor(a.actor1, b.actor1) and _same_actor(a.actor2, b.actor2):
        return True
    symmetric = a.event_type in rules.symmetric_event_types
    return symmetric and _same_actor(a.actor1, b.actor2) and _same_actor(a.actor2, b.actor1)


def compatible_types(a: Event, b: Event, rules: DedupRules) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.sub_event_type == b.sub_event_type:
        return True
    return any(a.sub_event_type in group and b.sub_event_type in group for group in rules.compatible_sub_event_types)


def same_incident(a: Report, b: Report, rules: DedupRules) -> bool:
    """Whether reports ``a`` and ``b`` (from different documents) tell of one incident."""
    if a.doc_id == b.doc_id:
        return False
    if {a.event.claim_status, b.event.claim_status} & set(rules.unlinked_claim_statuses):
        return False
    return (
        compatible_types(a.event, b.event, rules)
        and _windows_overlap(a.window, b.window)
        and same_place(a.event.location, b.event.location, rules)
        and same_actors(a.event, b.event, rules)
    )


def closeness(a: Report, b: Report) -> tuple[float, int]:
    """How close two matching reports are (smaller is closer): km apart, then days apart."""
    la, lb = a.event.location, b.event.location
    km = 0.0
    if la and lb and None not in (la.latitude, la.longitude, lb.latitude, lb.longitude):
        km = distance_km(la.latitude, la.longitude, lb.latitude, lb.longitude)
    days = abs((a.event.date - b.event.date).days) if a.event.date and b.event.date else 0
    return km, days


def best_incident(new: Report, incidents: dict[int, list[Report]], rules: DedupRules) -> int | None:
    """The incident ``new`` belongs to: one whose every report it matches, the closest such, or None."""
    scored = []
    for incident_id, members in incidents.items():
        if all(same_incident(new, member, rules) for member in members):
            worst = max(closeness(new, member) for member in members)
            scored.append((worst, incident_id))
    return min(scored)[1] if scored else None
