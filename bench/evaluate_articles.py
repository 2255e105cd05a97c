"""Score sitrep on real news articles and on the articles written for evaluation, with the shared scorer.

    .venv/bin/python bench/evaluate_articles.py [--workers 2] [--errors] [--set news-real]

The sets: ../shared/data/news-real (56 real articles in French and English, the main development
set) and bench/articles/* (articles written for this project: dev, and holdout). For each set,
`sitrep extract --input` codes the documents and ../shared/gold/score.py compares them with the
gold events; the asserted events coded on documents with no gold event (which the scorer does not
see) are counted apart as false positives. Prints one line per set; with --errors, each article's
errors too: the gold events missed, the predictions that match no gold event, the fields of matched
events that differ, and the events coded on articles that report none. The pairing is the
scorer's own (its pair_cost, best pairs first).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "gold" / "score.py"
FIELDS = ("docs", "gold_required", "predicted_asserted", "precision", "recall_required", "f1", "sub_event_type_acc",
          "date_exact", "actor1_acc", "fatalities_exact", "median_km", "denied_leaked")


def sets() -> dict[str, Path]:
    found = {"news-real": SHARED / "data" / "news-real"}
    found.update({p.name: p for p in sorted((ROOT / "bench" / "articles").iterdir()) if (p / "docs.jsonl").exists()})
    return {name: folder for name, folder in found.items() if (folder / "docs.jsonl").exists()}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def extract(folder: Path, workers: int, out: Path) -> None:
    with out.open("w") as sink:
        subprocess.run([sys.executable, "-m", "sitrep", "extract", "--input", str(folder / "docs.jsonl"),
                        "--workers", str(workers)], stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)


def evaluate(folder: Path, pred: Path) -> dict:
    score = subprocess.run([sys.executable, str(SCORER), str(folder / "events.jsonl"), str(pred), "--json"],
                           check=True, capture_output=True, text=True)
    result = json.loads(score.stdout)
    with_gold = {g["doc_id"] for g in read_jsonl(folder / "events.jsonl")}
    result["fp_on_eventless_docs"] = sum(1 for e in read_jsonl(pred)
                                         if e["doc_id"] not in with_gold and e["claim_status"] == "asserted")
    return result


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _describe(event: dict, scorer) -> str:
    where = scorer.name_of(event.get("location")) or "?"
    actor1, actor2 = scorer.name_of(event.get("actor1")) or "-", scorer.name_of(event.get("actor2")) or "-"
    claim = event.get("claim_status", "asserted")
    return (f"{event.get('date')} {event.get('sub_event_type')} @ {where} | {actor1} -> {actor2} | "
            f"deaths {event.get('fatalities')}" + ("" if claim == "asserted" else f" | {claim}"))


def _differences(gold: dict, pred: dict, scorer) -> list[str]:
    found = []
    if gold.get("sub_event_type") != pred.get("sub_event_type"):
        found.append(f"sub-type {pred.get('sub_event_type')} (gold {gold.get('sub_event_type')})")
    if gold.get("date") and str(gold["date"])[:10] != str(pred.get("date"))[:10]:
        found.append(f"date {pred.get('date')} (gold {gold['date']})")
    if scorer.name_of(gold.get("actor1")) and not scorer.same_actor(scorer.name_of(gold["actor1"]),
                                                                    scorer.name_of(pred.get("actor1"))):
        found.append(f"actor1 {scorer.name_of(pred.get('actor1')) or '-'} (gold {scorer.name_of(gold['actor1'])})")
    if gold.get("fatalities") is not None and gold["fatalities"] != pred.get("fatalities"):
        found.append(f"deaths {pred.get('fatalities')} (gold {gold['fatalities']})")
    return found


def print_errors(folder: Path, pred: Path, max_km: float = 25.0) -> None:
    """Each article's errors, paired as the scorer pairs events."""
    scorer = _scorer()
    golds, preds = defaultdict(list), defaultdict(list)
    for g in read_jsonl(folder / "events.jsonl"):
        golds[g["doc_id"]].append(g)
    for p in read_jsonl(pred):
        preds[p["doc_id"]].append(p)
    for doc in (d["id"] for d in read_jsonl(folder / "docs.jsonl")):
        gold = golds.get(doc, [])
        asserted = [p for p in preds.get(doc, []) if p.get("claim_status", "asserted") not in scorer.NOT_ASSERTED]
        if not gold:
            if asserted:
                print(f"\n## {doc} (no event in gold)")
                for p in asserted:
                    print(f"  EXTRA   {_describe(p, scorer)}\n          «{p['evidence']['sentence'][:160]}»")
            continue
        pairs = sorted((cost, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(asserted)
                       if (cost := scorer.pair_cost(g, p, max_km)) is not None)
        matched: dict[int, int] = {}
        used: set[int] = set()
        for _, gi, pi in pairs:
            if gi not in matched and pi not in used:
                matched[gi] = pi
                used.add(pi)
        lines = []
        for gi, g in enumerate(gold):
            status = g.get("claim_status", "asserted")
            if gi in matched:
                p = asserted[matched[gi]]
                if status != "asserted":
                    lines.append(f"  LEAKED  {_describe(g, scorer)} (asserted by «{p['evidence']['sentence'][:100]}»)")
                elif diffs := _differences(g, p, scorer):
                    lines.append(f"  WRONG   {_describe(g, scorer)}\n          " + "; ".join(diffs))
            elif status == "asserted" and g.get("required", True):
                lines.append(f"  MISSED  {_describe(g, scorer)}\n          «{g.get('evidence', '')[:160]}»")
        for pi, p in enumerate(asserted):
            if pi not in used:
                lines.append(f"  EXTRA   {_describe(p, scorer)}\n          «{p['evidence']['sentence'][:160]}»")
        if lines:
            print(f"\n## {doc}")
            print("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--errors", action="store_true", help="print each article's errors")
    ap.add_argument("--set", action="append", dest="only", help="score only this set (repeatable)")
    args = ap.parse_args()
    if not SCORER.exists():
        sys.exit(f"{SCORER} is absent: nothing to score with")
    chosen = {name: folder for name, folder in sets().items() if not args.only or name in args.only}
    columns = ("set",) + FIELDS + ("fp_on_eventless_docs",)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in chosen.items():
            pred = Path(tmp) / f"{name}.jsonl"
            extract(folder, args.workers, pred)
            results.append((name, evaluate(folder, pred)))
            if args.errors:
                print(f"\n# {name}")
                print_errors(folder, pred)
    print()
    print(" ".join(f"{c:>20}" for c in columns))
    for name, result in results:
        print(" ".join(f"{str(v):>20}" for v in [name] + [result[f] for f in columns[1:]]))


if __name__ == "__main__":
    main()
