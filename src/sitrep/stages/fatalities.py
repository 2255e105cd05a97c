"""Fatalities: death tolls and the death words they hang on, from lang/<code>/fatalities.yaml.

A death word ("tués", "la mort de", "ont péri", "killed", "died", "death toll") takes the count
that follows it across linking words only ("la mort de 68 miliciens", "killing at least 12",
"the death toll rose to 30"), else the count that stands before it in its own noun phrase and
clause ("des dizaines de miliciens ont péri", "12 were killed", "left three dead"), else one for
each person it names as dead ("Jonas Marell was shot dead": stages/victims.py). Counts joined by
"et/and" add up ("5 civils et 3 soldats"); a count after "dont/including" is part of the one
before it (stages/toll_grammar.py). A death word with no count is a toll with no number (count
None), except words that say nothing alone ("bilan", "bodies"); "no casualties", "aucune victime"
are a toll of 0. Wounded, arrested, ages, dates and measures never count; a total over a period
("since Monday", stages/toll_scope.py) is no event's toll; a figure a day ("36 morts et samedi 85")
is one toll a day. A vague word ("dozens") gives a toll with no number, or ACLED's conventional
figure under SITREP_VAGUE_TOLLS=acled. Rules: docs/dates-and-fatalities.md.
"""
from __future__ import annotations

import os
from typing import Literal, get_args

from spacy.tokens import Doc

from sitrep.models import DateMention, FatalityMention
from sitrep.stages.dates import date_token_indices
from sitrep.stages.numbers import Quantity, find_quantities
from sitrep.stages.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, dep_is
from sitrep.stages.toll_grammar import FatalityLexicon, Reading, has_object, is_any, keys_of, lexicon, matches
from sitrep.stages.toll_scope import DatesInDoc, is_period_total
from sitrep.stages.triggers import head_of, match_at
from sitrep.stages.victims import single_victims
from sitrep.text import span_of

# What a vague toll ("dozens", "plusieurs", "une centaine") is coded as: "null", no number (the
# default: the text gives none), or "acled", the figure ACLED's convention gives the word
# (lang/<code>/numbers.yaml `vague`: "dozens" 12, "hundreds" 100, "several" 3).
VagueTolls = Literal["null", "acled"]
VAGUE_TOLLS_VARIABLE = "SITREP_VAGUE_TOLLS"


def vague_tolls() -> VagueTolls:
    """The vague-toll convention in force (environment variable SITREP_VAGUE_TOLLS, default null)."""
    value = (os.environ.get(VAGUE_TOLLS_VARIABLE) or "null").strip().lower()
    if value not in get_args(VagueTolls):
        raise ValueError(f"{VAGUE_TOLLS_VARIABLE}={value!r}: expected one of {', '.join(get_args(VagueTolls))}")
    return value  # type: ignore[return-value]


def _excluded_tokens(doc: Doc, lex: FatalityLexicon, keys: list[tuple[str, str]]) -> set[int]:
    return {i for _, start, end in matches(doc, lex.not_death_phrases, keys) for i in range(start, end)}


def _is_additional(doc: Doc, trigger: tuple[int, int], lex: FatalityLexicon) -> bool:
    """"6 militants were also killed", "trois assaillants ont également été tués": an adverb on
    the death word adds its deaths to a toll told before."""
    return any(is_any(child, lex.additive) for token in doc[trigger[0]:trigger[1]] for child in token.children
               if child.dep_ == "advmod")


def _mention(doc: Doc, counts: list[Quantity], trigger: tuple[int, int], dates: frozenset[int],
             lex: FatalityLexicon, convention: VagueTolls) -> FatalityMention:
    trigger_span = span_of(doc[trigger[0]:trigger[1]])
    if not counts:
        return FatalityMention(span=trigger_span, count=None, trigger_span=trigger_span)
    start = min(q.token_start for q in counts)
    end = figure_end = max(q.token_end for q in counts)
    # the counted noun belongs to the figure's words ("68 miliciens"), never the death word itself
    limit = trigger[0] if trigger[0] >= figure_end else len(doc)
    while end < min(limit, figure_end + 3) and doc[end].pos_ in ("NOUN", "PROPN", "ADJ") and end not in dates:
        end += 1
    # a vague word counts only under ACLED's convention; "12 soldiers and dozens of militants": 12
    counted = counts if convention == "acled" else [q for q in counts if not q.vague]
    return FatalityMention(span=span_of(doc[start:end]), count=sum(q.value for q in counted) if counted else None,
                           vague=any(q.vague for q in counts), trigger_span=trigger_span,
                           additional=_is_additional(doc, trigger, lex))


