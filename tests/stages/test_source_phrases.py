"""Who reports an event: only phrases that name a source go to ``reported_by`` (a known source, an
actor speaking for itself, a person or organisation the NER finds, or a phrase headed by a source
noun of lang/<code>/attribution.yaml), cut to the source's own words. Sentences are our own."""
from datetime import date

import pytest

from sitrep.models import DocumentContext, SourceRef
from sitrep.stages.actors import find_actors
from sitrep.stages.attribution import reporters
from sitrep.stages.dates import find_dates
from sitrep.stages.parse import parse

PUBLISHED = date(2024, 3, 5)


def cited(text: str, lang: str, country: str | None = None, published: date = PUBLISHED) -> list[SourceRef]:
    doc = parse(text, lang)
    context = DocumentContext(doc=doc, text=doc.text, lang=lang, published=published, doc_id="t",
                              actors=find_actors(doc, lang, published=published, country=country), places=[],
                              dates=find_dates(doc, lang, published), tolls=[], country=country)
    return [source for sentence in doc.sents for source in reporters(sentence, context)]


@pytest.mark.parametrize("text,lang,expected", [
    # source nouns, with the words of their name only
    ("Ten villagers were killed on Monday, local officials said.", "en", [("local officials", "government")]),
    ("Les autorités maliennes, qui se sont rendues sur place, ont affirmé que le camp était tombé.", "fr",
     [("Les autorités maliennes", "government")]),
    ("Le chef de l'État a déclaré mardi que l'armée avait repris la ville.", "fr", [("Le chef de l'État", "government")]),
    ("Trois civils ont été tués, selon un témoin joint par téléphone.", "fr", [("un témoin", "other")]),
    ("Trois civils ont été tués mardi, a indiqué l'Agence nationale d'information.", "fr",
     [("l'Agence nationale d'information", "media")]),
    # two sources joined by "and" are two sources
    ("Opposition activists and a local monitoring group said the market was hit.", "en",
     [("Opposition activists", "monitor"), ("a local monitoring group", "monitor")]),
])
def test_phrases_headed_by_a_source_noun(text, lang, expected):
    assert [(s.text, s.kind) for s in cited(text, lang)] == expected


@pytest.mark.parametrize("text,lang", [
    ("The new electoral rules say that the vote will be held in May.", "en"),
    ("They have accused the rebels of war crimes.", "en"),  # the accused is no source
    ("La nouvelle loi électorale prévoit, affirme-t-il, un second tour.", "fr"),
])
def test_phrases_that_name_no_source(text, lang):
    assert cited(text, lang) == []


def test_known_sources_and_generic_bodies_resolve():
    found = cited("Selon un communiqué publié par le ministère malien de la Défense, l'armée a tué dix assaillants.",
                  "fr", "Mali")
    assert [(s.name, s.kind) for s in found] == [("Ministry of Defence (Mali)", "government")]
    assert [s.name for s in cited("Five people died, the Syrian Observatory for Human Rights said.", "en")] \
        == ["Syrian Observatory for Human Rights"]


def test_an_actor_speaking_for_itself_is_a_source_of_its_side():
    text = "The Taliban said their fighters had taken the district."
    found = cited(text, "en", "Afghanistan", date(2019, 6, 1))
    assert [(s.name, s.kind) for s in found] == [("Taliban", "armed_group")]
    # once in power, the Taliban speak for the state
    assert [s.kind for s in cited(text, "en", "Afghanistan", date(2023, 6, 1))] == ["government"]
    army = cited("Nigeria's army said troops repelled the attack.", "en", "Nigeria")[0]
    assert army.kind == "government" and army.name.startswith("Military Forces of Nigeria")


def test_named_people_are_sources():
    found = cited("Rebels killed ten soldiers in the ambush, Maria Duarte told reporters.", "en")
    assert [s.text for s in found] == ["Maria Duarte"]
