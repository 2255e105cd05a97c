"""What the words around a capitalised name say of it: cue words ("the village of X", "X
province", "near X", "X, a town of ..."), a locative preposition before it, a person's title, the
entity labels the NER and the actor ruler gave it. The words are language data
(lang/<code>/places.yaml, read by :mod:`sitrep.stages.place_words`)."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.geo.names import is_article
from sitrep.stages.place_words import PlaceWords, bare, type_after, word_key

# entity labels the actor ruler sets: an actor or outlet is never a place
ACTOR_LABELS = frozenset({"ACTOR", "SOURCE"})
# the longest name a capitalised run may be, in tokens
MAX_NAME_TOKENS = 6
# how many cue/connector words a scan crosses on the way from a name to its cues
MAX_CUE_TOKENS = 9
# how many words (an article, adjectives) may stand between "X," and the place word after it
APPOSITION_REACH = 3


def not_a_place(text: str, words: PlaceWords) -> bool:
    return bare(text) in words.not_places


def is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def is_actor(token: Token) -> bool:
    return token.ent_type_ in ACTOR_LABELS


def is_possessive(token: Token) -> bool:
    return token.tag_ == "POS" or token.text in ("'s", "’s", "'", "’")


def capitalised_run(doc: Doc, start: int, limit: int) -> int:
    """End of the capitalised name starting at ``start`` ("Cheikh Saïd", "al-Bab", "Ras al-Ain")."""
    end = start
    while end < min(limit, start + MAX_NAME_TOKENS):
        token = doc[end]
        if is_actor(token) or token.is_sent_start and end > start:
            break
        if is_capitalised(token):
            end += 1
        elif token.text == "-" and end + 1 < limit and is_capitalised(doc[end + 1]) and end > start:
            end += 1
        elif is_article(token.text) and end + 2 < limit and doc[end + 1].text == "-" \
                and is_capitalised(doc[end + 2]):
            end += 2  # an article written apart by the tokenizer: "Jisr", "al", "-", "Shughur"
        else:
            break
    return end


def cue_before(doc: Doc, start: int, words: PlaceWords) -> bool:
    """True where a cue word (not just a connector) stands before ``start``, across connectors; a
    capitalised word that ends another name ("Walker County on Jan. 18") is no cue."""
    index = start - 1
    while index >= 0 and start - index <= MAX_CUE_TOKENS:
        token = doc[index]
        w = word_key(token)
        if w in words.types_before or w in words.parts_before or w in words.near_before or w in words.directions:
            return not (is_capitalised(token) and index > 0 and is_capitalised(doc[index - 1])
                        and not token.is_sent_start)
        if w not in words.connectors:
            return False
        index -= 1
    return False


def cued(doc: Doc, start: int, end: int, words: PlaceWords) -> bool:
    """True where cue words before or right after the name say it is a place ("the village of X",
    "X province", "near X", "X, a town of ...")."""
    after = word_key(doc[end]) if end < len(doc) else ""
    return cue_before(doc, start, words) or type_after(doc, end, words) is not None or after in words.parts_after \
        or apposed_type(doc, end, words)


def apposed_type(doc: Doc, end: int, words: PlaceWords) -> bool:
    """True where a comma and a place word in apposition follow the name ("X, a town on the main
    road", "X, a city of 100,000", "X, une petite ville"), across an article and adjectives."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    for token in doc[end + 1:end + 1 + APPOSITION_REACH]:
        if word_key(token) in words.types_before:
            return True
        if not (token.pos_ in ("DET", "ADJ") or word_key(token) in words.connectors):
            return False
    return False


def labelled(doc: Doc, start: int, end: int, labels: frozenset[str]) -> bool:
    """True where every token of the name lies in an entity with one of ``labels``."""
    return bool(labels) and all(doc[i].ent_type_ in labels for i in range(start, end))


def title_before(doc: Doc, index: int, words: PlaceWords) -> bool:
    """True where a person's title stands right before token ``index`` ("Gov. Perry", "coach Ripley")."""
    before = index - 1
    if before >= 0 and doc[before].text == ".":
        before -= 1
    return before >= 0 and word_key(doc[before]).rstrip(".") in words.person_titles


def after_locative(doc: Doc, start: int, words: PlaceWords) -> bool:
    """True where a locative preposition ("à", "in", "near") stands right before ``start``, or
    before the one article between them."""
    before = [word_key(doc[i]) for i in range(max(0, start - 2), start)]
    return bool(before) and (before[-1] in words.locative_prepositions
                             or (len(before) == 2 and before[0] in words.locative_prepositions
                                 and before[1] in words.connectors))
