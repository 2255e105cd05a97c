"""One event record from a frame: the sub-type, date, place, actors, toll, sources and claim status
its frame and the article give it, each with the evidence of the words it came from."""
from __future__ import annotations

from bisect import bisect_left
from datetime import timedelta
from functools import lru_cache

from spacy.tokens import Span

from sitrep import taxonomy
from sitrep.models import DocumentContext, Event, EventFrame, Evidence, FatalityMention, Location
from sitrep.stages.crowds import CROWD_TYPES, POLICING, is_demonstration, worsen
from sitrep.stages.event_actors import add_told_actors, choose_actors
from sitrep.stages.event_date import consecutive_days, event_date
from sitrep.stages.event_place import INFERRED, choose_location, coordinated_places
from sitrep.stages.grievances import states_a_grievance
from sitrep.stages.subtypes import sub_event_type
from sitrep.stages.syntax import SUBJECT_DEPS, dep_is
from sitrep.stages.tellings import told_again_on_another_day, told_before
from sitrep.stages.told import Told
from sitrep.stages.tolls import add_toll, split_between_places
from sitrep.taxonomy import SubEventType
from sitrep.text import span_of


def assemble(regular: list[EventFrame], context: DocumentContext) -> Told:
    """The events of the frames of one happening each, in text order: one per day where the text
    says the event went on for days ("for the third straight day"), one per town its clause
    coordinates (:func:`at_coordinated_places`); a definite noun that refers back to an event told
    before ("lors des affrontements") adds its toll to that event instead."""
    events = Told(context.published)
    for frame in regular:
        earlier = told_before(frame, events, context)
        if earlier is not None:
            add_told_actors(earlier, frame, context)
            if is_demonstration(earlier) and _one_paragraph(earlier, frame, context):
                # "... staged a protest. Police used tear gas to disperse the protesters."
                told_again = sub_event_type(frame, context.doc, context.lang)
                if told_again in POLICING:
                    worsen(earlier, told_again, context.published)
            if frame.fatalities is not None:
                add_toll(earlier, frame.fatalities, frame.sources)
            continue
        series = told_again_on_another_day(frame, events, context)
        for days_before in range(consecutive_days(context.doc[frame.head].sent, context.lang)):
            event = build_event(frame, context, events, days_before)
            for placed in at_coordinated_places(event if series is None else _of_series(event, series), frame, context):
                events.append(placed)
    return events


def at_coordinated_places(event: Event, frame: EventFrame, context: DocumentContext) -> list[Event]:
    """``event`` and, where its clause coordinates other towns with its place ("des frappes ont
    visé Saraqib et Ariha"), the same event at each of those: ACLED codes one event per place, and
    one toll told for them all is split between them (stages/tolls.py)."""
    if event.claim_status != "asserted":
        return [event]
    copies = [event.model_copy(deep=True, update={"event_id": f"{event.event_id}+{number}", "location": place})
              for number, place in enumerate(coordinated_places(frame, context, event.location), start=1)]
    split_between_places([event, *copies])
    return [event, *copies]


def _of_series(event: Event, series: Event) -> Event:
    """An event of the series told before ("ces bombardements" of the raids on Alep) on its own day:
    the series' kind, place and actors where its own words name none."""
    kind = taxonomy.lookup(series.sub_event_type)
    own_place = event.location is not None and not (event.location.reason or "").startswith(INFERRED)
    return event.model_copy(update={
        "event_type": kind.event_type, "sub_event_type": kind.sub_event_type,
        "plover_event_type": series.plover_event_type, "cameo_root": series.cameo_root,
        "location": event.location if own_place else series.location,
        "actor1": event.actor1 if event.actor1 is not None and event.actor1.resolved else series.actor1,
        "actor2": event.actor2 or series.actor2})


def _deaths_told(frame: EventFrame, sub_type: SubEventType) -> tuple[SubEventType, FatalityMention | None]:
    """The sub-type and toll of a frame: a sub-type ACLED codes no death for leaves its sentence's
    deaths to another event, unless the toll counts its own participants ("a protester killed":
    the trigger word inside the toll), which makes it its deadly form."""
    toll = frame.fatalities
    if toll is None or not sub_type.deathless:
        return sub_type, toll
    trigger = frame.trigger.span
    if sub_type.deadly_form and toll.span.start <= trigger.start and trigger.end <= toll.span.end:
        return taxonomy.lookup(sub_type.deadly_form), toll
    return sub_type, None


def _one_paragraph(event: Event, frame: EventFrame, context: DocumentContext) -> bool:
    """Whether ``frame`` is told in the paragraph of ``event``'s word (not a paragraph of background
    on the movement: "The rallies have been led by young women who have burned their headscarves")."""
    return context.lines.paragraph(event.evidence.trigger.start) == context.lines.paragraph(frame.trigger.span.start)


