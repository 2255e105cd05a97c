"""Extraction speed and memory beside the spaCy parse alone (issue 2's benchmark).

    .venv/bin/python bench/extract.py [--size 200] [--min-words 150]

Builds a corpus of real news texts (bench/corpus.py), then in a fresh process each: parses it
with spaCy alone, and runs the whole sitrep pipeline over it. Models are loaded and warmed up
before the clock starts. Prints articles/s, words/s, peak RSS and the pipeline/parse time ratio.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def run_mode(mode: str, docs: list[dict]) -> dict:
    from sitrep.models import Document
    from sitrep.pipeline import extract_document
    from sitrep.stages.language import identify
    from sitrep.stages.parse import pipeline_for

    langs = [d.get("language") or identify(d["text"]).lang for d in docs]
    for lang in set(langs):
        nlp = pipeline_for(lang)
        if mode == "parse":
            nlp("Warm-up sentence.")
        else:
            extract_document(Document(text="Warm-up: the army took the town on Monday.", language=lang))
    events = 0
    start = time.perf_counter()
    for doc, lang in zip(docs, langs):
        if mode == "parse":
            pipeline_for(lang)(doc["text"])
        else:
            result = extract_document(Document(**{**doc, "language": lang}))
            events += len(result.events)
    seconds = time.perf_counter() - start
    return {"mode": mode, "seconds": seconds, "docs": len(docs), "events": events,
            "words": sum(len(d["text"].split()) for d in docs),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=200)
    ap.add_argument("--min-words", type=int, default=150)
    ap.add_argument("--mode", choices=["parse", "pipeline"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:
        docs = [json.loads(line) for line in open(args.corpus, encoding="utf-8")]
        print(json.dumps(run_mode(args.mode, docs)))
        return
    path = Path("/tmp/sitrep-bench-extract.jsonl")
    with path.open("w", encoding="utf-8") as fh:
        for doc in corpus.build(args.size, args.min_words):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    results = {}
    for mode in ("parse", "pipeline"):
        out = subprocess.run([sys.executable, __file__, "--mode", mode, "--corpus", str(path)],
                             capture_output=True, text=True, check=True)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    parse, pipe = results["parse"], results["pipeline"]
    print(f"corpus: {parse['docs']} real news texts (>= {args.min_words} words), {parse['words']:,} words, "
          f"median {parse['words'] // parse['docs']} words/article")
    for r in (parse, pipe):
        label = "spaCy parse alone" if r["mode"] == "parse" else "sitrep pipeline  "
        print(f"{label}: {r['docs'] / r['seconds']:6.1f} articles/s  {r['words'] / r['seconds']:8.0f} words/s  "
              f"peak RSS {r['peak_rss_mb']:6.0f} MB" + (f"  {r['events']} events" if r["mode"] == "pipeline" else ""))
    print(f"pipeline / parse time ratio: {pipe['seconds'] / parse['seconds']:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
