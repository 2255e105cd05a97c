"""The date grammar of one language, compiled from lang/<code>/dates.yaml: the regular expressions
that find temporal expressions and what each one means against a publication date (the rules are
listed in stages/dates.py and docs/dates-and-fatalities.md)."""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from sitrep import lang as langdata
from sitrep.models import TimePrecision
from sitrep.stages.numbers import number_pattern, parse_count


@dataclass(frozen=True)
class Resolved:
    """What one expression means, before it gets its span."""

    day: date
    precision: TimePrecision
    earliest: date | None = None
    latest: date | None = None
    is_point: bool = False  # a single day a "depuis"/"since" may start a span from
    after_previous: int | None = None  # "le lendemain": days after the date the text gave last
    to_now: bool = False  # a span running up to publication: "since Monday", "for the past two weeks"
    explicit: bool = False  # a written date ("30 octobre", "Nov 3", "28/11/2024"), as a dateline gives
    introduces_earlier: bool = False  # "a day after [six were killed]": what follows is after_previous days before


# A night event at a clock time before this hour is coded on the night's second day.
SMALL_HOURS_END = 6
# "ce samedi", "this Saturday": a day up to this many days before publication (news tells of the
# past), else the one ahead
THIS_WEEKDAY_BACK = 3
# where a sentence ends ("3 a.m., gunmen" goes on)
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÀ-Ý])|\n")

Resolver = Callable[[re.Match, "date | None"], "Resolved | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver
    names_only: bool = False  # a bare name ("Mercredi") that may be a person's


def alternation(words, *, capitalized: bool = False) -> str:
    """A regex alternation of phrases, longest first; spaces match any run of white space."""
    phrases = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in phrases)
    return f"(?-i:{body})" if capitalized else f"(?:{body})"


def _folded_lookup(table: dict) -> dict[str, object]:
    return {str(k).lower(): v for k, v in table.items()}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def _day(day_number: int) -> timedelta:
    return timedelta(days=day_number)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _span(earliest: date, latest: date, precision: TimePrecision) -> Resolved:
    middle = earliest + (latest - earliest) / 2
    return Resolved(day=middle, precision=precision, earliest=earliest, latest=latest)


def _month(year: int, month: int, published: date | None) -> Resolved:
    """A month coded at its 15th; the current month only up to publication."""
    first, last = _month_bounds(year, month)
    if published is not None and first <= published < last:
        last = published
    middle = min(date(year, month, 15), last)
    return Resolved(day=middle, precision=TimePrecision.MONTH, earliest=first, latest=last)


def _latest_month_not_after(month: int, published: date, strictly_before: bool) -> tuple[int, int]:
    year = published.year
    if month > published.month or (strictly_before and month == published.month):
        year -= 1
    return year, month


def _weekday_date(weekday: int, mode: str, published: date) -> date:
    today = published.weekday()
    if mode == "this":
        # "ce dimanche" the Monday after is the day before, "this Saturday" on a Tuesday the one
        # three days before: the nearest such day, up to THIS_WEEKDAY_BACK days back, else ahead
        back = (today - weekday) % 7
        return published - _day(back) if back <= THIS_WEEKDAY_BACK else published + _day(7 - back)
    if mode == "last":
        return published - _day((today - weekday) % 7 or 7)
    if mode == "next":
        return published + _day((weekday - today) % 7 or 7)
    return published - _day((today - weekday) % 7)


def _period(name: str, published: date) -> Resolved:
    monday = published - _day(published.weekday())
    if name == "last_week":
        return _span(monday - _day(7), monday - _day(1), TimePrecision.WEEK_OR_SPAN)
    if name == "last_week_rolling":
        return replace(_span(published - _day(7), published, TimePrecision.WEEK_OR_SPAN), to_now=True)
    if name == "recent_weeks":
        return replace(_span(_shift_months(published, -1), published, TimePrecision.MONTH), to_now=True)
    if name == "recent_months":
        return replace(_span(_shift_months(published, -3), published, TimePrecision.MONTH), to_now=True)
    if name == "this_week":
        return _span(monday, published, TimePrecision.WEEK_OR_SPAN)
    if name == "last_month":
        previous = _shift_months(published.replace(day=1), -1)
        return _month(previous.year, previous.month, published)
    if name == "last_month_rolling":
        return replace(_span(_shift_months(published, -1), published, TimePrecision.MONTH), to_now=True)
    if name == "this_month":
        return _span(published.replace(day=1), published, TimePrecision.MONTH)
    raise ValueError(f"unknown period {name!r} in dates.yaml")