def _how_it_went(frame: EventFrame, context: DocumentContext) -> Span | None:
    """The sentence after a demonstration's, in its paragraph, where that sentence tells of no event
    or of what the crowd did ("They burned tires and destroyed windows"), names no place of its own
    and states no grievance: how the demonstration went ("... staged a protest. Police intervened and
    dispersed the crowd."; not "À Abéché, des étudiants ... ont été dispersés", nor "They called for
    the payment of a bonus at risk of being removed")."""
    if not taxonomy.lookup(frame.trigger.entry.sub_event_type).demonstration:
        return None
    sentence = context.doc[frame.head].sent
    if sentence.end >= len(context.doc):
        return None
    after = context.doc[sentence.end].sent
    if context.lines.paragraph(after.start_char) != context.lines.paragraph(sentence.start_char) \
            or states_a_grievance(after, context.lang) \
            or (any(t.i in context.trigger_tokens for t in after) and not _tells_of_the_crowd(after, context)):
        return None
    starts = _place_starts(context)
    return None if bisect_left(starts, after.start) < bisect_left(starts, after.end) else after


def _tells_of_the_crowd(sentence: Span, context: DocumentContext) -> bool:
    """Whether the subject of the sentence's verb is the crowd told before: "they", or protesters
    or rioters ("The demonstrators blocked the road")."""
    crowd = _crowd_tokens(context)
    return any(subject.i in crowd or (subject.pos_ == "PRON" and "Plur" in subject.morph.get("Number"))
               for subject in sentence.root.children if dep_is(subject, SUBJECT_DEPS))


@lru_cache(maxsize=1)  # documents are coded one at a time
def _crowd_tokens(context: DocumentContext) -> frozenset[int]:
    return frozenset(i for mention in context.actors if mention.actor is not None
                     and mention.actor.actor_type in CROWD_TYPES for i in range(mention.token_start, mention.token_end))


@lru_cache(maxsize=1)  # documents are coded one at a time
def _place_starts(context: DocumentContext) -> list[int]:
    return sorted(place.token_start for place in context.places)


def build_event(frame: EventFrame, context: DocumentContext, told: Told, days_before: int = 0) -> Event:
    """The event a frame reports (``days_before`` its day: the Nth day before the one the text
    gives); ``told``: the article's events so far, whose dates a story goes on at."""
    sentence = context.doc[frame.head].sent
    sub_type, toll = _deaths_told(frame, taxonomy.lookup(
        sub_event_type(frame, context.doc, context.lang, _how_it_went(frame, context))))
    toll = toll if not days_before else None
    entry = frame.trigger.entry
    when = event_date(frame, context, told)
    day = when.date - timedelta(days=days_before) if when else None
    location = choose_location(frame, context)
    actor1, actor2 = choose_actors(frame, sub_type, location, published=context.published, country=context.country)
    actor_spans = {role: ref.span for role, ref in (("actor1", actor1), ("actor2", actor2)) if ref and ref.span}
    event = Event(
        event_id=_event_id(context, frame.trigger.span.start, days_before),
        doc_id=context.doc_id,
        event_type=sub_type.event_type,
        sub_event_type=sub_type.sub_event_type,
        plover_event_type=entry.plover or sub_type.plover,
        cameo_root=entry.cameo or sub_type.cameo,
        date=day,
        time_precision=when.time_precision if when else None,
        actor1=actor1,
        actor2=actor2,
        location=location,
        fatalities=toll.count if toll else None,
        fatalities_text=toll.span.text if toll else None,
        reported_by=list(frame.sources),
        claim_status=frame.claim.status,
        evidence=Evidence(
            sentence=sentence.text.strip(),
            sentence_span=span_of(sentence),
            trigger=frame.trigger.span,
            rule=entry.id,
            actor_spans=actor_spans,
            places=[context.places[i].location for i in frame.places if context.places[i].location],
            date=when.span if when and when.span.end > when.span.start else None,
            fatalities=toll.span if toll else None,
            claim=frame.claim.span,
            model=frame.reading,
            language=context.lang,
            confidence=_confidence(frame, location, bool(when and when.span.end > when.span.start)),
        ),
    )
    event.toll_is_vague = bool(toll and toll.vague)
    return event


def _event_id(context: DocumentContext, trigger_start: int, days_before: int) -> str:
    return f"{context.key}:{trigger_start}" + (f"-{days_before}d" if days_before else "")


def _confidence(frame: EventFrame, location: Location | None, explicit_date: bool) -> float:
    """A rough score of how much of the event the text itself states (documented heuristic)."""
    score = 0.4
    score += 0.15 if frame.agent is not None else 0.0
    score += 0.15 if frame.places and location is not None else 0.0
    score += 0.15 if explicit_date else 0.0
    score += 0.1 if frame.trigger.token_end - frame.trigger.token_start > 1 else 0.0
    return round(min(score, 0.95), 2)
