"""The event reader's arithmetic on a small model built by hand: features, logits, storage, the
scorer's typed answer, and where the model is loaded from."""
from __future__ import annotations

import math

import numpy as np
import pytest

from sitrep.learn.model import EventModel, Head
from sitrep.learn.scorer import MODEL_ENV, EventScorer, SentenceScores, event_scorer, model_path
from sitrep.taxonomy import sub_event_types

SUBS = list(sub_event_types())


def small_model() -> EventModel:
    vocabulary = ["rebels", "attacked", "the", "village", "football"]
    terms = ["attacked", "attacked the", "football", "rebels"]
    event_words = np.array([[0, 2], [0, 1], [0, 0], [0, 1], [1, -1]], dtype=np.float32)
    event_terms = np.zeros((4, 2), dtype=np.float32)
    event_terms[2] = [1.5, -1.5]  # "football" says no event
    sub_words = np.zeros((5, len(SUBS)), dtype=np.float32)
    sub_terms = np.zeros((4, len(SUBS)), dtype=np.float32)
    sub_terms[0, SUBS.index("Attack")] = 10.0
    return EventModel(vocabulary=vocabulary, terms=terms, idf=np.array([1.0, 2.0, 1.0, 1.5], dtype=np.float32),
                      heads={"event": Head(event_words, event_terms, np.zeros(2, dtype=np.float32)),
                             "sub_event_type": Head(sub_words, sub_terms, np.zeros(len(SUBS), dtype=np.float32))},
                      sub_event_types=SUBS)


def test_word_rows_are_averaged_over_the_known_words():
    model = small_model()
    logits = model.logits(["rebels attacked the unknown", "unknown words only"])["event"]
    assert np.allclose(logits[0], [0, 1])  # (2 + 1 + 0) / 3 known words; no term of the event head fires
    assert np.allclose(logits[1], 0.0)  # no known word: no evidence either way


def test_term_features_are_sublinear_tfidf_of_words_and_pairs():
    model = small_model()
    data, indices, indptr = model.term_features([["rebels", "attacked", "the", "attacked"], []])
    row = dict(zip(indices[indptr[0]:indptr[1]].tolist(), data[indptr[0]:indptr[1]].tolist()))
    raw = {0: (1 + math.log(2)) * 1.0, 1: 1 * 2.0, 3: 1 * 1.5}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    assert row == pytest.approx({k: v / norm for k, v in raw.items()})
    assert indptr[1] == indptr[2]  # an empty sentence has no terms


def test_logits_add_both_feature_sets(tmp_path):
    model = small_model()
    logits = model.logits(["Rebels attacked the village.", "Football"])
    assert logits["event"].shape == (2, 2) and logits["sub_event_type"].shape == (2, len(SUBS))
    assert logits["event"][0, 1] > logits["event"][0, 0]
    assert logits["event"][1, 1] < logits["event"][1, 0]
    path = tmp_path / "model.npz"
    model.save(path)
    again = EventModel.load(path)
    assert again.sub_event_types == SUBS and again.vocabulary == model.vocabulary
    assert np.allclose(again.logits(["Rebels attacked the village."])["sub_event_type"],
                       logits["sub_event_type"][:1], atol=1e-2)  # stored as float16


def test_the_scorer_answers_distributions_over_the_25_sub_types():
    scores = EventScorer(small_model()).score(["Rebels attacked the village.", "Football", ""], "en")
    assert all(isinstance(s, SentenceScores) for s in scores)
    assert len(scores[0].sub_event_types) == 25
    assert sum(scores[0].sub_event_types.values()) == pytest.approx(1.0, abs=1e-4)
    assert scores[0].sub_event_type == "Attack" and scores[0].event_type == "Violence against civilians"
    assert scores[0].event_probability > 0.5 > scores[1].event_probability
    assert EventScorer(small_model()).score([], "fr") == []


def test_a_model_naming_an_unknown_sub_type_is_refused():
    model = small_model()
    model.sub_event_types = SUBS[:-1] + ["Picnic"]
    with pytest.raises(ValueError, match="Picnic"):
        EventScorer(model)


def test_the_model_comes_from_a_directory_the_environment_names(tmp_path, monkeypatch):
    small_model().save(tmp_path / "event-model.npz")
    monkeypatch.setenv(MODEL_ENV, str(tmp_path))
    assert model_path() == tmp_path / "event-model.npz"
    assert event_scorer().model.vocabulary[0] == "rebels"
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match=MODEL_ENV):
        model_path()
