"""Sentences and dependency parse with spaCy, one pipeline per language, loaded once per process."""
from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from sitrep import lang as langdata


def set_sentence_starts(doc: Doc, starts: list[int]) -> Doc:
    """Mark the tokens at ``starts`` as sentence starts, all in one pass (setting
    ``Token.is_sent_start`` looks through the whole document each time: quadratic on a long text)."""
    if starts:
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


@Language.component("sitrep_line_breaks")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines carry no full stop.

    The statistical parser respects boundaries set before it runs.
    """
    return set_sentence_starts(doc, [token.i + 1 for token in doc[:-1]
                                     if "\n" in token.text or "\n" in token.whitespace_])


@cache
def pipeline_for(lang: str) -> Language:
    """The spaCy pipeline for ``lang``: line breaks end sentences, sitrep's actor ruler runs
    before the statistical NER, and the attribute ruler's rules are looked up (the same result,
    faster: stages/attribute_rules.py)."""
    from sitrep.stages.actors import add_actor_ruler
    from sitrep.stages.attribute_rules import use_rule_table

    nlp = spacy.load(langdata.load(lang, "pipeline").spacy_model)
    use_rule_table(nlp)
    nlp.add_pipe("sitrep_line_breaks", before="parser")
    add_actor_ruler(nlp, lang)
    return nlp


def parse(text: str, lang: str) -> Doc:
    return pipeline_for(lang)(text)


def parse_together(texts: list[str], lang: str) -> list[Doc]:
    """``texts`` parsed in one batch: the statistical components do their matrix work for all of
    them at once."""
    return list(pipeline_for(lang).pipe(texts, batch_size=max(1, len(texts))))
