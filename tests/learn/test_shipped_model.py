"""The model shipped in the package: it loads offline, stays small, and reads sentences written for
these tests, English and French, as a reader would."""
from __future__ import annotations

from sitrep.learn.scorer import MODEL_FILE, event_scorer, model_path


def test_the_shipped_model_is_package_data_of_a_few_megabytes():
    path = model_path()
    assert path.name == MODEL_FILE and path.is_file()
    assert path.stat().st_size < 8_000_000


def test_event_sentences_score_above_everyday_ones_in_both_languages():
    scorer = event_scorer()
    en = scorer.score(["Gunmen stormed the village overnight and shot dead twelve farmers.",
                       "The central bank left interest rates unchanged on Thursday."], "en")
    fr = scorer.score(["Des hommes armés ont attaqué le village et tué douze paysans.",
                       "La banque centrale a laissé ses taux d'intérêt inchangés jeudi."], "fr")
    assert en[0].event_probability > 0.5 > en[1].event_probability
    assert fr[0].event_probability > fr[1].event_probability


def test_clear_cases_get_their_kind():
    scorer = event_scorer()
    en = scorer.score(["Thousands of students marched peacefully through the capital to demand free tuition.",
                       "An air strike by military jets hit a rebel base, killing ten fighters.",
                       "Police arrested the opposition leader at his home."], "en")
    assert [s.event_type for s in en] == ["Protests", "Explosions/Remote violence", "Strategic developments"]
    assert en[0].sub_event_type == "Peaceful protest" and en[1].sub_event_type == "Air/drone strike"


def test_clear_short_french_cases_get_their_kind():
    fr = event_scorer().score(["Des milliers d'étudiants ont manifesté pacifiquement dans la capitale.",
                               "Une frappe aérienne a touché une base rebelle."], "fr")
    assert [s.event_type for s in fr] == ["Protests", "Explosions/Remote violence"]
