"""Text helpers every layer shares: the one folding of words for comparison, spans of words, and
look-ups of lines and character ranges that do not rescan the text.

No stage, model or parser is imported here: the geocoder, the actor knowledge base and the stages
all compare words the same way.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
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


class Lines:
    """The lines of a text, found once: the line a position is in, and how many non-empty lines
    (paragraphs) come before it, by bisection rather than by scanning the text each time."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]
        self.paragraphs_before = list(accumulate(
            (bool(text[start:end - 1].strip()) for start, end in zip(self.starts, self.starts[1:])), initial=0))

    def _index(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def bounds(self, position: int) -> tuple[int, int]:
        """Start and end (its line break excluded) of the line ``position`` is in."""
        index = self._index(position)
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else self.length
        return self.starts[index], end

    def paragraph(self, position: int) -> int:
        """The number of non-empty lines before the line ``position`` is in."""
        return self.paragraphs_before[self._index(position)]


class SpanIndex:
    """Character ranges, found by overlap with another range without a scan of them all."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.starts = [spans[i][0] for i in self.order]
        self.longest = max((end - start for start, end in spans), default=0)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices (into the spans given) of the ranges that overlap [start, end)."""
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        return [self.order[k] for k in range(first, last) if self.spans[self.order[k]][1] > start]
