"""Throughput of the whole pipeline: documents/s and events/s with 1 and 2 local workers and on a
local Ray instance, beside the spaCy parse alone (issue 7's benchmark).

    .venv/bin/python bench/throughput.py [--size 10000] [--min-words 150] [--skip-ray]

Builds the corpus from real texts with bench/corpus.py (news articles of at least --min-words
words, cycled to --size documents), then runs each mode in a fresh process over the same file,
streamed from disk as `sitrep ingest` does. Each mode reports two rates: end to end (from the
start, model loading included) and steady (after the first tenth of the results, when every
worker has its models loaded; below a few hundred documents, a handful of batches, it means
little). CPU ms/doc is the workers' (or actors') CPU time per document, their model loading
included where they load the models themselves (2 workers, Ray).
Peak RSS is per worker process (VmHWM/ru_maxrss of the largest). The machine's load average is
printed: on a shared machine every rate is lower than on an idle one.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

RAY_ACTOR_MARK = b"ray::Extractor"


def _languages(docs: list[dict]) -> list[str]:
    from sitrep.stages.language import identify

    return [d.get("language") or identify(d["text"]).lang for d in docs]


def run_parse(path: str) -> dict:
    """The spaCy parse alone (with sitrep's line-break and actor-ruler components and its looked-up
    attribute ruler, as the pipeline loads it), one nlp(text) per document, one process."""
    from sitrep.stages.parse import pipeline_for

    docs = [json.loads(line) for line in open(path, encoding="utf-8")]
    langs = _languages(docs)
    for lang in set(langs):
        pipeline_for(lang)("Warm-up sentence.")
    start, cpu_start = time.perf_counter(), time.process_time()
    for doc, lang in zip(docs, langs):
        pipeline_for(lang)(doc["text"])
    seconds = time.perf_counter() - start
    return {"docs": len(docs), "events": 0, "seconds": seconds, "steady_seconds": seconds,
            "cpu_seconds": time.process_time() - cpu_start,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _cpu_seconds(usage: int) -> float:
    r = resource.getrusage(usage)
    return r.ru_utime + r.ru_stime


def _ray_actors() -> dict[str, tuple[float, float]]:
    """(peak RSS in MB, CPU seconds) of each live Ray extraction actor on this machine, by pid."""
    found = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "cmdline").read_bytes().startswith(RAY_ACTOR_MARK):
                peak = int((proc / "status").read_text().split("VmHWM:")[1].split()[0]) / 1024
                utime, stime = (proc / "stat").read_text().rsplit(")", 1)[1].split()[11:13]
                found[proc.name] = (peak, (int(utime) + int(stime)) / ticks)
        except (OSError, IndexError, ValueError):
            continue
    return found


def run_pipeline(path: str, workers: int, engine: str) -> dict:
    """The whole pipeline over the corpus file, streamed, with ``workers`` processes or Ray actors."""
    from sitrep.inputs import read_jsonl
    from sitrep.pipeline import extract_documents

    if engine == "ray":
        from sitrep.scale.ray_engine import connect, extract_documents_ray

        connect(None, workers)  # starting Ray itself is not extraction time
        results = extract_documents_ray(read_jsonl(path), workers=workers)
    else:
        if workers == 1:  # in this process: load the models before the clock starts
            from sitrep.models import Document
            from sitrep.pipeline import extract_document

            for lang in set(_languages([json.loads(line) for line in open(path, encoding="utf-8")])):
                extract_document(Document(text="Warm-up: the army took the town on Monday.", language=lang))
        results = extract_documents(read_jsonl(path), n_process=workers)
    usage = resource.RUSAGE_SELF if workers == 1 else resource.RUSAGE_CHILDREN
    # The steady rate starts after the first tenth of the results: every worker has its models
    # loaded and is in full swing by then (timing from the first result would count the other
    # workers' first batches, mostly done before it, inside the steady window).
    with open(path, encoding="utf-8") as fh:
        warm_up = max(1, sum(1 for _ in fh) // 10)
    docs = events = 0
    actors: dict[str, tuple[float, float]] = {}
    start, cpu_start = time.perf_counter(), _cpu_seconds(usage)
    steady_start = None
    for result in results:
        docs += 1
        if docs == warm_up:
            steady_start = time.perf_counter()
        events += len(result.events)
        if engine == "ray" and docs % 10 == 0:  # the actors die with the run: sample while they live
            actors.update(_ray_actors())
    end = time.perf_counter()
    if engine == "ray":
        peak = max((rss for rss, _ in actors.values()), default=0.0)
        cpu = sum(cpu for _, cpu in actors.values())  # up to the last sample: a few documents short
    else:
        peak = resource.getrusage(usage).ru_maxrss / 1024
        cpu = _cpu_seconds(usage) - cpu_start
    return {"docs": docs, "events": events, "seconds": end - start, "cpu_seconds": cpu,
            "steady_seconds": end - (steady_start or start), "steady_docs": max(docs - warm_up, 1), "peak_rss_mb": peak}


# The stage functions code_document calls, timed one by one with --stages (CPU time, which the
# machine's other load disturbs less than wall time).
STAGES = {
    "sitrep.pipeline": ["document_text"],
    "sitrep.stages.language": ["identify"],
    "sitrep.stages.candidates": ["text_to_parse"],
    "sitrep.stages.parse": ["parse", "parse_together"],
    "sitrep.stages.places": ["find_places", "geocode"],
    "sitrep.stages.actors": ["find_actors"],
    "sitrep.stages.dates": ["find_dates"],
    "sitrep.stages.fatalities": ["find_fatalities"],
    "sitrep.stages.triggers": ["find_triggers"],
    "sitrep.stages.arguments": ["find_frames"],
    "sitrep.stages.attribution": ["reporting_verb_tokens", "attribute"],
    "sitrep.stages.events": ["code_events"],
}


def profile_stages(path: str, size: int) -> None:
    """CPU seconds per stage over the first ``size`` documents, in one process, models warm."""
    import importlib

    from sitrep.models import Document
    from sitrep.pipeline import extract_document

    docs = [json.loads(line) for _, line in zip(range(size), open(path, encoding="utf-8"))]
    for lang in set(_languages(docs)):
        extract_document(Document(text="Warm-up: the army took the town on Monday.", language=lang))
    spent: dict[str, float] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return wrapper

    for module_name, functions in STAGES.items():
        module = importlib.import_module(module_name)
        for function in functions:
            setattr(module, function, timed(f"{module_name.rsplit('.', 1)[-1]}.{function}", getattr(module, function)))
    import sitrep.pipeline
    sitrep.pipeline.identify = sitrep.stages.language.identify  # imported by name at module load
    start = time.process_time()
    for doc in docs:
        extract_document(Document(**doc))
    total = time.process_time() - start
    print(f"CPU time per stage over {len(docs)} documents: {total:.1f} s in all, {1000 * total / len(docs):.0f} ms/doc")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:34s} {seconds:7.2f} s  {100 * seconds / total:5.1f}%  {1000 * seconds / len(docs):6.1f} ms/doc")
    profile_parse_components(docs)


def profile_parse_components(docs: list[dict]) -> None:
    """CPU time of each component of the spaCy pipeline, language by language."""
    from sitrep.stages.parse import pipeline_for

    langs = _languages(docs)
    for lang in sorted(set(langs)):
        nlp = pipeline_for(lang)
        texts = [doc["text"] for doc, doc_lang in zip(docs, langs) if doc_lang == lang]
        spent = dict.fromkeys(["tokenizer", *nlp.pipe_names], 0.0)
        for text in texts:
            start = time.process_time()
            doc = nlp.make_doc(text)
            spent["tokenizer"] += time.process_time() - start
            for name, component in nlp.pipeline:
                start = time.process_time()
                doc = component(doc)
                spent[name] += time.process_time() - start
        total = sum(spent.values())
        print(f"spaCy parse ({lang}, {len(texts)} documents): {1000 * total / len(texts):.0f} CPU ms/doc; by component:")
        for name, seconds in spent.items():
            print(f"  {name:34s} {100 * seconds / total:5.1f}%  {1000 * seconds / len(texts):6.1f} ms/doc")


def _mode(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"benchmark mode {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=10_000, help="documents in the corpus")
    ap.add_argument("--min-words", type=int, default=150, help="keep news articles this long (not short notes)")
    ap.add_argument("--skip-ray", action="store_true", help="without the Ray mode (Ray not installed)")
    ap.add_argument("--corpus", default="/tmp/sitrep-bench-throughput.jsonl", help="where to write the corpus")
    ap.add_argument("--stages", type=int, metavar="N", help="instead: CPU time per stage over N documents")
    ap.add_argument("--run", nargs=3, metavar=("MODE", "WORKERS", "CORPUS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        mode, workers, path = args.run
        print(json.dumps(run_parse(path) if mode == "parse" else run_pipeline(path, int(workers), mode)))
        return

    path = Path(args.corpus)
    with path.open("w", encoding="utf-8") as fh:
        words = 0
        for doc in corpus.build(args.size, args.min_words):
            words += len(doc["text"].split())
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    if args.stages:
        profile_stages(str(path), args.stages)
        return
    print(f"corpus: {args.size} documents (real texts >= {args.min_words} words, cycled), "
          f"{words:,} words, mean {words / args.size:.0f} words/document; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    modes = [("spaCy parse alone, 1 process", ["parse", "1"]),
             ("pipeline, 1 worker", ["local", "1"]),
             ("pipeline, 2 workers", ["local", "2"])]
    if not args.skip_ray:
        modes.append(("pipeline, Ray (local, 2 actors)", ["ray", "2"]))
    rates = {}
    for label, mode in modes:
        r = _mode(["--run", *mode, str(path)])
        steady = r.get("steady_docs", r["docs"]) / r["steady_seconds"]
        rates[tuple(mode)] = steady
        print(f"{label:33s}: {r['docs'] / r['seconds']:6.2f} docs/s end to end, {steady:6.2f} docs/s steady, "
              f"{r['events'] / r['seconds']:7.2f} events/s ({r['events']}), {words / r['seconds']:7.0f} words/s, "
              f"{1000 * r['cpu_seconds'] / r['docs']:4.0f} CPU ms/doc, "
              f"peak RSS per worker {r['peak_rss_mb']:5.0f} MB ({r['seconds']:.0f} s)")
    parse, one, two = rates[("parse", "1")], rates[("local", "1")], rates[("local", "2")]
    print(f"pipeline / parse time ratio (1 process, steady): {parse / one:.2f}x (target <= 1.3x)")
    print(f"scaling 1 -> 2 workers (steady): {two / one:.2f}x (target >= 1.7x)")
    print(f"steady rate with 2 workers at the corpus's mean length: {two:.2f} docs/s "
          f"(target >= 25 docs/s for 600-word articles); load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
