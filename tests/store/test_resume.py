"""Killing `sitrep ingest` (kill -9) at random points, several times, then running it again loses
and doubles nothing: the store ends exactly as after one uninterrupted run."""
from __future__ import annotations

import itertools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SITREP = [sys.executable, "-m", "sitrep"]
KILLS = 4
KILL_MARGIN = 6  # documents a killed run still has ahead of it when the kill comes
DONE = (0, 3)  # ingest's exit codes for a finished run (3: the pipeline skipped some documents)

TOWNS = ["Anadan", "Hayan", "Saraqib", "Douma", "Kandahar", "Ghazni", "Kunduz", "Mosul"]
NUMBERS = range(2, 12)
TEMPLATES = [
    ("en", "{n} civilians were killed on Saturday when an air strike hit a market in {town}, according to local medics."),
    ("en", "Gunmen attacked a police checkpoint near {town} on Friday, killing {n} officers, officials said."),
    ("fr", "{n} personnes ont été tuées samedi dans un bombardement de l'artillerie sur {town}, selon l'OSDH."),
    ("fr", "Des combats ont opposé vendredi l'armée à des rebelles près de {town}, faisant {n} morts."),
]


def _write_articles(path: Path) -> list[str]:
    """Short articles (our own wording), every one different."""
    ids = []
    with open(path, "w", encoding="utf-8") as out:
        for number, ((lang, template), town, n) in enumerate(itertools.product(TEMPLATES, TOWNS, NUMBERS)):
            if number % 8:  # a spread of combinations, 40 articles
                continue
            doc_id = f"art-{number}"
            ids.append(doc_id)
            out.write(json.dumps({"id": doc_id, "text": template.format(n=n, town=town), "language": lang,
                                  "published": "2016-09-24", "outlet": f"Outlet {number % 3}"}, ensure_ascii=False) + "\n")
    return ids


def _snapshot(db: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """doc id -> (status, its event ids), read with a plain SQLite connection."""
    with sqlite3.connect(db) as connection:
        docs = dict(connection.execute("SELECT id, status FROM documents"))
        events: dict[str, list[str]] = {}
        for doc_id, event_id in connection.execute("SELECT doc_id, event_id FROM events ORDER BY event_id"):
            events.setdefault(doc_id, []).append(event_id)
        orphans = connection.execute(
            "SELECT count(*) FROM events WHERE incident_id NOT IN (SELECT id FROM incidents)").fetchone()[0]
    assert orphans == 0
    return {doc_id: (status, tuple(events.get(doc_id, ()))) for doc_id, status in docs.items()}


def _stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _ingest(docs: Path, db: Path, workers: int) -> subprocess.Popen:
    # A fixed hash seed: this test is about the store, and must not see extraction vary with
    # Python's per-process string hashing (set order) from one run to the next.
    return subprocess.Popen([*SITREP, "ingest", str(docs), "--db", str(db), "--no-progress", "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})


def test_kill_nine_at_random_points_loses_and_doubles_nothing(tmp_path):
    docs = tmp_path / "docs.jsonl"
    ids = _write_articles(docs)
    reference_db, db = tmp_path / "reference.db", tmp_path / "killed.db"
    clean = _ingest(docs, reference_db, workers=1)
    assert clean.wait(timeout=300) in DONE, clean.stderr.read().decode()
    reference = _snapshot(reference_db)
    assert sorted(reference) == sorted(ids)
    assert sum(len(events) for _, events in reference.values()) > 0

    seed = int.from_bytes(os.urandom(4), "little")
    chooser = random.Random(seed)
    kills = 0
    for round_number in range(KILLS):
        before = _stored_count(db)
        if before >= len(ids) - KILL_MARGIN:
            break
        # a random point in this round's share of what is left, keeping a few documents after the
        # last one, so that every round's run is still going when its kill comes
        share = max(1, (len(ids) - KILL_MARGIN - before) // (KILLS - round_number))
        target = before + chooser.randint(1, share)
        process = _ingest(docs, db, workers=1 + round_number % 2)
        while process.poll() is None and _stored_count(db) < target:
            time.sleep(0.01)
        time.sleep(chooser.uniform(0, 0.05))  # between two commits, or in the middle of one
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the ingest and its worker processes
            kills += 1
        process.wait(timeout=60)
        partial = _snapshot(db)
        # What is stored after a kill is exactly what one clean run stores for those documents.
        assert {d: partial[d] for d in partial} == {d: reference[d] for d in partial}, f"seed {seed}"

    assert kills >= 2, f"the ingest ended before it could be killed (seed {seed})"
    final = _ingest(docs, db, workers=1)
    assert final.wait(timeout=300) in DONE, final.stderr.read().decode()
    assert _snapshot(db) == reference, f"seed {seed}"
