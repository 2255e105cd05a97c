"""What the learned event reader costs: load time, microseconds per sentence and milliseconds per
600-word document, scoring every sentence (the most the pipeline would ask of it).

    .venv/bin/python bench/event_model_speed.py [--model DIR] [--docs 200] [--words 600]

Documents: the repository's example articles (examples/article-*.txt), their sentences cycled
into documents of --words words, split as the pipeline splits them (stages/candidates.py). Prints
figures; asserts nothing about time.
"""
from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents(lang: str, count: int, words: int) -> list[list[str]]:
    from sitrep.stages.candidates import split_sentences

    text = (ROOT / "examples" / f"article-{lang}.txt").read_text("utf-8")
    sentences = [s.text.strip() for s in split_sentences(text, lang).sents if s.text.strip()]
    cycle = itertools.cycle(sentences)
    docs = []
    for _ in range(count):
        doc, length = [], 0
        while length < words:
            sentence = next(cycle)
            doc.append(sentence)
            length += len(sentence.split())
        docs.append(doc)
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="model file or directory (default: the shipped one)")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--words", type=int, default=600)
    args = ap.parse_args()
    from sitrep.learn.scorer import event_scorer

    started = time.perf_counter()
    scorer = event_scorer(args.model)
    print(f"model load: {time.perf_counter() - started:.2f} s ({len(scorer.model.vocabulary)} words, "
          f"{len(scorer.model.terms)} terms)")
    for lang in ("en", "fr"):
        docs = documents(lang, args.docs, args.words)
        sentences = sum(len(d) for d in docs)
        scorer.score(docs[0], lang)  # warm
        started = time.process_time()
        for doc in docs:
            scorer.score(doc, lang)
        cpu = time.process_time() - started
        started = time.process_time()
        for doc in docs:
            scorer.probabilities(doc)
        arrays = time.process_time() - started
        print(f"{lang}: {args.docs} documents of {args.words}+ words, {sentences / args.docs:.1f} sentences each: "
              f"score() {1000 * cpu / args.docs:.2f} CPU ms/document, {1e6 * cpu / sentences:.0f} us/sentence; "
              f"probabilities() (arrays, no pydantic) {1000 * arrays / args.docs:.2f} ms/document")


if __name__ == "__main__":
    main()
