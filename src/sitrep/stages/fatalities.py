"""Fatalities: death tolls and the death words they hang on, from lang/<code>/fatalities.yaml.

A death word ("tués", "la mort de", "ont péri", "killed", "died", "death toll") takes the count
that follows it across linking words only ("la mort de 68 miliciens", "killing at least 12",
"the death toll rose to 30"), else the count that stands before it in its own noun phrase and
clause ("des dizaines de miliciens ont péri", "12 were killed", "left three dead"). Counts joined by
"et/and" add up ("5 civils et 3 soldats"); a count after "dont/including" is part of the one
before it. A death word with no count is a toll with no number (count None), except words that
say nothing alone ("bilan", "bodies"); "no casualties", "aucune victime" are a toll of 0.
Wounded, arrested, ages, dates and measures never count. Rules: docs/dates-and-fatalities.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.models import FatalityMention
from sitrep.stages.dates import date_token_indices
from sitrep.stages.numbers import Quantity, find_quantities, lemma_key, text_key
from sitrep.stages.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, dep_is
from sitrep.stages.triggers import PatternWord, compile_pattern, match_at
from sitrep.lang.schemas import DeathEntry
from sitrep.text import fold, span_of

# how far from the death word a count may stand, in tokens
COUNT_AFTER_WINDOW = 6
COUNT_BEFORE_WINDOW = 12
# words inside a noun phrase between a count and its death word ("12 Taliban militants were killed")
PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "ADP", "AUX", "ADV", "PART", "PRON", "NUM", "X", "SCONJ"})
JOINING_PUNCT = frozenset({"-", "'", "’", "‘", '"', "“", "”", "«", "»"})
# verbs inside a noun phrase ("5 suspected militants", "30 alleged militants")
PHRASE_VERB_DEPS = frozenset({"amod", "compound", "acl"})
# words of a noun phrase after a count ("5 soldiers and 3 of their officers")
NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "ADP", "PRON"})


# folded first word -> (pattern number, compiled pattern) of every phrase starting with it
PatternIndex = dict[str, tuple[tuple[int, tuple[PatternWord, ...]], ...]]


@dataclass(frozen=True)
class FatalityLexicon:
    entries: tuple[DeathEntry, ...]
    patterns: PatternIndex
    links: tuple[frozenset[str] | None, ...]
    approximators: frozenset[str]
    joiner_kinds: tuple[str, ...]
    joiners: PatternIndex
    passable_verbs: frozenset[str]
    not_deaths: frozenset[str]
    not_death_phrases: PatternIndex
    no_deaths: PatternIndex
    additive: frozenset[str]


def _words(phrases: list[str]) -> frozenset[str]:
    """Every word of the phrases, folded, elided articles on their own ("d'", "s'")."""
    found = set()
    for phrase in phrases:
        for word in fold(phrase).split():
            head, sep, rest = word.partition("'")
            found.update([head + sep, rest] if sep and rest else [word])
    return frozenset(found)


def _index(patterns: list[tuple[int, str]]) -> PatternIndex:
    index: dict[str, list[tuple[int, tuple[PatternWord, ...]]]] = {}
    for number, pattern in patterns:
        words = compile_pattern(pattern)
        for form in words[0].forms:
            index.setdefault(form, []).append((number, words))
    return {form: tuple(found) for form, found in index.items()}


@cache
def lexicon(lang: str) -> FatalityLexicon:
    raw = langdata.load(lang, "fatalities")
    entries = tuple(raw.entries)
    return FatalityLexicon(
        entries=entries,
        patterns=_index([(n, p) for n, entry in enumerate(entries) for p in entry.patterns]),
        links=tuple(None if e.count_after is None else _words(e.count_after) for e in entries),
        approximators=_words(raw.approximators),
        joiner_kinds=tuple(["sum"] * len(raw.sum_words) + ["inclusion"] * len(raw.inclusion_words)),
        joiners=_index(list(enumerate(raw.sum_words + raw.inclusion_words))),
        passable_verbs=_words(raw.passable_verbs),
        not_deaths=_words(raw.not_deaths),
        not_death_phrases=_index(list(enumerate(raw.not_death_phrases))),
        no_deaths=_index(list(enumerate(raw.no_deaths))),
        additive=_words(raw.additive),
    )


def _keys(token: Token) -> tuple[str, str]:
    return text_key(token), lemma_key(token)


def _is_any(token: Token, words: frozenset[str]) -> bool:
    return text_key(token) in words or lemma_key(token) in words


def _matches(doc: Doc, index: PatternIndex, keys: list[tuple[str, str]]) -> list[tuple[int, int, int]]:
    """(pattern number, start, end) of every pattern match, longest first where they overlap;
    ``keys`` are each token's folded form and lemma."""
    found = []
    for position, token_keys in enumerate(keys):
        candidates = {id(words): (number, words) for key in token_keys for number, words in index.get(key, ())}
        for number, words in candidates.values():
            end = match_at(doc, position, words)
            if end is not None:
                found.append((number, position, end))
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


