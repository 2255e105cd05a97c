"""When an event happened: the date attached to its trigger (a date counted from the one told
before, "le lendemain", resolved against it); else the date of the event told just before in the
same or the previous paragraph; else the last day named before it in those paragraphs, or the
first day the article names; else the dateline's day or the publication date. Events the text
dates more than BACKGROUND_DAYS before publication are background."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import date as Date
from datetime import timedelta

from functools import lru_cache
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
    date of the article's previous event; "a day after [six civilians were killed]" puts the
    killing a day before it); else, where the previous event is told in the same paragraph or the
    one before, its date (a story goes on at its date: "... ont été tués dimanche. ¶ « Des individus
    armés ont attaqué le détachement vers 6H00 »"); else the last day the text names before the
    trigger in those paragraphs ("Samedi 21 avril, des milliers d'opposants ... ¶ Des affrontements
    ont éclaté"); else the day of a wire story's dateline, or the publication date (news reports the
    recent past)."""
    position = frame.trigger.span.start
    previous = told.latest_dated_before(position)
    own = _day_of_figure(frame, context) or frame.date
    if own is not None and own.introduces_earlier and position < own.span.end:
        own = None  # "the raid came a day after ...": the clause before keeps its own date
    if own is not None and own.introduces_earlier:
        own_day = _day_in_complement(own, frame, context)
        if own_day is not None:
            return own_day  # "hours after gunmen ... shot dead seven men on Monday night": Monday
        anchor = _anchor_of_complement(own, frame, context, told)
        if anchor is None:
            return own
        day = anchor.date + timedelta(days=own.after_previous)
        return own.model_copy(update={"date": day, "earliest": day, "latest": day,
                                      "time_precision": anchor.time_precision})
    if own is not None:
        if own.after_previous is None:
            return own
        # "a annoncé mardi avoir ... lors de frappes menées la veille": the day its sentence named before it
        reference = _day_before_in_its_sentence(own, context) or previous
        if reference is None or reference.date is None:
            return own
        day = reference.date + timedelta(days=own.after_previous)
        return own.model_copy(update={"date": day, "earliest": day, "latest": day,
                                      "time_precision": reference.time_precision})
    lines = context.lines
    if previous is not None and previous.evidence.date is not None and previous.date is not None \
            and lines.paragraph(position) - lines.paragraph(previous.evidence.trigger.start) <= 1 \
            and _day_opening_a_sentence(previous.evidence.trigger.start, position, context) is None:
        return DateMention(span=previous.evidence.date, date=previous.date, time_precision=previous.time_precision)
    named = _day_named_before(position, context)
    if named is not None:
        return named
    reference = next((d.date for d in context.dates if d.dateline), context.published)
    if reference is None:
        return None
    return DateMention(span=Span(start=0, end=0, text=""), date=reference,
                       time_precision=TimePrecision.WEEK_OR_SPAN,
                       earliest=reference - timedelta(days=2), latest=reference)


def _day_in_complement(phrase: DateMention, frame: EventFrame, context: DocumentContext) -> DateMention | None:
    """A date of its own in the complement of "hours after ...", nearest the trigger."""
    sentence_end = context.doc[frame.head].sent.end_char
    inside = [d for d in context.dates if phrase.span.end <= d.span.start < sentence_end and d.after_previous is None]
    return min(inside, key=lambda d: abs(d.span.start - frame.trigger.span.start), default=None)


def _anchor_of_complement(phrase: DateMention, frame: EventFrame, context: DocumentContext,
                          told: Told) -> DateMention | Event | None:
    """What "a day after ..." counts from: a date just before it in its sentence ("Depuis le 8
    octobre, au lendemain de l'attaque"), else the last event the text dated before it ("... on
    Thursday. The bombing came two days after a U.S. airstrike ...")."""
    sentence_start = context.doc[frame.head].sent.start_char
    before = [d for d in context.dates if sentence_start <= d.span.start and d.span.end <= phrase.span.start
              and d.after_previous is None]
    if before:
        return before[-1]
    # a day, not a period: "a day after" does not count from "since November 5"
    dated = [e for e in told if e.claim_status == "asserted" and e.date is not None
             and e.time_precision == TimePrecision.DAY
             and e.evidence.date is not None and e.evidence.trigger.start < phrase.span.start]
    return max(dated, key=lambda e: e.evidence.trigger.start, default=None)


