"""The spaCy pipelines sitrep parses with: the right packages, offline, with the components the
stages rely on, and sitrep's own additions in place."""
import pytest

from sitrep import lang as langdata
from sitrep.stages.parse import parse, pipeline_for


def test_english_model_is_the_official_small_pipeline():
    nlp = pipeline_for("en")
    assert nlp.meta["author"] == "Explosion"
    assert nlp.meta["version"] == "3.8.0"
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(nlp.pipe_names)
    assert nlp.meta["performance"]["dep_las"] == pytest.approx(0.899, abs=0.001)


@pytest.mark.parametrize("lang", langdata.supported_languages())
def test_every_language_parses_with_sitrep_components(lang):
    nlp = pipeline_for(lang)
    assert nlp.pipe_names.index("sitrep_line_breaks") < nlp.pipe_names.index("parser")
    doc = parse("Title without a full stop\nThe army said it took the town.", lang)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Title without a full stop"
    assert any(t.dep_ for t in doc)
