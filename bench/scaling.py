"""How extraction time and memory grow with the length of one document (issue 18): each text kind
at 10 KB, 100 KB and 1 MB of characters, one document, in a fresh process each.

    nice -n 10 .venv/bin/python bench/scaling.py [--sizes 10000,100000,1000000] [--kinds news-en,...]
                                                 [--timeout 600] [--shared ../shared]

Text kinds:
  news-en      real English news articles (LGL and GeoWebNews from ../shared/data/geoparsing,
               read at run time, never copied), concatenated in corpus order, no article twice;
               where ../shared is absent, the English articles of bench/articles (cycled)
  written-fr   the French articles written for evaluation (bench/articles), concatenated and
               cycled past their 39 KB
  repeated-en  one English event sentence (invented), repeated
  repeated-fr  one French event sentence (invented), repeated

Each run loads the models on a short document first, then extracts the long one as
sitrep.pipeline does, each step timed: prepare (HTML, limits, language), candidates (the sentences
worth parsing, stages/candidates.py), the spaCy parse of those ("parsed": their share of the
text), event coding (places to events); with the events found, the peak resident memory of the
process (the models' 0.2-0.6 GB included) and its growth over the warm process. A run past --timeout is reported as
such. Linear time means about 10x the seconds for 10x the text.
"""
from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "bench" / "articles"
PUBLISHED = date(2019, 5, 15)
SENTENCES = {
    "en": "Government forces shelled the town of Maarat al-Numan on Tuesday, killing 12 civilians, "
          "according to the Syrian Observatory for Human Rights. ",
    "fr": "Les forces du régime ont bombardé mardi la ville de Maarat al-Noomane, tuant 12 civils, "
          "selon l'Observatoire syrien des droits de l'homme. ",
}
KINDS = {"news-en": "en", "written-fr": "fr", "repeated-en": "en", "repeated-fr": "fr"}
WARM_UP = {"en": "Rebels attacked an army post near Idlib on Monday.", "fr": "Des rebelles ont attaqué un poste de l'armée lundi."}


def written_articles(lang: str) -> list[str]:
    texts = []
    for path in sorted(WRITTEN.glob("*/docs.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            doc = json.loads(line)
            if doc.get("language") == lang and doc.get("text"):
                texts.append(doc["text"])
    return texts


def news_articles() -> list[str]:
    """Real English news articles, in corpus order (or, without ../shared, the written English ones)."""
    found = [doc["text"] for doc in corpus.geoparsing_articles()]
    if not found:
        print(f"scaling: {corpus.SHARED} is absent: news-en is the written English articles, cycled",
              file=sys.stderr)
        return written_articles("en")
    return found


def build_text(kind: str, size: int) -> str:
    """``size`` characters of ``kind``: whole articles (or sentences) joined, the last one cut at a space."""
    if kind.startswith("repeated-"):
        pieces = itertools.repeat(SENTENCES[KINDS[kind]])
        separator = ""
    else:
        pieces = itertools.cycle(news_articles() if kind == "news-en" else written_articles("fr"))
        separator = "\n\n"
    parts, length = [], 0
    for piece in pieces:
        parts.append(piece)
        length += len(piece) + len(separator)
        if length >= size:
            break
    text = separator.join(parts)[:size]
    return text[:text.rfind(" ")] if len(text) == size and " " in text else text


def _visible(text: str) -> int:
    """Characters that are not whitespace (blanked sentences are whitespace)."""
    return len(text) - sum(text.count(space) for space in " \n\t\r")


def _memory_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process, MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def measure(kind: str, size: int) -> dict:
    """One run, in this process: the figures as a dict."""
    from sitrep.models import Document
    from sitrep.pipeline import ReadyToParse, code_document, extract_document, prepare
    from sitrep.stages.candidates import text_to_parse
    from sitrep.stages.parse import parse_together

    lang = KINDS[kind]
    text = build_text(kind, size)
    extract_document(Document(text=WARM_UP[lang], language=lang, published=PUBLISHED))
    warm_mb, _ = _memory_mb()
    document = Document(id=f"{kind}-{size}", text=text, language=lang, published=PUBLISHED)
    started = time.perf_counter()
    ready = prepare(document)
    if not isinstance(ready, ReadyToParse):
        return {"chars": len(text), "status": ready.status, "reason": ready.reason,
                "seconds": time.perf_counter() - started, "events": 0}
    prepared = time.perf_counter()
    # as pipeline.parse_documents does it, in two steps timed apart
    to_parse = text_to_parse(ready.text, lang)
    selected = time.perf_counter()
    doc = parse_together([to_parse], lang)[0]
    parsed = time.perf_counter()
    events = code_document(doc, lang, PUBLISHED, document.id)
    done = time.perf_counter()
    _, peak_mb = _memory_mb()
    return {"chars": len(text), "status": "ok", "events": len(events), "seconds": done - started,
            "prepare_s": prepared - started, "candidates_s": selected - prepared, "parse_s": parsed - selected,
            "coding_s": done - parsed, "parsed_share": _visible(to_parse) / max(1, _visible(text)),
            "peak_mb": peak_mb, "growth_mb": peak_mb - warm_mb}


def run(kind: str, size: int, timeout: float, shared: Path) -> dict:
    """One run in a fresh process, so that each peak is its own."""
    command = [sys.executable, __file__, "--one", kind, str(size), "--shared", str(shared)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f"not finished in {timeout:g} s", "seconds": time.perf_counter() - started}
    if done.returncode:
        return {"status": f"failed (exit {done.returncode})", "reason": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cell(figures: dict, key: str, fmt: str) -> str:
    return format(figures[key], fmt) if key in figures else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="characters, comma-separated")
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of: {', '.join(KINDS)}")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds one run may take")
    ap.add_argument("--shared", type=Path, default=corpus.SHARED, help="the shared data folder (default ../shared)")
    ap.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    corpus.SHARED = args.shared
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    unknown = set(kinds) - set(KINDS)
    if unknown:
        sys.exit(f"unknown kinds: {', '.join(sorted(unknown))}")
    print("| text | characters | status | events | seconds | prepare s | candidates s | parse s | parsed | coding s "
          "| peak RSS MB | growth MB |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in kinds:
        for size in sizes:
            figures = run(kind, size, args.timeout, args.shared)
            status = figures["status"] + (f" ({figures['reason']})" if figures.get("reason") else "")
            print(f"| {kind} | {figures.get('chars', size):,} | {status} | {figures.get('events', '-')} | "
                  f"{_cell(figures, 'seconds', '.1f')} | {_cell(figures, 'prepare_s', '.1f')} | "
                  f"{_cell(figures, 'candidates_s', '.1f')} | {_cell(figures, 'parse_s', '.1f')} | "
                  f"{_cell(figures, 'parsed_share', '.0%')} | {_cell(figures, 'coding_s', '.1f')} | "
                  f"{_cell(figures, 'peak_mb', ',.0f')} | {_cell(figures, 'growth_mb', ',.0f')} |", flush=True)


if __name__ == "__main__":
    main()
