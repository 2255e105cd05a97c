"""Names the document uses for a person or an organisation more than for a place ("coach Ripley",
"said Noma", "UF"): each capitalised use of the name votes (:func:`without_people`)."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from sitrep.geo.names import exact_key
from sitrep.stages.place_cues import after_locative, cued, is_capitalised, title_before
from sitrep.stages.place_words import PlaceWords
from sitrep.text import fold


def _people(doc: Doc, found: list[tuple[int, int]], words: PlaceWords) -> frozenset[str]:
    """Keys of the one-word names found that the document uses for a person or an organisation
    more than for a place. Every capitalised use of the word votes: a place label, a locative
    preposition or a parenthesis before it, a place it is coordinated with and cue words around it
    count for a place; a person label (not on a town before a common noun: "Alexandria police"), a
    place in a full person's name ("James Tyler Williams"), a one-word organisation entity ("UF"),
    a title before it ("coach Ripley", "Hurricane Harvey") and being the subject of a person's verb
    ("said Noma") count against."""
    keys = {exact_key(doc[s].text) for s, e in found if e - s == 1}
    keys.discard("")
    if not keys:
        return frozenset()
    named = {i for s, e in found for i in range(s, e)}
    place: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for token in doc:
        if not is_capitalised(token):
            continue
        key = exact_key(token.text)
        if key not in keys:
            continue
        label = token.ent_type_
        if label in words.entity_labels:
            place[key] += 1
        elif label in words.person_labels and not modifies_noun(token):
            other[key] += 1 + (_entity_length(token) > 1)
        elif label in words.organisation_labels and _entity_length(token) == 1:
            other[key] += 1  # an organisation's own name; a town's name is often part of one ("Alexandria police")
        if after_locative(doc, token.i, words) or (token.i > 0 and doc[token.i - 1].text == "(") \
                or (token.dep_ == "conj" and token.head.i in named and token.head.i != token.i):
            place[key] += 1  # "in X", "(X, Y)", "between Assamakka and X"
        if cued(doc, token.i, token.i + 1, words):
            place[key] += 2
        if title_before(doc, token.i, words):
            other[key] += 2
        if token.dep_ in ("nsubj", "nsubjpass") and fold(token.head.lemma_) in words.person_verbs:
            other[key] += 1
    return frozenset(key for key in keys if other[key] > place[key])


def modifies_noun(token: Token) -> bool:
    """True for a name before the common noun it modifies ("Alexandria police", "an Alexandria
    grand jury"): the small model calls such towns persons."""
    return token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i and token.head.pos_ == "NOUN"


def _entity_length(token: Token) -> int:
    """Tokens in the entity ``token`` lies in (0 outside one)."""
    if not token.ent_type_:
        return 0
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return end - start


def without_people(doc: Doc, found: list[tuple[int, int]], words: PlaceWords) -> list[tuple[int, int]]:
    """The names found less the one-word ones the document uses for a person or an organisation
    (:func:`_people`), unless cue words make that use a place ("the town of Tyler")."""
    people = _people(doc, found, words)
    return [(s, e) for s, e in found
            if not (e - s == 1 and exact_key(doc[s].text) in people and not cued(doc, s, e, words))]
