"""What the store takes from careless input and concurrent writers (issue 18), on SQLite and on
PostgreSQL (which, unlike SQLite, enforces column lengths and refuses NUL characters): long ids,
long names, bad characters, two writers with the same id; nothing lost, nothing doubled."""
from __future__ import annotations

import json
import subprocess
import sys

from clitools import ROOT, run_cli

from sitrep.cli_common import EXIT_SKIPPED
from sitrep.models import MAX_LANGUAGE_CHARS, MAX_OUTLET_CHARS
from sitrep.store import Store
from sitrep.store.schema import documents, events

# Words no trigger pattern reads: the pipeline identifies and stores them without a parse.
QUIET_EN = "The committee met on Tuesday to discuss the budget of the public library for next year."


def _line(doc_id: str, text: str, **fields) -> str:
    return json.dumps({"id": doc_id, "text": text, "language": "en", "published": "2020-03-03", **fields})


def test_long_ids_and_bad_fields_are_stored_or_skipped_never_a_crash(store_url, tmp_path):
    long_id = "https://news.example/" + "a" * 280
    batch = tmp_path / "careless.jsonl"
    batch.write_text("\n".join([
        _line(long_id, QUIET_EN),
        _line("long-outlet", QUIET_EN + " Outlet.", outlet="O" * 400),
        _line("long-url", QUIET_EN + " Url.", url="https://news.example/" + "é" * 1500),
        _line("nul", QUIET_EN + "\u0000"),
        _line("surrogate", QUIET_EN + "\ud800"),
        _line("future", QUIET_EN + " Later.").replace("2020-03-03", "2999-01-01"),
        _line("last", QUIET_EN + " Last."),
    ]) + "\n", encoding="utf-8", errors="surrogatepass")
    first = run_cli("ingest", str(batch), "--db", store_url, "--no-progress")
    assert first.returncode == EXIT_SKIPPED, first.stderr
    assert b"Traceback" not in first.stderr
    again = run_cli("ingest", str(batch), "--db", store_url, "--no-progress")
    assert again.returncode == 0 and b"7 already in the store" in again.stderr, again.stderr
    with Store(store_url) as store:
        stats = store.stats()
        assert stats.documents == {"ok": 2, "skipped": 5}
        assert store.get_document("last").status == "ok"
        kept_id = next(d for d in _document_ids(store) if d.startswith("https://news.example/aaa"))
        assert len(kept_id) == documents.c.id.type.length and store.get_document(kept_id).text == QUIET_EN
        reasons = {doc_id: store.get_document(doc_id).reason for doc_id in ("long-outlet", "nul", "future")}
    assert "'outlet'" in reasons["long-outlet"] and "NUL" in reasons["nul"] and "future" in reasons["future"]


def test_a_document_holds_what_its_columns_hold():
    assert (documents.c.outlet.type.length, documents.c.language.type.length) == (MAX_OUTLET_CHARS, MAX_LANGUAGE_CHARS)


def _document_ids(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        return list(connection.scalars(documents.select().with_only_columns(documents.c.id)))


def test_long_names_and_event_ids_fit_their_columns(store, build):
    """The searchable columns hold the first characters of a name; the event record keeps it whole."""
    place = build.place("P" * 400, 36.2, 37.1)
    event = build.event("E" * 300, "Armed clash", None, place, actor1=build.actor("A" * 500), sources=("S" * 400,))
    outcome = store.add_result(*build.article("doc", "Text.", [event]))
    assert outcome.events == 1 and not outcome.duplicate
    stored = store.query_events()[0]
    assert len(stored.id) <= events.c.event_id.type.length and stored.id == "doc:1"
    assert stored.event.actor1.name == "A" * 500 and stored.event.location.name == "P" * 400
    assert store.list_sources()[0].name == "S" * 300


def test_two_writers_with_the_same_id_and_different_content_both_store(store_url, build, monkeypatch):
    """Writer A finds the id free; before it inserts, writer B stores a document under that id.
    A's insert collides, and A tries again: it sees the id taken and stores under a new one."""
    first, second = Store(store_url), Store(store_url)
    find_free_id = Store._free_document_id
    interleaved = []

    def racing(connection, wanted, digest):
        free = find_free_id(connection, wanted, digest)
        if not interleaved:  # only the first call, A's: B's own call (and A's second attempt) go straight on
            interleaved.append(None)
            interleaved[0] = second.add_result(*build.article("same", "The other writer's text.", []))
        return free

    monkeypatch.setattr(Store, "_free_document_id", staticmethod(racing))
    try:
        outcome = first.add_result(*build.article("same", "This writer's text.", []))
        assert interleaved[0].doc_id == "same" and not interleaved[0].duplicate
        assert not outcome.duplicate and outcome.doc_id.startswith("same~")
        assert first.get_document(outcome.doc_id).text == "This writer's text."
        assert first.stats().documents == {"ok": 2}
    finally:
        first.close()
        second.close()


def test_concurrent_ingests_of_the_same_ids_store_every_document(tmp_path):
    db = tmp_path / "shared.db"
    batches = []
    for writer in ("a", "b"):
        batch = tmp_path / f"{writer}.jsonl"
        batch.write_text("\n".join(_line(f"doc-{n}", f"{QUIET_EN} Writer {writer}, note {n}.") for n in range(30)) + "\n",
                         encoding="utf-8")
        batches.append(batch)
    Store(str(db)).close()  # both ingests open an existing store
    running = [subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", str(batch), "--db", str(db), "--no-progress"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for batch in batches]
    for process in running:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    with Store(str(db)) as store:
        assert store.stats().documents == {"ok": 60}
        assert len(set(_document_ids(store))) == 60
