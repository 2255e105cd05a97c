"""The pipeline on Ray: actors that each load the spaCy pipelines once and extract batch after batch.

Two ways in:

- :func:`extract_documents_ray` streams documents from this process to an actor pool and results
  back in input order, with a bounded number of batches in flight (this process never holds the
  corpus). ``sitrep ingest --engine ray`` uses it: the store's ingest reads, de-duplicates and
  writes (SQLite or PostgreSQL) as with local workers, and only extraction runs on the cluster.
- :func:`extract_to_parquet` runs entirely on the cluster with Ray Data: JSON Lines files the
  cluster can read -> ``map_batches`` on an actor pool of :class:`Extractor` -> Parquet partitions,
  which ``sitrep load`` imports into a store afterwards.

Every node of a cluster needs sitrep installed (same version) in the Python that runs Ray.
"""
from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sitrep.inputs import InputProblem
from sitrep.inputs import document_from_line  # JSON Lines parsing, shared
from sitrep.models import Document, DocumentResult
from sitrep.pipeline import batches, extract_batch

# Documents per call to an actor: big enough that Ray's per-call overhead (milliseconds) vanishes
# beside the extraction (tens of milliseconds a document), small enough to keep actors balanced.
BATCH_SIZE = 8
# Batches queued per actor: one running, one waiting, so an actor never idles between calls.
BATCHES_IN_FLIGHT_PER_ACTOR = 2
INSTALL_HINT = "Ray is not installed: pip install 'sitrep[ray]' (or bash scripts/setup.d/70-ray.sh)"


def _ray() -> Any:
    try:
        import ray
    except ImportError:  # the optional extra is missing
        raise RuntimeError(INSTALL_HINT) from None
    return ray


def connect(address: str | None = None, workers: int | None = None) -> int:
    """Join the Ray cluster at ``address`` ("auto", "ray://host:10001", ...) or, without one,
    start a local Ray instance with ``workers`` CPUs (default: all); reuses a connection already
    open in this process. Returns how many extraction actors the cluster can run (one per CPU)."""
    ray = _ray()
    if not ray.is_initialized():
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address is None:
            options["num_cpus"] = workers or os.cpu_count() or 1
        ray.init(address=address, **options)
    cpus = int(ray.cluster_resources().get("CPU", 1))
    return max(1, min(workers or cpus, cpus))


def _line_key(line: str) -> str:
    """Stands for the line number in the fallback id of a line without one ("docs.jsonl:#1f0c9a2e"):
    Ray Data reads lines in parallel, without their numbers; distinct lines get distinct ids."""
    return "#" + hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()[:8]


class Extractor:
    """One Ray actor: a process that lives for the whole run, so the spaCy pipeline of each
    language is loaded once (at its first document, stages.parse caches it) and serves every batch."""

    def extract(self, documents: list[Document | InputProblem]) -> list[DocumentResult]:
        return extract_batch(documents)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        """Ray Data batch of JSON Lines (columns ``text``, ``path``) -> rows for Parquet: the input
        as read (``input_kind`` "document" or "problem", ``input`` JSON), its ``origin`` file and
        the extraction ``result`` JSON, plus ``doc_id``/``status``/``events`` for a quick look."""
        items = [document_from_line(str(line), _line_key(str(line)), Path(str(path)).name)
                 for line, path in zip(batch["text"], batch["path"])]
        results = self.extract(items)
        return {
            "origin": [str(path) for path in batch["path"]],
            "input_kind": ["problem" if isinstance(item, InputProblem) else "document" for item in items],
            "input": [item.model_dump_json() for item in items],
            "doc_id": [result.doc_id for result in results],
            "status": [result.status for result in results],
            "events": [len(result.events) for result in results],
            "result": [result.model_dump_json() for result in results],
        }


def extract_documents_ray(documents: Iterable[Document | InputProblem], *, address: str | None = None,
                          workers: int | None = None, batch_size: int = BATCH_SIZE) -> Iterator[DocumentResult]:
    """Results in input order, like :func:`sitrep.pipeline.extract_documents`, from a pool of
    ``workers`` actors (default: one per CPU of the cluster) that each load the models once."""
    ray = _ray()
    n_actors = connect(address, workers)
    remote_extractor = ray.remote(num_cpus=1)(Extractor)
    actors = [remote_extractor.remote() for _ in range(n_actors)]
    # Round robin: an actor runs its calls one after the other, so each has its next batch queued
    # beside it and never waits for this process (ray.util.ActorPool would hold the queue here and
    # leave an actor idle until the results before its own are collected).
    in_flight: deque = deque()
    try:
        for number, batch in enumerate(batches(documents, batch_size)):
            if len(in_flight) >= BATCHES_IN_FLIGHT_PER_ACTOR * n_actors:
                yield from ray.get(in_flight.popleft())  # the oldest batch: results stay in input order
            in_flight.append(actors[number % n_actors].extract.remote(batch))
        while in_flight:
            yield from ray.get(in_flight.popleft())
    finally:
        for actor in actors:
            ray.kill(actor)


def ray_extractor(address: str | None, workers: int | None):
    """``extract_documents``-shaped function for the store's ingest: documents in, results out in
    order. Raises RuntimeError at once where Ray is not installed."""
    _ray()

    def extract(documents: Iterable[Document | InputProblem]) -> Iterator[DocumentResult]:
        return extract_documents_ray(documents, address=address, workers=workers)
    return extract


def extract_to_parquet(paths: Sequence[str], out_dir: str, *, address: str | None = None,
                       workers: int | None = None, batch_size: int = BATCH_SIZE) -> None:
    """Extract JSON Lines batches at ``paths`` (local files, or any URI the cluster's nodes can
    read) with Ray Data and write one Parquet partition per block into ``out_dir``."""
    ray = _ray()
    n_actors = connect(address, workers)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    # Reading lines and writing partitions take no CPU worth reserving: all CPUs go to the actors
    # (reserving one for them would leave a 2-CPU machine with one actor, or none free to read).
    lines = ray.data.read_text([_absolute(p) for p in paths], include_paths=True, num_cpus=0)
    extracted = lines.map_batches(Extractor, batch_size=batch_size, concurrency=n_actors, num_cpus=1)
    extracted.write_parquet(_absolute(out_dir), ray_remote_args={"num_cpus": 0})


def _absolute(path: str) -> str:
    """Local paths made absolute (Ray's workers do not share this process's working folder)."""
    return path if "://" in path else str(Path(path).resolve())
