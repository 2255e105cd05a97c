"""Quantities in a parsed document: digits ("68", "5.500", "5,500", "1 200"), number words
("soixante-huit", "vingt et un", "twenty-one") and vague quantities ("une dizaine", "dozens"),
from lang/<code>/numbers.yaml. Shared by the date grammar ("il y a trois jours") and the
fatality stage ("des dizaines de miliciens ont péri").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, Field
from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.text import fold, folded

# "68", "5.500", "5,500", "12 000" inside one token; groups of three after a separator
DIGITS = re.compile(r"^\d{1,3}(?:[.,\u00a0\u202f]\d{3})+$|^\d+$")
THREE_DIGITS = re.compile(r"^\d{3}$")
HYPHENS = frozenset({"-", "‑", "–"})
# No text counts more than this (nor does a database integer hold much more): a longer number is
# no count, and reading stops there, so that a run of thousands of digits or number words costs
# no more than a short one.
MAX_COUNT = 999_999_999
MAX_DIGIT_GROUPS = 3  # "1 200 000 000": a count and three groups of three digits
MAX_NUMBER_WORDS = 12  # "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf" is 11


def text_key(token: Token) -> str:
    """The token's accent-folded lower-case form, as lexicons are matched on."""
    return fold(token.text)


def lemma_key(token: Token) -> str:
    return fold(token.lemma_ or token.text)


class Quantity(BaseModel):
    """A count written in the text, as a token range."""

    token_start: int
    token_end: int
    value: int
    vague: bool = Field(False, description="a vague word ('dozens', 'une dizaine'), valued by the documented rule")
    article: bool = Field(False, description="'a'/'un': one only where a death word governs it closely")


@dataclass(frozen=True)
class NumberLexicon:
    words: dict[str, int]
    multipliers: dict[str, int]
    connectors: frozenset[str]
    article_one: frozenset[str]
    vague: dict[tuple[str, ...], int]
    vague_first_words: frozenset[str]
    longest_vague: int
    not_counts_after: frozenset[str]
    unit_links: frozenset[str]
    not_counts_before: frozenset[str]
    comparisons: frozenset[str]
    year_prepositions: frozenset[str]
    range_joiners: frozenset[str]
    range_openers: dict[str, str]

    def is_number_word(self, key: str) -> bool:
        return split_number_word(key, self) is not None


@cache
def lexicon(lang: str) -> NumberLexicon:
    raw = langdata.load(lang, "numbers")
    vague = {tuple(fold(phrase).replace("'", "' ").split()): value for phrase, value in raw.vague.items()}
    return NumberLexicon(
        words={fold(w): v for w, v in raw.words.items()},
        multipliers={fold(w): v for w, v in raw.multipliers.items()},
        connectors=folded(raw.connectors),
        article_one=folded(raw.article_one),
        vague=vague,
        vague_first_words=frozenset(k[0] for k in vague),
        longest_vague=max(len(k) for k in vague),
        not_counts_after=folded(raw.not_counts_after),
        unit_links=folded(raw.unit_links),
        not_counts_before=folded(raw.not_counts_before),
        comparisons=folded(raw.comparisons),
        year_prepositions=folded(raw.year_prepositions),
        range_joiners=folded(raw.range_joiners),
        range_openers={fold(k): fold(v) for k, v in raw.range_openers.items()},
    )


def split_number_word(key: str, lex: NumberLexicon) -> list[str] | None:
    """The lexicon words a (possibly hyphenated) word is made of, longest compounds first:
    "quatre-vingt-dix" -> ["quatre-vingt", "dix"]; None where a part is no number word."""
    parts = [p for p in re.split(r"[-‑–]", key) if p]
    if not parts:
        return None
    found: list[str] = []
    index = 0
    while index < len(parts):
        for end in range(len(parts), index, -1):
            candidate = "-".join(parts[index:end])
            if candidate in lex.words or candidate in lex.multipliers:
                found.append(candidate)
                index = end
                break
        else:
            return None
    return found


