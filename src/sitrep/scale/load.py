"""``sitrep load``: import the Parquet partitions a Ray run wrote (:func:`ray_engine.extract_to_parquet`)
into a store, document by document, through the store's own writer (so loading twice, or after an
interrupted load, adds nothing twice)."""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from sitrep.inputs import InputProblem
from sitrep.models import Document, DocumentResult
from sitrep.store import Store
from sitrep.store.ingest import IngestSummary, identity

COLUMNS = ["origin", "input_kind", "input", "result"]


def read_partitions(folder: str) -> Iterator[tuple[str, Document | InputProblem, DocumentResult]]:
    """(origin file, input as read, extraction result) for every row of the Parquet files in
    ``folder``, partition by partition in name order."""
    import pyarrow.parquet as pq

    files = sorted(Path(folder).rglob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"no Parquet partitions in {folder}")
    for path in files:
        for batch in pq.ParquetFile(path).iter_batches(columns=COLUMNS, batch_size=256):
            for row in batch.to_pylist():
                model = InputProblem if row["input_kind"] == "problem" else Document
                yield row["origin"], model.model_validate_json(row["input"]), \
                    DocumentResult.model_validate_json(row["result"])


def load(store: Store, folder: str) -> IngestSummary:
    """Store every document of the partitions in ``folder``; returns the store's ingest summary."""
    summary = IngestSummary()
    started = time.monotonic()
    for origin, item, result in read_partitions(folder):
        summary.documents += 1
        digest, document = identity(item, origin)
        summary.record(store.add_result(document, result, origin=origin, digest=digest), result)
    summary.seconds = time.monotonic() - started
    return summary
