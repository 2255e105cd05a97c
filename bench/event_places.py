"""How close sitrep puts events to where they happened, on the real-news set (issue 16's figure).

    .venv/bin/python bench/event_places.py [--pred PRED.jsonl] [--keep PRED.jsonl] [--audit] [--table]

For every required asserted gold event of ../shared/data/news-real with coordinates, the nearest
asserted prediction of the same article whose date lies within the gold event's date tolerance
(the scorer's date test; any event type): prints the share of gold events with such a prediction
within 25 km and within 100 km (also with the exact day). ``--pred`` scores a file of predictions
already made; otherwise `sitrep extract` codes the set (``--keep`` saves what it coded).

``--audit`` prints every asserted prediction's place as a Markdown table row: the article, the
predicted place and precision, the nearest gold place of that article (of any gold event, asserted
or not; of the same day where there is one) and the verdict: right (within 25 km), container (an
area the gold place lies in: its country or province; or a place coded as near or part of one,
within 100 km), or wrong. The kind of each wrong place is written by hand in docs/geocoding.md.

``--table`` prints one line per required gold event: its place, the nearest same-day prediction's
place, precision and distance, and the geocoder's reason for it.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate_articles import SHARED, _scorer, extract, read_jsonl  # noqa: E402

NEWS_REAL = SHARED / "data" / "news-real"
NEAR_KM, FAR_KM = 25.0, 100.0


def _asserted(rows: list[dict], scorer) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get("claim_status", "asserted") not in scorer.NOT_ASSERTED:
            by_doc[str(row["doc_id"])].append(row)
    return by_doc


def nearest(gold: dict, preds: list[dict], scorer, exact_day: bool = False) -> tuple[float | None, dict | None]:
    """The distance from the gold event's place to the nearest prediction of its day(s), and that prediction."""
    tolerance = 0 if exact_day else gold.get("date_tolerance_days", 1)
    found = [(scorer.km(scorer.coords(gold), scorer.coords(p)), p) for p in preds
             if scorer.coords(p) and p.get("date")
             and (gap := scorer.days_apart(gold["date"], p["date"])) is not None and gap <= tolerance]
    return min(found, key=lambda pair: pair[0]) if found else (None, None)


def _required(golds: list[dict], scorer) -> list[dict]:
    return [g for g in golds if g.get("required", True) and g.get("claim_status", "asserted") == "asserted"
            and scorer.coords(g) and g.get("date")]


def place_figures(golds: list[dict], preds: list[dict], scorer) -> dict[str, float | int]:
    by_doc = _asserted(preds, scorer)
    required = _required(golds, scorer)
    figures: dict[str, float | int] = {"required_with_place": len(required)}
    for label, exact in (("", False), ("_exact_day", True)):
        found = [nearest(g, by_doc.get(str(g["doc_id"]), []), scorer, exact)[0] for g in required]
        for limit in (NEAR_KM, FAR_KM):
            share = sum(1 for d in found if d is not None and d <= limit) / len(required) if required else 0.0
            figures[f"within_{int(limit)}km{label}"] = round(share, 3)
    return figures


def _verdict(pred: dict, gold: dict | None, distance: float | None) -> str:
    """right: within 25 km; container: an area the gold place lies in (its country, its province),
    or a place coded as near or part of one within 100 km of the gold place; else wrong."""
    if gold is None or distance is None:
        return "wrong"
    if distance <= NEAR_KM:
        return "right"
    loc, gloc = pred.get("location") or {}, gold.get("location") or {}
    feature = loc.get("feature")
    if feature == "country":
        return "container" if loc.get("country") == gloc.get("country") else "wrong"
    if feature == "admin1":
        return "container" if loc.get("admin1") == gloc.get("admin1") or distance <= FAR_KM else "wrong"
    coarse = int(loc.get("geo_precision") or 1) > 1 or feature == "admin2"
    return "container" if coarse and distance <= FAR_KM else "wrong"


def audit(golds: list[dict], preds: list[dict], scorer) -> None:
    """One Markdown row per asserted prediction: where it was put, and how that compares with gold."""
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in golds:  # a place is judged against every gold event of the article, asserted or not
        if scorer.coords(g):
            gold_by_doc[str(g["doc_id"])].append(g)
    print("| article | predicted place | precision | nearest gold place | km | verdict |")
    print("| --- | --- | --- | --- | --- | --- |")
    for doc, rows in sorted(_asserted(preds, scorer).items()):
        for pred in rows:
            loc = pred.get("location") or {}
            if not gold_by_doc.get(doc):
                print(f"| {doc} | {loc.get('name') or '-'} | {loc.get('geo_precision') or '-'} | (no gold event) | - | no event |")
                continue
            best = None
            if scorer.coords(pred):
                same_day = [g for g in gold_by_doc[doc] if g.get("date") and pred.get("date")
                            and (scorer.days_apart(g["date"], pred["date"]) or 0) <= g.get("date_tolerance_days", 1)]
                best = min(((scorer.km(scorer.coords(g), scorer.coords(pred)), g) for g in same_day or gold_by_doc[doc]),
                           key=lambda pair: pair[0])
            distance, gold = best if best else (None, None)
            gold_name = scorer.name_of((gold or {}).get("location")) or "-"
            km = f"{distance:.0f}" if distance is not None else "-"
            print(f"| {doc} | {loc.get('name') or '-'} | {loc.get('geo_precision') or '-'} | {gold_name} | {km} | "
                  f"{_verdict(pred, gold, distance)} |")


def table(golds: list[dict], preds: list[dict], scorer) -> None:
    """One tab-separated line per required gold event and its nearest same-day prediction."""
    by_doc = _asserted(preds, scorer)
    for gold in _required(golds, scorer):
        distance, pred = nearest(gold, by_doc.get(str(gold["doc_id"]), []), scorer)
        loc = (pred or {}).get("location") or {}
        print("\t".join([str(gold["doc_id"]), scorer.name_of(gold.get("location")), loc.get("name") or "-",
                         str(loc.get("geo_precision") or "-"), f"{distance:.1f}" if distance is not None else "-",
                         loc.get("reason") or ""]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", type=Path, help="score these predictions instead of coding the set")
    ap.add_argument("--keep", type=Path, help="save the predictions coded here")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--audit", action="store_true", help="print every predicted place as a Markdown table row")
    ap.add_argument("--table", action="store_true", help="print each required gold event's nearest same-day place")
    args = ap.parse_args()
    if not (NEWS_REAL / "events.jsonl").exists():
        sys.exit(f"{NEWS_REAL} is absent: nothing to score")
    scorer = _scorer()
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred
        if pred is None:
            pred = args.keep or Path(tmp) / "news-real.jsonl"
            extract(NEWS_REAL, args.workers, pred)
        golds, preds = read_jsonl(NEWS_REAL / "events.jsonl"), read_jsonl(pred)
    if args.audit:
        audit(golds, preds, scorer)
        print()
    if args.table:
        table(golds, preds, scorer)
        print()
    for key, value in place_figures(golds, preds, scorer).items():
        print(f"{key:>28}: {value}")


if __name__ == "__main__":
    main()
