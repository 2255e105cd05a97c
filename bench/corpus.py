"""Build a benchmark corpus (JSON Lines documents) from real texts available to the project:
its own example articles, the shared seed article, the GeoWebNews and LGL news articles and
ACLED analysts' notes in ../shared/data, cycled until the corpus has the size asked for.

    python bench/corpus.py OUT.jsonl --size 200 [--min-words 0]
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def own_examples() -> Iterator[dict]:
    published = {"article-fr.txt": "2024-03-08", "article-en.txt": "2020-03-25"}
    for path in sorted((ROOT / "examples").glob("article-*.txt")):
        yield {"id": path.stem, "text": path.read_text("utf-8"), "published": published.get(path.name)}


def seed() -> Iterator[dict]:
    article = SHARED / "gold" / "seed" / "article.txt"
    if article.exists():
        yield {"id": "seed-handarat", "text": article.read_text("utf-8"), "published": "2016-09-24", "language": "fr"}


def geoparsing_articles() -> Iterator[dict]:
    for name in ("GWN.xml", "lgl.xml"):
        path = SHARED / "data" / "geoparsing" / name
        if not path.exists():
            continue
        for n, article in enumerate(ET.parse(path).getroot().iter("article")):
            text = (article.findtext("text") or "").strip()
            if text:
                yield {"id": f"{path.stem}-{n}", "text": text, "published": "2018-01-15", "language": "en"}


def acled_notes() -> Iterator[dict]:
    for path in sorted((SHARED / "data" / "acled").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in itertools.islice(csv.DictReader(fh), 2000):
                notes = (row.get("notes") or row.get("NOTES") or "").strip()
                if notes:
                    yield {"id": f"{path.stem}-{row.get('event_id_cnty') or row.get('EVENT_ID_CNTY')}",
                           "text": notes, "language": "en"}


def real_texts(min_words: int = 0) -> list[dict]:
    texts = [*own_examples(), *seed(), *geoparsing_articles(), *acled_notes()]
    return [t for t in texts if len(t["text"].split()) >= min_words]


def build(size: int, min_words: int = 0) -> Iterator[dict]:
    """``size`` documents, the real texts cycled (each copy with its own id)."""
    texts = real_texts(min_words)
    if not texts:
        sys.exit("no texts found: ../shared is absent and examples/ is empty")
    for n, doc in enumerate(itertools.islice(itertools.cycle(texts), size)):
        yield {**doc, "id": f"{doc['id']}#{n}"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--size", type=int, default=200)
    ap.add_argument("--min-words", type=int, default=0, help="keep only texts this long (news articles, not notes)")
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        for doc in build(args.size, args.min_words):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
