"""Whether two tellings of an article may be of one day, read off their date words: a night may be
either of its days, a recent period any of its days, a date that tells when a source spoke the day
before (or, where the telling names only a country, the week before), a telling with no date of
its own the days around the story's."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date

from sitrep.models import DateMention, DocumentContext, Event, TimePrecision
from sitrep.stages.event_place import is_coarse
from sitrep.stages.syntax import governor

# How far apart the dates of two tellings of one incident may be where one of them gives no date of
# its own (it takes the story's date or the publication day's)
UNDATED_SLACK_DAYS = 2
# how long before a source speaks, telling only the country or area, the incident it speaks of may be
REPORT_SLACK_DAYS = 7
# the longest period up to publication whose tellings may be of one of its days
RECENT_PERIOD_DAYS = 14
# how a speaker after an inverted reporting verb is attached ("a déclaré le chef de l'Etat")
SPEAKER_DEPS = frozenset({"nsubj", "obj", "dobj"})


@dataclass(frozen=True)
class DateWords:
    """What the date words of an article's tellings say beyond their day, by where they start:
    ``nights`` span a night (a telling dated so may be of either day); ``reported`` tell when a
    source spoke (the event may be of the day before; another telling's own date wins);
    ``periods`` run some days up to publication ("in recent days", "since Monday"): a telling dated
    so may be of any day of it, and a telling's own day wins."""

    nights: frozenset[int] = frozenset()
    reported: frozenset[int] = frozenset()
    periods: dict[int, tuple[Date, Date]] = field(default_factory=dict)

    @classmethod
    def of(cls, context: DocumentContext) -> DateWords:
        return cls(nights=frozenset(d.span.start for d in context.dates if _a_night(d)),
                   reported=frozenset(d.span.start for d in context.dates if _dates_a_report(d, context)),
                   periods={d.span.start: (d.earliest, d.latest) for d in context.dates if _a_recent_period(d)})

    def period(self, event: Event) -> tuple[Date, Date] | None:
        return self.periods.get(event.evidence.date.start) if event.evidence.date is not None else None

    def may_be_one_day(self, a: Event, b: Event) -> bool:
        """Dates within their precision (a telling that gives no date of its own: within two days;
        one dated by a night: either of its days; one dated by a recent period: any of its days; one
        dated by its report: the day before too, unless the two count different dead)."""
        if not a.date or not b.date or self._in_period(a, b) or self._in_period(b, a):
            return True
        slack = 0 if a.time_precision == b.time_precision == TimePrecision.DAY else 1
        if a.evidence.date is None or b.evidence.date is None:
            slack = UNDATED_SLACK_DAYS
        elif {a.evidence.date.start, b.evidence.date.start} & self.nights:
            slack = 1
        elif {a.evidence.date.start, b.evidence.date.start} & self.reported:
            slack = 0 if _count_different_dead(a, b) else self._report_slack(a, b)
        return abs((a.date - b.date).days) <= slack

    def dates_better(self, other: Event, kept: Event) -> bool:
        """``other``'s date words date the incident better than ``kept``'s: kept has none, or a
        period other's day lies in, or only its report's."""
        if other.evidence.date is None:
            return False
        return kept.evidence.date is None or self._in_period(kept, other) or (
            kept.evidence.date.start in self.reported and other.evidence.date.start not in self.reported)

    def _report_slack(self, a: Event, b: Event) -> int:
        """How many days may part a telling dated by its report from another: the day before; a
        week before where it names only a country or area (a leader speaking of "the use of
        chemical weapons in Syria" on Tuesday of an attack told as of the week before)."""
        report, other = (a, b) if a.evidence.date.start in self.reported else (b, a)
        if other.date <= report.date and report.location is not None and is_coarse(report.location):
            return REPORT_SLACK_DAYS
        return 1

    def _in_period(self, a: Event, b: Event) -> bool:
        """``a`` is dated by a recent period and ``b`` by its own day within it."""
        period = self.period(a)
        return period is not None and b.evidence.date is not None and self.period(b) is None \
            and period[0] <= b.date <= period[1]


def _count_different_dead(a: Event, b: Event) -> bool:
    return a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities


def _dates_a_report(mention: DateMention, context: DocumentContext) -> bool:
    """A date that tells when a source spoke ("..., activists said Monday"), not when the event
    happened: the report may come the day after."""
    words = context.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if words is None:
        return False
    verb = governor(words.root)  # "said on Monday"
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in SPEAKER_DEPS:
        verb = verb.head  # "a déclaré le chef de l'Etat ce mardi": parsed as the speaker's
    # not a report told as a time ("the day after witnesses reported soldiers had opened fire")
    return verb.i in context.reporting_verbs and not any(c.dep_ == "mark" for c in verb.children)


def _a_recent_period(mention: DateMention) -> bool:
    """Some days up to publication ("in recent days", "since Monday"), not months: a telling dated so
    and one of its days at the same place are one incident, not a period and a day of it."""
    return mention.to_now and mention.earliest is not None and mention.latest is not None \
        and (mention.latest - mention.earliest).days <= RECENT_PERIOD_DAYS


def _a_night(mention: DateMention) -> bool:
    """A date that spans a night, from one day to the next ("la nuit de mardi à mercredi")."""
    return mention.time_precision == TimePrecision.DAY and mention.earliest is not None \
        and mention.latest is not None and (mention.latest - mention.earliest).days == 1