class DateGrammar:
    """The compiled rules of one language."""

    def __init__(self, lang: str) -> None:
        data = langdata.load(lang, "dates")
        self.lang = lang
        capitalized = bool(data.names_capitalized)
        self.weekdays = _folded_lookup(data.weekdays)
        self.months = _folded_lookup(data.months) | _folded_lookup(data.month_abbreviations)
        self.relative_days = {_key(k): v for k, v in data.relative_days.items()}
        self.after_previous = {_key(k): v for k, v in data.after_previous.items()}
        self.before_complement = {_key(k): v for k, v in data.before_complement.items()}
        self.units = _folded_lookup(data.units)
        self.periods = {_key(k): v for k, v in data.periods.items()}
        self.last_words = {w.lower() for w in data.last_after + data.last_before}
        self.next_words = {w.lower() for w in data.next_after + data.next_before}
        self.this_words = {w.lower() for w in data.this_before}
        self.since_words = {_key(w) for w in data.since_point}

        weekday = f"(?P<weekday>{alternation(data.weekdays, capitalized=capitalized)})"
        month = f"(?P<month>{alternation(data.months, capitalized=capitalized)})"
        month_any = alternation(list(data.months) + list(data.month_abbreviations), capitalized=capitalized)
        suffix = f"(?:{alternation(data.ordinal_suffixes)})?"
        day = rf"(?P<day>[0-3]?\d){suffix}"
        year = r"(?P<year>(?:1[89]|2[01])\d\d)"
        weekday_prefix = f"(?:{alternation(data.weekdays, capitalized=capitalized)},?\\s+)?"
        part = f"(?:\\s+{alternation(data.parts_of_day)})?"
        before_mod = alternation(data.this_before + data.last_before + data.next_before)
        after_mod = alternation(data.last_after + data.next_after or ["\x00"])
        number = f"(?P<n>{number_pattern(lang)})"
        unit = f"(?P<unit>{alternation(data.units)})"

        modifier_after = rf"(?:\s+(?P<after>{after_mod}))?"  # "le 12 septembre dernier", "le 3 août prochain"
        word_dates = {
            "dmy": rf"{weekday_prefix}{day}\s+(?P<month>{month_any})(?:,?\s+{year})?{modifier_after}",
            "mdy": rf"{weekday_prefix}(?P<month>{month_any})\s+{day}(?:,?\s+{year})?{modifier_after}",
        }
        numeric = {"dmy": r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})",
                   "mdy": r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"}
        rules = [Rule(f"date_{order}", self._compile(word_dates[order]), self._explicit)
                 for order in data.word_date_orders]
        rules += [
            Rule("iso_date", self._compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"), self._explicit),
            Rule("numeric_date", self._compile(numeric[data.numeric_date_order]), self._explicit),
            Rule("month_year", self._compile(rf"{month}\s+{year}"), self._month_year),
            Rule("year", self._compile(rf"(?P<context>{alternation(data.year_before)})\s+{year}"), self._year),
            # "the day after [six civilians were killed]": only where words follow (a complement)
            Rule("before_complement", self._compile(
                rf"(?P<anaphor>{alternation(self.before_complement)})(?=\s+[^\W\d_])"), self._before_complement),
            Rule("after_previous", self._compile(
                rf"(?P<anaphor>{alternation(self.after_previous)}){part}"), self._after_previous),
            Rule("weekday", self._compile(
                rf"(?:(?P<before>{before_mod})\s+)?{weekday}{part}(?:\s+(?P<after>{after_mod}))?"),
                self._weekday, names_only=True),
            Rule("relative_day", self._compile(
                rf"(?P<relative>{alternation(self.relative_days)}){part}"), self._relative_day),
            Rule("period", self._compile(f"(?P<period>{alternation(self.periods)})"), self._period),
            Rule("month", self._compile(
                rf"(?:(?:(?P<last>{alternation(data.last_before or [chr(0)])})"
                rf"|(?P<context>{alternation(data.month_before)}))\s*)?{month}(?!\s+\d)(?:\s+(?P<after>{after_mod}))?"),
                self._month_name, names_only=True),
        ]
        for template in data.ago:
            rules.append(Rule("ago", self._compile(self._template(template, number, unit)), self._ago))
        # before "later": "trois jours après l'attaque" is the complement's, "trois jours après." the later
        for template in data.later_complement:
            rules.append(Rule("later_complement", self._compile(
                self._template(template, number, unit) + r"(?=\s+[^\W\d_])"), self._later_complement))
        for key, sign in (("later", 1), ("earlier", -1)):
            for template in getattr(data, key):
                rules.append(Rule(key, self._compile(self._template(template, number, unit)),
                                  lambda match, published, sign=sign: self._later(match, published, sign)))
        for template in data.duration_to_now:
            rules.append(Rule("duration", self._compile(self._template(template, number, unit)), self._duration))
        for template in data.after_duration:
            rules.append(Rule("after_duration", self._compile(self._template(template, number, unit)),
                              self._after_duration))
        weekday_pair = [f"(?P<{group}>{alternation(data.weekdays, capitalized=capitalized)}){part}"
                        for group in ("first", "second")]
        for key, resolve in (("night_of", self._night), ("weekday_range", self._weekday_range)):
            for template in getattr(data, key):
                body = r"\s+".join(re.escape(w) for w in template.split())
                for group in weekday_pair:
                    body = body.replace(re.escape("{weekday}"), group, 1)
                rules.append(Rule(key, self._compile(body), resolve, names_only=True))
        self.rules = tuple(rules)
        places = langdata.load(lang, "places")
        self.person_labels, self.date_labels = frozenset(places.person_labels), frozenset(places.date_labels)
        self.small_hours = re.compile(
            rf"(?<![\d:])(?P<hour>[0-2]?\d)(?:[:.]\d\d)?\s*(?:{alternation(data.hour_words)})(?:\s*\d\d)?(?![\w])",
            re.IGNORECASE) if data.hour_words else None
        since = rf"(?:{alternation(data.since_point)})\s+(?:{alternation(data.determiners)}\s+)?$"
        self.since_point = re.compile(since, re.IGNORECASE)

    @staticmethod
    def _compile(body: str) -> re.Pattern:
        return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)

    @staticmethod
    def _template(template: str, number: str, unit: str) -> str:
        words = [number if w == "{n}" else unit if w == "{unit}" else re.escape(w) for w in template.split()]
        return r"\s+".join(words)

    # resolvers: each reads one rule's groups

    def _explicit(self, match: re.Match, published: date | None) -> Resolved | None:
        month_text = match["month"]
        month = int(month_text) if month_text.isdigit() else self.months[month_text.lower()]
        day_number = int(match["day"])
        if match["year"]:
            year = int(match["year"])
        elif published is None:
            return None
        elif match["after"] and _key(match["after"]) in self.next_words:
            year = published.year + ((month, day_number) <= (published.month, published.day))
        else:
            year = published.year
            if (month, day_number) > (published.month, published.day):
                year -= 1
        try:
            day = date(year, month, day_number)
        except ValueError:
            return None
        return Resolved(day=day, precision=TimePrecision.DAY, earliest=day, latest=day, is_point=True, explicit=True)

    def _month_year(self, match: re.Match, published: date | None) -> Resolved:
        return _month(int(match["year"]), self.months[match["month"].lower()], published)

    def _year(self, match: re.Match, published: date | None) -> Resolved:
        """A year alone, coded at its middle (at publication's middle of the year so far); "since
        2019" runs up to publication."""
        year = int(match["year"])
        last = date(year, 12, 31) if published is None or published.year != year else published
        return replace(_span(date(year, 1, 1), last, TimePrecision.MONTH), to_now=self._since(match))

    def _since(self, match: re.Match) -> bool:
        """Whether the rule's context word is a since-word ("since 2019", "depuis novembre")."""
        return bool(match["context"]) and _key(match["context"]) in self.since_words

    @staticmethod
    def _days_after_previous(days: int, published: date | None) -> Resolved | None:
        if published is None:
            return None
        day = published + _day(days)
        return Resolved(day=day, precision=TimePrecision.DAY, earliest=day, latest=day, after_previous=days)

    def _after_previous(self, match: re.Match, published: date | None) -> Resolved | None:
        return self._days_after_previous(self.after_previous[_key(match["anaphor"])], published)

    def _before_complement(self, match: re.Match, published: date | None) -> Resolved | None:
        """"a day after six civilians were killed": the killing was a day before the date told last."""
        found = self._days_after_previous(-self.before_complement[_key(match["anaphor"])], published)
        return found and replace(found, introduces_earlier=True)

    def _later_complement(self, match: re.Match, published: date | None) -> Resolved | None:
        """"two days after the attack": the attack was two days before the date told last."""
        found = self._later(match, published, -1)
        return found and replace(found, introduces_earlier=True)

    def _later(self, match: re.Match, published: date | None, sign: int) -> Resolved | None:
        """"deux jours plus tard" (sign 1), "two days earlier" (sign -1)."""
        found = self._count_and_unit(match)
        if found is None or found[1] != "day":
            return None
        return self._days_after_previous(sign * found[0], published)

    def _weekday(self, match: re.Match, published: date | None) -> Resolved | None:
        if published is None:
            return None
        modifiers = {_key(m) for m in (match["before"], match["after"]) if m}
        mode = ("last" if modifiers & self.last_words else "next" if modifiers & self.next_words
                else "this" if modifiers & self.this_words else "latest")
        day = _weekday_date(self.weekdays[match["weekday"].lower()], mode, published)
        return Resolved(day=day, precision=TimePrecision.DAY, earliest=day, latest=day, is_point=True)

    def _weekday_pair(self, match: re.Match, published: date) -> tuple[date, date]:
        """"de jeudi à dimanche": the second day is the latest on or before publication, the
        first the latest on or before the second."""
        second = _weekday_date(self.weekdays[match["second"].lower()], "latest", published)
        first = _weekday_date(self.weekdays[match["first"].lower()], "latest", second)
        return first, second

    def _night(self, match: re.Match, published: date | None) -> Resolved | None:
        """"dans la nuit de jeudi à vendredi": coded on the day the night began."""
        if published is None:
            return None
        first, second = self._weekday_pair(match, published)
        day = second if self._in_small_hours(match) else first
        return Resolved(day=day, precision=TimePrecision.DAY, earliest=first, latest=second)

    def _in_small_hours(self, match: re.Match) -> bool:
        """"dans la nuit de mardi à mercredi vers 3 heures": a clock time before 6 in the night's
        sentence puts the event on the second day."""
        if self.small_hours is None:
            return False
        after = SENTENCE_END.split(match.string[match.end():match.end() + 80], maxsplit=1)[0]
        hour = self.small_hours.search(after)
        return hour is not None and int(hour["hour"]) < SMALL_HOURS_END

    def _weekday_range(self, match: re.Match, published: date | None) -> Resolved | None:
        return None if published is None else _span(*self._weekday_pair(match, published), TimePrecision.WEEK_OR_SPAN)

    def _relative_day(self, match: re.Match, published: date | None) -> Resolved | None:
        if published is None:
            return None
        day = published + _day(self.relative_days[_key(match["relative"])])
        return Resolved(day=day, precision=TimePrecision.DAY, earliest=day, latest=day, is_point=True)

    def _period(self, match: re.Match, published: date | None) -> Resolved | None:
        return None if published is None else _period(self.periods[_key(match["period"])], published)

    def _month_name(self, match: re.Match, published: date | None) -> Resolved | None:
        if published is None or not (match["last"] or match["context"] or match["after"]):
            return None  # a month name alone is no date: "Mars" the planet, "May" the modal
        strictly_before = bool(match["last"]) or bool(match["after"] and _key(match["after"]) in self.last_words)
        year, month = _latest_month_not_after(self.months[match["month"].lower()], published, strictly_before)
        return replace(_month(year, month, published), to_now=self._since(match))

    def _count_and_unit(self, match: re.Match) -> tuple[int, str] | None:
        count = parse_count(match["n"], self.lang)
        return None if count is None else (count, self.units[match["unit"].lower()])

    def _ago(self, match: re.Match, published: date | None) -> Resolved | None:
        found = self._count_and_unit(match)
        if published is None or found is None:
            return None
        count, unit = found
        if unit == "day":
            day = published - _day(count)
            return Resolved(day=day, precision=TimePrecision.DAY, earliest=day, latest=day, is_point=True)
        if unit == "week":
            day = published - _day(7 * count)
            return Resolved(day=day, precision=TimePrecision.WEEK_OR_SPAN, earliest=day - _day(3),
                            latest=min(day + _day(3), published))
        if unit == "year":
            return _month(published.year - count, published.month, published)
        then = _shift_months(published, -count)
        return _month(then.year, then.month, published)

    def _after_duration(self, match: re.Match, published: date | None) -> Resolved | None:
        """"après deux semaines de combats": the span up to publication, coded at its end."""
        found = self._duration(match, published)
        return found and replace(found, day=published)

    def _duration(self, match: re.Match, published: date | None) -> Resolved | None:
        found = self._count_and_unit(match)
        if published is None or found is None:
            return None
        count, unit = found
        if unit in ("month", "year"):
            months = count * (12 if unit == "year" else 1)
            return replace(_span(_shift_months(published, -months), published, TimePrecision.MONTH), to_now=True)
        days = count * (7 if unit == "week" else 1)
        return replace(_span(published - _day(days), published, TimePrecision.WEEK_OR_SPAN), to_now=True)


@cache
def grammar_for(lang: str) -> DateGrammar:
    return DateGrammar(lang)
