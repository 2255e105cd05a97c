"""The toll grammar: the death words of lang/<code>/fatalities.yaml and how a count hangs on them
(stages/fatalities.py applies it; docs/dates-and-fatalities.md states the rules). A death word
takes the count that follows it across its linking words, else the count before it in its own noun
phrase and clause; counts joined by "et/and" add up, a count after "dont/including" is part of the
one before, an aside or a bracket holds another figure.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.lang.schemas import DeathEntry
from sitrep.stages.numbers import Quantity, lemma_key, text_key
from sitrep.stages.numbers import lexicon as number_lexicon
from sitrep.stages.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, dep_is
from sitrep.stages.triggers import PatternWord, compile_pattern, match_at
from sitrep.text import fold

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
    not_counts_before: frozenset[str]
    questions: frozenset[str]
    alternatives: frozenset[str]
    causes: frozenset[str]


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
        not_counts_before=number_lexicon(lang).not_counts_before,
        questions=_words(raw.questions),
        alternatives=_words(raw.alternatives),
        causes=_words(raw.causes),
    )


def keys_of(token: Token) -> tuple[str, str]:
    return text_key(token), lemma_key(token)


def is_any(token: Token, words: frozenset[str]) -> bool:
    return text_key(token) in words or lemma_key(token) in words


def matches(doc: Doc, index: PatternIndex, keys: list[tuple[str, str]]) -> list[tuple[int, int, int]]:
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


def has_object(doc: Doc, start: int, end: int) -> bool:
    return any(dep_is(child, OBJECT_DEPS) for token in doc[start:end] for child in token.children)


@dataclass
class Reading:
    """One document as the toll grammar reads it: its counts, and the joining words between them."""

    doc: Doc
    lex: FatalityLexicon
    by_start: dict[int, Quantity]
    by_end: dict[int, Quantity]
    joiner_at: dict[int, str]  # token -> "sum" ("et", "as well as") or "inclusion" ("dont", "including")
    date_ends: dict[int, int]  # first token -> end of each written date
    death_tokens: frozenset[int]  # tokens of the death words
    counted: frozenset[int]  # tokens of every quantity, vague ones included

    @classmethod
    def of(cls, doc: Doc, lex: FatalityLexicon, quantities: list[Quantity], keys: list[tuple[str, str]],
           date_tokens: frozenset[int]) -> Reading:
        joiner_at = {i: lex.joiner_kinds[number]
                     for number, start, end in matches(doc, lex.joiners, keys) for i in range(start, end)}
        date_ends: dict[int, int] = {}  # runs of date tokens
        first = -1
        for index in sorted(date_tokens):
            first = first if index - 1 in date_tokens else index
            date_ends[first] = index + 1
        deaths = frozenset(i for _, start, end in matches(doc, lex.patterns, keys) for i in range(start, end))
        return cls(doc, lex, {q.token_start: q for q in quantities}, {q.token_end: q for q in quantities}, joiner_at,
                   date_ends, deaths,
                   frozenset(i for q in quantities for i in range(q.token_start, q.token_end)))

    def wounded_next(self, quantity: Quantity) -> bool:
        """"le bilan fait état de 30 blessés", "30 people wounded": the count is of the wounded
        (but "killing 20 and injuring others" is a toll of 20), or of what is no one ("une vingtaine
        de drones": a preposition right after the count leads to what it counts)."""
        for token in self.doc[quantity.token_end:quantity.token_end + 3]:
            if is_any(token, self.lex.not_deaths):
                return True
            leads_to_noun = token.pos_ == "ADP" and token.i == quantity.token_end
            if token.pos_ not in ("NOUN", "ADJ", "PROPN") and not leads_to_noun:
                return False
        return False

    def joined_to(self, index: int, start: int) -> bool:
        """"kidnapped and killed", "shot and killed": a verb coordinated right before the death word."""
        return index + 2 == start and self.joiner_at.get(index + 1) == "sum"

    def count_after(self, end: int, links: frozenset[str], names: bool = False, one: bool = True) -> list[Quantity]:
        """The count after the death word across linking words, with the counts added to it
        ("killing 5 soldiers and 3 civilians"); with ``names``, across place names too ("le
        bilan à Gao est de 20 morts"); without ``one``, "un/a" counts no one. A date between the
        word and its count is passed over ("ont tué samedi 12 soldats")."""
        sentence_end = self.doc[end - 1].sent.end
        index, limit = end, min(sentence_end, end + COUNT_AFTER_WINDOW)
        while index < limit:
            quantity = self.by_start.get(index)
            if quantity is not None:
                if self.wounded_next(quantity) or quantity.article and not one:
                    return []
                return [quantity, *self.added_counts(quantity.token_end, sentence_end)]
            token = self.doc[index]
            if index in self.date_ends or index + 1 in self.date_ends and token.pos_ in ("ADP", "DET"):
                date_end = self.date_ends.get(index) or self.date_ends[index + 1]  # "on Monday", "le 12 mars"
                limit = min(sentence_end, limit + date_end - index)
                index = date_end
                continue
            if not (token.is_space or token.text in JOINING_PUNCT or is_any(token, links)
                    or is_any(token, self.lex.approximators) or names and (token.pos_ == "PROPN" or token.ent_type_)):
                return []
            index += 1
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
            if index in self.date_ends:
                if self.other_days(index, sentence_end)[1]:
                    return added  # "60 people on Friday and 50 on Saturday": one figure a day
                index = self.date_ends[index]  # "3 soldiers on Monday and 2 civilians": one toll
                continue
            if self.joiner_at.get(index) == "sum":
                joined = True
            elif not (token.is_space or token.text in JOINING_PUNCT or token.pos_ in NOUN_PHRASE_POS
                      and not is_any(token, self.lex.not_deaths)):
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
        index = reach = start - 1
        # the window runs from the death word (or the aside skipped last), then from each count a list adds
        while index >= max(sentence_start, (found[-1].token_start if found else reach) - COUNT_BEFORE_WINDOW):
            quantity = self.by_end.get(index + 1)
            if quantity is not None:
                if found and joiner is None:
                    break
                found = [quantity] if joiner != "sum" else [*found, quantity]
                joiner = None
                index = quantity.token_start - 1
                continue
            token = doc[index]
            # an aside closes here: "Douze miliciens, dont deux chefs, ont été tués", "11 soldiers,
            # including a captain, and a civilian were killed"
            aside = self.aside_start(index, inclusion_only=bool(found)) \
                if token.text == "," and (not found or joiner == "sum") else \
                self.bracket_start(index) if token.text == ")" and not found else None
            if aside is not None and found:
                index = reach = aside  # the list goes on before the aside
            elif index in self.joiner_at:
                joiner = self.joiner_at[index] if joiner != "inclusion" else joiner
            elif token.text == "," and found and (joiner == "sum" or len(found) > 1 and joiner is None):
                # a list read back from its "and": "6 commandos, 5 soldiers, and 15 militants"
                serial_comma = serial_comma or joiner == "sum" and len(found) == 1
                joiner = "sum"
            elif text_key(token) in self.lex.not_counts_before:
                found, joiner = [], None  # "un jeune âgé d'une vingtaine d'années": an age, not the dead
            elif is_any(token, self.lex.not_deaths) and not self.joined_to(index, start):
                break
            elif token.pos_ == "VERB" and not (is_any(token, self.lex.passable_verbs)
                                               or token.dep_ in PHRASE_VERB_DEPS or self.joined_to(index, start)):
                break
            elif aside is not None:
                index = reach = aside  # the aside's own counts are not the toll
            elif token.is_punct and token.text not in JOINING_PUNCT:
                break
            elif not (token.is_space or token.is_punct or token.pos_ in PHRASE_POS or token.pos_ == "VERB"):
                break
            index -= 1
        if serial_comma and len(found) == 2:
            found = found[:1]  # ", and" joins clauses, not a list of two: "which killed 5, and 3 soldiers were killed"
        # an article counts one only for the dead themselves: "a soldier was killed", "5 civilians
        # and a policeman were killed"; not "In a raid soldiers were killed"
        return [q for q in found if not q.article or is_subject_of(doc[q.token_start].head, start, end)
                or is_subject_of(doc[q.token_start], start, end)  # "Un jeune ... a été tué": the article heads
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

    def aside_start(self, comma: int, inclusion_only: bool = False) -> int | None:
        """The opening comma of an aside that ends at ``comma`` inside a count's noun phrase
        ("Douze miliciens, dont deux chefs, ont été tués", "1 civilian, a tribal elder, was killed",
        "quatre VDP, supplétifs de l'armée, ont été tués"): words with no verb, opening with
        "dont"/"including", or (``inclusion_only`` aside) following a count or a noun."""
        inclusion = False
        for index in range(comma - 1, max(-1, comma - COUNT_BEFORE_WINDOW), -1):
            token = self.doc[index]
            inclusion = inclusion or self.joiner_at.get(index) == "inclusion"
            if index in self.joiner_at:
                continue  # "including", a verb by its form
            if token.text == ",":
                after_noun = index > 0 and (self.doc[index - 1].pos_ in ("NOUN", "PROPN") or self.doc[index - 1].text == ")")
                count_before = any(end in self.by_end for end in range(index - 2, index + 1))
                return index if inclusion or (count_before or after_noun) and not inclusion_only else None
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in PHRASE_VERB_DEPS or token.is_punct:
                return None
        return None


    def listed_counts(self, index: int, sentence_end: int) -> list[Quantity]:
        """After a toll word's first count, the deaths its list goes on with past the wounded, to
        the clause's end: "le bilan est de 20 militaires tués et 16 blessés, 3 assaillants tués" (23)."""
        found: list[Quantity] = []
        while index < sentence_end:
            quantity = self.by_start.get(index)
            token = self.doc[index]
            if quantity is not None:
                if not self.wounded_next(quantity) and any(
                        t.i in self.death_tokens for t in self.doc[quantity.token_end:quantity.token_end + 3]):
                    found.append(quantity)
                index = quantity.token_end
                continue
            if not (token.text == "," or token.is_space or index in self.joiner_at or index in self.death_tokens
                    or is_any(token, self.lex.not_deaths) or token.pos_ in NOUN_PHRASE_POS):
                return found
            index += 1
        return found

    def other_days(self, index: int, sentence_end: int) -> tuple[tuple[int, int] | None, list[tuple[Quantity, tuple[int, int]]]]:
        """A figure a day after a toll ending at ``index``: the first figure's day, and the figures
        of the other days with theirs ("36 morts et samedi 85", "killed 60 people on Friday and 50
        on Saturday")."""
        first_day = None
        others: list[tuple[Quantity, tuple[int, int]]] = []
        index = self._skip_noun_phrase(index, sentence_end)
        if self._date_at(index) is not None:
            first_day, index = self._date_at(index), self._date_at(index)[1]
        while index < sentence_end and self.joiner_at.get(index) == "sum":
            while index < sentence_end and self.joiner_at.get(index) == "sum":
                index += 1
            day = self._date_at(index)
            quantity = self.by_start.get(day[1] if day else index)
            if quantity is None or self.wounded_next(quantity):
                break
            index = self._skip_noun_phrase(quantity.token_end, sentence_end)
            day = day or self._date_at(index)
            if day is None:
                break
            others.append((quantity, day))
            index = max(index, day[1])
        return first_day, others

    def _skip_noun_phrase(self, index: int, end: int) -> int:
        while index < end and index not in self.date_ends and self.doc[index].pos_ in ("NOUN", "PROPN", "ADJ"):
            index += 1
        return index

    def _date_at(self, index: int) -> tuple[int, int] | None:
        """The written date starting at ``index`` or after a preposition there ("on Friday")."""
        if index < len(self.doc) and index not in self.date_ends and self.doc[index].pos_ == "ADP":
            index += 1
        return (index, self.date_ends[index]) if index in self.date_ends else None


def is_subject_of(token: Token, start: int, end: int) -> bool:
    """"a soldier was killed", "un soldat est mort": the noun is the death word's subject; not the
    subject of a death verb with an object, who killed ("une bombe a tué quatre civils")."""
    if not start <= token.head.i < end:
        return False
    if dep_is(token, SUBJECT_DEPS) and any(dep_is(c, OBJECT_DEPS) for c in token.head.children):
        return False
    return dep_is(token, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)
