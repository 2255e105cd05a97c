"""How many UCDP GED events' places each gazetteer resolves within 25 km of GED's point.

A seeded sample of GED events precise to 25 km (where_prec 1-2) with a named place; each is written
as a one-line note ("Datta Khel, North Waziristan, Federally Administered Tribal Areas, Pakistan.")
and its place name resolved with the note as context (the toponym given, as `sitrep gazetteer
evaluate` does). Prints, per gazetteer, the share within 25 km and 161 km and the share unresolved.

    python bench/ged_places.py ../shared/data/ged/ged-partial.csv.gz --path A.sqlite --path B.sqlite

A layer derived from the same file (the default's conflict places) finds these places by
construction: compare gazetteers that differ by what they hold of other sources.
"""
from __future__ import annotations

import argparse
import itertools
import random
from pathlib import Path

from sitrep.evaluation.geocoding import GoldDocument, GoldToponym, evaluate_documents
from sitrep.geo.importers import event_rows, ged_place
from sitrep.geo.store import Gazetteer
from sitrep.stages.parse import pipeline_for


def notes(paths: list[Path], sample: int, seed: int) -> list[GoldDocument]:
    """The sampled events as one-line notes, with their place as the gold toponym."""
    events = []
    for row in itertools.chain.from_iterable(event_rows(path) for path in paths):
        found = ged_place(row)
        if found is None or row.get("where_prec") not in ("1", "2"):
            continue
        name = found[0]
        context = [part for part in (row.get("adm_2"), row.get("adm_1"), row["country"].split(" (")[0]) if part]
        text = ", ".join([name, *context]) + "."
        events.append(GoldDocument(text, [GoldToponym(0, len(name), float(row["latitude"]),
                                                      float(row["longitude"]))]))
    return random.Random(seed).sample(events, min(sample, len(events)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ged", type=Path, nargs="+")
    parser.add_argument("--path", type=Path, action="append", required=True, help="a gazetteer (repeat)")
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    documents = notes(args.ged, args.sample, args.seed)
    nlp = pipeline_for("en")
    print("gazetteer\tevents\twithin 25 km\twithin 161 km\tunresolved")
    for path in args.path:
        gazetteer = Gazetteer(path)
        scores = evaluate_documents(iter(documents), path.name, gazetteer, nlp)
        gazetteer.close()
        total = scores.total or 1
        print(f"{path}\t{scores.total}\t{sum(e <= 25 for e in scores.errors_km) / total:.3f}\t"
              f"{sum(e <= 161 for e in scores.errors_km) / total:.3f}\t{scores.unresolved / total:.3f}")


if __name__ == "__main__":
    main()
