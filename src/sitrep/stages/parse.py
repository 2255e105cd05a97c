"""Sentences and dependency parse with spaCy, one pipeline per language, loaded once per process."""
from __future__ import annotations

import warnings
from functools import cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from sitrep import lang as langdata


def set_sentence_starts(doc: Doc, starts: list[int]) -> Doc:
    """Mark the tokens at ``starts`` as sentence starts, all in one pass (setting
    ``Token.is_sent_start`` looks through the whole document each time: quadratic on a long text)."""
    if starts:
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


# tokens after which a sentence starts
SENTENCE_ENDS = frozenset({".", "!", "?", "…", ":", ";", "»", "\"", "”", "-", "—", "–"})


@Language.factory("sitrep_line_breaks", default_config={"openers": []})
def make_line_breaks(nlp: Language, name: str, openers: list[str]):
    """A line break ends a sentence: headlines and datelines carry no full stop. A word followed
    by a space on the same line ends none: the parser sometimes starts a sentence at a name inside
    one ("... le magasin de l'enseigne française | Auchan situé dans la banlieue de Dakar"); unless
    a lower-case word is followed by one of the language's ``openers`` (lang/<code>/pipeline.yaml
    `sentence_openers`), as where a web page joined two paragraphs without a full stop.

    The statistical parser respects boundaries set before it runs.
    """
    opening = frozenset(openers)

    def line_breaks_end_sentences(doc: Doc) -> Doc:
        values = doc.to_array([SENT_START]).astype("int64")  # 1: starts a sentence, -1: starts none
        for token, following in zip(doc[:-1], doc[1:]):
            if "\n" in token.text or "\n" in token.whitespace_:
                values[following.i] = 1
            elif token.whitespace_ and token.is_lower and following.text in opening:
                values[following.i] = 1
            elif token.whitespace_ and (token.is_alpha or token.is_digit):
                values[following.i] = -1
        doc.from_array([SENT_START], values.astype("uint64"))
        return doc
    return line_breaks_end_sentences


@Language.factory("sitrep_sentence_start_norms", default_config={"norms": {}})
def make_sentence_start_norms(nlp: Language, name: str, norms: dict[str, str]):
    """A word at the start of a sentence read by the models as the language's data says
    (lang/<code>/pipeline.yaml `sentence_start_norms`: French "A Damas" is "À Damas")."""
    def set_norms(doc: Doc) -> Doc:
        for token in doc:
            norm = norms.get(token.text)
            if norm is not None and (token.i == 0 or _ends_sentence(doc[token.i - 1])):
                token.norm_ = norm
        return doc
    return set_norms


@Language.factory("sitrep_name_norms", default_config={"norms": {}})
def make_name_norms(nlp: Language, name: str, norms: dict[str, str]):
    """A name that spells a function word read by the models as a name (lang/<code>/pipeline.yaml
    `name_norms`: English "IS", the Islamic State, is not "is"), except in a line of capitals."""
    def set_norms(doc: Doc) -> Doc:
        for token in doc:
            norm = norms.get(token.text)
            if norm is not None and not _beside_capitals(token):
                token.norm_ = norm
        return doc
    return set_norms


def _beside_capitals(token: Token) -> bool:
    """Whether a word next to ``token`` is written in capitals too ("ARMY IS ADVANCING")."""
    doc = token.doc
    return any(doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1
               for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc))


@Language.component("sitrep_clause_head_nouns")
def clause_head_nouns(doc: Doc) -> Doc:
    """A noun the parser made the head of a sentence with a subject of its own, and no copula or
    auxiliary, is the sentence's verb the tagger took for a noun, where its form agrees with the
    subject as a verb's would: a headline in the present tense ("Residents of Loruk protest over
    insecurity", "Kenyans march in protest"; not "Clashes between Akok and Marial Lou clans")."""
    for token in doc:
        subject = _subject_of_a_noun_root(token)
        if subject is not None and ("Plur" in subject.morph.get("Number")) == ("Sing" in token.morph.get("Number")):
            token.pos_ = "VERB"
            token.tag_ = "VBZ" if "Plur" in token.morph.get("Number") else "VBP"
            token.set_morph("Tense=Pres|VerbForm=Fin")
    return doc


