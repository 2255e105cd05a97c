"""The trained event reader as arrays, and the arithmetic that scores sentences with them (numpy
only: no scikit-learn or encoder at run time).

Two feature sets, one linear layer per head:

* ``words``: the sentence's vector in the distilled multilingual encoder space (static.py), the
  mean of its words' vectors. The layer is linear, so each word's vector times the layer's weights
  is stored instead of the vector (K numbers a word, not 384): the sentence's logits are the mean
  of its known words' rows. Every language the vocabulary covers.
* ``terms``: TF-IDF of the words and word pairs seen in training (English ACLED notes): sharper
  for English; a French sentence shares few of them, and its score then rests on the first.

Heads: ``event`` (one logit: the sentence reports an event) and ``sub_event_type`` (one logit a
sub-type). Stored in one .npz with a JSON header (``meta``) that names the sub-types.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sitrep.learn.text import words

FORMAT_VERSION = 1
HEADS = ("event", "sub_event_type")


@dataclass
class Head:
    words: np.ndarray  # (V, K): each vocabulary word's encoder vector times the layer's weights
    terms: np.ndarray  # (T, K)
    bias: np.ndarray  # (K,)


@dataclass
class EventModel:
    vocabulary: list[str]
    terms: list[str]  # "word" or "word word"
    idf: np.ndarray  # (T,)
    heads: dict[str, Head]
    sub_event_types: list[str]
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._word_index = {w: i for i, w in enumerate(self.vocabulary)}
        self._term_index = {t: i for i, t in enumerate(self.terms)}

    # -- features -------------------------------------------------------------------------------
    def word_ids(self, tokenised: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """The vocabulary ids of the sentences' known words, and each sentence's first (CSR indptr)."""
        ids: list[int] = []
        indptr = [0]
        for tokens in tokenised:
            ids.extend(i for i in map(self._word_index.get, tokens) if i is not None)
            indptr.append(len(ids))
        return np.asarray(ids, dtype=np.int64), np.asarray(indptr, dtype=np.int64)

    def term_features(self, tokenised: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The sentences' TF-IDF rows (sublinear term frequency, L2-normalised) as CSR arrays
        (data, indices, indptr)."""
        data: list[float] = []
        indices: list[int] = []
        indptr = [0]
        for tokens in tokenised:
            counts: dict[int, int] = {}
            grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
            for gram in grams:
                index = self._term_index.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if counts:
                ids = np.fromiter(counts, dtype=np.int64, count=len(counts))
                values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[ids]
                values /= np.linalg.norm(values)
                indices.extend(ids.tolist())
                data.extend(values.tolist())
            indptr.append(len(indices))
        return np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)

    def logits(self, sentences: list[str], use_terms: bool = True) -> dict[str, np.ndarray]:
        """Each head's logits, (n, K), for ``sentences``. ``use_terms=False``: the word vectors'
        layer alone, as a sentence sharing no term with training is read (evaluations)."""
        tokenised = [words(s) for s in sentences]
        ids, word_ptr = self.word_ids(tokenised)
        word_rows = np.repeat(np.arange(len(sentences)), np.diff(word_ptr))
        known = np.maximum(np.diff(word_ptr), 1)[:, None]  # a sentence with no known word: zeros
        data, indices, term_ptr = self.term_features(tokenised)
        term_rows = np.repeat(np.arange(len(sentences)), np.diff(term_ptr))
        out = {}
        for name, head in self.heads.items():
            logits = np.zeros((len(sentences), head.bias.shape[0]), dtype=np.float32)
            np.add.at(logits, word_rows, head.words[ids])
            logits = logits / known + head.bias
            if use_terms:
                np.add.at(logits, term_rows, data[:, None] * head.terms[indices])
            out[name] = logits
        return out

    # -- storage --------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        arrays = {
            "vocabulary": np.array(self.vocabulary), "terms": np.array(self.terms),
            "idf": self.idf.astype(np.float32),
            "meta": np.array(json.dumps({**self.meta, "format": FORMAT_VERSION,
                                         "sub_event_types": self.sub_event_types})),
        }
        for name, head in self.heads.items():
            arrays[f"{name}.words"] = head.words.astype(np.float16)
            arrays[f"{name}.terms"] = head.terms.astype(np.float16)
            arrays[f"{name}.bias"] = head.bias.astype(np.float32)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)

    @classmethod
    def load(cls, path: Path) -> EventModel:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            if meta.get("format") != FORMAT_VERSION:
                raise ValueError(f"{path}: event model format {meta.get('format')}, this sitrep reads {FORMAT_VERSION}")
            heads = {name: Head(words=stored[f"{name}.words"].astype(np.float32),
                                terms=stored[f"{name}.terms"].astype(np.float32), bias=stored[f"{name}.bias"])
                     for name in HEADS}
            return cls(vocabulary=stored["vocabulary"].tolist(), terms=stored["terms"].tolist(),
                       idf=stored["idf"], heads=heads, sub_event_types=meta.pop("sub_event_types"), meta=meta)
