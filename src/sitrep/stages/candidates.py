"""The text worth parsing: the sentences that can hold an event, with the context the later stages
read around them and the sentences that name a country or a province, found before the
statistical parse.

The parse is four fifths of the pipeline's time, and most sentences of the news hold no word a
trigger pattern (stages/triggers.py) could match: in the benchmark's news corpus the parse finds a
trigger in one sentence in eleven. So the tokenizer alone and a rule sentence splitter look for trigger words first, each
token standing for every lemma the spaCy pipeline's own lemmatizer could give it (its suffix rules
reversed, its exception and lookup tables read backwards), which makes the test a superset of the
parsed one: a sentence the parse would find a trigger in is never dropped (tests check this on
real articles). Sentences naming a country or a first-level area are kept too, wherever they are:
the article's country focus, which names generic actors ("government forces") and places events
the text does not tie to a place, counts every place of the article. The parse then runs on the
article with the other sentences blanked out, character for character, so every offset, line
break and paragraph stays where it was.

Two limits keep the time linear on any text. A run of characters without whitespace longer than
MAX_RUN_CHARS is no word (a pasted blob, "l'l'l'...", "(((x)))"): it is blanked before the
tokenizer sees it, since the tokenizer's time grows with the square of a run's length (10 KB of
"l'l'" took 6 s in French). A sentence of more than MAX_SENTENCE_TOKENS tokens (text without
sentence ends: a list, "le le le ...") is taken as pieces of that many tokens, each kept or
blanked on its own, and the parse is told where each kept piece ends (a line break in place of
the space there), so no sentence costs a stage more than a long real one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sitrep.geo.names import exact_key
from sitrep.geo.store import Gazetteer
from sitrep.stages.parse import pipeline_for, set_sentence_starts
from sitrep.stages.triggers import PatternWord, patterns_by_first_form
from sitrep.text import fold

# Sentences kept around each sentence that can hold an event, and at the top of the article: the
# stages read places, sources and dates there ("earlier in the paragraph", "... said the army",
# the dateline). Measured on 366 news and 16 conflict articles (docs/throughput.md): with one
# sentence either side and the first two, 160 of 173 events come out exactly as from the whole
# text; with the sentences naming areas too, 171.
SENTENCES_BEFORE = 1
SENTENCES_AFTER = 1
OPENING_SENTENCES = 2
LONGEST_AREA_NAME = 3  # words
# The longest run without whitespace in 5,000 real news articles and ACLED notes was 51 characters
# (a chain of Twitter handles; URLs and e-mail addresses came next); the longest sentence 122 tokens.
MAX_RUN_CHARS = 200
MAX_SENTENCE_TOKENS = 250
LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))
PIECE_STARTS = "sitrep_piece_starts"  # Doc.user_data key: where split_sentences cut long sentences


@dataclass(frozen=True)
class LemmaForms:
    """The trigger-pattern words (folded lemmas) a token may stand for, by its folded surface form
    and by the string hash the lemmatizer's lookup table is keyed on."""

    by_form: dict[str, frozenset[str]]
    by_hash: dict[int, frozenset[str]]

    def words_of(self, lower: str, orth_hash: int, lower_hash: int) -> set[str]:
        key = fold(lower)
        return {key, *self.by_form.get(key, ()), *self.by_hash.get(orth_hash, ()), *self.by_hash.get(lower_hash, ())}


def _pattern_words(lang: str) -> frozenset[str]:
    return frozenset(form for patterns in patterns_by_first_form(lang).values()
                     for _, words in patterns for word in words for form in word.forms)


@cache
def lemma_forms(lang: str) -> LemmaForms:
    """Every surface form the pipeline's lemmatizer (and attribute ruler) could lemmatize to a
    word of a trigger pattern."""
    nlp = pipeline_for(lang)
    targets = _pattern_words(lang)
    by_form: dict[str, set[str]] = {}
    by_hash: dict[int, set[str]] = {}
    lookups = nlp.get_pipe("lemmatizer").lookups
    for rules in (lookups.get_table("lemma_rules").values() if lookups.has_table("lemma_rules") else ()):
        for old, new in rules:  # the lemmatizer turns a form ending in `old` into one ending in `new`
            old, new = fold(old), fold(new)
            for target in targets:
                if target.endswith(new):
                    by_form.setdefault(target[:len(target) - len(new)] + old, set()).add(target)
    for exceptions in (lookups.get_table("lemma_exc").values() if lookups.has_table("lemma_exc") else ()):
        for form, lemmas in exceptions.items():
            for lemma in set(map(fold, lemmas)) & targets:
                by_form.setdefault(fold(form), set()).add(lemma)
    if lookups.has_table("lemma_lookup"):
        for form_hash, lemmas in lookups.get_table("lemma_lookup").items():
            for lemma in set(map(fold, lemmas if isinstance(lemmas, list) else [lemmas])) & targets:
                by_hash.setdefault(form_hash, set()).add(lemma)
    for form, lemma in _attribute_ruler_lemmas(nlp):
        if fold(lemma) in targets:
            by_form.setdefault(fold(form), set()).add(fold(lemma))
    return LemmaForms(by_form={k: frozenset(v) for k, v in by_form.items()},
                      by_hash={k: frozenset(v) for k, v in by_hash.items()})