def _acts_on_events(doc: Doc, start: int, end: int, event_words: frozenset[int]) -> bool:
    """"ont exécuté plusieurs frappes", "exécuter un massacre": a verb whose object names an event
    carries it out; it kills no one itself."""
    return any(dep_is(child, OBJECT_DEPS) and child.i in event_words
               for token in doc[start:end] for child in token.children)


def _asks_how_many(doc: Doc, start: int, end: int, lex: FatalityLexicon) -> bool:
    """"unable to confirm how many people were killed": the dead are asked about, not reported."""
    head = head_of(doc, start, end)
    return any(is_any(word, lex.questions) for child in head.children
               if dep_is(child, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS + OBJECT_DEPS) for word in child.subtree)


def _is_a_cause(doc: Doc, start: int, end: int, lex: FatalityLexicon) -> bool:
    """"protested against the killing of their classmate", "to protest his death", "ont manifesté
    contre la mort de Karim": the deaths are what another action answers, told as an event of their
    own where the text tells them, never that action's toll."""
    head = head_of(doc, start, end)
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    marker = head.head if head.dep_ == "pobj" else next((c for c in head.children if c.dep_ == "case"), None)
    governing = head.head if dep_is(head, OBJECT_DEPS) else None
    return any(word is not None and is_any(word, lex.causes) for word in (marker, governing))


def _describes_counted_dead(doc: Doc, mention: FatalityMention, counted: list[FatalityMention]) -> bool:
    """A death participle with no figure of its own that describes dead a toll counts ("la mort
    d'au moins cinq étudiants, tués par une roquette"): that toll, told again."""
    words = doc.char_span(mention.trigger_span.start, mention.trigger_span.end, alignment_mode="expand")
    word = words[0]
    if "Part" not in word.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in word.children):
        return False
    if word.i >= 2 and doc[word.i - 1].text == ",":
        described = doc[word.i - 2]  # set off by a comma, which the parser may attach elsewhere
    elif word.dep_ in ("acl", "amod") and word.head.i < word.i:
        described = word.head
    else:
        return False
    return any(m.span.start <= described.idx < m.span.end for m in counted)


def _killed_or_wounded(doc: Doc, start: int, end: int, lex: FatalityLexicon) -> bool:
    """"killed or wounded", "blessés ou tués": the death word is one of two outcomes."""
    after = doc[end:end + 2] if end + 2 <= len(doc) else []
    before = doc[start - 2:start] if start >= 2 else []
    return any(len(pair) == 2 and is_any(pair[i], lex.alternatives) and is_any(pair[1 - i], lex.not_deaths)
               for pair, i in ((after, 0), (before, 1)))


def _entries_matching(doc: Doc, lex: FatalityLexicon, start: int, end: int) -> list[int]:
    """The entries with a pattern that matches exactly ``doc[start:end]``."""
    return sorted({number for key in keys_of(doc[start]) for number, words in lex.patterns.get(key, ())
                   if match_at(doc, start, words) == end})


def _counts(reading: Reading, lex: FatalityLexicon, number: int, start: int, end: int) -> list[Quantity]:
    """The figures entry ``number``'s grammar finds for a death word at ``doc[start:end]``."""
    entry = lex.entries[number]
    doc = reading.doc
    counts: list[Quantity] = []
    if lex.links[number] is not None:
        counts = reading.count_after(end, lex.links[number], names=entry.lists, one=entry.one_after)
        if counts and entry.lists:
            counts += [q for q in reading.listed_counts(counts[-1].token_end, doc[start].sent.end) if q not in counts]
    object_free = entry.count_before == "always" or entry.count_before == "unless_object" \
        and not has_object(doc, start, end)
    if not counts and object_free:
        counts = reading.count_before(start, end)
    return counts


