"""Deaths told as a total over a period are no event's toll: "at least 10 protesters have died in
clashes since Monday", "après deux semaines de combats, le bilan est de 300 morts", "almost 700
people have been killed in recent weeks", "more than 2,000 people have been killed since the
offensive began". A death word's clause says so by a date running up to publication over more than
PERIOD_MIN_DAYS (stages/dates.py marks them `to_now`), or by a since-word opening one of its
complements ("since the start of the war", "depuis lors") with no day of its own near publication.
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.models import DateMention, TimePrecision
from sitrep.stages.syntax import is_verbal, tree_distance
from sitrep.stages.triggers import head_of
from sitrep.text import fold

# A span up to publication longer than this (days) is a period: "since Thursday night" two days
# before publication is still the one incident's toll.
PERIOD_MIN_DAYS = 3
# dependencies that open a clause of its own: the death word's clause stops there
CLAUSE_DEPS = frozenset({"relcl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})


@cache
def since_words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in langdata.load(lang, "dates").since_point if " " not in w)


class DatesInDoc:
    """A document's date mentions as token ranges, by sentence."""

    def __init__(self, doc: Doc, dates: list[DateMention]) -> None:
        self.by_sentence: dict[int, list[tuple[int, int, DateMention]]] = {}
        for mention in dates:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is not None:
                self.by_sentence.setdefault(span.sent.start, []).append((span.start, span.end, mention))

    def opening_sentence_before(self, token: Token) -> list[tuple[int, int, DateMention]]:
        """The date that opens the sentence before ``token``'s, where no line break parts them."""
        sentence = token.sent
        if sentence.start == 0:
            return []
        previous = token.doc[sentence.start - 1].sent
        first_word = next((t for t in sentence if not t.is_space), sentence[0])
        last = token.doc[previous.end - 1]  # (read from the tokens: spaCy rebuilds doc.text at each reading)
        if last.text.endswith("\n") or "\n" in last.whitespace_ \
                or any("\n" in t.text_with_ws for t in token.doc[previous.end:first_word.i]):
            return []
        opening = next((t.i for t in previous if not (t.is_space or t.is_punct)), previous.start)
        return [d for d in self.by_sentence.get(previous.start, []) if d[0] <= opening + 1]

    def nearest(self, token: Token) -> tuple[int, int, DateMention] | None:
        """The date of ``token``'s sentence nearest to it in the tree."""
        found = self.by_sentence.get(token.sent.start, ())
        return min(found, key=lambda d: tree_distance(token, token.doc[d[0]]), default=None)


def is_period_total(doc: Doc, trigger: tuple[int, int], dates: DatesInDoc, lang: str) -> bool:
    """Whether the deaths of the death word at ``doc[trigger[0]:trigger[1]]`` are told as a total
    over a period."""
    head = head_of(doc, *trigger)
    if _since_complement(_clause_verbs(head), lang, dates):
        return True
    nearest = dates.nearest(head)
    if nearest is None:  # "Depuis le 8 octobre, la frontière est le théâtre d'échanges de tirs. Plus de
        # 100 personnes ont été tuées": the period that opens the sentence before, in its paragraph
        return any(is_long_span_to_now(d[2]) for d in dates.opening_sentence_before(head))
    return is_long_span_to_now(nearest[2])


def is_long_span_to_now(mention: DateMention) -> bool:
    return mention.to_now and mention.earliest is not None and mention.latest is not None \
        and (mention.latest - mention.earliest).days >= PERIOD_MIN_DAYS


def _clause_verbs(head: Token) -> list[Token]:
    """The words whose complements belong to the death word's clause: the word, the verb a death
    noun depends on, and the verbs coordinated with either ("have died and been displaced since")."""
    words = [head]
    node = head.head if head.dep_ in ("acl", "amod") and head.head.pos_ in ("NOUN", "PROPN") else head
    # "4,900 rebels killed": the noun a death participle qualifies, and the verb it belongs to
    if not is_verbal(node) and node.dep_ not in CLAUSE_DEPS and node.head.i != node.i and is_verbal(node.head):
        words.append(node.head)
    return [*words, *(c for w in words for c in w.conjuncts if is_verbal(c))]


def _since_complement(words: list[Token], lang: str, dates: DatesInDoc) -> bool:
    """A complement of the clause opened by a since-word ("since the start of the conflict",
    "since government forces launched their offensive", "depuis lors"), unless it names a day
    less than a period before publication ("depuis jeudi soir")."""
    since = since_words(lang)
    for word in words:
        for child in word.children:
            opener = child.left_edge
            marker = next((c for c in child.children if c.dep_ in ("mark", "case")), None)
            if opener._.text_key not in since and (marker is None or marker._.text_key not in since):
                continue
            inside = [d[2] for d in dates.by_sentence.get(child.sent.start, ())
                      if child.left_edge.i <= d[0] <= child.right_edge.i]
            if any(d.to_now for d in inside):
                return any(is_long_span_to_now(d) for d in inside)
            return not any(d.time_precision == TimePrecision.DAY for d in inside)
    return False
