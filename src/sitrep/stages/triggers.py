"""Event trigger detection: the words that say an event happened, from lang/<code>/triggers.yaml.

Pattern words match a token's accent-folded lower-case lemma or surface form, so lexicon authors
write natural phrases ("rejoindre les rangs") whatever the lemmatizer makes of each word. Where two patterns
overlap, the longest wins ("raid aérien" over "raid"); one trigger is kept per head token.
"""
from __future__ import annotations

from functools import cache

from pydantic import BaseModel
from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep import taxonomy
from sitrep.lang.schemas import TriggerEntry
from sitrep.models import Trigger
from sitrep.stages.syntax import OBJECT_DEPS, dep_is, is_passive, is_verbless, objects_of
from sitrep.text import fold, span_of

# clauses of their own beside a trigger: their words say nothing of its sense ("shot dead a civilian,
# while in search of a councillor": not the "search" of "executed a search warrant")
OTHER_CLAUSES = frozenset({"advcl", "ccomp", "conj", "parataxis", "relcl", "acl:relcl", "csubj"})


# A pattern word standing for the object phrase of the word before it, whatever its words: "set
# * on fire" reads "set more than 200 houses on fire"
OBJECT_PHRASE = "*"


class PatternWord(BaseModel):
    forms: frozenset[str]
    optional: bool = False
    object_phrase: bool = False

    def matches(self, token: Token) -> bool:
        return token._.lemma_key in self.forms or token._.text_key in self.forms


def _split_pattern(pattern: str) -> list[str]:
    """Pattern words; elided articles ("s'", "d'") stand as their own tokens as spaCy splits them."""
    words: list[str] = []
    for word in pattern.split():
        head, sep, rest = word.partition("'")
        if sep and rest[:1].isalpha() and "|" not in word:
            words.extend([head + sep, rest])
        else:
            words.append(word)
    return words


def compile_pattern(pattern: str) -> tuple[PatternWord, ...]:
    """"prendre le? contrôle" -> words matched on lemma or surface form, "?" marking optional ones,
    "*" an object phrase."""
    return tuple(
        PatternWord(forms=frozenset(), object_phrase=True) if word == OBJECT_PHRASE else
        PatternWord(forms=frozenset(fold(w) for w in word.rstrip("?").split("|")),
                    optional=word.endswith("?") and len(word) > 1)
        for word in _split_pattern(pattern)
    )


def match_at(doc: Doc, start: int, words: tuple[PatternWord, ...]) -> int | None:
    """End of the longest match of ``words`` from token ``start``, or None."""
    if not words:
        return start
    first, rest = words[0], words[1:]
    if first.object_phrase:
        # the object's words up to its head at least; the parser may hang the rest of the pattern on
        # it ("set [houses] on fire": "on fire" on "houses")
        phrase = _object_starting_at(doc, start)
        ends = (match_at(doc, after, rest) for after in range(phrase.i + 1, phrase.right_edge.i + 2)) \
            if phrase is not None else ()
        return next((end for end in ends if end is not None), None)
    ends = []
    if start < len(doc) and first.matches(doc[start]):
        ends.append(match_at(doc, start + 1, rest))
    if first.optional:
        ends.append(match_at(doc, start, rest))
    found = [e for e in ends if e is not None]
    return max(found) if found else None


def _object_starting_at(doc: Doc, start: int) -> Token | None:
    """The object of the word before ``start`` whose phrase begins at ``start``, else None."""
    if not 0 < start < len(doc):
        return None
    return next((c for c in doc[start - 1].children if dep_is(c, OBJECT_DEPS) and c.left_edge.i == start), None)


def _own_end(doc: Doc, start: int, end: int, words: tuple[PatternWord, ...]) -> int:
    """Where the trigger's own words end: before the object phrase a pattern reads through ("set"
    of "set houses on fire": the houses are what is burnt, for the stages after)."""
    if not any(word.object_phrase for word in words):
        return end
    return next(t.i for t in doc[start + 1:end] if _object_starting_at(doc, t.i) is not None)


@cache
def protest_purposes(lang: str) -> frozenset[str]:
    """Words saying what a protest is for or against (lang/<code>/triggers.yaml)."""
    return frozenset(fold(w) for w in langdata.load(lang, "triggers").protest_purposes)


@cache
def entries_for(lang: str) -> tuple[TriggerEntry, ...]:
    return tuple(langdata.load(lang, "triggers").entries)


@cache
def entries_by_id(lang: str) -> dict[str, TriggerEntry]:
    """The entries by id; of two with one id, the first."""
    entries: dict[str, TriggerEntry] = {}
    for entry in entries_for(lang):
        entries.setdefault(entry.id, entry)
    return entries


def _spellings(pattern: str) -> tuple[str, ...]:
    """A pattern as written and, where it holds a hyphenated word, as the tokenizer may split it
    ("attentat-suicide": one token, or "attentat - suicide")."""
    split = " ".join(" - ".join(word.split("-")) if "-" in word.strip("-") and "|" not in word else word
                     for word in pattern.split())
    return (pattern,) if split == pattern else (pattern, split)