@dataclass
class _Reading:
    """One document as the toll grammar reads it: its counts, and the joining words between them."""

    doc: Doc
    lex: FatalityLexicon
    by_start: dict[int, Quantity]
    by_end: dict[int, Quantity]
    joiner_at: dict[int, str]  # token -> "sum" ("et", "as well as") or "inclusion" ("dont", "including")

    @classmethod
    def of(cls, doc: Doc, lex: FatalityLexicon, quantities: list[Quantity], keys: list[tuple[str, str]]) -> _Reading:
        joiner_at = {i: lex.joiner_kinds[number]
                     for number, start, end in _matches(doc, lex.joiners, keys) for i in range(start, end)}
        return cls(doc, lex, {q.token_start: q for q in quantities}, {q.token_end: q for q in quantities}, joiner_at)

    def wounded_next(self, quantity: Quantity) -> bool:
        """"le bilan fait état de 30 blessés", "30 people wounded": the count is of the wounded
        (but "killing 20 and injuring others" is a toll of 20)."""
        for token in self.doc[quantity.token_end:quantity.token_end + 3]:
            if _is_any(token, self.lex.not_deaths):
                return True
            if token.pos_ not in ("NOUN", "ADJ", "PROPN"):
                return False
        return False

    def joined_to(self, index: int, start: int) -> bool:
        """"kidnapped and killed", "shot and killed": a verb coordinated right before the death word."""
        return index + 2 == start and self.joiner_at.get(index + 1) == "sum"

    def count_after(self, end: int, links: frozenset[str]) -> list[Quantity]:
        """The count after the death word across linking words, with the counts added to it
        ("killing 5 soldiers and 3 civilians")."""
        sentence_end = self.doc[end - 1].sent.end
        for index in range(end, min(sentence_end, end + COUNT_AFTER_WINDOW)):
            quantity = self.by_start.get(index)
            if quantity is not None:
                if self.wounded_next(quantity):
                    return []
                return [quantity, *self.added_counts(quantity.token_end, sentence_end)]
            token = self.doc[index]
            if not (token.is_space or token.text in JOINING_PUNCT or _is_any(token, links)
                    or _is_any(token, self.lex.approximators)):
                return []
        return []

    def added_counts(self, index: int, sentence_end: int) -> list[Quantity]:
        """Counts joined to a first one by "et/and", read forwards within its noun phrase."""
        added: list[Quantity] = []
        joined = False
        limit = min(sentence_end, index + COUNT_BEFORE_WINDOW)
        while index < limit:
            quantity = self.by_start.get(index)
            if quantity is not None:
                if not joined or self.wounded_next(quantity):
                    return added
                added.append(quantity)
                joined = False
                index = quantity.token_end
                continue
            token = self.doc[index]
            if self.joiner_at.get(index) == "sum":
                joined = True
            elif not (token.is_space or token.text in JOINING_PUNCT or token.pos_ in NOUN_PHRASE_POS
                      and not _is_any(token, self.lex.not_deaths)):
                return added
            index += 1
        return added

    def count_before(self, start: int, end: int) -> list[Quantity]:
        """The count of the phrase before the death word, with the counts it adds up with."""
        doc = self.doc
        sentence_start = doc[start].sent.start
        found: list[Quantity] = []
        joiner: str | None = None
        serial_comma = False  # ", and" after the last count
        index = start - 1
        # the window runs from the death word, then from each count a list adds
        while index >= max(sentence_start, (found[-1].token_start if found else start) - COUNT_BEFORE_WINDOW):
            quantity = self.by_end.get(index + 1)
            if quantity is not None:
                if found and joiner is None:
                    break
                found = [quantity] if joiner != "sum" else [*found, quantity]
                joiner = None
                index = quantity.token_start - 1
                continue
            token = doc[index]
            aside = self.aside_start(index) if token.text == "," and not found else \
                self.bracket_start(index) if token.text == ")" and not found else None
            if index in self.joiner_at:
                joiner = self.joiner_at[index] if joiner != "inclusion" else joiner
            elif token.text == "," and found and (joiner == "sum" or len(found) > 1 and joiner is None):
                # a list read back from its "and": "6 commandos, 5 soldiers, and 15 militants"
                serial_comma = serial_comma or joiner == "sum" and len(found) == 1
                joiner = "sum"
            elif _is_any(token, self.lex.not_deaths) and not self.joined_to(index, start):
                break
            elif token.pos_ == "VERB" and not (_is_any(token, self.lex.passable_verbs)
                                               or token.dep_ in PHRASE_VERB_DEPS or self.joined_to(index, start)):
                break
            elif aside is not None:
                index = aside  # the aside's own counts are not the toll
            elif token.is_punct and token.text not in JOINING_PUNCT:
                break
            elif not (token.is_space or token.is_punct or token.pos_ in PHRASE_POS or token.pos_ == "VERB"):
                break
            index -= 1
        if serial_comma and len(found) == 2:
            found = found[:1]  # ", and" joins clauses, not a list of two: "which killed 5, and 3 soldiers were killed"
        # an article counts one only for the dead themselves: "a soldier was killed", "5 civilians
        # and a policeman were killed"; not "In a raid soldiers were killed"
        return [q for q in found if not q.article or _is_subject_of(doc[q.token_start].head, start, end)
                or len(found) > 1 and doc[q.token_start].head.dep_ == "conj"]

    def bracket_start(self, closing: int) -> int | None:
        """The opening bracket of a bracketed aside that ends at ``closing`` right after a count's
        noun phrase ("2 policemen (7 according to Taliban sources) were killed"): another figure or
        a detail, never the toll itself."""
        for index in range(closing - 1, max(-1, closing - COUNT_BEFORE_WINDOW), -1):
            if self.doc[index].text == "(":
                return index
            if self.doc[index].text in (")", ".", ";"):
                return None
        return None

    def aside_start(self, comma: int) -> int | None:
        """The opening comma of an aside that ends at ``comma`` inside a count's noun phrase
        ("Douze miliciens, dont deux chefs, ont été tués", "1 civilian, a tribal elder, was killed"):
        words with no verb, opening with "dont"/"including" or following a count."""
        inclusion = False
        for index in range(comma - 1, max(-1, comma - 8), -1):
            token = self.doc[index]
            inclusion = inclusion or self.joiner_at.get(index) == "inclusion"
            if token.text == ",":
                count_before = any(end in self.by_end for end in range(index - 2, index + 1))
                return index if inclusion or count_before else None
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in PHRASE_VERB_DEPS or token.is_punct:
                return None
        return None