def number_value(words: list[str], lex: NumberLexicon) -> int | None:
    """The value of a sequence of number words, None where it is no well-formed number
    ("vingt et un" and "one hundred five" are; "cinq six" is not)."""
    total = current = 0
    for word in words:
        if word in lex.multipliers:
            factor = lex.multipliers[word]
            if factor < 1000:
                current = (current or 1) * factor
            else:
                total += (current or 1) * factor
                current = 0
            continue
        value = lex.words[word]
        if current == 0:
            current = value
        elif current % 100 == 0 and value < 100:
            current += value
        elif current % 10 == 0 and (value < 10 or value < 20 and current % 100 in (60, 80)):
            # "vingt et un", "twenty-one"; French "soixante-dix", "quatre-vingt-dix-neuf"
            current += value
        else:
            return None
    return total + current


def _digits_value(text: str) -> int | None:
    digits = re.sub(r"\D", "", text)
    return int(digits) if len(digits) <= len(str(MAX_COUNT)) else None


def _vague_at(doc: Doc, start: int, lex: NumberLexicon) -> int | None:
    """End of the longest vague phrase starting at ``start``, or None."""
    if text_key(doc[start]) not in lex.vague_first_words:
        return None
    for length in range(min(lex.longest_vague, len(doc) - start), 0, -1):
        key = tuple(text_key(t) for t in doc[start:start + length])
        if key in lex.vague:
            return start + length
    return None


def _digits_at(doc: Doc, start: int) -> int | None:
    """End of a digit count from ``start``, joining "1 200" written with a space."""
    if not DIGITS.match(doc[start].text):
        return None
    end = start + 1
    while end < len(doc) and end - start <= MAX_DIGIT_GROUPS and THREE_DIGITS.match(doc[end].text) \
            and doc[end - 1].whitespace_ \
            and len(doc[end - 1].whitespace_) == 1 and re.fullmatch(r"\d{1,3}", doc[end - 1].text):
        end += 1
    return end


def _words_at(doc: Doc, start: int, lex: NumberLexicon) -> tuple[int, int] | None:
    """End and value of the longest well-formed number-word sequence from ``start``."""
    parts = split_number_word(text_key(doc[start]), lex)
    if parts is None or number_value(parts, lex) is None:
        return None
    best = (start + 1, number_value(parts, lex))
    index = start + 1
    while index < len(doc) and len(parts) < MAX_NUMBER_WORDS:
        key = text_key(doc[index])
        if key in lex.connectors or key in HYPHENS:
            if index + 1 >= len(doc):
                break
            following = split_number_word(text_key(doc[index + 1]), lex)
            step = 2
        else:
            following = split_number_word(key, lex)
            step = 1
        if following is None or number_value(parts + following, lex) is None:
            break
        parts = parts + following
        index += step
        best = (index, number_value(parts, lex))
    return best


def _is_apposed_age(doc: Doc, start: int, end: int) -> bool:
    """"Louis Jensen, 87, of Williston", "Mohamed Diallo (34)": a bare number set off right after
    a name is the person's age."""
    if start < 2 or end >= len(doc):
        return False
    opener, closer = doc[start - 1].text, doc[end].text
    return doc[start - 2].pos_ == "PROPN" and (opener, closer) in ((",", ","), ("(", ")"))


def _unit_follows(doc: Doc, end: int, lex: NumberLexicon) -> bool:
    """A unit of age, measure or time after the number ("12-year-old", "3 km", "une vingtaine
    d'années"): the number counts no people."""
    after = end
    while after < len(doc) and text_key(doc[after]) in HYPHENS:
        after += 1
    if after + 1 < len(doc) and text_key(doc[after]) in lex.unit_links \
            and text_key(doc[after + 1]) in lex.not_counts_after:
        after += 1  # "une vingtaine d'années", "dozens of kilometres"
    following = " ".join(text_key(t) for t in doc[after:after + 2])  # "3 local time": a word or two
    return after < len(doc) and (text_key(doc[after]) in lex.not_counts_after or following in lex.not_counts_after)


def _is_count(doc: Doc, start: int, end: int, value: int, lex: NumberLexicon, is_digits: bool) -> bool:
    """Ages, measures, times and years are no head counts."""
    if _unit_follows(doc, end, lex):
        return False
    before = text_key(doc[start - 1]) if start > 0 else ""
    if before in lex.not_counts_before:
        return False
    if _is_apposed_age(doc, start, end):
        return False
    if is_digits and 1900 <= value <= 2100 and re.fullmatch(r"\d{4}", doc[start].text) \
            and (before in lex.year_prepositions or end - start == 1 and before == ""):
        return False
    return True


