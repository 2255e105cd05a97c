"""The text worth parsing (stages/candidates.py): sentences that can hold an event are found
before the parse, and no sentence the parse would find a trigger in is ever dropped."""
import pytest
from articles import real_articles
from spacy.strings import hash_string

from sitrep.stages.candidates import lemma_forms, text_to_parse
from sitrep.stages.parse import parse
from sitrep.stages.triggers import find_triggers


@pytest.mark.parametrize("name,text,lang", real_articles(), ids=lambda value: value if len(value) < 40 else "")
def test_no_sentence_holding_a_trigger_is_dropped(name, text, lang):
    kept = text_to_parse(text, lang)
    assert len(kept) == len(text) and [i for i, c in enumerate(kept) if c == "\n"] == \
        [i for i, c in enumerate(text) if c == "\n"]
    triggers = find_triggers(parse(text, lang), lang)
    assert triggers, f"{name}: a test article should report events"
    for trigger in triggers:
        assert kept[trigger.span.start:trigger.span.end] == trigger.span.text, f"{name}: {trigger.span.text!r} dropped"


@pytest.mark.parametrize("lang,form,lemma", [
    ("en", "took", "take"), ("en", "fought", "fight"), ("en", "seized", "seize"), ("en", "killed", "kill"),
    ("fr", "pris", "prendre"), ("fr", "tués", "tuer"), ("fr", "emparés", "emparer"),
])
def test_inflected_and_irregular_forms_stand_for_their_lemma(lang, form, lemma):
    assert lemma in lemma_forms(lang).words_of(form, hash_string(form), hash_string(form))


def test_sentences_far_from_any_event_and_naming_no_area_are_blanked():
    text = ("Flood warning for the valley\n"
            "The weather service issued a flood warning on Monday. Schools will open late. "
            "The mayor praised the volunteers. Rebels seized the town of Kidal after heavy fighting. "
            "The market reopened. The festival drew large crowds. The orchestra played until midnight. "
            "Aid reached Yemen by sea.")
    kept = text_to_parse(text, "en")
    assert len(kept) == len(text)
    for sentence in ("Flood warning for the valley", "The weather service issued a flood warning on Monday.",
                     "The mayor praised the volunteers.", "Rebels seized the town of Kidal after heavy fighting.",
                     "The market reopened.", "Aid reached Yemen by sea."):
        assert sentence in kept  # the opening, the event and its neighbours, a country named
    for sentence in ("The festival drew large crowds.", "The orchestra played until midnight."):
        assert sentence not in kept
        start = text.index(sentence)
        assert kept[start:start + len(sentence)].strip() == "."


def test_an_article_with_no_word_an_event_needs_is_not_parsed_at_all():
    text = "Le conseil municipal a voté le budget. La bibliothèque ouvrira ses portes en janvier."
    assert text_to_parse(text, "fr") == ""
