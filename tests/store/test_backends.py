"""SQLite and PostgreSQL give identical answers: the ACLED development notes (a sample) and the
seed article ingested into each, then every query compared."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.models import Document, DocumentResult
from sitrep.pipeline import extract_documents
from sitrep.store import EventFilter, Store
from sitrep.store.ingest import identity, read_inputs

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ACLED_EXPORT = SHARED / "data" / "acled" / "afghanistan-2020-03.csv"
SEED = SHARED / "gold" / "seed"
SAMPLE_SIZE = 30


@pytest.fixture(scope="module")
def development_inputs(tmp_path_factory) -> list[str]:
    if not (ACLED_EXPORT.exists() and (SEED / "article.txt").exists()):
        pytest.skip(f"SKIPPED: the development data ({ACLED_EXPORT}, {SEED}) is absent")
    folder = tmp_path_factory.mktemp("development")
    subprocess.run([sys.executable, str(SHARED / "gold" / "acled_to_gold.py"), str(ACLED_EXPORT), str(folder / "acled"),
                    "--limit", str(SAMPLE_SIZE)], check=True, capture_output=True)
    meta = json.loads((SEED / "meta.json").read_text(encoding="utf-8"))
    seed_line = {"id": meta["id"], "text": (SEED / "article.txt").read_text(encoding="utf-8"),
                 "published": meta["published"], "language": meta["language"], "outlet": meta["outlet"]}
    (folder / "seed.jsonl").write_text(json.dumps(seed_line, ensure_ascii=False) + "\n", encoding="utf-8")
    return [str(folder / "acled" / "docs.jsonl"), str(folder / "seed.jsonl")]


def _extracted(inputs: list[str]) -> list[tuple[str, str, Document, DocumentResult]]:
    """What ingest stores for each input: file, content hash, document, extraction result."""
    read = list(read_inputs(inputs))
    results = extract_documents([item for _, item in read])
    return [(origin, *identity(item, origin), result) for (origin, item), result in zip(read, results, strict=True)]


def _answers(store: Store) -> dict[str, object]:
    """Everything the store answers, for a set of common queries, as plain data."""
    everything = store.query_events(EventFilter(), limit=10_000)
    assert everything, "the ingest stored no events"
    first = everything[0].event
    top_actor = store.list_actors()[0].name
    filters = {
        "all": EventFilter(),
        "country+dates": EventFilter(country="Afghanistan", date_from="2020-03-05", date_to="2020-03-15"),
        "type": EventFilter(event_type=first.event_type),
        "actor": EventFilter(actor=top_actor),
        "outlet": EventFilter(source="Divers (relaying al-Manar)"),
    }
    if first.location and first.location.latitude is not None:
        filters["near"] = EventFilter(near=(first.location.latitude, first.location.longitude, 50))
    answers: dict[str, object] = {}
    for name, query in filters.items():
        answers[f"events {name}"] = [e.model_dump() for e in store.query_events(query, limit=10_000)]
        answers[f"incidents {name}"] = [i.model_dump() for i in store.list_incidents(query, limit=10_000)]
        answers[f"count {name}"] = store.count_events(query)
    answers["sources"] = store.list_sources()
    answers["actors"] = store.list_actors()
    answers["stats"] = store.stats()
    detailed = store.get_event(everything[-1].id)
    answers["event"] = detailed.model_dump(exclude={"document": {"ingested_at"}})
    return answers


def test_sqlite_and_postgresql_answer_the_same(development_inputs, tmp_path, postgres_url):
    # Extracted once and stored in both: the comparison is of the stores, not of two extractions.
    extracted = _extracted(development_inputs)
    answers = []
    for url in (str(tmp_path / "store.db"), postgres_url):
        with Store(url) as store:
            for origin, digest, document, result in extracted:
                store.add_result(document, result, origin=origin, digest=digest)
            answers.append(_answers(store))
    sqlite_answers, postgres_answers = answers
    assert sqlite_answers.keys() == postgres_answers.keys()
    for query, answer in sqlite_answers.items():
        assert answer == postgres_answers[query], query
