"""Date resolution: temporal expressions found in a parsed document and resolved against the
publication date, from the words in lang/<code>/dates.yaml.

The grammar is sitrep's own: dateparser 1.5 misses "ce samedi", "jeudi soir", "samedi dernier" and
"le mois de juillet dernier", and puts a bare "samedi" a week early. Explicit dates ("21 mars 2020",
"March 21, 2020", "2020-03-21") are read by the same grammar, from the same month table, so a date
is only ever found where a date word or a full numeric date stands. Rules (docs/dates-and-fatalities.md):

- a bare weekday ("vendredi", "on Friday") is the latest such day on or before publication
  (the publication day itself when the weekdays agree: news says "Saturday" of its own day);
- "ce samedi"/"this Saturday" is the nearest such day: up to three days before publication, else
  the one ahead ("ce dimanche" in a Monday's paper is the day before);
- "samedi dernier"/"last Saturday" is strictly before publication, "prochain"/"next" strictly after;
- a day and month without a year is the latest such date not after publication;
- a range of days of one month ("between 8 - 9 August", "du 4 au 9 mars") is coded at its middle
  day (time_precision 2, as ACLED codes ranges), in the year whose first day is not after publication;
- a month is coded at its 15th (time_precision 3); a span at its middle (time_precision 2);
- "depuis jeudi soir"/"since Thursday" is a span from that point to publication, coded at the point;
- a year after a year word ("en 2014", "since 2009") is coded at its middle (time_precision 3);
- "le même jour", "le lendemain", "two days later", "deux jours plus tôt" count from the date the text gave last: event
  coding resolves them (stages/event_date.py); here they count from publication, for want of it.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache

from spacy.tokens import Doc

from sitrep import lang as langdata
from sitrep.models import DateMention, Span, TimePrecision
from sitrep.stages.date_grammar import DateGrammar, Resolved, Rule, alternation, grammar_for

# how far before a written date the first day of its range may start ("between 8 - ")
RANGE_REACH = 40
WRITTEN_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")


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


@cache
def _range_opening(lang: str) -> re.Pattern | None:
    """The words before a written date that make it the last day of a range: "between 8 - "."""
    data = langdata.load(lang, "dates")
    if not (data.range_before and data.range_joiners):
        return None
    before, joiners = (alternation(words) for words in (data.range_before, data.range_joiners))
    return re.compile(rf"(?<![\w-])(?:{before})\s+(?P<first>[0-3]?\d)(?:{alternation(data.ordinal_suffixes)})?"
                      rf"\s*(?:{joiners})\s*$", re.IGNORECASE)


def _widen_to_range(text: str, lang: str, start: int, end: int, resolved: Resolved,
                    published: date | None) -> tuple[int, Resolved]:
    """"between 8 - 9 August", "du 4 au 9 mars": the days from the first to the written date, coded
    at the middle day (as ACLED codes a range: "between 4 - 9 March" on the 6th), in the year whose
    first day is not after publication where none is written (the last may be after it: a note
    dated at the middle of its range)."""
    pattern = _range_opening(lang)
    opening = pattern.search(text, max(0, start - RANGE_REACH), start) \
        if pattern is not None and resolved.explicit and resolved.is_point else None
    if opening is None or not 0 < int(opening["first"]) < resolved.day.day:
        return start, resolved
    last = resolved.day
    if published is not None and not WRITTEN_YEAR.search(text, start, end):
        last = _in_year(last, published.year - ((last.month, int(opening["first"])) > (published.month, published.day)))
    if last is None:
        return start, resolved
    first = last.replace(day=int(opening["first"]))
    return opening.start(), Resolved(day=first + (last - first) // 2, precision=TimePrecision.WEEK_OR_SPAN,
                                     earliest=first, latest=last, explicit=True)


def _in_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _widen_since(text: str, lang: str, start: int, resolved: Resolved,
                 published: date | None) -> tuple[int, Resolved]:
    """"depuis jeudi soir": a span from the point to publication, coded at the point; "depuis
    début novembre": the month, up to publication."""
    if published is None or resolved.day > published or resolved.after_previous is not None:
        return start, resolved
    before = grammar_for(lang).since_point.search(text, max(0, start - 30), start)
    if before is None:
        return start, resolved
    if not resolved.is_point:
        return before.start(), replace(resolved, latest=published, to_now=True)
    return before.start(), Resolved(day=resolved.day, precision=TimePrecision.WEEK_OR_SPAN,
                                    earliest=resolved.day, latest=published, to_now=True)


