"""Text helpers every layer shares: the one folding of words for comparison, and spans of words.

No stage, model or parser is imported here: the geocoder, the actor knowledge base and the stages
all compare words the same way.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterable
from typing import Protocol

from sitrep.models.record import Span

# letters NFKD does not decompose into a base letter plus marks, and the variants of apostrophes
# and hyphens that writers and keyboards produce
_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                                  "ı": "i", "þ": "th", "ð": "d", "’": "'", "ʼ": "'", "ʻ": "'",
                                  "`": "'", "´": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-"})
_COMBINING_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@lru_cache(maxsize=1 << 20)  # every stage folds every token's text and lemma, the same words again and again
def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes and hyphens unified, other punctuation kept: the
    key lexicons, gazetteer names and knowledge-base aliases are compared on."""
    text = text.lower()
    if text.isascii():
        return text.replace("`", "'")
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS)))


class _Token(Protocol):
    idx: int
    text: str


class _TokenSpan(Protocol):
    start_char: int
    end_char: int
    text: str


def span_of(words: _Token | _TokenSpan) -> Span:
    """The :class:`~sitrep.models.Span` of a parsed token or span of tokens."""
    if hasattr(words, "idx"):
        return Span(start=words.idx, end=words.idx + len(words.text), text=words.text)
    return Span(start=words.start_char, end=words.end_char, text=words.text)


def folded(words: Iterable[str]) -> frozenset[str]:
    """The words, each folded (:func:`fold`)."""
    return frozenset(fold(word) for word in words)
