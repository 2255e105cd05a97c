"""One event for one happening told more than once: a title repeats the body; a definite noun
("lors des affrontements") refers back to an event told before; a happening told twice with the
same sub-type, place and date is one event, the later telling adding its toll and sources. Events
dated long before publication are background and dropped."""
from __future__ import annotations

from spacy.tokens import Token

from sitrep import taxonomy
from sitrep.models import DocumentContext, Event, EventFrame, FatalityMention, TimePrecision
from sitrep.stages.event_date import is_background
from sitrep.stages.told import Told
from sitrep.stages.tolls import add_toll
from sitrep.text import Lines

# How a line that is a sentence ends; a line ending otherwise is a title or caption.
TERMINAL_PUNCTUATION = frozenset('.!?…»"”)')
TITLE_MAX_WORDS = 25


def merge_tellings(events: list[Event], context: DocumentContext) -> list[Event]:
    """``events`` less titles' repeats, later tellings and background, in text order."""
    merged = [e for e in merge_repeated(drop_title_repeats(events, context.text, context.lines)) if not is_background(e, context.published)]
    return sorted(merged, key=lambda e: (e.evidence.trigger.start, e.event_id))


def told_before(frame: EventFrame, events: Told, context: DocumentContext) -> Event | None:
    """The earlier event a definite noun trigger with no date or place of its own refers back to
    ("... après de violents combats. ... douze assaillants ont été tués lors des affrontements"):
    the article's latest asserted event of the same event type."""
    head = context.doc[frame.head]
    if head.pos_ != "NOUN" or frame.date is not None or not _is_definite(head):
        return None
    if any(context.places[i].location and context.places[i].location.resolved
           and context.places[i].token_start in {t.i for t in head.subtree} for i in frame.places):
        return None
    return events.latest_of_type(taxonomy.lookup(frame.trigger.entry.sub_event_type).event_type)


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
    body_types = {e.sub_event_type for e in events if e.event_id not in titles}
    return [e for e in events if not (e.event_id in titles and e.sub_event_type in body_types)]


def merge_repeated(events: list[Event]) -> list[Event]:
    """One event for one happening told twice in an article ("clashes broke out on Tuesday ...
    14 fighters were killed in the fighting"): same sub-type, claim and place, dates within their
    precision, no conflicting actors. The first telling keeps the event; later ones add their
    toll and sources."""
    kept: list[Event] = []
    kept_alike: dict[tuple, list[Event]] = {}  # events of one sub-type, claim and place
    for event in events:
        alike = kept_alike.setdefault(_kind_and_place(event), [])
        first = next((k for k in alike if _same_event(k, event)), None)
        if first is None:
            kept.append(event)
            alike.append(event)
            continue
        if event.fatalities is not None and event.evidence.fatalities is not None:
            toll = FatalityMention(span=event.evidence.fatalities, count=event.fatalities, vague=event.toll_is_vague)
            add_toll(first, toll, event.reported_by)
        first.actor1 = first.actor1 or event.actor1
        first.actor2 = first.actor2 or event.actor2
    return kept


def _kind_and_place(event: Event) -> tuple:
    return event.sub_event_type, event.claim_status, event.location.name if event.location else None


def _same_event(a: Event, b: Event) -> bool:
    if _kind_and_place(a) != _kind_and_place(b):
        return False
    if a.date and b.date:
        slack = 0 if a.time_precision == b.time_precision == TimePrecision.DAY else 1
        if abs((a.date - b.date).days) > slack:
            return False
    return all(x is None or y is None or x.name == y.name
               for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)))
