"""Cost of actor resolution: the actor ruler inside the spaCy pipeline and ``find_actors`` after it,
beside the parse itself.

    .venv/bin/python bench/bench_actors.py [--input docs.jsonl] [--lang fr|en] [--limit 200]

Without --input it reads the development data in ../shared (the seed article and ACLED notes),
and exits with a message where that is absent. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _default_corpus(lang: str, limit: int) -> list[tuple[str, date | None]]:
    if lang == "fr":
        seed = SHARED / "gold" / "seed" / "article.txt"
        if not seed.exists():
            sys.exit(f"no corpus: {seed} is absent; give --input docs.jsonl")
        # one real article, split into paragraph-sized documents to reach `limit`
        paragraphs = [p for p in seed.read_text("utf-8").split("\n") if len(p) > 80]
        return [(paragraphs[i % len(paragraphs)], date(2016, 9, 24)) for i in range(limit)]
    import csv

    export = SHARED / "data" / "acled" / "afghanistan-2020-03.csv"
    if not export.exists():
        sys.exit(f"no corpus: {export} is absent; give --input docs.jsonl")
    with export.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("notes")][:limit]
    return [(r["notes"], None) for r in rows]


def _read_jsonl(path: str, limit: int) -> list[tuple[str, date | None]]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("text"):
                docs.append((row["text"], date.fromisoformat(row["published"]) if row.get("published") else None))
            if len(docs) >= limit:
                break
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input")
    ap.add_argument("--lang", default="fr", choices=["fr", "en"])
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    docs = _read_jsonl(args.input, args.limit) if args.input else _default_corpus(args.lang, args.limit)

    from sitrep.actors.resolver import language_data
    from sitrep.stages.actors import RULER_NAME, find_actors, match_tokens
    from sitrep.stages.parse import pipeline_for

    nlp = pipeline_for(args.lang)
    started = time.perf_counter()
    data = language_data(args.lang)
    build = time.perf_counter() - started
    texts = [text for text, _ in docs]
    n_words = sum(len(t.split()) for t in texts)

    list(nlp.pipe(texts[:20]))  # warm-up

    def best_parse_time(disabled: list[str]) -> tuple[float, list]:
        timings = []
        for _ in range(2):
            with nlp.select_pipes(disable=disabled):
                started = time.perf_counter()
                result = list(nlp.pipe(texts))
                timings.append(time.perf_counter() - started)
        return min(timings), result

    parse_alone, bare = best_parse_time([RULER_NAME])
    with_ruler, parsed = best_parse_time([])
    started = time.perf_counter()
    for doc in bare:
        match_tokens(doc, data)
    ruler = time.perf_counter() - started
    started = time.perf_counter()
    n_mentions = sum(len(find_actors(doc, args.lang, published=day, country="Syria" if args.lang == "fr" else "Afghanistan"))
                     for doc, (_, day) in zip(parsed, docs))
    finding = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = len(texts)
    print(f"documents: {n} ({args.lang}, {n_words} words), mentions found: {n_mentions}")
    print(f"phrase index build (once per language): {build * 1000:.0f} ms, {len(data.index.phrases())} phrases")
    print(f"parse without actor ruler: {n / parse_alone:.1f} docs/s (best of 2)")
    print(f"parse with actor ruler:    {n / with_ruler:.1f} docs/s (best of 2)")
    print(f"actor ruler matching alone: {ruler / n * 1000:.2f} ms/doc")
    print(f"find_actors after parse:    {finding / n * 1000:.2f} ms/doc")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
