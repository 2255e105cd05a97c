"""Fatalities: death tolls and the death words they hang on, from lang/<code>/fatalities.yaml.

A death word ("tués", "la mort de", "ont péri", "killed", "died", "death toll") takes the count
that follows it across linking words only ("la mort de 68 miliciens", "killing at least 12",
"the death toll rose to 30"), else the count that stands before it in its own noun phrase and
clause ("des dizaines de miliciens ont péri", "12 were killed", "left three dead"). Counts joined by
"et/and" add up ("5 civils et 3 soldats"); a count after "dont/including" is part of the one
before it. A death word with no count is a toll with no number (count None), except words that
say nothing alone ("bilan", "bodies"). Wounded, arrested, ages, dates and measures never count.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, Field
from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.models import FatalityMention, Span
from sitrep.stages.dates import date_token_indices
from sitrep.stages.numbers import Quantity, find_quantities
from sitrep.stages.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, dep_is
from sitrep.stages.triggers import PatternWord, compile_pattern, fold, match_at

# how far from the death word a count may stand, in tokens
COUNT_AFTER_WINDOW = 6
COUNT_BEFORE_WINDOW = 10
# words inside a noun phrase between a count and its death word ("12 Taliban militants were killed")
PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "ADP", "AUX", "ADV", "PART", "PRON", "NUM", "X", "SCONJ"})
JOINING_PUNCT = frozenset({"-", "'", "’"})


class DeathEntry(BaseModel):
    patterns: list[str]
    count_after: list[str] | None = Field(None, description="linking words before a following count; None: never")
    count_before: Literal["always", "unless_object", "never"] = "always"
    needs_count: bool = Field(False, description="the word reports no death without a count")


@dataclass(frozen=True)
class FatalityLexicon:
    entries: tuple[DeathEntry, ...]
    patterns: dict[str, tuple[tuple[int, tuple[PatternWord, ...]], ...]]
    links: tuple[frozenset[str] | None, ...]
    approximators: frozenset[str]
    sum_words: frozenset[str]
    inclusion_words: frozenset[str]
    passable_verbs: frozenset[str]
    not_deaths: frozenset[str]
    not_death_phrases: dict[str, tuple[tuple[PatternWord, ...], ...]]


def _words(phrases: list[str]) -> frozenset[str]:
    """Every word of the phrases, folded, elided articles on their own ("d'", "s'")."""
    found = set()
    for phrase in phrases:
        for word in fold(phrase).split():
            head, sep, rest = word.partition("'")
            found.update([head + sep, rest] if sep and rest else [word])
    return frozenset(found)


def _index(patterns: list[tuple[int, str]]) -> dict[str, tuple[tuple[int, tuple[PatternWord, ...]], ...]]:
    index: dict[str, list[tuple[int, tuple[PatternWord, ...]]]] = {}
    for number, pattern in patterns:
        words = compile_pattern(pattern)
        for form in words[0].forms:
            index.setdefault(form, []).append((number, words))
    return {form: tuple(found) for form, found in index.items()}


@cache
def lexicon(lang: str) -> FatalityLexicon:
    raw = langdata.load(lang, "fatalities")
    entries = tuple(DeathEntry(**entry) for entry in raw["entries"])
    return FatalityLexicon(
        entries=entries,
        patterns=_index([(n, p) for n, entry in enumerate(entries) for p in entry.patterns]),
        links=tuple(None if e.count_after is None else _words(e.count_after) for e in entries),
        approximators=_words(raw["approximators"]),
        sum_words=_words(raw["sum_words"]),
        inclusion_words=_words(raw["inclusion_words"]),
        passable_verbs=_words(raw["passable_verbs"]),
        not_deaths=_words(raw["not_deaths"]),
        not_death_phrases=_index(list(enumerate(raw["not_death_phrases"]))),
    )


def _keys(token: Token) -> tuple[str, str]:
    return token._.text_key, token._.lemma_key


def _is_any(token: Token, words: frozenset[str]) -> bool:
    return token._.text_key in words or token._.lemma_key in words


def _matches(doc: Doc, index: dict) -> list[tuple[int, int, int]]:
    """(pattern number, start, end) of every pattern match, longest first where they overlap."""
    found = []
    for token in doc:
        candidates = {id(words): (number, words) for key in _keys(token) for number, words in index.get(key, ())}
        for number, words in candidates.values():
            end = match_at(doc, token.i, words)
            if end is not None:
                found.append((number, token.i, end))
    found.sort(key=lambda m: (m[1] - m[2], m[1]))
    taken: set[int] = set()
    kept = []
    for number, start, end in found:
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            kept.append((number, start, end))
    return sorted(kept, key=lambda m: m[1])


def _has_object(doc: Doc, start: int, end: int) -> bool:
    return any(dep_is(child, OBJECT_DEPS) for token in doc[start:end] for child in token.children)


def _wounded_next(doc: Doc, quantity: Quantity, lex: FatalityLexicon) -> bool:
    """"le bilan fait état de 30 blessés": the count is of the wounded."""
    return any(_is_any(t, lex.not_deaths) for t in doc[quantity.token_end:quantity.token_end + 3])


def _count_after(doc: Doc, end: int, links: frozenset[str], by_start: dict[int, Quantity],
                 lex: FatalityLexicon) -> list[Quantity]:
    index = end
    sentence_end = doc[end - 1].sent.end
    while index < min(sentence_end, end + COUNT_AFTER_WINDOW):
        quantity = by_start.get(index)
        if quantity is not None:
            return [] if _wounded_next(doc, quantity, lex) else [quantity]
        if not (_is_any(doc[index], links) or _is_any(doc[index], lex.approximators)):
            return []
        index += 1
    return []


def _count_before(doc: Doc, start: int, end: int, by_end: dict[int, Quantity], lex: FatalityLexicon) -> list[Quantity]:
    """The count of the phrase before the death word, with the counts it adds up with."""
    sentence_start = doc[start].sent.start
    found: list[Quantity] = []
    joiner: str | None = None
    index = start - 1
    while index >= max(sentence_start, start - COUNT_BEFORE_WINDOW):
        quantity = by_end.get(index + 1)
        if quantity is not None:
            if not found:
                found = [quantity]
            elif joiner == "sum":
                found.append(quantity)
            elif joiner == "inclusion":
                found = [quantity]
            else:
                break
            joiner = None
            index = quantity.token_start - 1
            continue
        token = doc[index]
        if _is_any(token, lex.not_deaths):
            break
        if _is_any(token, lex.sum_words):
            joiner = joiner or "sum"
        elif _is_any(token, lex.inclusion_words):
            joiner = "inclusion"
        elif token.pos_ == "VERB" and not _is_any(token, lex.passable_verbs):
            break
        elif token.text == "," and (joiner == "inclusion" or not found and _inclusion_aside(doc, index, lex)):
            pass  # "Douze miliciens, dont deux chefs, ont été tués"
        elif token.is_punct and token.text not in JOINING_PUNCT:
            break
        elif token.pos_ not in PHRASE_POS and token.pos_ != "VERB":
            break
        index -= 1
    if len(found) == 1 and found[0].article and not _is_subject_of(doc[found[0].token_start].head, start, end):
        return []  # "In a raid soldiers were killed": an article counts one only for the dead themselves
    return found


def _inclusion_aside(doc: Doc, comma: int, lex: FatalityLexicon) -> bool:
    """Whether the words before this comma, back to the previous one, open with "dont"/"including"."""
    for token in reversed(doc[max(0, comma - 6):comma]):
        if token.is_punct:
            return False
        if _is_any(token, lex.inclusion_words):
            return True
    return False


def _is_subject_of(token: Token, start: int, end: int) -> bool:
    """"a soldier was killed", "un soldat est mort": the noun is the death word's subject."""
    return start <= token.head.i < end and dep_is(token, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)