# A wire story's dateline: a line that opens with a place (and an agency) and a written date, then
# the agency in brackets and a dash: "BAMAKO, 3 mars (Reuters) - ", "Kyiv, Ukraine | AFP | jeudi
# 28/11/2024 - ". Looked for in the first characters of the text only.
DATELINE_REACH = 400
DATELINE_BEFORE = re.compile(r"(?:^|\n)(?P<words>[^\n.!?;:]{1,80})[,|]\s*(?P<weekday>\w+\s+)?$")
DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,40}\))?\s*[-\u2013\u2014]+\s")


def _mentions(doc: Doc, text: str, lang: str, published: date | None) -> list[tuple[int, int, Resolved]]:
    """The expressions found, non-overlapping (the longest wins), resolved against ``published``."""
    candidates = sorted(_candidates(doc, text, lang, published), key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int]] = []
    found = []
    for start, end, resolved in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        start, resolved = _widen_to_range(text, lang, start, end, resolved, published)
        start, resolved = _widen_since(text, lang, start, resolved, published)
        found.append((start, end, resolved))
    return sorted(found, key=lambda c: c[0])


def _dateline(text: str, found: list[tuple[int, int, Resolved]], lang: str) -> tuple[int, int, Resolved] | None:
    """The dateline's written date, where the text opens with one."""
    for start, end, resolved in found:
        if start >= DATELINE_REACH:
            return None
        if resolved.explicit and DATELINE_AFTER.match(text, end) and _names_a_place(text, start, lang):
            return start, end, resolved
    return None


def _names_a_place(text: str, date_start: int, lang: str) -> bool:
    """"KANO, Nigeria, " / "Tunis, Tunisie | AFP | mardi ": capitalised words and commas or pipes
    from the line's start to the date, a weekday name at most before it."""
    before = DATELINE_BEFORE.search(text, max(0, date_start - 100), date_start)
    if before is None or before["weekday"] and before["weekday"].strip().lower() not in grammar_for(lang).weekdays:
        return False
    words = re.findall(r"[^\s,|()]+", before["words"])
    return bool(words) and all(w[0].isupper() for w in words)


def find_dates(doc: Doc, lang: str, published: date | None) -> list[DateMention]:
    """Every temporal expression in ``doc``, text order, non-overlapping (the longest wins),
    resolved against ``published``, or against the day of the dateline of a wire story where it
    gives another ("LAGOS, May 3 (Reuters) - ... on Friday": the Friday before May 3); relative
    ones are left out where neither is known."""
    text = doc.text
    found = _mentions(doc, text, lang, published)
    dateline = _dateline(text, found, lang)
    if dateline is not None and dateline[2].day != published:
        found = _mentions(doc, text, lang, dateline[2].day)
    return [DateMention(span=Span(start=start, end=end, text=text[start:end]), date=resolved.day,
                        time_precision=resolved.precision, earliest=resolved.earliest, latest=resolved.latest,
                        after_previous=resolved.after_previous, to_now=resolved.to_now,
                        introduces_earlier=resolved.introduces_earlier,
                        dateline=dateline is not None and start == dateline[0])
            for start, end, resolved in found]


def date_token_indices(doc: Doc, lang: str) -> frozenset[int]:
    """Tokens of written dates ("21 mars 2020", "le 3 août", "en 2012" excepted): never head counts.
    Needs no publication date: any fixed day stands in, only the spans matter."""
    indices: set[int] = set()
    for start, end, _ in _candidates(doc, doc.text, lang, date(2000, 1, 1)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            indices.update(range(span.start, span.end))
    return frozenset(indices)