def _attribute_ruler_lemmas(nlp: Language) -> list[tuple[str, str]]:
    """(surface form, lemma) of the attribute ruler's one-word patterns that set a lemma."""
    if "attribute_ruler" not in nlp.pipe_names:
        return []
    found = []
    for rule in nlp.get_pipe("attribute_ruler").patterns:
        lemma = rule["attrs"].get("LEMMA")
        for pattern in rule["patterns"] if lemma else ():
            forms = (word.get("LOWER") or word.get("ORTH") or word.get("TEXT") for word in pattern)
            found.extend((form, lemma) for form in forms if isinstance(form, str))
    return found


@cache
def _sentence_splitter() -> Sentencizer:
    return Sentencizer()


def blank_long_runs(text: str) -> str:
    """``text`` with every run of more than MAX_RUN_CHARS characters without whitespace turned into
    as many spaces (offsets stay)."""
    return LONG_RUN.sub(lambda run: " " * len(run.group()), text)


def split_sentences(text: str, lang: str) -> Doc:
    """``text`` tokenized as the pipeline tokenizes it, in sentences by punctuation and line breaks,
    those longer than MAX_SENTENCE_TOKENS in pieces of that many tokens."""
    nlp = pipeline_for(lang)
    doc = _sentence_splitter()(nlp.get_pipe("sitrep_line_breaks")(nlp.tokenizer(text)))
    cuts = [start for sentence in doc.sents
            for start in range(sentence.start + MAX_SENTENCE_TOKENS, sentence.end, MAX_SENTENCE_TOKENS)]
    doc.user_data[PIECE_STARTS] = cuts
    return set_sentence_starts(doc, cuts)


def can_hold_event(words: set[str], patterns: dict[str, list[tuple[int, tuple[PatternWord, ...]]]]) -> bool:
    """Whether a sentence whose tokens may stand for ``words`` holds every required word of some
    trigger pattern (the parse must still find them in order, in their sense)."""
    return any(all(word.optional or word.object_phrase or word.forms & words for word in pattern_words)
               for first in words & patterns.keys() for _, pattern_words in patterns[first])


def sentences_with_triggers(doc: Doc, lang: str) -> list[bool]:
    """For each sentence of ``doc`` (from :func:`split_sentences`), whether it can hold an event."""
    forms = lemma_forms(lang)
    patterns = patterns_by_first_form(lang)
    flags = []
    for sentence in doc.sents:
        words: set[str] = set()
        for token in sentence:
            words |= forms.words_of(token.lower_, token.orth, token.lower)
        flags.append(can_hold_event(words, patterns))
    return flags


def names_an_area(sentence: SpacySpan, area_keys: frozenset[str]) -> bool:
    """Whether a capitalised name of one to three words in ``sentence`` is a country's or a
    first-level area's."""
    return any(exact_key(sentence[start:end].text) in area_keys
               for start in range(len(sentence)) if sentence[start].text[:1].isupper()
               for end in range(start + 1, min(len(sentence), start + LONGEST_AREA_NAME) + 1))


def _kept(sentences: list[SpacySpan], flags: list[bool], area_keys: frozenset[str]) -> list[bool]:
    """The sentences to parse: those that can hold an event, their neighbours, the opening ones and
    those naming an area (none at all where no sentence can hold an event)."""
    if not any(flags):
        return [False] * len(flags)
    kept = [index < OPENING_SENTENCES for index in range(len(flags))]
    for index, flag in enumerate(flags):
        if flag:
            for near in range(max(0, index - SENTENCES_BEFORE), min(len(flags), index + SENTENCES_AFTER + 1)):
                kept[near] = True
    return [keep or names_an_area(sentence, area_keys) for keep, sentence in zip(kept, sentences)]


def text_to_parse(text: str, lang: str, gazetteer: Gazetteer | None = None) -> str:
    """``text`` with the sentences :func:`_kept` leaves out blanked: each of their characters a
    space but line breaks and their last visible one, a full stop, so offsets, sentence ends and
    paragraphs stay; empty where no sentence can hold an event. ``gazetteer``: the one that knows
    the areas' names (default: the embedded default)."""
    from sitrep.geo.build import open_gazetteer

    text = blank_long_runs(text)
    doc = split_sentences(text, lang)
    sentences = list(doc.sents)
    kept = _kept(sentences, sentences_with_triggers(doc, lang), (gazetteer or open_gazetteer()).area_name_keys())
    if not any(kept):
        return ""
    chars = list(text)
    for start in doc.user_data[PIECE_STARTS]:  # the parse ends a sentence at a line break (stages/parse.py)
        before = doc[start - 1]
        if before.whitespace_:
            chars[before.idx + len(before.text)] = "\n"
    for sentence, keep in zip(sentences, kept):
        if keep:
            continue
        start, end = sentence.start_char, sentence.end_char
        chars[start:end] = ["\n" if c == "\n" else " " for c in text[start:end]]
        visible = [token for token in sentence if not token.is_space]
        if visible:
            chars[visible[-1].idx + len(visible[-1].text) - 1] = "."
    return "".join(chars)
