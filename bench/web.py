"""Speed of the web layer: API latency and the explorer page's load time in headless Chromium, on
a store of synthetic events (one short invented article, its event copied across dates, types and
places in a box around northern Syria).

    .venv/bin/python bench/web.py [--events 5000] [--repeat 20]

Starts a real ``sitrep serve`` on a free loopback port. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from sitrep.models import ActorRef, Document, DocumentResult, Event, Evidence, Location, Span
from sitrep.store import Store
from sitrep.taxonomy import sub_event_types

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Government forces shelled the town on Tuesday, killing 3 civilians, a monitor said."
EVENTS_PER_DOCUMENT = 10
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start=start, end=start + len(words), text=words)


def synthetic_corpus(n_events: int, seed: int = 7) -> list[tuple[Document, DocumentResult]]:
    rng = random.Random(seed)
    kinds = list(sub_event_types().values())
    corpus = []
    for doc_number in range(0, n_events, EVENTS_PER_DOCUMENT):
        doc_id = f"synthetic-{doc_number // EVENTS_PER_DOCUMENT}"
        events = []
        for index in range(min(EVENTS_PER_DOCUMENT, n_events - doc_number)):
            kind = rng.choice(kinds)
            place = Location(text="the town", name=f"Place {rng.randrange(500)}", latitude=rng.uniform(34.5, 37.0),
                             longitude=rng.uniform(35.8, 40.5), country="Syria", admin1="Synthetic", geo_precision=1,
                             resolved=True, span=span("the town"))
            events.append(Event(
                event_id=f"{doc_id}:{index}", doc_id=doc_id, event_type=kind.event_type,
                sub_event_type=kind.sub_event_type, plover_event_type=kind.plover, cameo_root=kind.cameo,
                date=date(2016, 1, 1) + timedelta(days=rng.randrange(366)), time_precision=1,
                actor1=ActorRef(text="Government forces", name="Military Forces of Syria", actor_type="state_forces",
                                resolved=True, span=span("Government forces")),
                location=place, fatalities=3, fatalities_text="3 civilians",
                evidence=Evidence(sentence=TEXT, sentence_span=span(TEXT), trigger=span("shelled"), rule="bench",
                                  actor_spans={"actor1": span("Government forces")}, places=[place],
                                  date=span("on Tuesday"), fatalities=span("3 civilians"), language="en",
                                  confidence=0.8),
            ))
        document = Document(id=doc_id, text=f"{TEXT} ({doc_id})", published=date(2017, 1, 1), language="en")
        corpus.append((document, DocumentResult(doc_id=doc_id, status="ok", language="en", text=document.text,
                                                events=events)))
    return corpus


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (n={len(ordered)})"


def timed_get(client: httpx.Client, url: str, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url).raise_for_status()
        samples.append(time.perf_counter() - started)
    return samples


def page_load_times(base_url: str, repeat: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    samples = []
    with sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                            headless=True, viewport={"width": 1400, "height": 900})
        for _ in range(repeat):
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base_url + "/")
            page.wait_for_selector("body[data-loaded='true']", timeout=120_000)
            samples.append(time.perf_counter() - started)
            page.close()
        context.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        started = time.perf_counter()
        with Store(db) as store:
            store.add_results(synthetic_corpus(args.events))
        print(f"store of {args.events} synthetic events built in {time.perf_counter() - started:.1f} s")

        port = free_port()
        sitrep = ROOT / ".venv" / "bin" / "sitrep"
        server = subprocess.Popen([str(sitrep), "serve", "--db", db, "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(timeout=60) as client:
                for _ in range(100):
                    try:
                        client.get(f"{base}/health")
                        break
                    except httpx.TransportError:
                        time.sleep(0.2)
                print(f"GET /events?limit=100            {percentiles(timed_get(client, f'{base}/events?limit=100', args.repeat))}")
                print(f"GET /events?limit=1000           {percentiles(timed_get(client, f'{base}/events?limit=1000', args.repeat))}")
                print(f"GET /events?type=Battles&limit=1000 "
                      f"{percentiles(timed_get(client, f'{base}/events?type=Battles&limit=1000', args.repeat))}")
                print(f"GET /events/{{id}}                 "
                      f"{percentiles(timed_get(client, f'{base}/events/synthetic-3:4', args.repeat))}")
                print(f"GET /stats                       {percentiles(timed_get(client, f'{base}/stats', args.repeat))}")
            if os.path.exists(CHROMIUM):
                loads = page_load_times(base, max(3, args.repeat // 4))
                print(f"page load to all {args.events} events drawn (Chromium) {percentiles(loads)}")
            else:
                print(f"page load: not measured ({CHROMIUM} absent)")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
