"""What a protest is about: the complements of its word that a grievance word introduces
("protested after soldiers shot dead two men", "demonstrated over the killing of a student",
"ont manifesté après la mort d'un jeune"). The events they tell are the protest's cause: they do
not say how the protest went, and they are happenings of their own (acled-train: 192 of 346 notes
of a protest "after" or "following" a killing, shooting, rape or attack are peaceful protests, 5
excessive force)."""
from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from sitrep import lang as langdata
from sitrep.stages.syntax import OBJECT_DEPS, dep_is
from sitrep.text import fold

MARKER_DEPS = ("mark", "case", "prep")


@cache
def _grievance_cases(lang: str) -> frozenset[str]:
    return frozenset(fold(word) for word in langdata.load(lang, "arguments").grievance_cases)


def grievance_tokens(head: Token, lang: str, event_heads: frozenset[int]) -> frozenset[int]:
    """The indices of the words that tell what the protest whose word is ``head`` is about; those
    hanging on the verb that carries a protest noun too ("staged a protest after ..."), unless that
    verb tells an event of its own (``event_heads``: "shot dead two protesters after ...")."""
    cases = _grievance_cases(lang)
    carried = dep_is(head, OBJECT_DEPS) and head.head.i not in event_heads
    carriers = [head, head.head] if carried else [head]
    found: set[int] = set()
    for carrier in carriers:
        for child in carrier.children:
            if child == head:
                continue
            markers = [child, *(c for c in child.children if c.dep_ in MARKER_DEPS)]
            if any(m._.text_key in cases or m._.lemma_key in cases for m in markers):
                found.update(t.i for t in child.subtree)
    return frozenset(found)
