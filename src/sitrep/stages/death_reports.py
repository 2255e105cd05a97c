"""Deaths told apart from the event words ("l'OSDH a évoqué la mort de 68 miliciens vendredi",
"3 militants were also killed"): added to the toll of the violent event they belong to, or an
event of their own where none does and they name who died or who killed. A total over a period
("more than 100 have died since November") is neither; a figure for another day ("36 morts
dimanche et samedi 85") is the same event on that day; one toll told for several places is split
between their events."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from sitrep import taxonomy
from sitrep.models import (DateMention, DocumentContext, Event, EventFrame, FatalityMention, GeoPrecision, Location,
                           TimePrecision)
from sitrep.stages.assembly import build_event
from sitrep.stages.event_date import event_date
from sitrep.stages.event_place import INFERRED, choose_location
from sitrep.stages.told import Told
from sitrep.stages.toll_scope import is_long_span_to_now
from sitrep.stages.tolls import add_toll, split_between_places


def code_death_reports(events: Told, deaths: list[EventFrame], regular: list[EventFrame],
                       context: DocumentContext) -> list[Event]:
    """``events`` with the tolls of the death frames that report events (``deaths``) added, and
    the events of those that belong to none; ``regular``: the frames the events came from."""
    doc = context.doc
    # an event only planned or feared ("indicted for plotting to bomb the subway") leaves the
    # sentence's deaths to an event of their own; a denied one keeps them ("denied that she was
    # beaten to death, saying she had died of a heart condition")
    sentences_with_events = {doc[f.head].sent.start for f in regular if f.claim.status != "hypothetical"}
    for frame in deaths:
        if frame.fatalities is not None and frame.fatalities.period_total:
            continue  # "more than 100 have died since November": no event's toll, no event
        sentence = doc[frame.head].sent
        if sentence.start in sentences_with_events and not _leaves_its_deaths(sentence, events):
            _add_more_deaths(frame, sentence, events)
            continue
        toll_event = None if frame.agent else _event_for_toll(frame, events, context)
        if toll_event is not None and frame.fatalities is not None:
            add_toll(toll_event, frame.fatalities, frame.sources)
        elif toll_event is None and (frame.fatalities or frame.agent or frame.targets):
            events.append(build_event(frame, context, events))
            sentences_with_events.add(sentence.start)
    _one_event_a_day(events, context)
    periods = {(d.span.start, d.span.end) for d in context.dates if is_long_span_to_now(d)}
    coded = [e for e in events if not _sums_up_a_period(e, periods, context)]
    split_between_places(coded)
    return coded


def _sums_up_a_period(event: Event, periods: set[tuple[int, int]], context: DocumentContext) -> bool:
    """"More than 100 people have died in attacks since November 5": an event dated by a long span
    up to publication (one of ``periods``, by offsets) whose sentence tells a period's total sums up
    a period; it is no event."""
    dated = event.evidence.date
    if dated is None or (dated.start, dated.end) not in periods:
        return False
    sentence = event.evidence.sentence_span
    return any(t.period_total and sentence.start <= t.span.start < sentence.end for t in context.tolls)


def _one_event_a_day(events: Told, context: DocumentContext) -> None:
    """"ces bombardements ont fait 36 morts dimanche et samedi 85": the figure for another day is
    the toll of the same event on that day, an event of its own."""
    first_of_trigger: dict[int, FatalityMention] = {}
    for toll in context.tolls:
        if toll.trigger_span is None:
            continue
        first = first_of_trigger.setdefault(toll.trigger_span.start, toll)
        if first is toll or toll.day is None:
            continue
        event = next((e for e in events if e.evidence.fatalities == first.span), None)
        day = next((d for d in context.dates if d.span.start < toll.day.end and toll.day.start < d.span.end), None)
        if event is None or day is None or event.date == day.date:
            continue
        other = event.model_copy(deep=True, update={
            "event_id": f"{context.key}:{toll.span.start}", "date": day.date, "time_precision": day.time_precision,
            "fatalities": toll.count, "fatalities_text": toll.span.text})
        other.evidence.date, other.evidence.fatalities = day.span, toll.span
        other.toll_is_vague = toll.vague
        events.append(other)


def _leaves_its_deaths(sentence: SpacySpan, events: Told) -> bool:
    """Whether every event the sentence tells is of a sub-type ACLED codes no death for and that has
    no deadly form of its own (property destroyed: "militants killed four people and burned 14
    houses"): the sentence's deaths are an event of their own, which the destruction is part of."""
    kinds = [taxonomy.lookup(e.sub_event_type) for e in events.within(sentence.start_char, sentence.end_char)]
    return bool(kinds) and all(kind.deathless and kind.deadly_form is None for kind in kinds)


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
    vendredi") belongs to, of a sub-type ACLED codes deaths for: the one of the nearest date within
    the toll's precision, of those the
    one at the town the toll names ("... ; à Arlit, 2 assaillants tués"), then the one told last
    before the toll."""
    when = event_date(frame, context, events)
    if when is None:
        return None
    position = frame.trigger.span.start
    # not a protest or property destroyed, for which ACLED codes no death
    candidates = [e for e in events.violent_around(when.date, _tolerance(when))
                  if not taxonomy.lookup(e.sub_event_type).deathless]
    if not candidates:
        return None
    town = _named_town(frame, context)
    return min(candidates, key=lambda e: (abs((e.date - when.date).days),
                                          town is not None and (e.location is None or e.location.name != town.name),
                                          e.evidence.trigger.start > position,
                                          abs(position - e.evidence.trigger.start)))


def _named_town(frame: EventFrame, context: DocumentContext) -> Location | None:
    """The town named with the toll, where it names one."""
    place = choose_location(frame, context) if frame.places else None
    return place if place is not None and place.geo_precision == GeoPrecision.NAMED_PLACE \
        and not (place.reason or "").startswith(INFERRED) else None


def _tolerance(when: DateMention) -> int:
    return 0 if when.time_precision == TimePrecision.DAY else 1
