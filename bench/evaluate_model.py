"""Measure the learned event reader (src/sitrep/learn) on data it never trained on.

    .venv/bin/python bench/evaluate_model.py [--shared DIR] [--only regions,time,news,notes] [--json FILE]

* ``regions``: leave-region-out over ACLED's ``region_group`` (../shared/data/acled-train; groups
  under 1,000 rows together as "other"): train
  the sub-type head on every other region, test on the one left out; event type accuracy, sub-type
  accuracy and sub-type macro-F1 per region and their mean over regions.
* ``time``: train on events before 2022, test on 2022 on.
* ``news``: on ../shared/data/news-real (evaluation only: never trained on), the model given by
  --model (default: the shipped one) reads each sentence as the pipeline splits it; a sentence is
  an event sentence where a gold event's ``evidence`` words fall in it; the no-event articles'
  sentences, and the event articles' other sentences, are not. Precision and recall of
  event_probability >= threshold per language and threshold, on every sentence and on the
  sentences the trigger lexicon flags; sub-type and type accuracy on the event sentences.
* ``notes``: the whole pipeline (rules, with the shipped model as it is configured) codes a seeded
  sample of --notes ACLED notes of every region (../shared/data/acled-train, published on the
  event's day): the share of notes with at least one asserted event, and with an asserted event
  of the note's event type and of its sub-type, in all and per region. (The learned parts never
  trained on news; the shipped model did train on these notes, so this part measures the
  pipeline's reading of notes, not the model's held-out accuracy.)

The shared folder: --shared, else $SITREP_SHARED, else ../shared beside the repository.
The encoder's word vectors are cached in --vector-cache (embedding 40,000 words takes minutes).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
TIME_SPLIT = "2022-01-01"
# Regions with fewer rows are one group, "other", as the data's README counts them (Caucasus &
# Central Asia, East Asia, Oceania: 1,073 rows).
MIN_REGION_ROWS = 1000


def shared_dir(given: str | None) -> Path:
    return Path(given or os.environ.get("SITREP_SHARED") or ROOT.parent / "shared")


def read_notes(shared: Path):
    from sitrep.learn.corpus import read_acled

    notes = []
    for path in sorted((shared / "data" / "acled-train").glob("*.csv.gz")):
        notes += read_acled(path)[0]
    return notes


def subtype_scores(train_notes, test_notes, vector_cache: Path | None, settings, sample: int | None) -> dict:
    """Scores on ``test_notes`` of a sub-type head trained on ``train_notes`` (or ``sample`` of
    them drawn with the settings' seed)."""
    from sitrep.learn.linear import softmax
    from sitrep.learn.metrics import accuracy, macro_f1
    from sitrep.learn.scorer import type_matrix
    from sitrep.learn.train import TrainingData, train

    if sample and len(train_notes) > sample:
        train_notes = random.Random(settings.seed).sample(train_notes, sample)
    model = train(TrainingData(notes=train_notes), vector_cache=vector_cache, settings=settings,
                  subtype_head_only=True)
    event_types, type_of = type_matrix(model.sub_event_types)
    gold_sub, gold_type = [n.sub_event_type for n in test_notes], [n.event_type for n in test_notes]
    scores = {"train": len(train_notes), "test": len(test_notes)}
    for name, use_terms in (("", True), ("words_only_", False)):
        subs = softmax(model.logits([n.text for n in test_notes], use_terms=use_terms)["sub_event_type"])
        types = [event_types[i] for i in (subs @ type_of).argmax(axis=1)]
        predicted = [model.sub_event_types[i] for i in subs.argmax(axis=1)]
        scores |= {f"{name}type_acc": round(accuracy(gold_type, types), 4),
                   f"{name}subtype_acc": round(accuracy(gold_sub, predicted), 4),
                   f"{name}subtype_macro_f1": round(macro_f1(gold_sub, predicted), 4)}
    return scores


def region_of(notes) -> list[str]:
    sizes = Counter(n.region_group for n in notes)
    return [n.region_group if sizes[n.region_group] >= MIN_REGION_ROWS else "other" for n in notes]


def leave_region_out(notes, vector_cache: Path | None, settings, sample: int | None) -> dict:
    regions = region_of(notes)
    per_region = {}
    for region in sorted(set(regions)):
        started = time.time()
        per_region[region] = subtype_scores([n for n, r in zip(notes, regions) if r != region],
                                            [n for n, r in zip(notes, regions) if r == region], vector_cache, settings, sample)
        print(f"  {region:<40} {per_region[region]} ({time.time() - started:.0f} s)", flush=True)
    mean = {k: round(sum(r[k] for r in per_region.values()) / len(per_region), 4)
            for k in ("type_acc", "subtype_acc", "subtype_macro_f1")}
    return {"per_region": per_region, "mean_over_regions": mean}


def time_split(notes, vector_cache: Path | None, settings, sample: int | None) -> dict:
    return subtype_scores([n for n in notes if n.event_date < TIME_SPLIT],
                          [n for n in notes if n.event_date >= TIME_SPLIT], vector_cache, settings, sample)


def pipeline_on_notes(shared: Path, size: int, seed: int = 17) -> dict:
    """Share of ``size`` notes (drawn with ``seed``) that the pipeline gives an asserted event, one
    of the note's event type, one of its sub-type: in all and per region."""
    from sitrep.models import Document
    from sitrep.pipeline import extract_documents

    notes = read_notes(shared)
    sample = random.Random(seed).sample(notes, min(size, len(notes)))
    documents = [Document(id=str(i), text=note.text, published=note.event_date[:10], language="en")
                 for i, note in enumerate(sample)]
    counts: dict[str, Counter] = defaultdict(Counter)
    for note, result in zip(sample, extract_documents(documents)):
        asserted = [e for e in result.events if e.claim_status == "asserted"]
        for group in ("all", note.region_group):
            counts[group]["notes"] += 1
            counts[group]["with_event"] += bool(asserted)
            counts[group]["type"] += any(e.event_type == note.event_type for e in asserted)
            counts[group]["sub_type"] += any(e.sub_event_type == note.sub_event_type for e in asserted)
    report = {group: {"notes": c["notes"], **{key: round(c[key] / c["notes"], 3)
                                              for key in ("with_event", "type", "sub_type")}}
              for group, c in sorted(counts.items(), key=lambda item: (item[0] != "all", item[0]))}
    for group, row in report.items():
        print(f"  {group:<32} {row}", flush=True)
    return report


def labelled_news_sentences(shared: Path) -> list[dict]:
    """Each sentence of news-real as the pipeline splits it, with its language, whether a gold
    event's evidence falls in it (and those events' sub-types), whether its article has gold
    events, and whether the trigger lexicon flags it."""
    from sitrep.stages.candidates import sentences_with_triggers, split_sentences

    folder = shared / "data" / "news-real"
    docs = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    gold = defaultdict(list)
    for line in (folder / "events.jsonl").open(encoding="utf-8"):
        event = json.loads(line)
        gold[event["doc_id"]].append(event)
    rows, unplaced = [], 0
    for doc in docs:
        text, lang = doc["text"], doc["language"]
        spans = []
        for event in gold[doc["id"]]:
            start = text.find(event["evidence"])
            if start < 0:
                unplaced += 1
                continue
            spans.append((start, start + len(event["evidence"]), event))
        parsed = split_sentences(text, lang)
        for sentence, flagged in zip(parsed.sents, sentences_with_triggers(parsed, lang)):
            events = [e for s, e_, e in spans if s < sentence.end_char and e_ > sentence.start_char]
            rows.append({"doc": doc["id"], "lang": lang, "text": sentence.text, "flagged": flagged,
                         "event_article": bool(gold[doc["id"]]), "positive": bool(events),
                         "sub_types": sorted({e["sub_event_type"] for e in events}),
                         "types": sorted({e["event_type"] for e in events})})
    if unplaced:
        print(f"  news-real: {unplaced} gold evidence strings not found verbatim in their article (left out)")
    return rows


def confident_accuracy(scores, rows, threshold: float) -> dict:
    """Share of event sentences whose type probability reaches ``threshold``, and the type and
    sub-type accuracy on them (what a "model decides where it is sure" rule would get)."""
    sure = [(s, r) for s, r in zip(scores, rows) if s.event_type_probability >= threshold]
    return {"coverage": round(len(sure) / max(1, len(rows)), 4),
            "type_acc": round(sum(s.event_type in r["types"] for s, r in sure) / max(1, len(sure)), 4),
            "sub_type_acc": round(sum(s.sub_event_type in r["sub_types"] for s, r in sure) / max(1, len(sure)), 4)}


def news_detection(shared: Path, model_location: str | None) -> dict:
    from sitrep.learn.metrics import detection
    from sitrep.learn.scorer import event_scorer

    scorer = event_scorer(model_location)
    rows = labelled_news_sentences(shared)
    result = {}
    for lang in sorted({r["lang"] for r in rows}):
        mine = [r for r in rows if r["lang"] == lang]
        scores = scorer.score([r["text"] for r in mine], lang)
        probability = [s.event_probability for s in scores]
        gold = [r["positive"] for r in mine]
        flagged = [i for i, r in enumerate(mine) if r["flagged"]]
        no_event = [i for i, r in enumerate(mine) if not r["event_article"]]
        positives = [i for i, r in enumerate(mine) if r["positive"]]
        result[lang] = {
            "sentences": len(mine), "event_sentences": sum(gold),
            "no_event_article_sentences": len(no_event),
            "all_sentences": [detection(gold, probability, t).model_dump() for t in THRESHOLDS],
            "trigger_flagged": [detection([gold[i] for i in flagged], [probability[i] for i in flagged], t).model_dump()
                                for t in THRESHOLDS],
            "flagged_by_triggers": {"sentences": len(flagged), "event_sentences": sum(gold[i] for i in flagged)},
            "no_event_articles_flagged": {t: sum(probability[i] >= t for i in no_event) for t in THRESHOLDS},
            "event_sentences_not_flagged_by_triggers_found": {
                t: sum(probability[i] >= t for i in positives if not mine[i]["flagged"]) for t in THRESHOLDS},
            "sub_type_acc_on_event_sentences": round(
                sum(scores[i].sub_event_type in mine[i]["sub_types"] for i in positives) / max(1, len(positives)), 4),
            "type_acc_on_event_sentences": round(
                sum(scores[i].event_type in mine[i]["types"] for i in positives) / max(1, len(positives)), 4),
            "by_type_probability": {str(t): confident_accuracy([scores[i] for i in positives],
                                                               [mine[i] for i in positives], t)
                                    for t in (0.5, 0.7, 0.9)},
        }
        best = max(result[lang]["all_sentences"], key=lambda d: d["f1"])
        print(f"  news-real {lang}: {len(mine)} sentences, {sum(gold)} with gold evidence; best F1 "
              f"{best['f1']} at {best['threshold']} (P {best['precision']}, R {best['recall']}); "
              f"sub-type acc {result[lang]['sub_type_acc_on_event_sentences']}, "
              f"type acc {result[lang]['type_acc_on_event_sentences']}", flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", help="the shared folder (default $SITREP_SHARED or ../shared)")
    ap.add_argument("--only", default="regions,time,news", help="comma-separated: regions, time, news, notes")
    ap.add_argument("--notes", type=int, default=1000, help="notes the pipeline codes for `notes`")
    ap.add_argument("--notes-seed", type=int, default=17, help="seed of the notes' draw")
    ap.add_argument("--model", help="model file or directory for the news evaluation (default: the shipped one)")
    ap.add_argument("--vector-cache", type=Path, help="encoder word vectors kept between runs (.npz)")
    ap.add_argument("--json", type=Path, help="write every figure here")
    ap.add_argument("--train-sample", type=int, help="train each split's model on this many notes drawn with the "
                                                     "seed (quicker; the shipped model uses every note)")
    ap.add_argument("--max-iter", type=int, help="L-BFGS iterations (default: the shipped model's)")
    args = ap.parse_args()
    shared = shared_dir(args.shared)
    if not (shared / "data").is_dir():
        sys.exit(f"{shared / 'data'} is absent: nothing to evaluate (give --shared or SITREP_SHARED)")
    parts = set(args.only.split(","))
    from sitrep.learn.train import TrainingSettings

    settings = TrainingSettings(**({"max_iter": args.max_iter} if args.max_iter else {}))
    report: dict = {"date": time.strftime("%Y-%m-%d"), "settings": settings.model_dump(),
                    "train_sample": args.train_sample}
    if parts & {"regions", "time"}:
        notes = read_notes(shared)
        if "regions" in parts:
            print("leave-region-out (sub-type head trained on the other regions):", flush=True)
            report["leave_region_out"] = leave_region_out(notes, args.vector_cache, settings, args.train_sample)
            print(f"  mean over regions: {report['leave_region_out']['mean_over_regions']}", flush=True)
        if "time" in parts:
            report["time_split"] = time_split(notes, args.vector_cache, settings, args.train_sample)
            print(f"time split (train < {TIME_SPLIT}, test from it): {report['time_split']}", flush=True)
    if "news" in parts:
        print("news-real sentence-level event detection:", flush=True)
        report["news_real"] = news_detection(shared, args.model)
    if "notes" in parts:
        print(f"the pipeline on {args.notes} ACLED notes of every region (share with an asserted event, "
              "with one of the note's type, of its sub-type):", flush=True)
        report["pipeline_on_notes"] = pipeline_on_notes(shared, args.notes, args.notes_seed)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
