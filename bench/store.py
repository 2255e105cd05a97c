"""Store benchmark: ingest throughput, database size, query latency on a large store.

    python bench/store.py [--events 1000000] [--docs 200] [--queries 200] [--skip-ingest] [--skip-queries]

1. Ingest: the benchmark corpus (bench/corpus.py: real texts) ingested into a fresh SQLite store
   with 1 and with 2 worker processes; documents/s as the ingest summary measures it (worker
   start-up and model loading included), and database size per 1,000 events.
2. Queries: a synthetic SQLite store of --events events (spread over 30 countries, 10 years and
   200 actors), written with bulk inserts; p50/p95 latency of the common queries through
   ``Store.query_events`` (100 rows, newest first): date range + country, near a point, by actor.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build as build_corpus  # noqa: E402

from sitrep.store import EventFilter, Store  # noqa: E402
from sitrep.taxonomy import SubEventType, sub_event_types  # noqa: E402
from sitrep.store.dedup import date_window, load_rules  # noqa: E402
from sitrep.store.schema import RECORD_COMPRESSION_LEVEL, documents, event_actors, events, incidents  # noqa: E402

FIRST_DAY, DAYS = date(2015, 1, 1), 3650
EVENTS_PER_DOCUMENT = 3
BATCH = 20_000


def _db_bytes(path: str) -> int:
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))


def bench_ingest(docs: int, workdir: Path) -> None:
    from sitrep.store.ingest import ingest

    corpus = workdir / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as out:
        for doc in build_corpus(docs):
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    for workers in (1, 2):
        path = str(workdir / f"ingest-{workers}.db")
        with Store(path) as store:
            summary = ingest(store, [str(corpus)], workers=workers, progress=False)
            n_events = store.count_events()
            with store.engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        size = _db_bytes(path)
        print(f"ingest, {workers} worker(s): {summary.stored} documents in {summary.seconds:.1f} s = "
              f"{summary.stored / summary.seconds:.2f} documents/s ({summary.store_seconds:.1f} s of it writing "
              f"the store: {summary.stored / summary.store_seconds:.0f} documents/s); {n_events} events; "
              f"database {size / 1e6:.1f} MB = {size / max(n_events, 1) * 1000 / 1e6:.2f} MB per 1,000 events "
              f"(document texts included)")


def _record(event_id: str, doc_id: str, kind: SubEventType, day: date, country: str,
            lat: float, lon: float, actor1: str, actor2: str, fatalities: int) -> bytes:
    """An Event record as the pipeline writes it (sizes close to real ones), packed as the store packs it."""
    sentence = f"On {day.isoformat()}, {actor1} attacked {actor2} near the town, killing {fatalities} people."
    span = {"start": 0, "end": len(sentence), "text": sentence}
    place = {"text": "the town", "name": f"Town {lat:.2f}", "latitude": lat, "longitude": lon, "admin1": "Province",
             "admin2": None, "country": country, "country_code": None, "feature": "populated_place",
             "geonameid": None, "geo_precision": 1, "resolved": True, "reason": None,
             "span": {"start": 60, "end": 68, "text": "the town"}}
    return zlib.compress(json.dumps({
        "event_id": event_id, "doc_id": doc_id, "event_type": kind.event_type, "sub_event_type": kind.sub_event_type,
        "plover_event_type": kind.plover, "cameo_root": kind.cameo, "date": day.isoformat(), "time_precision": 1,
        "actor1": {"text": actor1, "name": actor1, "actor_id": None, "actor_type": "state_forces", "country": country,
                   "resolved": True, "span": None},
        "assoc_actor1": [], "actor2": {"text": actor2, "name": actor2, "actor_id": None, "actor_type": "civilians",
                                       "country": country, "resolved": True, "span": None},
        "assoc_actor2": [], "location": place, "fatalities": fatalities, "fatalities_text": f"{fatalities} people",
        "reported_by": [], "claim_status": "asserted",
        "evidence": {"sentence": sentence, "sentence_span": span, "trigger": {"start": 20, "end": 28, "text": "attacked"},
                     "rule": "attack", "actor_spans": {}, "places": [place], "date": None, "fatalities": None,
                     "claim": None, "language": "en", "confidence": 0.8},
    }).encode("utf-8"), RECORD_COMPRESSION_LEVEL)


def _bulk_insert(cursor, table, rows: list[dict]) -> None:
    """Rows straight through the SQLite driver (dates given as ISO text, as SQLAlchemy stores them)."""
    columns = list(rows[0])
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    cursor.executemany(sql, [tuple(row.values()) for row in rows])


def fill_synthetic(path: str, n_events: int, seed: int = 7) -> float:
    """Write ``n_events`` synthetic events with bulk inserts; returns the seconds it took."""
    chooser = random.Random(seed)
    countries = [(f"Country {i}", chooser.uniform(-30, 50), chooser.uniform(-20, 100)) for i in range(30)]
    actors = [f"Actor {i}" for i in range(200)]
    actor_weights = [1 / (rank + 1) for rank in range(len(actors))]  # a few actors are in most events
    rules = load_rules()
    kinds = list(sub_event_types().values())
    started = time.monotonic()
    secondary_indexes = [index for table in (events, event_actors) for index in table.indexes]
    with Store(path) as store:
        with store.engine.begin() as connection:
            for index in secondary_indexes:  # built once at the end rather than row by row
                index.drop(connection)
        raw = store.engine.raw_connection()
        cursor = raw.cursor()
        cursor.execute("PRAGMA synchronous=OFF")  # a bulk load of throwaway data
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy writes it
        for start in range(0, n_events, BATCH):
            stop = min(start + BATCH, n_events)
            doc_rows, incident_rows, event_rows, actor_rows = [], [], [], []
            for n in range(start, stop):
                doc_id = f"doc-{n // EVENTS_PER_DOCUMENT}"
                if n % EVENTS_PER_DOCUMENT == 0:
                    doc_rows.append({"id": doc_id, "content_hash": f"{n:064d}", "status": "ok", "ingested_at": now,
                                     "outlet": f"Outlet {n % 50}", "language": "en"})
                country, clat, clon = chooser.choice(countries)
                lat, lon = clat + chooser.uniform(-2, 2), clon + chooser.uniform(-2, 2)
                day = FIRST_DAY + timedelta(days=chooser.randrange(DAYS))
                kind = chooser.choice(kinds)
                actor1, actor2 = chooser.choices(actors, actor_weights, k=2)
                fatalities = chooser.randrange(20)
                window = [d.isoformat() for d in date_window(day, 1, rules)]
                day_text = day.isoformat()
                incident_rows.append({"id": n + 1, "event_type": kind.event_type, "sub_event_type": kind.sub_event_type,
                                      "date_earliest": day_text, "date_latest": day_text, "country": country,
                                      "latitude": lat, "longitude": lon, "fatalities": fatalities,
                                      "n_reports": 1, "n_documents": 1})
                event_rows.append({
                    "id": n + 1, "event_id": f"{doc_id}:{n}", "doc_id": doc_id, "incident_id": n + 1,
                    "event_type": kind.event_type, "sub_event_type": kind.sub_event_type, "plover_event_type": kind.plover,
                    "cameo_root": kind.cameo, "date": day_text, "date_earliest": window[0], "date_latest": window[1],
                    "time_precision": 1, "actor1": actor1, "actor1_type": "state_forces", "actor2": actor2,
                    "actor2_type": "civilians", "location_name": f"Town {lat:.2f}", "admin1": "Province",
                    "country": country, "latitude": lat, "longitude": lon, "geo_precision": 1,
                    "fatalities": fatalities, "claim_status": "asserted", "language": "en", "confidence": 0.8,
                    "record": _record(f"{doc_id}:{n}", doc_id, kind, day, country, lat, lon, actor1, actor2, fatalities),
                })
                roles = {actor1: "actor1"}
                roles.setdefault(actor2, "actor2")  # one row per actor of the event, as the store writes
                for name, role in roles.items():
                    actor_rows.append({"event_pk": n + 1, "actor_key": name.lower(), "role": role,
                                       "name": name, "text": name, "event_date": day_text})
            for table, rows in ((documents, doc_rows), (incidents, incident_rows), (events, event_rows),
                                (event_actors, actor_rows)):
                if rows:
                    _bulk_insert(cursor, table, rows)
            raw.commit()  # a batch at a time keeps the write-ahead log small
        raw.close()
        with store.engine.begin() as connection:
            for index in secondary_indexes:
                index.create(connection)
            connection.exec_driver_sql("ANALYZE")
    return time.monotonic() - started


def _latencies(store: Store, filters: list[EventFilter]) -> tuple[float, float]:
    timings = []
    for query in filters:
        started = time.perf_counter()
        store.query_events(query, limit=100)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


def bench_queries(n_events: int, n_queries: int, workdir: Path) -> None:
    path = str(workdir / "synthetic.db")
    seconds = fill_synthetic(path, n_events)
    size = _db_bytes(path)
    print(f"synthetic store: {n_events:,} events written in {seconds:.1f} s ({n_events / seconds:,.0f} events/s); "
          f"{size / 1e6:.0f} MB = {size / n_events * 1000 / 1e6:.2f} MB per 1,000 events (no document texts)")
    chooser = random.Random(11)
    with Store(path) as store:
        with store.engine.connect() as connection:
            points = connection.exec_driver_sql(
                "SELECT country, latitude, longitude FROM events WHERE id % 997 = 0").all()
        def by_country_and_month() -> EventFilter:
            first = FIRST_DAY + timedelta(days=chooser.randrange(DAYS - 30))
            return EventFilter(country=chooser.choice(points).country, date_from=first, date_to=first + timedelta(days=30))

        def near_a_point() -> EventFilter:
            point = chooser.choice(points)
            return EventFilter(near=(point.latitude, point.longitude, 25))

        def by_actor() -> EventFilter:
            return EventFilter(actor=f"Actor {chooser.randrange(200)}")

        queries = {"date range (30 days) + country": by_country_and_month, "near a point (25 km)": near_a_point,
                   "by actor": by_actor}
        for name, make_filter in queries.items():
            _latencies(store, [make_filter() for _ in range(10)])  # warm the cache
            p50, p95 = _latencies(store, [make_filter() for _ in range(n_queries)])
            print(f"query {name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({n_queries} queries, 100 rows each)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=200, help="documents in the ingest benchmark")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-queries", action="store_true")
    ap.add_argument("--workdir", help="keep the databases here (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        workdir = Path(args.workdir or tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPU(s)")
        if not args.skip_ingest:
            bench_ingest(args.docs, workdir)
        if not args.skip_queries:
            bench_queries(args.events, args.queries, workdir)


if __name__ == "__main__":
    main()