def _single_victims(reading: Reading, lex: FatalityLexicon, number: int, start: int, end: int,
                    lang: str) -> list[Quantity]:
    """Where entry ``number`` finds no figure, the people named one by one as its dead ("un soldat
    a été tué", "le chef a été tué")."""
    entry = lex.entries[number]
    if entry.needs_count:
        return []
    persons = single_victims(reading.doc, start, end, lang, transitive=entry.count_before == "unless_object",
                             counted=reading.counted)
    return persons and [*persons, *reading.added_counts(max(end, persons[-1].token_end), reading.doc[start].sent.end)]


def find_fatalities(doc: Doc, lang: str, dates: list[DateMention] | None = None,
                    event_words: frozenset[int] = frozenset()) -> list[FatalityMention]:
    """Every death toll in ``doc``, in text order of its death word; at most one per death word
    (and one a day where the text gives one figure a day), each count used once; a toll of 0 where
    the text says nobody died. ``dates`` (stages/dates.py) tell totals over a period apart;
    ``event_words`` are the tokens of words naming events, whose counts count no dead."""
    lex = lexicon(lang)
    convention = vague_tolls()
    date_tokens = date_token_indices(doc, lang)
    keys = [keys_of(token) for token in doc]
    reading = Reading.of(doc, lex, find_quantities(doc, lang, skip=date_tokens), keys, date_tokens)
    periods = DatesInDoc(doc, dates or [])
    excluded = _excluded_tokens(doc, lex, keys)
    mentions = []
    for _, start, end in matches(doc, lex.no_deaths, keys):  # "no casualties", "aucune victime": 0
        phrase = span_of(doc[start:end])
        mentions.append(FatalityMention(span=phrase, count=0, trigger_span=phrase))
        excluded.update(range(start, end))
    used: set[int] = set()
    for number, start, end in matches(doc, lex.patterns, keys):
        if excluded.intersection(range(start, end)) or _acts_on_events(doc, start, end, event_words) \
                or _asks_how_many(doc, start, end, lex) or _is_a_cause(doc, start, end, lex):
            continue
        # a word two entries share ("tué": "ont tué 12 personnes", "12 soldats tués") reads as
        # the first whose grammar finds a figure, else the first that names its dead one by one
        entries = sorted(_entries_matching(doc, lex, start, end), key=lambda n: n != number)
        counts = next(filter(None, (_counts(reading, lex, n, start, end) for n in entries)), []) \
            or next(filter(None, (_single_victims(reading, lex, n, start, end, lang) for n in entries)), [])
        entry = lex.entries[number]
        if counts and all(q.token_start in used for q in counts):
            continue  # "le bilan s'élève à 30 morts": one toll, already taken by "bilan"
        if not counts and entry.needs_count:
            continue
        if _killed_or_wounded(doc, start, end, lex):
            counts = []  # "1 policeman was killed or wounded": casualties, no death figure
        used.update(q.token_start for q in counts)
        mention = _mention(doc, counts, (start, end), date_tokens, lex, convention)
        if is_period_total(doc, (start, end), periods, lang):
            mentions.append(mention.model_copy(update={"count": None, "period_total": True}))
            continue
        mentions.extend(_one_a_day(reading, mention, counts, (start, end), date_tokens, lex, convention, used))
    counted = [m for m in mentions if m.count]
    mentions = [m for m in mentions if m.count is not None or not _describes_counted_dead(doc, m, counted)]
    return sorted(mentions, key=lambda m: (m.trigger_span.start, m.span.start))


def _one_a_day(reading: Reading, mention: FatalityMention, counts: list[Quantity], trigger: tuple[int, int],
               date_tokens: frozenset[int], lex: FatalityLexicon, convention: VagueTolls,
               used: set[int]) -> list[FatalityMention]:
    """The toll, and the figures it goes on with for other days ("ces bombardements ont fait 36
    morts et samedi 85": 36, and 85 on samedi), each with its day."""
    doc = reading.doc
    after = max([trigger[1], *(q.token_end for q in counts)])
    first_day, others = reading.other_days(after, doc[trigger[0]].sent.end)
    if not others:
        return [mention]
    found = [mention.model_copy(update={"day": span_of(doc[first_day[0]:first_day[1]])}) if first_day else mention]
    for quantity, day in others:
        used.add(quantity.token_start)
        other = _mention(doc, [quantity], trigger, date_tokens, lex, convention)
        found.append(other.model_copy(update={"day": span_of(doc[day[0]:day[1]])}))
    return found
