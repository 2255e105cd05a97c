"""A language's place cue words (lang/<code>/places.yaml), read once and folded, and the look-ups
on tokens that the place steps share (:mod:`sitrep.stages.place_names`, :mod:`sitrep.stages.places`,
:mod:`sitrep.stages.place_roles`, :mod:`sitrep.stages.event_place`)."""
from __future__ import annotations

from functools import cache

from pydantic import BaseModel
from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.text import fold

# the longest place-kind phrase after a name, in tokens ("Local Government Area")
MAX_TYPE_TOKENS = 3


class PlaceWords(BaseModel):
    """A language's place cue words (lang/<code>/places.yaml), folded (entity labels as written)."""

    entity_labels: frozenset[str]
    never_place_labels: frozenset[str] = frozenset()
    demonym_labels: frozenset[str] = frozenset()
    person_labels: frozenset[str] = frozenset()
    organisation_labels: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    person_verbs: frozenset[str] = frozenset()
    types_before: dict[str, str]
    types_after: dict[str, str]
    parts_before: frozenset[str]
    parts_after: frozenset[str]
    near_before: frozenset[str]
    directions: dict[str, int]
    distance_units: dict[str, float]
    connectors: frozenset[str]
    locative_prepositions: frozenset[str]
    not_places: frozenset[str]
    demonstratives: frozenset[str]
    seat_words: frozenset[str] = frozenset()
    inside_prepositions: frozenset[str] = frozenset()
    origin_words: frozenset[str] = frozenset()
    between_words: frozenset[str] = frozenset()
    several_words: frozenset[str] = frozenset()
    owner_words: frozenset[str] = frozenset()
    state_prepositions: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    location_subject_verbs: frozenset[str] = frozenset()


@cache
def place_words(lang: str) -> PlaceWords:
    raw = langdata.load(lang, "places").model_dump()
    words = {key: ({fold(k): v for k, v in value.items()} if isinstance(value, dict)
                   else frozenset(value) if key.endswith("_labels")
                   else frozenset(fold(v) for v in value))
             for key, value in raw.items()}
    words["not_places"] = frozenset(bare(v) for v in words["not_places"])
    return PlaceWords(**words)


def bare(text: str) -> str:
    """Folded, spaces normalised, without a final period: how names are compared with word lists."""
    return " ".join(fold(text).split()).rstrip(".")


def word_key(token: Token) -> str:
    return fold(token.text)


def type_after(doc: Doc, index: int, words: PlaceWords) -> tuple[int, str] | None:
    """The place-kind phrase that starts at token ``index`` ("province", "Local Government Area"):
    its length in tokens and its kind; the longest phrase of ``types_after`` wins."""
    for length in range(MAX_TYPE_TOKENS, 0, -1):
        key = " ".join(word_key(t) for t in doc[index:index + length])
        if index + length <= len(doc) and key in words.types_after:
            return length, words.types_after[key]
    return None
