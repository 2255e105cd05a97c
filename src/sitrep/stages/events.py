"""Event coding: from frames (triggers with their arguments, sources and claim status) to
:class:`~sitrep.models.Event` records. :func:`code_events` runs the steps in the order data flows;
each step is a module of its own:

1. ``grievances`` and ``event_filter`` — which frames report an event (not what a protest was
   about: its cause, told as background);
2. ``happenings`` — one frame per happening (triggers of one happening merged, protests' violence
   folded into the protest, victims given to their event);
3. ``assembly`` — one event per happening: ``subtypes``, ``event_date``, ``event_place`` and
   ``event_actors`` choose its fields; one per town where its clause coordinates several; a
   definite noun that refers back (``tellings``) adds its toll to the event told before;
4. ``death_reports`` — deaths told apart complete their event's toll, or are events of their own;
5. ``tellings`` — titles' repeats, later tellings of one happening and background dropped (what
   the tellings of a demonstration tell of it: ``crowds``);
6. ``article`` — what only the whole article tells (holders, claimed perpetrators, carried-over
   attackers);
7. ``relevance`` — an article that reports no political violence or unrest (and names no armed
   group) codes no event.

Rules here are language-neutral; the words they need come from lang/<code>/*.yaml.
"""
from __future__ import annotations

from sitrep.models import DocumentContext, Event, EventFrame
from sitrep.stages import article, death_reports, event_filter, grievances, happenings, relevance, tellings
from sitrep.stages.assembly import assemble


def code_events(frames: list[EventFrame], context: DocumentContext) -> list[Event]:
    """The events of one document's frames, in text order."""
    frames = grievances.without_grievances(frames, context)
    kept = event_filter.event_frames(frames, context)
    grievances.drop_grievance_sides(kept)
    regular = happenings.happenings(kept, frames, context.doc)
    events = assemble(regular, context)
    deaths = [frame for frame in kept if frame.trigger.entry.death_only]
    events = death_reports.code_death_reports(events, deaths, regular, context)
    events = tellings.merge_tellings(events, context)
    article.complete(events, frames, context)
    return events if relevance.reports_political_violence(events, context.lang, context.actors) else []
