"""Score sitrep against ACLED development exports with the shared scorer.

    .venv/bin/python bench/evaluate_acled.py [--limit 200] [--workers 2]

For each export in ../shared/data/acled with sub-event types, ../shared/gold/acled_to_gold.py
turns a sample of rows into documents (the analyst's note) and gold events; `sitrep extract`
codes the documents and ../shared/gold/score.py compares. Prints one line per export, with the
share of notes given at least one asserted event (`notes_with_event`: an ACLED note reports one
event by construction; the older exports, with no sub-event types to score, get that share only).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
ACLED = ROOT.parent / "shared" / "data" / "acled"
FIELDS = ("docs", "notes_with_event", "precision", "recall_required", "f1", "event_type_acc", "sub_event_type_acc",
          "date_exact", "actor1_acc", "fatalities_exact", "median_km")


def evaluate(export: Path, limit: int, workers: int, work: Path) -> dict:
    """The scorer's figures for ``export`` (none where it has no sub-event types) and notes_with_event."""
    outdir = work / export.stem
    subprocess.run([sys.executable, str(GOLD / "acled_to_gold.py"), str(export), str(outdir), "--limit", str(limit)],
                   check=True, capture_output=True)
    pred = outdir / "pred.jsonl"
    with pred.open("w") as out:
        subprocess.run([sys.executable, "-m", "sitrep", "extract", "--input", str(outdir / "docs.jsonl"),
                        "--workers", str(workers)], stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT)
    docs = [json.loads(line)["id"] for line in (outdir / "docs.jsonl").open()]
    coded = {event["doc_id"] for event in map(json.loads, pred.open()) if event.get("claim_status") == "asserted"}
    result = {"docs": len(docs), "notes_with_event": round(sum(d in coded for d in docs) / len(docs), 3) if docs else None}
    if (outdir / "events.jsonl").stat().st_size:  # older exports carry no sub-event types to score against
        score = subprocess.run([sys.executable, str(GOLD / "score.py"), str(outdir / "events.jsonl"), str(pred),
                                "--json"], check=True, capture_output=True, text=True)
        result = {**json.loads(score.stdout), **result}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=200, help="rows sampled per export (seeded)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not ACLED.exists():
        sys.exit(f"{ACLED} is absent: nothing to evaluate")
    print(" ".join(f"{f:>18}" for f in ("export",) + FIELDS))
    with tempfile.TemporaryDirectory() as tmp:
        for export in sorted(ACLED.glob("*.csv")):
            result = evaluate(export, args.limit, args.workers, Path(tmp))
            if not result["docs"]:
                print(f"{export.stem:>18} (no sub_event_type column: acled_to_gold.py writes no documents)")
                continue
            print(" ".join(f"{str(v):>18}" for v in [export.stem] + [result.get(f, "-") for f in FIELDS]))


if __name__ == "__main__":
    main()
