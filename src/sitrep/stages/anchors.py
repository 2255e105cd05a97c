"""The anchor words of lang/<code>/anchors.yaml, folded: verbs of occurrence that anchor a noun
trigger to a concrete event ("les raids se sont poursuivis"), and the words of "for the Nth straight
day"."""
from __future__ import annotations

from functools import cache

from pydantic import BaseModel

from sitrep import lang as langdata
from sitrep.text import fold, folded


class AnchorWords(BaseModel):
    occurrence_verbs: frozenset[str]
    consecutive_day_words: frozenset[str]
    day_words: frozenset[str]
    ordinals: dict[str, int]
    generic_predicates: frozenset[str]
    state_prepositions: frozenset[str]
    state_verbs: frozenset[str]
    accusation_verbs: frozenset[str]
    campaign_nouns: frozenset[str]
    campaign_prepositions: frozenset[str]


@cache
def anchor_words(lang: str) -> AnchorWords:
    raw = langdata.load(lang, "anchors")
    return AnchorWords(
        occurrence_verbs=folded(raw.occurrence_verbs),
        consecutive_day_words=folded(raw.consecutive_day_words),
        day_words=folded(raw.day_words),
        ordinals={fold(k): v for k, v in raw.ordinals.items()},
        generic_predicates=folded(raw.generic_predicates),
        state_prepositions=folded(raw.state_prepositions),
        state_verbs=folded(raw.state_verbs),
        accusation_verbs=folded(raw.accusation_verbs),
        campaign_nouns=folded(raw.campaign_nouns),
        campaign_prepositions=folded(raw.campaign_prepositions),
    )
