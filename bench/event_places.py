"""How near sitrep puts each required gold event: the best same-day prediction's distance.

For every required, asserted gold event, the nearest place among sitrep's events of the same
document dated within the gold's tolerance (any type); prints the share within 25 and 100 km and,
with --table, one line per gold event (the audit's raw material: gold place, predicted place,
its precision, distance, what it is to the gold place, the geocoder's reason).

    sitrep extract --input ../shared/data/news-real/docs.jsonl > pred.jsonl
    python bench/event_places.py ../shared/data/news-real/events.jsonl pred.jsonl [--table]
"""
from __future__ import annotations

import argparse
import json
import math
from datetime import date
from pathlib import Path

NOT_ASSERTED = {"denied", "hypothetical"}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def point(event: dict) -> tuple[float, float] | None:
    location = event.get("location") or {}
    if location.get("latitude") is None or location.get("longitude") is None:
        return None
    return float(location["latitude"]), float(location["longitude"])


def days_apart(a: str, b: str) -> int:
    try:
        return abs((date.fromisoformat(str(a)[:10]) - date.fromisoformat(str(b)[:10])).days)
    except ValueError:
        return 10**6


def nearest(gold: dict, predictions: list[dict]) -> tuple[float, dict | None]:
    """The same-day prediction nearest to the gold place."""
    tolerance = gold.get("date_tolerance_days", 1)
    best, best_km = None, math.inf
    for event in predictions:
        where = point(event)
        if where is None or days_apart(event.get("date", ""), gold["date"]) > tolerance:
            continue
        distance = km(point(gold), where)
        if distance < best_km:
            best, best_km = event, distance
    return best_km, best


def kind(gold: dict, distance: float, event: dict | None) -> str:
    """What the best prediction is to the gold place: right (within 25 km), near (within 100 km),
    container (a coarser area or country of the same country, precision 2-3), another country, a
    wrong place of the same country, or no prediction."""
    if event is None:
        return "no prediction"
    if distance <= 25:
        return "right"
    if distance <= 100:
        return "near"
    location = event.get("location") or {}
    if location.get("country") != gold["location"].get("country"):
        return "another country"
    if (location.get("geo_precision") or 1) >= 2:
        return "container"
    return "wrong place"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--table", action="store_true", help="one line per required gold event")
    args = parser.parse_args()
    predicted: dict[str, list[dict]] = {}
    for event in rows(args.pred):
        if event.get("claim_status", "asserted") not in NOT_ASSERTED:
            predicted.setdefault(event["doc_id"], []).append(event)
    required = [g for g in rows(args.gold) if g.get("required", True)
                and g.get("claim_status", "asserted") not in NOT_ASSERTED and point(g) is not None]
    distances = []
    for gold in required:
        distance, event = nearest(gold, predicted.get(gold["doc_id"], []))
        distances.append(distance)
        if args.table:
            location = (event or {}).get("location") or {}
            shown = f"{distance:.1f}" if math.isfinite(distance) else "-"
            print("\t".join([gold["doc_id"], gold["location"].get("name", ""), str(gold["location"].get("geo_precision")),
                             location.get("name") or "-", str(location.get("geo_precision") or "-"), shown,
                             kind(gold, distance, event), location.get("reason") or ""]))
    total = len(distances) or 1
    print(f"required events: {len(distances)}; same-day prediction within 25 km: "
          f"{sum(d <= 25 for d in distances) / total:.3f}, within 100 km: {sum(d <= 100 for d in distances) / total:.3f}")


if __name__ == "__main__":
    main()
