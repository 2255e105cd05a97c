"""The attribute ruler's rules looked up (stages/attribute_rules.py): the same matches as spaCy's
Matcher finds, on real articles, and the Matcher kept where a pattern is beyond the table."""
import pytest
import spacy
from articles import real_articles
from spacy.pipeline import AttributeRuler

from sitrep.stages.attribute_rules import LookupAttributeRuler, use_rule_table
from sitrep.stages.parse import pipeline_for


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_table_matches_what_the_matcher_matches_on_real_articles(lang):
    nlp = pipeline_for(lang)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, LookupAttributeRuler) and ruler.rule_table() is not None
    texts = [text for _, text, language in real_articles() if language == lang]
    with nlp.select_pipes(enable=nlp.pipe_names[:nlp.pipe_names.index("attribute_ruler")]):
        docs = list(nlp.pipe(texts))
    assert sum(len(doc) for doc in docs) > 1000
    for doc in docs:
        assert ruler.match(doc) == sorted(set(AttributeRuler.match(ruler, doc)))


def _ruler_with(patterns: list[dict]) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    use_rule_table(nlp)
    return nlp


def test_sets_regexes_and_a_second_token_are_read():
    nlp = _ruler_with([
        {"patterns": [[{"LOWER": {"IN": ["the", "a"]}}]], "attrs": {"POS": "DET"}},
        {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not"}},
        {"patterns": [[{"ORTH": "big"}, {"IS_SPACE": False, "LOWER": {"NOT_IN": ["cat"]}}]],
         "attrs": {"TAG": "AFTER_BIG"}, "index": 1},
    ])
    assert nlp.get_pipe("attribute_ruler").rule_table() is not None
    doc = nlp("The big dog isn't a big cat")
    assert [t.pos_ for t in doc] == ["DET", "", "", "", "", "DET", "", ""]
    assert [t.lemma_ for t in doc if t.text == "n't"] == ["not"]
    assert [t.text for t in doc if t.tag_ == "AFTER_BIG"] == ["dog"]


def test_a_pattern_beyond_the_table_keeps_the_matcher():
    nlp = _ruler_with([{"patterns": [[{"LENGTH": {">=": 9}}]], "attrs": {"TAG": "LONG"}}])
    assert nlp.get_pipe("attribute_ruler").rule_table() is None
    assert [t.text for t in nlp("an elephant and a hippopotamus") if t.tag_ == "LONG"] == ["hippopotamus"]
