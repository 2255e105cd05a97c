"""What a protest is about: the complements of its word that a grievance word introduces
("protested after soldiers shot dead two men", "demonstrated over the killing of a student",
"ont manifesté après la mort d'un jeune"). The events they tell are the protest's cause, told as
background (on another day, often at another place: "protested in Portland against the killing
of George Floyd"): not events of this article's coding, and not how the protest went (acled-train:
192 of 346 notes of a protest "after" or "following" a killing, shooting, rape or attack are
peaceful protests, 5 excessive force)."""
from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from sitrep import lang as langdata
from sitrep.models import DocumentContext, EventFrame
from sitrep.stages.event_filter import is_protest
from sitrep.stages.syntax import OBJECT_DEPS, SUBJECT_DEPS, dep_is
from sitrep.text import fold

MARKER_DEPS = ("mark", "case", "prep")


def without_grievances(frames: list[EventFrame], context: DocumentContext) -> list[EventFrame]:
    """``frames`` less those that tell what a protest was about, unless their clause dates them
    ("protested on Tuesday after police shot dead a man on Monday": news of its own); each protest
    keeps the words of its grievance (``EventFrame.grievance``, which its `when` rules do not read),
    and no date of them ("staged a demonstration after an incident in May": the incident's)."""
    heads = frozenset(f.head for f in frames)
    protests = [f for f in frames if is_protest(f)]
    # what one protest word of a sentence says the protest is about, the sentence's others share
    # ("Demonstrators responded to the call for demonstrations, denouncing the arrest of ..."); what
    # the verb the protest word is the subject of says ("protests erupted after a rocket struck ...")
    # tells no more than what it was about: the events it tells are still news of their own
    about: dict[int, set[int]] = {}
    causes: set[int] = set()
    for protest in protests:
        head = context.doc[protest.head]
        cause = grievance_tokens(head, context.lang, heads)
        causes |= cause
        about.setdefault(head.sent.start, set()).update(grievance_tokens(head, context.lang, heads, by_subject=True))
        if _dated_in(protest, cause, context):
            protest.date = None
    for protest in protests:
        protest.grievance = frozenset(about[context.doc[protest.head].sent.start])
    return [f for f in frames if f.head not in causes or _dated_in(f, causes, context)]


def _dated_in(frame: EventFrame, words: set[int], context: DocumentContext) -> bool:
    if frame.date is None:
        return False
    date = context.doc.char_span(frame.date.span.start, frame.date.span.end, alignment_mode="expand")
    return date is not None and date.start in words


def drop_grievance_sides(frames: list[EventFrame]) -> None:
    """A protest's targets named in its grievance are no side of it ("protested after soldiers shot
    two men": not the soldiers), once they have shown that it happened (stages/event_filter.py:
    "in demonstration against the regime" is a demonstration that took place)."""
    for protest in frames:
        protest.targets = [t for t in protest.targets if t.token_start not in protest.grievance]


@cache
def _grievance_cases(lang: str) -> frozenset[str]:
    """Words that say what a protest is about (lang/<code>/arguments.yaml): "after", "demand", "call"."""
    return frozenset(fold(word) for word in langdata.load(lang, "arguments").grievance_cases)


def states_a_grievance(sentence: Span, lang: str) -> bool:
    """A sentence whose verb says what a protest was about ("They called for the payment of their
    bonus", "Ils dénoncent ..."), not how it went."""
    return sentence.root._.lemma_key in _grievance_cases(lang)


def grievance_tokens(head: Token, lang: str, event_heads: frozenset[int], by_subject: bool = False) -> frozenset[int]:
    """The indices of the words that tell what the protest whose word is ``head`` is about; those
    hanging on the verb that carries a protest noun too, as its object ("staged a protest after
    ..."), or with ``by_subject`` as its subject ("demonstrators responded to the call, denouncing
    ..."), unless that verb tells an event of its own (``event_heads``: "shot dead two protesters
    after ...")."""
    cases = _grievance_cases(lang)
    carried = dep_is(head, OBJECT_DEPS + SUBJECT_DEPS if by_subject else OBJECT_DEPS) \
        and head.head.i not in event_heads
    carriers = [head, head.head] if carried else [head]
    found: set[int] = set()
    for carrier in carriers:
        for child in carrier.children:
            if child == head:
                continue
            # the word itself ("following", "commemorate"), its marker ("after ... shot"), or the
            # noun of its preposition ("in memory of")
            markers = [child, *(c for c in child.children if c.dep_ in MARKER_DEPS or c.dep_ == "pobj")]
            if any(m._.text_key in cases or m._.lemma_key in cases for m in markers):
                found.update(t.i for t in child.subtree)
    return frozenset(found)
