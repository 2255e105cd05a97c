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


@pytest.mark.parametrize("lang,title,body", [
    ("fr", "Combats violents dans le nord du pays", "L'armée a repris la ville de Gao samedi."),
    ("en", "Heavy fighting in the north of the country", "The army took the town of Gao on Saturday."),
])
def test_every_language_parses_with_sitrep_components(lang, title, body):
    assert lang in langdata.supported_languages()
    nlp = pipeline_for(lang)
    assert nlp.pipe_names.index("sitrep_line_breaks") < nlp.pipe_names.index("parser")
    doc = parse(f"{title}\n{body}", lang)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == title
    assert any(t.dep_ for t in doc)


def test_a_text_longer_than_a_piece_is_parsed_in_pieces_with_its_offsets():
    """Issue 18: a long text is parsed piece by piece (memory bounded) and joined back: the same
    text, a sentence a line, entities at their offsets in the whole text."""
    from sitrep.stages.parse import PARSE_PIECE_CHARS, parse_together, text_pieces

    line = "Government forces shelled the town of Saraqib on Tuesday, killing 12 civilians, a monitor said.\n"
    text = line * (3 * PARSE_PIECE_CHARS // len(line))
    pieces = text_pieces(text, PARSE_PIECE_CHARS)
    assert "".join(pieces) == text and len(pieces) >= 3 and all(piece.endswith("\n") for piece in pieces[:-1])
    long_doc, short_doc = parse_together([text, "Rebels attacked an army post."], "en")
    assert long_doc.text == text and short_doc.text == "Rebels attacked an army post."
    assert [sentence.text for sentence in long_doc.sents] == [line] * text.count("\n")
    days = [entity for entity in long_doc.ents if entity.text == "Tuesday"]
    assert len(days) == text.count("\n") and all(text[d.start_char:d.end_char] == "Tuesday" for d in days)


def test_a_capital_written_without_its_accent_is_read_as_the_word_it_stands_for():
    # "A Damas" is "À Damas": read as the verb "a", the word tangled the sentence's parse
    doc = parse("A Gao, un responsable a confirmé l'attaque. Le plan A a été retenu.", "fr")
    first, plan = (t for t in doc if t.text == "A")
    assert (first.norm_, first.pos_) == ("à", "ADP")
    assert plan.norm_ != "à"  # only at the start of a sentence
    assert doc.text.startswith("A Gao")  # the text and its offsets are as written


@pytest.mark.parametrize("lang,text", [
    ("fr", "Bamako, 3 juin (AFP) - Des jeunes ont pillé le dépôt de la société chinoise Sinohydro situé à la "
           "sortie de la ville, a constaté un journaliste, jeudi.\nLa police est arrivée ensuite."),
    ("en", "NAIROBI - Youths looted the warehouse of the Chinese company Sinohydro located at the edge of the "
           "town, a reporter saw on Thursday.\nPolice arrived later."),
])
def test_a_sentence_never_starts_right_after_a_word_and_a_space(lang, text):
    doc = parse(text, lang)
    starts = [s.start for s in doc.sents if s.start > 0]
    assert starts  # the line break still ends one
    assert not any(doc[i - 1].is_alpha and doc[i - 1].whitespace_ and "\n" not in doc[i - 1].whitespace_
                   for i in starts)


@pytest.mark.parametrize("lang,text,opener", [
    ("fr", "Une source a confirmé l'exode des civils vers les secteurs sous contrôle du gouvernement Dans la province "
           "de Homs, trois soldats ont été tués.", "Dans"),
    ("en", "A source confirmed the flight of civilians to areas under government control Meanwhile in Homs "
           "province, three soldiers were killed.", "Meanwhile"),
])
def test_a_page_that_joins_paragraphs_without_a_full_stop_still_has_two_sentences(lang, text, opener):
    doc = parse(text, lang)
    assert [s[0].text for s in doc.sents] == [doc[0].text, opener]


def test_a_capitalised_word_that_may_begin_a_name_starts_no_sentence():
    # "In" begins names (In Amenas), "Le" too ("selon Le Monde"): neither is an opener
    assert len(list(parse("Gunmen attacked the gas plant at In Amenas on Wednesday.", "en").sents)) == 1
    assert len(list(parse("Des hommes armés ont attaqué le site mercredi selon Le Monde.", "fr").sents)) == 1


def test_lemmas_the_english_lemmatizer_cuts_to_another_word_are_repaired():
    # en_core_web_sm reads "raped" as "rap" and "staged" as "stag" (lang/en/pipeline.yaml lemma_repairs)
    doc = parse("Militiamen raped two women and staged an ambush.", "en")
    assert {t.text: t.lemma_ for t in doc if t.text in ("raped", "staged")} == {"raped": "rape", "staged": "stage"}


def test_a_name_that_spells_a_function_word_is_read_as_a_name_except_in_a_line_of_capitals():
    # "IS" (the Islamic State) was read as "is": "Suspected IS militants abducted" had no subject
    doc = parse("Suspected IS militants abducted two herders. THE ARMY IS ADVANCING.", "en")
    group, verb = (t for t in doc if t.text == "IS")
    assert group.pos_ != "AUX" and doc[2].dep_ == "nsubj"
    assert verb.norm_ == "is"
    assert doc.text.startswith("Suspected IS")


def test_a_noun_heading_a_sentence_with_its_own_subject_is_the_sentence_s_verb():
    # a headline in the present tense: the tagger reads "protest" as a noun, the parser as the root
    [protest] = [t for t in parse("Residents of Loruk protest over police insecurity.", "en") if t.text == "protest"]
    assert (protest.pos_, protest.dep_) == ("VERB", "ROOT")
    [clans] = [t for t in parse("Clashes between Akok and Marial Lou clans in Tonj North.", "en") if t.text == "clans"]
    assert clans.pos_ == "NOUN"  # a plural noun does not agree with a plural subject as a verb would
    [noun] = [t for t in parse("Ce fut une manifestation pacifique.", "fr") if t.text == "manifestation"]
    assert noun.pos_ == "NOUN"  # a noun predicate with its copula stays a noun