@cache
def patterns_by_first_form(lang: str) -> dict[str, list[tuple[int, tuple[PatternWord, ...]]]]:
    """Patterns indexed by the forms of their first word (none starts with an optional word)."""
    index: dict[str, list[tuple[int, tuple[PatternWord, ...]]]] = {}
    for number, entry in enumerate(entries_for(lang)):
        for pattern in (spelling for word in entry.words for spelling in _spellings(word)):
            words = compile_pattern(pattern)
            if words[0].optional:
                raise ValueError(f"trigger pattern {pattern!r} ({lang}) starts with an optional word")
            for form in words[0].forms:
                index.setdefault(form, []).append((number, words))
    return index


def head_of(doc: Doc, start: int, end: int) -> Token:
    """The token of ``doc[start:end]`` whose head lies outside it ("raids" in "raids aériens")."""
    tokens = doc[start:end]
    for token in tokens:
        if not (start <= token.head.i < end) or token.head.i == token.i:
            return token
    return tokens[0]


def _keys(tokens) -> set[str]:
    return {key for t in tokens for key in (t._.lemma_key, t._.text_key)}


def has_phrase(phrase: str, keys: set[str]) -> bool:
    """Whether every word of ``phrase`` (split as patterns are: "prendre d'assaut" is three words)
    is among the folded lemma/text ``keys``."""
    return all(fold(word) in keys for word in _split_pattern(phrase))


def in_its_sense(doc: Doc, entry: TriggerEntry, start: int, end: int, sentence_keys: dict[int, set[str]],
                 lang: str) -> bool:
    """Whether words matched at ``doc[start:end]`` mean the entry's event here: not a proper name
    ("Dick Lynch", "the March for Babies"), unless the name is a protest's that its sentence says is
    for or against something ("joined the Alabama Rally Against Injustice ... in support of Black
    Lives Matter"), with the context the entry requires ("strike" with workers or warplanes), with
    none of the words that give it another sense next to it ("heart attack", "battled a blaze",
    "battle with cancer"), with no object where it takes none, nor in the passive ("demonstrated a
    belief" shows it, "the driver was struck" is hit). ``sentence_keys`` caches each sentence's
    words by its start."""
    first = doc[start]
    head = head_of(doc, start, end)

    def sentence_words() -> set[str]:
        if head.sent.start not in sentence_keys:
            sentence_keys[head.sent.start] = _keys(head.sent)
        return sentence_keys[head.sent.start]

    if first.pos_ == "PROPN" and first.text[:1].isupper() and not _opens_a_sentence(first) \
            and not (taxonomy.lookup(entry.sub_event_type).demonstration and protest_purposes(lang) & sentence_words()):
        return False
    if entry.requires_context and not any(has_phrase(w, sentence_words()) for w in entry.requires_context):
        return False
    if entry.intransitive and (is_passive(head) or any(dep_is(c, OBJECT_DEPS) for c in head.children)):
        return False
    if entry.verb_only and (head.pos_ != "VERB" or head.dep_ == "amod"):
        return False  # "the burning market" describes
    if entry.noun_only and "Fin" in head.morph.get("VerbForm"):
        return False
    if entry.not_with:  # the trigger's own words do not count ("fire" of "exchanged fire")
        # (with the object it shares with a verb after it: "captured and killed a suspected thief")
        shared = [o for o in objects_of(head) if o.head != head]
        near = _keys(t for child in (*(c for c in head.children if c.dep_ not in OTHER_CLAUSES), *shared)
                     for t in (child, *child.children) if not start <= t.i < end)
        if any(has_phrase(w, near) for w in entry.not_with):
            return False
    return True


def _opens_a_sentence(token: Token) -> bool:
    """The capitalised first word of a headline (a sentence with no verb) that a lowercase word
    follows and that modifies no noun: the tagger takes "Clash between ..." for a name (not "Dick
    Lynch", nor the "Riot" of "Riot police", nor the "March for Babies" of a sentence that goes on)."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.is_sent_start and following is not None and following.text[:1].islower() \
        and token.dep_ not in ("compound", "amod") and is_verbless(token.sent)


def find_triggers(doc: Doc, lang: str) -> list[Trigger]:
    """Every trigger in ``doc``, in text order, in the sense its entry means; the longest match
    wins where matches overlap."""
    entries = entries_for(lang)
    index = patterns_by_first_form(lang)
    matches = []
    sentence_keys: dict[int, set[str]] = {}  # each sentence's words, read once
    for token in doc:
        candidates = index.get(token._.lemma_key, []) + index.get(token._.text_key, [])
        for number, words in candidates:
            end = match_at(doc, token.i, words)
            if end is None:
                continue
            own_end = _own_end(doc, token.i, end, words)
            if in_its_sense(doc, entries[number], token.i, own_end, sentence_keys, lang):
                matches.append((number, token.i, own_end, end))
    matches.sort(key=lambda m: (-(m[3] - m[1]), m[1]))
    taken: set[int] = set()
    found: list[Trigger] = []
    for number, start, own_end, end in matches:
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        span = doc[start:own_end]
        found.append(Trigger(entry=entries[number], head=start, token_start=start, token_end=own_end,
                             span=span_of(span)))
    return sorted(found, key=lambda t: t.token_start)
