"""Benchmark the gazetteer and the geocoder; prints measured figures, asserts nothing.

    .venv/bin/python bench/geocode.py [--docs 200] [--skip-build]

- build: time and size of the embedded default gazetteer, built into a temporary file;
- look-up: per mention, the time of find_places + geocode over real articles (the LGL corpus in
  ../shared/data/geoparsing when present, else texts this script writes), and of a bare gazetteer
  look-up (exact + bounded fuzzy) with cold caches. The spaCy parse is not timed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from sitrep.geo.build import build_default, open_gazetteer
from sitrep.geo.resolver import candidates
from sitrep.stages.parse import pipeline_for
from sitrep.stages.places import find_places, geocode

# the shared development data: beside the repository, or where $SITREP_SHARED says
SHARED = Path(os.environ.get("SITREP_SHARED") or Path(__file__).resolve().parents[2] / "shared")
LGL = SHARED / "data" / "geoparsing" / "lgl.xml"
FALLBACK_TEXTS = [
    "Clashes erupted near Aleppo and in the Idlib countryside, while air strikes hit Douma, east of Damascus.",
    "Two soldiers were killed in Kandahar province; police in Lashkar Gah said a bomb exploded near the market.",
    "Protesters gathered in Colombo and Kandy on Monday, 20 km north of the capital, police said.",
    "Al Shabaab fighters attacked a base in Baidoa, Bay region, and fled towards Kismayo in Lower Juba.",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def texts(limit: int) -> list[str]:
    if LGL.exists():
        found = [a.findtext("text") or "" for a in ET.parse(LGL).getroot().iter("article")]
        return found[:limit]
    print(f"note: {LGL} absent: timing on {len(FALLBACK_TEXTS)} texts written by this script", file=sys.stderr)
    return (FALLBACK_TEXTS * (limit // len(FALLBACK_TEXTS) + 1))[:limit]


def bench_build() -> None:
    with tempfile.TemporaryDirectory() as folder:
        stats = build_default(Path(folder) / "gazetteer.sqlite")
    print(f"build: {stats['build_seconds']:.1f} s, {stats['size_bytes'] / 2**20:.1f} MiB, "
          f"{stats['places']} places, {stats['names']} names")


def bench_lookups(limit: int) -> None:
    gazetteer = open_gazetteer()
    nlp = pipeline_for("en")
    per_mention_ms, per_doc_ms, names = [], [], []
    docs = [nlp(text) for text in texts(limit)]
    for doc in docs:
        started = time.perf_counter()
        places = find_places(doc, "en", gazetteer)
        geocode(doc, places, "en", gazetteer)
        elapsed = time.perf_counter() - started
        per_doc_ms.append(1000 * elapsed)
        if places:
            per_mention_ms.extend([1000 * elapsed / len(places)] * len(places))
            names.extend(p.name for p in places)
    print(f"find_places+geocode per mention: median {statistics.median(per_mention_ms):.2f} ms, "
          f"p95 {percentile(per_mention_ms, 0.95):.2f} ms ({len(per_mention_ms)} mentions, {len(docs)} docs, "
          f"caches warming as in a batch)")
    print(f"find_places+geocode per document: median {statistics.median(per_doc_ms):.2f} ms, "
          f"p95 {percentile(per_doc_ms, 0.95):.2f} ms")
    gazetteer.clear_caches()
    cold_ms = []
    for name in dict.fromkeys(names):
        started = time.perf_counter()
        candidates(gazetteer, name)
        cold_ms.append(1000 * (time.perf_counter() - started))
    print(f"gazetteer look-up per distinct name, cold cache: median {statistics.median(cold_ms):.3f} ms, "
          f"p95 {percentile(cold_ms, 0.95):.3f} ms ({len(cold_ms)} names)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--skip-build", action="store_true", help="do not time a fresh build")
    args = parser.parse_args()
    if not args.skip_build:
        bench_build()
    bench_lookups(args.docs)


if __name__ == "__main__":
    main()