def _subject_of_a_noun_root(token: Token) -> Token | None:
    """The subject of a sentence-heading noun with no copula or auxiliary, else None."""
    if token.dep_ != "ROOT" or token.pos_ != "NOUN":
        return None
    if any(child.dep_ in ("cop", "aux", "aux:pass", "auxpass") for child in token.children):
        return None
    return next((child for child in token.children if child.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)


@Language.factory("sitrep_lemma_repairs", default_config={"repairs": {}})
def make_lemma_repairs(nlp: Language, name: str, repairs: dict[str, str]):
    """Lemmas the model's lemmatizer gets wrong, set right (lang/<code>/pipeline.yaml `lemma_repairs`:
    English "raped" is "rape", not "rap")."""
    def repair_lemmas(doc: Doc) -> Doc:
        for token in doc:
            lemma = repairs.get(token.lower_)
            if lemma is not None:
                token.lemma_ = lemma
        return doc
    return repair_lemmas


def _ends_sentence(token: Token) -> bool:
    return token.text in SENTENCE_ENDS or "\n" in token.whitespace_ or "\n" in token.text


@cache
def pipeline_for(lang: str) -> Language:
    """The spaCy pipeline for ``lang``: line breaks end sentences, sitrep's actor ruler runs
    before the statistical NER, and the attribute ruler's rules are looked up (the same result,
    faster: stages/attribute_rules.py)."""
    from sitrep.stages.actors import add_actor_ruler
    from sitrep.stages.attribute_rules import use_rule_table

    data = langdata.load(lang, "pipeline")
    nlp = spacy.load(data.spacy_model)
    if data.sentence_start_norms:
        nlp.add_pipe("sitrep_sentence_start_norms", first=True, config={"norms": data.sentence_start_norms})
    if data.name_norms:
        nlp.add_pipe("sitrep_name_norms", first=True, config={"norms": data.name_norms})
    use_rule_table(nlp)
    nlp.add_pipe("sitrep_line_breaks", before="parser", config={"openers": data.sentence_openers})
    add_actor_ruler(nlp, lang)
    nlp.add_pipe("sitrep_clause_head_nouns", after="lemmatizer")
    if data.lemma_repairs:
        nlp.add_pipe("sitrep_lemma_repairs", after="lemmatizer", config={"repairs": data.lemma_repairs})
    return nlp


def parse(text: str, lang: str) -> Doc:
    return pipeline_for(lang)(text)


# One Doc holds the models' activations for all its tokens at once (about 19 KB a token in French:
# the parse of 100 KB of text alone took 390 MB), so a longer text is parsed in pieces of about
# this many characters, cut after a line break (which ends a sentence anyway) or else a space, and
# the pieces joined: offsets unchanged, memory bounded. No news article comes near it (the longest
# of 5,000 real ones has 8,390 characters): articles are parsed whole, and in batches, as before.
PARSE_PIECE_CHARS = 20_000


def parse_together(texts: list[str], lang: str) -> list[Doc]:
    """``texts`` parsed in one batch: the statistical components do their matrix work for all of
    them at once (a text longer than PARSE_PIECE_CHARS is parsed alone, piece by piece)."""
    nlp = pipeline_for(lang)
    if all(len(text) <= PARSE_PIECE_CHARS for text in texts):
        return list(nlp.pipe(texts, batch_size=max(1, len(texts))))
    return [_parse_in_pieces(nlp, text) if len(text) > PARSE_PIECE_CHARS else nlp(text) for text in texts]


def text_pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters (at least half that), each ending
    after a line break where one falls in its second half, else after a space; they join back into ``text``."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = (start + size // 2, start + size)
        cut = (text.rfind("\n", *window) + 1) or (text.rfind(" ", *window) + 1) or start + size
        pieces.append(text[start:cut])
        start = cut
    return [*pieces, text[start:]]


def _parse_in_pieces(nlp: Language, text: str) -> Doc:
    parsed = list(nlp.pipe(text_pieces(text, PARSE_PIECE_CHARS), batch_size=1))
    with warnings.catch_warnings():  # Doc extensions (the actor ruler's matches) are not merged: stages recompute them
        warnings.simplefilter("ignore", UserWarning)
        return Doc.from_docs(parsed, ensure_whitespace=False)
