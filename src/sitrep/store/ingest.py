"""Batch ingest: read inputs, skip what is stored, extract the rest (in worker processes), store
each document with its events in one transaction, with a progress bar and a summary.

Resumable: each document is committed on its own, and a document already stored (same content
hash or URL) is skipped before extraction, so running an interrupted ingest again finishes it
without losing or doubling anything.
"""
from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel
from tqdm import tqdm

from sitrep.inputs import InputProblem, read_file, read_jsonl
from sitrep.models import Document, DocumentResult
from sitrep.store.feeds import count_feed_items, looks_like_feed, read_feed
from sitrep.store.records import AddOutcome
from sitrep.store.store import Store, content_hash

JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
# IngestSummary's counter for each document status
STATUS_COUNTERS = {"ok": "ok", "skipped": "skipped", "error": "errors"}
MAX_LISTED_FAILURES = 20


def failure_lines(failures: list[tuple[str, str]], elsewhere: str) -> list[str]:
    """The first failures, a line each ("what: why"), then how many more and where to see them."""
    lines = [f"  {what}: {why}" for what, why in failures[:MAX_LISTED_FAILURES]]
    if len(failures) > MAX_LISTED_FAILURES:
        lines.append(f"  ... and {len(failures) - MAX_LISTED_FAILURES} more ({elsewhere})")
    return lines


class IngestSummary(BaseModel):
    documents: int = 0
    already_stored: int = 0
    ok: int = 0
    skipped: int = 0
    errors: int = 0
    events: int = 0
    linked: int = 0
    seconds: float = 0.0
    store_seconds: float = 0.0
    failures: list[tuple[str, str]] = []

    @property
    def stored(self) -> int:
        return self.ok + self.skipped + self.errors

    def record(self, outcome: AddOutcome, result: DocumentResult) -> None:
        """Count one document's outcome (``outcome``: what Store.add_result returned)."""
        if outcome.duplicate:
            self.already_stored += 1
            return
        counter = STATUS_COUNTERS[result.status]
        setattr(self, counter, getattr(self, counter) + 1)
        self.events += outcome.events
        self.linked += outcome.linked
        if result.status != "ok":
            self.failures.append((outcome.doc_id, f"{result.status} ({result.reason})"))

    def lines(self) -> list[str]:
        rate = self.stored / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.documents} documents read: {self.stored} stored ({self.ok} ok, {self.skipped} skipped, "
            f"{self.errors} failed), {self.already_stored} already in the store",
            f"{self.events} events added, {self.linked} of them linked to incidents other documents report",
            f"{self.seconds:.1f} s ({self.store_seconds:.1f} s of it writing the store), {rate:.2f} documents/s",
        ]
        return lines + failure_lines(self.failures, "`sitrep stats` counts them")


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield child
    else:
        yield path


def _is_feed(path: Path) -> bool:
    if path.suffix.lower() not in FEED_SUFFIXES:
        return False
    with open(path, "rb") as fh:
        return looks_like_feed(fh.read(2048))


def read_inputs(paths: Iterable[str]) -> Iterator[tuple[str, Document | InputProblem]]:
    """(file, document) for every document in ``paths``: JSON Lines batches, RSS/Atom feeds, text
    or HTML files, and folders of those (recursively, in name order)."""
    for given in paths:
        for path in _files(Path(given)):
            origin = str(path)
            if path.suffix.lower() in JSONL_SUFFIXES:
                items: Iterable[Document | InputProblem] = read_jsonl(origin)
            elif _is_feed(path):
                items = read_feed(path)
            else:
                items = [read_file(origin)]
            for item in items:
                yield origin, item


def count_inputs(paths: Iterable[str]) -> int:
    """How many documents ``paths`` hold (for the progress bar's ETA), without parsing them."""
    total = 0
    for given in paths:
        for path in _files(Path(given)):
            if path.suffix.lower() in JSONL_SUFFIXES:
                with open(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif _is_feed(path):
                total += count_feed_items(path)
            else:
                total += 1
    return total


def identity(item: Document | InputProblem, origin: str) -> tuple[str, Document]:
    """The content hash that identifies an input and the document to store for it (an input that
    could not be read is stored as an empty document identified by its file and id)."""
    if isinstance(item, Document):
        return content_hash(item), item
    digest = hashlib.sha256(f"input problem\0{origin}\0{item.doc_id}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest, Document(id=item.doc_id)


# Called for each input once the store has it: ``outcome`` is what Store.add_result did, or None
# where the input was already stored and skipped before extraction.
Stored = Callable[[str, Document, AddOutcome | None], None]


def ingest(store: Store, paths: list[str], workers: int = 1, progress: bool | None = None,
           retry_failed: bool = False, extract=None) -> IngestSummary:
    """Ingest every document in ``paths`` into ``store``: stored documents are skipped, except,
    with ``retry_failed``, those that failed with an error. ``progress``: None shows the bar on a terminal."""
    return ingest_documents(store, read_inputs(paths), total=count_inputs(paths), workers=workers, progress=progress,
                            retry_failed=retry_failed, extract=extract)


def ingest_documents(store: Store, inputs: Iterable[tuple[str, Document | InputProblem]], total: int | None = None,
                     workers: int = 1, progress: bool | None = None, retry_failed: bool = False, extract=None,
                     stored: Stored | None = None) -> IngestSummary:
    """Extract and store ``inputs`` ((origin, document) pairs, read lazily), skipping those already
    stored; ``stored`` hears of each input once the store has it (``sitrep watch`` marks its
    articles done with it). ``total``: how many inputs there are, for the progress bar's ETA."""
    from sitrep.pipeline import extract_documents

    summary = IngestSummary()
    started = time.monotonic()
    stored_hashes, stored_urls = store.known_documents(include_failed=not retry_failed)
    bar = tqdm(total=total, unit="doc", disable=None if progress is None else not progress,
               dynamic_ncols=True, smoothing=0.1)
    # Inputs handed to extraction, in order: results come back in the same order.
    pending: deque[tuple[str, str, Document]] = deque()

    def new_inputs() -> Iterator[Document | InputProblem]:
        for origin, item in inputs:
            summary.documents += 1
            digest, document = identity(item, origin)
            if digest in stored_hashes or (document.url and document.url in stored_urls):
                summary.already_stored += 1
                bar.update(1)
                if stored:
                    stored(origin, document, None)
                continue
            stored_hashes.add(digest)
            if document.url:
                stored_urls.add(document.url)
            pending.append((origin, digest, document))
            yield item

    try:
        # ``extract``: another engine's extract_documents-shaped function (sitrep.scale.ray_engine)
        extracted = extract(new_inputs()) if extract else extract_documents(new_inputs(), n_process=workers)
        for result in extracted:
            origin, digest, document = pending.popleft()
            writing = time.monotonic()
            outcome = store.add_result(document, result, origin=origin, digest=digest, replace_failed=retry_failed)
            summary.store_seconds += time.monotonic() - writing
            summary.record(outcome, result)
            if stored:
                stored(origin, document, outcome)
            bar.update(1)
            bar.set_postfix(events=summary.events, failed=summary.skipped + summary.errors, refresh=False)
    finally:
        bar.close()
        summary.seconds = time.monotonic() - started
    return summary
