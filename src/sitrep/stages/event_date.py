"""When an event happened: the date attached to its trigger (a date counted from the one told
before, "le lendemain", resolved against it); else the date of the event told just before in the
same or the previous paragraph; else the publication date. Events the text dates more than
BACKGROUND_DAYS before publication are background."""
from __future__ import annotations

from datetime import date as Date
from datetime import timedelta

from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan

from sitrep.models import DateMention, DocumentContext, Event, EventFrame, Span, TimePrecision
from sitrep.stages.anchors import anchor_words

if TYPE_CHECKING:
    from sitrep.stages.told import Told

# An event the text dates more than this many days before publication is background, not coded.
BACKGROUND_DAYS = 45


def event_date(frame: EventFrame, context: DocumentContext, told: Told) -> DateMention | None:
    """The date attached to the trigger, where the text gives one ("le lendemain" counts from the
    date of the article's previous event); else, where the previous event is told in the same
    paragraph or the one before, its date (a story goes on at its date: "... ont été tués dimanche.
    ¶ « Des individus armés ont attaqué le détachement vers 6H00 »"); else the publication date
    (news reports the recent past)."""
    position = frame.trigger.span.start
    previous = told.latest_dated_before(position)
    if frame.date is not None:
        if frame.date.after_previous is None or previous is None or previous.date is None:
            return frame.date
        day = previous.date + timedelta(days=frame.date.after_previous)
        return frame.date.model_copy(update={"date": day, "earliest": day, "latest": day,
                                             "time_precision": previous.time_precision})
    lines = context.lines
    if previous is not None and previous.evidence.date is not None and previous.date is not None \
            and lines.paragraph(position) - lines.paragraph(previous.evidence.trigger.start) <= 1:
        return DateMention(span=previous.evidence.date, date=previous.date, time_precision=previous.time_precision)
    if context.published is None:
        return None
    return DateMention(span=Span(start=0, end=0, text=""), date=context.published,
                       time_precision=TimePrecision.WEEK_OR_SPAN,
                       earliest=context.published - timedelta(days=2), latest=context.published)



def is_background(event: Event, published: Date | None) -> bool:
    """An event the text dates more than BACKGROUND_DAYS before publication is background ("le
    massacre d'Ogossagou en mars 2019", "the war, which began in 2014"), not news the article reports."""
    return published is not None and event.date is not None and event.evidence.date is not None \
        and event.date < published - timedelta(days=BACKGROUND_DAYS)

def consecutive_days(sentence: SpacySpan, lang: str) -> int:
    """N of "pour le Nième jour consécutif" / "for the Nth straight day": the event also
    happened on the N-1 days before."""
    words = anchor_words(lang)
    keys = [t._.text_key for t in sentence]
    for i, key in enumerate(keys):
        if key in words.ordinals and any(k in words.day_words for k in keys[i + 1:i + 3]) \
                and any(k in words.consecutive_day_words for k in keys[i + 1:i + 4]):
            return words.ordinals[key]
    return 1
