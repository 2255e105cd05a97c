"""Who a reporting phrase names as a source: the phrase cut to the source's own words, and the
source it stands for, or none where the words name no source.

A phrase a reporting verb or "selon"/"according to" introduces is a source where it holds a known
source ("le correspondant d'al-Manar"), names an actor speaking for itself ("Israel's army"), is a
person or an organisation the NER finds ("Khodr", "the Hengaw Organization"), or is headed by a
noun of a source kind (lang/<code>/attribution.yaml `source_nouns`: "officials", "a rights group",
"les autorités"); a document's author is its source ("un communiqué du ministère"). Anything else
("the new electoral laws", "état" of "faire état") is none: ``reported_by`` holds sources only.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, lru_cache

from pydantic import BaseModel
from spacy.tokens import Span, Token

from sitrep import lang as langdata
from sitrep.actors.resolver import words_of
from sitrep.models import ActorMention, DocumentContext, SourceRef
from sitrep.stages.actors import STATE_TYPES, resolve_source
from sitrep.text import fold, span_of

# Dependents that belong to a source's name ("the Syrian Observatory", "le ministre nigérien de la
# Défense", "President Petro Poroshenko"); relative clauses, adverbials, appositions, dates and
# coordinated sources are left out ("les autorités ivoiriennes qui se sont rendues sur les lieux").
NAME_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod:poss", "flat", "flat:name", "fixed",
                       "case", "det:poss", "nmod", "prep", "pobj", "punct"})
# Nominal modifiers kept only where a linking word introduces them ("of", "de": the owner, not "à BFMTV")
NOMINAL_MODIFIERS = frozenset({"nmod", "prep"})


class SourceWords(BaseModel):
    kinds: dict[str, str]  # folded noun -> kind of source
    documents: frozenset[str]
    links: frozenset[str]  # words that join a modifier that is part of a name ("of", "de")
    named_labels: frozenset[str]  # NER labels of persons and organisations


@cache
def source_words(lang: str) -> SourceWords:
    attribution = langdata.load(lang, "attribution")
    places = langdata.load(lang, "places")
    kinds = {fold(noun): kind for kind, nouns in attribution.source_nouns.items() for noun in nouns}
    links = {word for link in langdata.load(lang, "actors").links for word in words_of(link)}
    return SourceWords(kinds=kinds, documents=frozenset(fold(n) for n in attribution.document_nouns),
                       links=frozenset(links),
                       named_labels=frozenset(places.person_labels) | frozenset(places.organisation_labels))


def coordinated(head: Token) -> list[Token]:
    """A reporting phrase's head and the heads coordinated with it ("activists and a monitoring
    group", "the president and a spokesman"): each a source of its own."""
    return [head, *(t for t in head.conjuncts if t.i > head.i and t.pos_ in ("NOUN", "PROPN"))]


def _kept_children(token: Token, words: SourceWords, dates: set[int]) -> Iterable[Token]:
    for child in token.children:
        if child.dep_ not in NAME_DEPS or child.i in dates:
            continue
        if child.dep_ == "punct" and child.i > token.i:
            continue
        if child.dep_ in NOMINAL_MODIFIERS or child.dep_ == "pobj":
            link = child if child.dep_ == "prep" else next((c for c in child.children if c.dep_ == "case"), None)
            if child.dep_ != "pobj" and (link is None or not set(words_of(link.text)) & words.links):
                continue
        yield child


def source_phrase(head: Token, lang: str, dates: set[int] = frozenset()) -> Span:
    """The words naming the source ``head`` heads: its name's dependents, without the relative
    clauses, adverbials, appositions, dates (``dates``: token indices of date mentions) and
    coordinated phrases its subtree may hold."""
    words = source_words(lang)
    kept, todo = {head.i}, [head]
    while todo:
        for child in _kept_children(todo.pop(), words, dates):
            kept.add(child.i)
            todo.append(child)
    start, end = min(kept), max(kept) + 1
    doc = head.doc
    while start < head.i and (doc[start].dep_ in ("case", "mark", "cc", "punct") or doc[start].is_punct):
        start += 1  # "selon le correspondant" -> "le correspondant"; "mais le président" -> "le président"
    while end - 1 > head.i and doc[end - 1].is_punct and doc[end - 1].text != ")":
        end -= 1
    return doc[start:end]


class _Mentions:
    """A document's actor and source mentions, by the token they start at."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.token_start)
        self.starts = [m.token_start for m in self.mentions]

    def inside(self, phrase: Span) -> list[ActorMention]:
        found = self.mentions[bisect_left(self.starts, phrase.start):bisect_left(self.starts, phrase.end)]
        return [m for m in found if m.token_end <= phrase.end]


@lru_cache(maxsize=1)  # documents are coded one at a time
def _mentions(context: DocumentContext) -> _Mentions:
    return _Mentions(context.actors)


def _head_mention(mentions: list[ActorMention], head: Token) -> ActorMention | None:
    return next((m for m in mentions if m.token_start <= head.i < m.token_end), None)


def _actor_as_source(mention: ActorMention, phrase: Span) -> SourceRef:
    """An actor that speaks for itself ("Israel's army said", "the Taliban claimed")."""
    actor = mention.actor
    kind = "government" if actor.actor_type in STATE_TYPES else "armed_group"
    return SourceRef(text=phrase.text, name=actor.name, kind=kind, alignment=actor.name,
                     resolved=actor.resolved, span=span_of(phrase))


def source_of(head: Token, context: DocumentContext, dates: set[int] = frozenset()) -> SourceRef | None:
    """The source a reporting phrase headed by ``head`` names, or None where it names none."""
    if head.pos_ == "PRON":
        return None  # "il a indiqué", "selon lui": whom it stands for is not read here
    lang, words = context.lang, source_words(context.lang)
    document = head._.lemma_key in words.documents or head._.text_key in words.documents
    phrase = head.doc[head.left_edge.i:head.right_edge.i + 1] if document else source_phrase(head, lang, dates)
    inside = _mentions(context).inside(phrase)
    sources = [m for m in inside if m.is_source and m.source is not None]
    if sources:
        return sources[0].source.model_copy(update={"span": sources[0].span})
    actors = [m for m in inside if not m.is_source and m.actor is not None]
    speaker = _head_mention(actors, head) or (actors[0] if document and actors else None)
    if speaker is not None:
        return _actor_as_source(speaker, phrase)
    if document:
        return None  # a statement from no one named
    generic = resolve_source(phrase.text, lang, context.country)
    if generic.resolved:
        return generic.model_copy(update={"span": span_of(phrase)})
    kind = words.kinds.get(head._.lemma_key) or words.kinds.get(head._.text_key)
    named = head.ent_type_ in words.named_labels
    if kind is None and not named:
        return None
    alignment = actors[0].actor.name if actors else None  # "Andrei Purgin of the separatist DPR"
    return SourceRef(text=phrase.text, kind=kind, alignment=alignment, span=span_of(phrase))
