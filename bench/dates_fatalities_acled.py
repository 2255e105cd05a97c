"""Measure the date and fatality stages on ACLED analysts' notes (English) against the coded
event_date and fatalities columns, and time them beside the spaCy parse.

    .venv/bin/python bench/dates_fatalities_acled.py [--per-file N] [--data ../shared/data/acled]

Each note is parsed with the English pipeline's model; its first date mention is compared with
event_date, and the sum of its death tolls (0 where none has a number) with fatalities.
The publication date given to the stage is event_date itself (as ../shared/gold/acled_to_gold.py
does) and, in a second run, event_date + 10 days: a date read from the words stays right, an echo
of the publication date does not.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import spacy

from sitrep import lang as langdata
from sitrep.stages.dates import find_dates
from sitrep.stages.fatalities import find_fatalities

DATE_FORMATS = ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d-%b-%y", "%d/%m/%Y")
SHIFT = timedelta(days=10)
# notes where the analyst says the coded toll departs from the reported one ("Fatalities coded as 0
# (VoJ reported 3)", "Fatalities are split across 3 events"): no reading of the text can match them
ANALYST_ADJUSTED = re.compile(r"fatalities (?:are )?(?:coded|split)|coded as|coded for", re.IGNORECASE)


def _event_date(text: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unknown date format {text!r}")


def _rows(path: Path, per_file: int, seed: int) -> list[tuple[str, date, int]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = []
        for raw in csv.DictReader(handle):
            row = {(k or "").lower(): v for k, v in raw.items()}
            if (row.get("notes") or "").strip() and (row.get("fatalities") or "").strip().isdigit():
                rows.append((row["notes"].strip(), _event_date(row["event_date"]), int(row["fatalities"])))
    return random.Random(seed).sample(rows, min(per_file, len(rows)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared/data/acled"))
    parser.add_argument("--per-file", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = sorted(Path(args.data).glob("*.csv"))
    if not files:
        raise SystemExit(f"no ACLED exports under {args.data}: nothing to measure")
    nlp = spacy.load(langdata.load("en", "pipeline").spacy_model)
    for path in files:
        rows = _rows(path, args.per_file, args.seed)
        started = time.perf_counter()
        docs = list(nlp.pipe(note for note, _, _ in rows))
        parse_seconds = time.perf_counter() - started
        tally = dict.fromkeys(("dated", "date_exact", "date_exact_shifted", "adjusted", "deaths_exact", "zero_n",
                               "zero_exact", "dead_n", "dead_exact", "dead_within_20pct"), 0)
        stage_seconds = 0.0
        for doc, (note, day, coded) in zip(docs, rows):
            started = time.perf_counter()
            dates = find_dates(doc, "en", day)
            tolls = find_fatalities(doc, "en")
            stage_seconds += time.perf_counter() - started
            shifted = find_dates(doc, "en", day + SHIFT)
            tally["dated"] += bool(dates)
            tally["date_exact"] += bool(dates) and dates[0].date == day
            tally["date_exact_shifted"] += bool(shifted) and shifted[0].date == day
            if ANALYST_ADJUSTED.search(note):
                tally["adjusted"] += 1
                continue
            found = sum(t.count for t in tolls if t.count is not None)
            tally["deaths_exact"] += found == coded
            if coded == 0:
                tally["zero_n"] += 1
                tally["zero_exact"] += found == 0
            else:
                tally["dead_n"] += 1
                tally["dead_exact"] += found == coded
                tally["dead_within_20pct"] += abs(found - coded) <= 0.2 * coded
        n = len(rows)
        print(f"{path.name}: {n} notes")
        print(f"  date: any mention {tally['dated'] / n:.3f}; first mention == event_date "
              f"{tally['date_exact'] / n:.3f} (published = event_date), "
              f"{tally['date_exact_shifted'] / n:.3f} (published = event_date + 10 days)")
        kept = n - tally["adjusted"]
        print(f"  fatalities ({tally['adjusted']} notes with an analyst's adjustment left out): "
              f"exact {tally['deaths_exact']}/{kept} = {tally['deaths_exact'] / kept:.3f}; "
              f"coded 0 -> 0 {tally['zero_exact']}/{tally['zero_n']}; "
              f"coded > 0 exact {tally['dead_exact']}/{tally['dead_n']}, "
              f"within 20% {tally['dead_within_20pct']}/{tally['dead_n']}")
        print(f"  time: parse {1000 * parse_seconds / n:.2f} ms/note, "
              f"dates + fatalities {1000 * stage_seconds / n:.2f} ms/note")


if __name__ == "__main__":
    main()