def _excluded_tokens(doc: Doc, lex: FatalityLexicon) -> set[int]:
    return {i for _, start, end in _matches(doc, lex.not_death_phrases) for i in range(start, end)}


def _span(doc: Doc, start: int, end: int) -> Span:
    tokens = doc[start:end]
    return Span(start=tokens.start_char, end=tokens.end_char, text=tokens.text)


def _mention(doc: Doc, counts: list[Quantity], trigger: tuple[int, int], dates: frozenset[int]) -> FatalityMention:
    trigger_span = _span(doc, *trigger)
    if not counts:
        return FatalityMention(span=trigger_span, count=None, trigger_span=trigger_span)
    start = min(q.token_start for q in counts)
    end = figure_end = max(q.token_end for q in counts)
    # the counted noun belongs to the figure's words ("68 miliciens"), never the death word itself
    limit = trigger[0] if trigger[0] >= figure_end else len(doc)
    while end < min(limit, figure_end + 3) and doc[end].pos_ in ("NOUN", "PROPN", "ADJ") and end not in dates:
        end += 1
    return FatalityMention(span=_span(doc, start, end), count=sum(q.value for q in counts),
                           vague=any(q.vague for q in counts), trigger_span=trigger_span)


def find_fatalities(doc: Doc, lang: str) -> list[FatalityMention]:
    """Every death toll in ``doc``, in text order of its death word; at most one per death word,
    each count used once."""
    lex = lexicon(lang)
    dates = date_token_indices(doc, lang)
    quantities = find_quantities(doc, lang, skip=dates)
    by_start = {q.token_start: q for q in quantities}
    by_end = {q.token_end: q for q in quantities}
    excluded = _excluded_tokens(doc, lex)
    used: set[int] = set()
    mentions = []
    for number, start, end in _matches(doc, lex.patterns):
        if excluded.intersection(range(start, end)):
            continue
        entry = lex.entries[number]
        counts: list[Quantity] = []
        if lex.links[number] is not None:
            counts = _count_after(doc, end, lex.links[number], by_start, lex)
        if not counts and (entry.count_before == "always"
                           or entry.count_before == "unless_object" and not _has_object(doc, start, end)):
            counts = _count_before(doc, start, end, by_end, lex)
        if counts and all(q.token_start in used for q in counts):
            continue  # "le bilan s'élève à 30 morts": one toll, already taken by "bilan"
        if not counts and entry.needs_count:
            continue
        used.update(q.token_start for q in counts)
        mentions.append(_mention(doc, counts, (start, end), dates))
    return mentions