def _day_of_figure(frame: EventFrame, context: DocumentContext) -> DateMention | None:
    """The day the frame's toll is given for, where the text gives one figure a day ("killed 60
    people on Friday and 50 on Saturday": Friday)."""
    day = frame.fatalities.day if frame.fatalities is not None else None
    if day is None:
        return None
    return next((d for d in context.dates if d.span.start < day.end and day.start < d.span.end), None)


def _day_before_in_its_sentence(relative: DateMention, context: DocumentContext) -> DateMention | None:
    """The nearest day of its own the sentence of a day counted from another ("la veille") names
    before it, else None."""
    words = context.doc.char_span(relative.span.start, relative.span.end, alignment_mode="expand")
    if words is None:
        return None
    for mention in _dates_before(relative.span.start, context):
        if mention.span.start < words.sent.start_char:
            return None
        if _a_recent_day(mention, context.published):
            return mention
    return None


@lru_cache(maxsize=1)  # documents are coded one at a time
def _date_ends(context: DocumentContext) -> list[int]:
    return [mention.span.end for mention in context.dates]  # in text order, as dates.py finds them


def _dates_before(position: int, context: DocumentContext) -> Iterator[DateMention]:
    """The dates that end by ``position``, the nearest first (a bisection, not a scan of every
    date: an article's events are dated in time linear in its length)."""
    for index in range(bisect_right(_date_ends(context), position) - 1, -1, -1):
        yield context.dates[index]


def _day_opening_a_sentence(after: int, position: int, context: DocumentContext) -> DateMention | None:
    """A day that opens a sentence of the paragraph of ``position``, or is the day of its main
    verb, between ``after`` and it: the story moves on to that day ("Vendredi, la situation était
    plus calme. À Kaolack, ...", "Le mouvement s'est étendu hier à d'autres villes. À Moundou, ...")."""
    paragraph = context.lines.paragraph(position)
    for mention in _dates_before(position, context):
        if mention.span.start <= after or context.lines.paragraph(mention.span.start) != paragraph:
            return None
        words = context.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if words is not None and (words.start == words.sent.start or _day_of_main_verb(words, context)) \
                and _a_recent_day(mention, context.published):
            return mention
    return None


def _day_of_main_verb(words: SpacySpan, context: DocumentContext) -> bool:
    """The day is the sentence's main verb's, a verb that tells no report ("ont indiqué mercredi des
    élus": the day of the telling, not of what is told)."""
    root = words.sent.root
    return words.root.head == root and root.i not in context.reporting_verbs


def _day_named_before(position: int, context: DocumentContext) -> DateMention | None:
    """The last day (precision 1, recent, no span) the text names before ``position`` in its
    paragraph or the one before; else the first the article names, where it comes before (the
    day of the story: "gunmen were waiting for them Monday ... ¶ ... ¶ the convoy was ambushed")."""
    lines = context.lines
    paragraph = lines.paragraph(position)
    for mention in _dates_before(position, context):
        if paragraph - lines.paragraph(mention.span.start) > 1:
            break
        if _a_recent_day(mention, context.published):
            return mention
    # the day the story is about: the first the article names, where it comes before
    lead = next((m for m in context.dates if _a_recent_day(m, context.published) and not m.dateline), None)
    return lead if lead is not None and lead.span.end <= position else None


def _a_recent_day(mention: DateMention, published: Date | None) -> bool:
    return mention.time_precision == TimePrecision.DAY and not mention.to_now and mention.after_previous is None \
        and not _too_old(mention.date, published)


def _too_old(day: Date, published: Date | None) -> bool:
    return published is not None and (day < published - timedelta(days=BACKGROUND_DAYS) or day > published)


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
