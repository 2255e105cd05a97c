"""Date resolution: temporal expressions found in a parsed document and resolved against the
publication date, from the words in lang/<code>/dates.yaml.

The grammar is sitrep's own: dateparser 1.5 misses "ce samedi", "jeudi soir", "samedi dernier" and
"le mois de juillet dernier", and puts a bare "samedi" a week early. Explicit dates ("21 mars 2020",
"March 21, 2020", "2020-03-21") are read by the same grammar, from the same month table, so a date
is only ever found where a date word or a full numeric date stands. Rules (docs/dates-and-fatalities.md):

- a bare weekday ("vendredi", "on Friday") is the latest such day on or before publication
  (the publication day itself when the weekdays agree: news says "Saturday" of its own day);
- "ce samedi"/"this Saturday" is that weekday of the publication week (weeks start on Monday);
- "samedi dernier"/"last Saturday" is strictly before publication, "prochain"/"next" strictly after;
- a day and month without a year is the latest such date not after publication;
- a month is coded at its 15th (time_precision 3); a span at its middle (time_precision 2);
- "depuis jeudi soir"/"since Thursday" is a span from that point to publication, coded at the point;
- a year after a year word ("en 2014", "since 2009") is coded at its middle (time_precision 3);
- "le même jour", "le lendemain", "two days later", "deux jours plus tôt" count from the date the text gave last: event
  coding resolves them (stages/events.py); here they count from publication, for want of it.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from spacy.tokens import Doc

from sitrep import lang as langdata
from sitrep.models import DateMention, Span, TimePrecision
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


Resolver = Callable[[re.Match, "date | None"], "Resolved | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver
    names_only: bool = False  # a bare name ("Mercredi") that may be a person's


def _alternation(words, *, capitalized: bool = False) -> str:
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
        return published - _day(today) + _day(weekday)
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
        return _span(published - _day(7), published, TimePrecision.WEEK_OR_SPAN)
    if name == "this_week":
        return _span(monday, published, TimePrecision.WEEK_OR_SPAN)
    if name == "last_month":
        previous = _shift_months(published.replace(day=1), -1)
        return _month(previous.year, previous.month, published)
    if name == "last_month_rolling":
        return _span(_shift_months(published, -1), published, TimePrecision.MONTH)
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
        self.units = _folded_lookup(data.units)
        self.periods = {_key(k): v for k, v in data.periods.items()}
        self.last_words = {w.lower() for w in data.last_after + data.last_before}
        self.next_words = {w.lower() for w in data.next_after + data.next_before}
        self.this_words = {w.lower() for w in data.this_before}

        weekday = f"(?P<weekday>{_alternation(data.weekdays, capitalized=capitalized)})"
        month = f"(?P<month>{_alternation(data.months, capitalized=capitalized)})"
        month_any = _alternation(list(data.months) + list(data.month_abbreviations), capitalized=capitalized)
        suffix = f"(?:{_alternation(data.ordinal_suffixes)})?"
        day = rf"(?P<day>[0-3]?\d){suffix}"
        year = r"(?P<year>(?:1[89]|2[01])\d\d)"
        weekday_prefix = f"(?:{_alternation(data.weekdays, capitalized=capitalized)},?\\s+)?"
        part = f"(?:\\s+{_alternation(data.parts_of_day)})?"
        before_mod = _alternation(data.this_before + data.last_before + data.next_before)
        after_mod = _alternation(data.last_after + data.next_after or ["\x00"])
        number = f"(?P<n>{number_pattern(lang)})"
        unit = f"(?P<unit>{_alternation(data.units)})"

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
            Rule("year", self._compile(rf"(?:{_alternation(data.year_before)})\s+{year}"), self._year),
            Rule("after_previous", self._compile(
                rf"(?P<anaphor>{_alternation(self.after_previous)}){part}"), self._after_previous),
            Rule("weekday", self._compile(
                rf"(?:(?P<before>{before_mod})\s+)?{weekday}{part}(?:\s+(?P<after>{after_mod}))?"),
                self._weekday, names_only=True),
            Rule("relative_day", self._compile(
                rf"(?P<relative>{_alternation(self.relative_days)}){part}"), self._relative_day),
            Rule("period", self._compile(f"(?P<period>{_alternation(self.periods)})"), self._period),
            Rule("month", self._compile(
                rf"(?:(?:(?P<last>{_alternation(data.last_before or [chr(0)])})"
                rf"|(?P<context>{_alternation(data.month_before)}))\s*)?{month}(?!\s+\d)(?:\s+(?P<after>{after_mod}))?"),
                self._month_name, names_only=True),
        ]
        for template in data.ago:
            rules.append(Rule("ago", self._compile(self._template(template, number, unit)), self._ago))
        for key, sign in (("later", 1), ("earlier", -1)):
            for template in getattr(data, key):
                rules.append(Rule(key, self._compile(self._template(template, number, unit)),
                                  lambda match, published, sign=sign: self._later(match, published, sign)))
        for template in data.duration_to_now:
            rules.append(Rule("duration", self._compile(self._template(template, number, unit)), self._duration))
        weekday_pair = [f"(?P<{group}>{_alternation(data.weekdays, capitalized=capitalized)}){part}"
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
        self.since_point = re.compile(rf"(?:{_alternation(data.since_point)})\s+(?:{_alternation(data.determiners)}\s+)?$",
                                      re.IGNORECASE)

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
        return Resolved(day=day, precision=TimePrecision.DAY, earliest=day, latest=day, is_point=True)

    def _month_year(self, match: re.Match, published: date | None) -> Resolved:
        return _month(int(match["year"]), self.months[match["month"].lower()], published)

    @staticmethod
    def _year(match: re.Match, published: date | None) -> Resolved:
        """A year alone, coded at its middle (at publication's middle of the year so far)."""
        year = int(match["year"])
        last = date(year, 12, 31) if published is None or published.year != year else published
        return _span(date(year, 1, 1), last, TimePrecision.MONTH)

    @staticmethod
    def _days_after_previous(days: int, published: date | None) -> Resolved | None:
        if published is None:
            return None
        day = published + _day(days)
        return Resolved(day=day, precision=TimePrecision.DAY, earliest=day, latest=day, after_previous=days)

    def _after_previous(self, match: re.Match, published: date | None) -> Resolved | None:
        return self._days_after_previous(self.after_previous[_key(match["anaphor"])], published)

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
        return Resolved(day=first, precision=TimePrecision.DAY, earliest=first, latest=second)

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
        return _month(year, month, published)

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

    def _duration(self, match: re.Match, published: date | None) -> Resolved | None:
        found = self._count_and_unit(match)
        if published is None or found is None:
            return None
        count, unit = found
        if unit in ("month", "year"):
            months = count * (12 if unit == "year" else 1)
            return _span(_shift_months(published, -months), published, TimePrecision.MONTH)
        days = count * (7 if unit == "week" else 1)
        return _span(published - _day(days), published, TimePrecision.WEEK_OR_SPAN)


@cache
def grammar_for(lang: str) -> DateGrammar:
    return DateGrammar(lang)


def _names_a_person(doc: Doc, start: int, end: int, grammar: DateGrammar) -> bool:
    """"Mercredi Adams", "Mardi Gras", "Wednesday Addams": a name the NER runs on past the date
    word, or a person's name right after it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if any(t.ent_type_ in grammar.person_labels for t in span):
        return True
    following = doc[span.end] if span.end < len(doc) else None
    if following is None or not following.is_title or following.ent_type_ in grammar.date_labels:
        return False
    return following.ent_type_ in grammar.person_labels or (following.ent_iob_ == "I" and bool(following.ent_type_))


@lru_cache(maxsize=2)  # the death-toll stage reads the same document's dates right after
def _rule_matches(text: str, lang: str) -> tuple[tuple[Rule, re.Match], ...]:
    return tuple((rule, match) for rule in grammar_for(lang).rules for match in rule.pattern.finditer(text))


def _candidates(doc: Doc, text: str, lang: str, published: date | None) -> list[tuple[int, int, Resolved]]:
    found = []
    for rule, match in _rule_matches(text, lang):
        start, end = match.span()
        if doc.char_span(start, end) is None:  # not on token boundaries: inside a word
            continue
        if rule.names_only and _names_a_person(doc, start, end, grammar_for(lang)):
            continue
        resolved = rule.resolve(match, published)
        if resolved is not None:
            found.append((start, end, resolved))
    return found


def _widen_since(text: str, lang: str, start: int, resolved: Resolved,
                 published: date | None) -> tuple[int, Resolved]:
    """"depuis jeudi soir": a span from the point to publication, coded at the point."""
    if not resolved.is_point or published is None or resolved.day > published:
        return start, resolved
    before = grammar_for(lang).since_point.search(text, max(0, start - 30), start)
    if before is None:
        return start, resolved
    return before.start(), Resolved(day=resolved.day, precision=TimePrecision.WEEK_OR_SPAN,
                                    earliest=resolved.day, latest=published)


def find_dates(doc: Doc, lang: str, published: date | None) -> list[DateMention]:
    """Every temporal expression in ``doc``, text order, non-overlapping (the longest wins),
    resolved against ``published``; relative ones are left out where ``published`` is None."""
    text = doc.text
    candidates = sorted(_candidates(doc, text, lang, published), key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int]] = []
    mentions = []
    for start, end, resolved in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        start, resolved = _widen_since(text, lang, start, resolved, published)
        mentions.append(DateMention(span=Span(start=start, end=end, text=text[start:end]),
                                    date=resolved.day, time_precision=resolved.precision,
                                    earliest=resolved.earliest, latest=resolved.latest,
                                    after_previous=resolved.after_previous))
    return sorted(mentions, key=lambda m: m.span.start)


def date_token_indices(doc: Doc, lang: str) -> frozenset[int]:
    """Tokens of written dates ("21 mars 2020", "le 3 août", "en 2012" excepted): never head counts.
    Needs no publication date: any fixed day stands in, only the spans matter."""
    indices: set[int] = set()
    for start, end, _ in _candidates(doc, doc.text, lang, date(2000, 1, 1)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            indices.update(range(span.start, span.end))
    return frozenset(indices)
