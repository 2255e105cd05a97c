"""Deaths told apart from the event words ("l'OSDH a évoqué la mort de 68 miliciens vendredi",
"3 militants were also killed"): added to the toll of the violent event they belong to, or an
event of their own where none does and they name who died or who killed."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from sitrep.models import DateMention, DocumentContext, Event, EventFrame, TimePrecision
from sitrep.stages.assembly import build_event
from sitrep.stages.event_date import event_date
from sitrep.stages.told import Told
from sitrep.stages.tolls import add_toll


def code_death_reports(events: Told, deaths: list[EventFrame], regular: list[EventFrame],
                       context: DocumentContext) -> list[Event]:
    """``events`` with the tolls of the death frames that report events (``deaths``) added, and
    the events of those that belong to none; ``regular``: the frames the events came from."""
    doc = context.doc
    sentences_with_events = {doc[f.head].sent.start for f in regular}
    for frame in deaths:
        sentence = doc[frame.head].sent
        if sentence.start in sentences_with_events:
            _add_more_deaths(frame, sentence, events)
            continue
        toll_event = None if frame.agent else _event_for_toll(frame, events, context)
        if toll_event is not None and frame.fatalities is not None:
            add_toll(toll_event, frame.fatalities, frame.sources)
        elif toll_event is None and (frame.fatalities or frame.agent or frame.targets):
            events.append(build_event(frame, context, events))
            sentences_with_events.add(sentence.start)
    return events.events


def _add_more_deaths(frame: EventFrame, sentence: SpacySpan, events: Told) -> None:
    """"..., killing 5 soldiers; 3 militants were also killed": deaths told as more add to the
    toll of the sentence's event."""
    toll = frame.fatalities
    if toll is None or not toll.additional:
        return
    event = events.first_within(sentence.start_char, sentence.end_char)
    if event is not None and event.evidence.fatalities != toll.span:
        add_toll(event, toll, frame.sources)


def _event_for_toll(frame: EventFrame, events: Told, context: DocumentContext) -> Event | None:
    """The violent event that a bare death toll ("l'OSDH a évoqué la mort de 68 miliciens
    vendredi") belongs to: the one of the nearest date within the toll's precision, and of those
    the one told last before the toll."""
    when = event_date(frame, context, events)
    if when is None:
        return None
    position = frame.trigger.span.start
    candidates = events.violent_around(when.date, _tolerance(when))
    if not candidates:
        return None
    return min(candidates, key=lambda e: (abs((e.date - when.date).days),
                                          e.evidence.trigger.start > position,
                                          abs(position - e.evidence.trigger.start)))


def _tolerance(when: DateMention) -> int:
    return 0 if when.time_precision == TimePrecision.DAY else 1