def _is_subject_of(token: Token, start: int, end: int) -> bool:
    """"a soldier was killed", "un soldat est mort": the noun is the death word's subject."""
    return start <= token.head.i < end and dep_is(token, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)


def _excluded_tokens(doc: Doc, lex: FatalityLexicon, keys: list[tuple[str, str]]) -> set[int]:
    return {i for _, start, end in _matches(doc, lex.not_death_phrases, keys) for i in range(start, end)}



def _is_additional(doc: Doc, trigger: tuple[int, int], lex: FatalityLexicon) -> bool:
    """"6 militants were also killed", "trois assaillants ont également été tués": an adverb on
    the death word adds its deaths to a toll told before."""
    return any(_is_any(child, lex.additive) for token in doc[trigger[0]:trigger[1]] for child in token.children
               if child.dep_ == "advmod")


def _mention(doc: Doc, counts: list[Quantity], trigger: tuple[int, int], dates: frozenset[int],
             lex: FatalityLexicon) -> FatalityMention:
    trigger_span = span_of(doc[trigger[0]:trigger[1]])
    if not counts:
        return FatalityMention(span=trigger_span, count=None, trigger_span=trigger_span)
    start = min(q.token_start for q in counts)
    end = figure_end = max(q.token_end for q in counts)
    # the counted noun belongs to the figure's words ("68 miliciens"), never the death word itself
    limit = trigger[0] if trigger[0] >= figure_end else len(doc)
    while end < min(limit, figure_end + 3) and doc[end].pos_ in ("NOUN", "PROPN", "ADJ") and end not in dates:
        end += 1
    return FatalityMention(span=span_of(doc[start:end]), count=sum(q.value for q in counts),
                           vague=any(q.vague for q in counts), trigger_span=trigger_span,
                           additional=_is_additional(doc, trigger, lex))


