"""Where an event happened: the most precise resolved place attached to its trigger; else the
nearest resolved place named before it in its paragraph, else the article's most named place, both
coded no finer than precision 2 since the text does not tie them to the event."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from sitrep.models import DocumentContext, EventFrame, GeoPrecision, Location, PlaceMention


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
    paragraph_start, _ = context.lines.bounds(trigger_start)
    earlier = _latest_resolved_between(context, paragraph_start, trigger_start)
    if earlier is not None:
        return _inferred(earlier.location, "place named earlier in the paragraph")
    focus = _most_named_place(context)
    if focus is not None:
        return _inferred(focus, "the article's most named place")
    return None

def _inferred(location: Location, why: str) -> Location:
    precision = max(int(location.geo_precision or 1), int(GeoPrecision.NEAR_OR_PART_OF))
    return location.model_copy(update={"geo_precision": GeoPrecision(precision), "reason": f"not named with the event: {why}"})

def _latest_resolved_between(context: DocumentContext, start: int, end: int) -> PlaceMention | None:
    """The last resolved place mention starting in [start, end)."""
    places = context.places
    for place in reversed(places[:bisect_left(_place_starts(context), end)]):
        if place.span.start < start:
            return None
        if place.location and place.location.resolved:
            return place
    return None


@lru_cache(maxsize=1)  # documents are coded one at a time
def _place_starts(context: DocumentContext) -> list[int]:
    """Where each place mention starts (mentions are in text order)."""
    return [place.span.start for place in context.places]


@lru_cache(maxsize=1)  # documents are coded one at a time
def _most_named_place(context: DocumentContext) -> Location | None:
    counts: dict[tuple, tuple[int, Location]] = {}
    for place in context.places:
        loc = place.location
        if loc is None or not loc.resolved:
            continue
        key = (loc.name, loc.latitude, loc.longitude)
        counts[key] = (counts.get(key, (0, loc))[0] + 1, counts.get(key, (0, loc))[1])
    if not counts:
        return None
    return max(counts.values(), key=lambda c: c[0])[1]