def find_quantities(doc: Doc, lang: str, skip: frozenset[int] = frozenset()) -> list[Quantity]:
    """Every count in ``doc``, text order, non-overlapping; tokens in ``skip`` (dates) are no counts."""
    lex = lexicon(lang)
    found: list[Quantity] = []
    index = 0
    while index < len(doc):
        if index in skip:
            index += 1
            continue
        quantity = _quantity_at(doc, index, lex)
        if quantity is None:
            index += 1
            continue
        quantity = _as_range(doc, quantity, lex)
        found.append(quantity)
        index = quantity.token_end
    return found


def _as_range(doc: Doc, low: Quantity, lex: NumberLexicon) -> Quantity:
    """"7-15", "between 11 and 14", "5 à 10": the lower bound, the lowest figure the text gives."""
    if low.vague or low.article or low.token_end + 1 >= len(doc):
        return low
    joiner = text_key(doc[low.token_end])
    opener = text_key(doc[low.token_start - 1]) if low.token_start > 0 else ""
    if joiner not in lex.range_joiners and lex.range_openers.get(opener) != joiner:
        return low
    high = _quantity_at(doc, low.token_end + 1, lex)
    if high is None or high.vague or high.article or high.value <= low.value:
        return low
    return Quantity(token_start=low.token_start, token_end=high.token_end, value=low.value)


def _quantity_at(doc: Doc, index: int, lex: NumberLexicon) -> Quantity | None:
    vague_end = _vague_at(doc, index, lex)
    if vague_end is not None:
        next_is_number = vague_end < len(doc) and (
            DIGITS.match(doc[vague_end].text) or lex.is_number_word(text_key(doc[vague_end])))
        compared = vague_end < len(doc) and text_key(doc[vague_end]) in lex.comparisons
        if compared:  # "as many as 20 people": the number that follows is the count
            return None
        if not next_is_number:  # "plusieurs 100" never; "some 20 people" is the number
            if _unit_follows(doc, vague_end, lex):
                return None
            key = tuple(text_key(t) for t in doc[index:vague_end])
            return Quantity(token_start=index, token_end=vague_end, value=lex.vague[key], vague=True)
    digits_end = _digits_at(doc, index)
    if digits_end is not None:
        value = _digits_value(doc[index:digits_end].text)
        if value is not None and value <= MAX_COUNT and _is_count(doc, index, digits_end, value, lex, is_digits=True):
            return Quantity(token_start=index, token_end=digits_end, value=value)
        return None
    key = text_key(doc[index])
    words = _words_at(doc, index, lex)
    if words is not None:
        end, value = words
        if end == index + 1 and key in lex.article_one:
            return Quantity(token_start=index, token_end=end, value=1, article=True)
        if value <= MAX_COUNT and _is_count(doc, index, end, value, lex, is_digits=False):
            return Quantity(token_start=index, token_end=end, value=value)
        return None
    if key in lex.article_one:
        return Quantity(token_start=index, token_end=index + 1, value=1, article=True)
    return None


@cache
def number_pattern(lang: str) -> str:
    """A regular-expression fragment for a count written in digits or number words, for the
    date grammar ("il y a trois jours", "two weeks ago"); parse the match with :func:`parse_count`."""
    lex = lexicon(lang)
    words = sorted(set(lex.words) | set(lex.multipliers) | lex.article_one, key=len, reverse=True)
    word = "(?:" + "|".join(re.escape(w) for w in words) + ")"
    joiner = "(?:[-‑–]|\\s+(?:" + "|".join(re.escape(c) for c in sorted(lex.connectors) if c not in HYPHENS) \
        + ")\\s+|\\s+)"
    return f"(?:\\d+|{word}(?:{joiner}{word})*)"


def parse_count(text: str, lang: str) -> int | None:
    """The value of a count matched by :func:`number_pattern`."""
    lex = lexicon(lang)
    key = fold(text).strip()
    if key.isdigit():
        return int(key) if len(key) <= len(str(MAX_COUNT)) else None
    if key in lex.article_one:
        return 1
    words: list[str] = []
    for piece in key.split():
        if piece in lex.connectors:
            continue
        parts = split_number_word(piece, lex)
        if parts is None:
            return None
        words.extend(parts)
    return number_value(words, lex) if words else None
