"""Look-up keys for place names: one exact key and one sound key per written form.

The variation rules (articles, romanisation substitutions) are data: data/transliteration.yaml.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import yaml

from sitrep.text import fold

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")


@cache
def _rules() -> dict:
    path = resources.files("sitrep.geo").joinpath("data", "transliteration.yaml")
    return yaml.safe_load(path.read_text("utf-8"))


@cache
def _article_prefix() -> re.Pattern[str]:
    articles = "|".join(sorted(_rules()["articles"], key=len, reverse=True))
    # an article glued by a hyphen or apostrophe anywhere ("ash-Shaddadi", "Ras al-Ain"), or a
    # free-standing article word before another word ("El Fasher", "Ras al Ain")
    return re.compile(rf"(?:(?<=\s)|^)(?:{articles})(?:[-']\s*|\s+(?=\S))")


def is_latin(text: str) -> bool:
    """True where folding leaves only ASCII: names in other scripts are no use to fr/en text."""
    return text.isascii() or fold(text).isascii()


@cache
def _abbreviation_prefix() -> tuple[re.Pattern[str], dict[str, str]]:
    expansions = {fold(k): fold(v) for k, v in (_rules().get("abbreviations") or {}).items()}
    words = "|".join(sorted(map(re.escape, expansions), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"^({words})(?:\.\s*|\s+|-)(?=\S)"), expansions


@cache
def _glued_article() -> re.Pattern[str]:
    articles = "|".join(sorted(map(re.escape, _rules()["articles"]), key=len, reverse=True))
    return re.compile(rf"^(?:{articles})['-]")


def starts_with_article(word: str) -> bool:
    """A word that starts with an article glued by a hyphen or apostrophe ("al-Bab", "ash-Shaddadi"):
    a place name even where it is written in lower case."""
    return bool(_glued_article().match(fold(word)))


def is_article(word: str) -> bool:
    """An Arabic (Berber, Persian) article written as a word of its own: "al", "ez", "ash"."""
    return fold(word) in _rules()["articles"]


@lru_cache(maxsize=1 << 20)
def exact_key(name: str) -> str:
    """Folded, article-free, abbreviated first word expanded, with no spaces or punctuation:
    "Al-Bāb" -> "bab", "St. Paul" -> "saintpaul"."""
    folded = fold(name).strip()
    pattern, expansions = _abbreviation_prefix()
    folded = pattern.sub(lambda m: expansions[m.group(1)] + " ", folded)
    stripped = _article_prefix().sub("", folded)
    key = _NOT_WORD.sub("", stripped)
    return key or _NOT_WORD.sub("", folded)


def is_code_like(alternate: str, own_name: str) -> bool:
    """True for an alternate name that is a code, not a name: an all-capital 2-4 letter form
    (IATA "NGO" for Nagoya, "THE" for Teresina, ICAO "RJGG") or a form of one or two letters ("Uf"
    for Ufa; not an abbreviation written with periods, "L.A."), unless it is the place's own name.
    GeoNames lists airport codes among the alternate names of the towns they serve; in text they
    would match ordinary words and abbreviations."""
    key = exact_key(alternate)
    if not key or key == exact_key(own_name):
        return False
    return (len(key) <= 2 and "." not in alternate) \
        or (len(alternate) <= 4 and alternate.isalpha() and alternate.isupper())


@cache
def _substitution() -> tuple[re.Pattern[str], dict[str, str], dict[int, None]]:
    pairs = dict(_rules()["substitutions"])
    pattern = re.compile("|".join(sorted(map(re.escape, pairs), key=len, reverse=True)))
    return pattern, pairs, str.maketrans("", "", _rules()["vowels"])


@lru_cache(maxsize=1 << 20)
def sound_key(name: str) -> str:
    """The exact key under romanisation substitutions, doubled letters collapsed, inner vowels
    dropped: "Handarate", "Hanadarte" -> "hndrt"."""
    key = exact_key(name)
    if not key:
        return key
    pattern, pairs, drop_vowels = _substitution()
    key = _DOUBLED.sub(r"\1", pattern.sub(lambda m: pairs[m.group()], key))
    return key[0] + key[1:].translate(drop_vowels)
