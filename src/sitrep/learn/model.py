"""The trained event reader as arrays, and the arithmetic that scores sentences with them (numpy
only: no scikit-learn or encoder at run time).

Two feature sets, one linear layer per head:

* ``static``: the sentence's vector in the distilled multilingual encoder space (static.py):
  the weighted mean of its words' stored vectors. Every language the vocabulary covers.
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
    static: np.ndarray  # (static dims, K)
    terms: np.ndarray  # (terms, K)
    bias: np.ndarray  # (K,)


@dataclass
class EventModel:
    vocabulary: list[str]
    vectors: np.ndarray  # (V, dims) float32: each word's vector, centred and projected
    word_weights: np.ndarray  # (V,)
    terms: list[str]  # "word" or "word word"
    idf: np.ndarray  # (T,)
    heads: dict[str, Head]
    sub_event_types: list[str]
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._word_index = {w: i for i, w in enumerate(self.vocabulary)}
        self._term_index = {t: i for i, t in enumerate(self.terms)}

    # -- features -------------------------------------------------------------------------------
    def static_features(self, tokenised: list[list[str]]) -> np.ndarray:
        """(n, dims): each sentence's weighted mean word vector, L2-normalised (zero where no word
        is known)."""
        out = np.zeros((len(tokenised), self.vectors.shape[1]), dtype=np.float32)
        for row, tokens in enumerate(tokenised):
            ids = [i for i in map(self._word_index.get, tokens) if i is not None]
            if ids:
                out[row] = self.word_weights[ids] @ self.vectors[ids]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)

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

    def logits(self, sentences: list[str]) -> dict[str, np.ndarray]:
        """Each head's logits, (n, K), for ``sentences``."""
        tokenised = [words(s) for s in sentences]
        static = self.static_features(tokenised)
        data, indices, indptr = self.term_features(tokenised)
        out = {}
        for name, head in self.heads.items():
            logits = static @ head.static + head.bias
            contributions = data[:, None] * head.terms[indices]
            for row in range(len(sentences)):
                if indptr[row] != indptr[row + 1]:
                    logits[row] += contributions[indptr[row]:indptr[row + 1]].sum(axis=0)
            out[name] = logits
        return out

    # -- storage --------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        arrays = {
            "vocabulary": np.array(self.vocabulary), "vectors": self.vectors.astype(np.float16),
            "word_weights": self.word_weights.astype(np.float16), "terms": np.array(self.terms),
            "idf": self.idf.astype(np.float32),
            "meta": np.array(json.dumps({**self.meta, "format": FORMAT_VERSION,
                                         "sub_event_types": self.sub_event_types})),
        }
        for name, head in self.heads.items():
            arrays[f"{name}.static"] = head.static.astype(np.float32)
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
            heads = {name: Head(static=stored[f"{name}.static"], terms=stored[f"{name}.terms"].astype(np.float32),
                                bias=stored[f"{name}.bias"]) for name in HEADS}
            return cls(vocabulary=stored["vocabulary"].tolist(), vectors=stored["vectors"].astype(np.float32),
                       word_weights=stored["word_weights"].astype(np.float32), terms=stored["terms"].tolist(),
                       idf=stored["idf"], heads=heads, sub_event_types=meta.pop("sub_event_types"), meta=meta)