def _entries_matching(doc: Doc, lex: FatalityLexicon, start: int, end: int) -> list[int]:
    """The entries with a pattern that matches exactly ``doc[start:end]``."""
    return sorted({number for key in _keys(doc[start]) for number, words in lex.patterns.get(key, ())
                   if match_at(doc, start, words) == end})


def _counts(reading: _Reading, lex: FatalityLexicon, number: int, start: int, end: int) -> list[Quantity]:
    """The counts entry ``number``'s grammar finds for a death word at ``doc[start:end]``."""
    entry = lex.entries[number]
    counts: list[Quantity] = []
    if lex.links[number] is not None:
        counts = reading.count_after(end, lex.links[number])
    if not counts and (entry.count_before == "always"
                       or entry.count_before == "unless_object" and not _has_object(reading.doc, start, end)):
        counts = reading.count_before(start, end)
    return counts


def find_fatalities(doc: Doc, lang: str) -> list[FatalityMention]:
    """Every death toll in ``doc``, in text order of its death word; at most one per death word,
    each count used once; a toll of 0 where the text says nobody died."""
    lex = lexicon(lang)
    dates = date_token_indices(doc, lang)
    keys = [_keys(token) for token in doc]
    reading = _Reading.of(doc, lex, find_quantities(doc, lang, skip=dates), keys)
    excluded = _excluded_tokens(doc, lex, keys)
    mentions = []
    for _, start, end in _matches(doc, lex.no_deaths, keys):  # "no casualties", "aucune victime": 0
        phrase = span_of(doc[start:end])
        mentions.append(FatalityMention(span=phrase, count=0, trigger_span=phrase))
        excluded.update(range(start, end))
    used: set[int] = set()
    for number, start, end in _matches(doc, lex.patterns, keys):
        if excluded.intersection(range(start, end)):
            continue
        # a word two entries share ("tué": "ont tué 12 personnes", "12 soldats tués") reads as
        # the first whose grammar finds a count
        entries = sorted(_entries_matching(doc, lex, start, end), key=lambda n: n != number)
        counts = next(filter(None, (_counts(reading, lex, n, start, end) for n in entries)), [])
        entry = lex.entries[number]
        if counts and all(q.token_start in used for q in counts):
            continue  # "le bilan s'élève à 30 morts": one toll, already taken by "bilan"
        if not counts and entry.needs_count:
            continue
        used.update(q.token_start for q in counts)
        mentions.append(_mention(doc, counts, (start, end), dates, lex))
    return sorted(mentions, key=lambda m: m.trigger_span.start)
