"""Score sitrep on the articles written for evaluation (bench/articles) with the shared scorer.

    .venv/bin/python bench/evaluate_articles.py [--workers 2]

For each set, `sitrep extract --input` codes the documents and ../shared/gold/score.py compares
them with the gold events; the asserted events coded on documents with no gold event (which the
scorer does not see) are counted apart as false positives. Prints one line per set.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "gold" / "score.py"
SETS = ROOT / "bench" / "articles"
FIELDS = ("docs", "gold_required", "predicted_asserted", "precision", "recall_required", "f1", "sub_event_type_acc",
          "date_exact", "actor1_acc", "fatalities_exact", "median_km", "denied_leaked")


def evaluate(folder: Path, workers: int, work: Path) -> dict:
    pred = work / f"{folder.name}.jsonl"
    with pred.open("w") as out:
        subprocess.run([sys.executable, "-m", "sitrep", "extract", "--input", str(folder / "docs.jsonl"),
                        "--workers", str(workers)], stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)
    score = subprocess.run([sys.executable, str(SCORER), str(folder / "events.jsonl"), str(pred), "--json"],
                           check=True, capture_output=True, text=True)
    result = json.loads(score.stdout)
    with_gold = {json.loads(line)["doc_id"] for line in (folder / "events.jsonl").open()}
    result["fp_on_eventless_docs"] = sum(
        1 for line in pred.open() if (e := json.loads(line))["doc_id"] not in with_gold and e["claim_status"] == "asserted")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not SCORER.exists():
        sys.exit(f"{SCORER} is absent: nothing to score with")
    columns = ("set",) + FIELDS + ("fp_on_eventless_docs",)
    print(" ".join(f"{c:>20}" for c in columns))
    with tempfile.TemporaryDirectory() as tmp:
        for folder in sorted(p for p in SETS.iterdir() if (p / "docs.jsonl").exists()):
            result = evaluate(folder, args.workers, Path(tmp))
            print(" ".join(f"{str(v):>20}" for v in [folder.name] + [result[f] for f in columns[1:]]))


if __name__ == "__main__":
    main()
