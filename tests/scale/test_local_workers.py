"""Local worker processes: results in input order, and a bounded read-ahead (the parent streams)."""
from __future__ import annotations

from sitrep.inputs import InputProblem
from sitrep.pipeline import BATCHES_IN_FLIGHT_PER_WORKER, WORKER_BATCH, extract_documents


def test_workers_keep_order_and_read_ahead_a_bounded_number_of_documents():
    consumed = 0

    def documents():
        nonlocal consumed
        for n in range(200):
            consumed += 1
            # input problems need no model: the workers start fast and the test measures streaming
            yield InputProblem(doc_id=f"doc-{n}", reason=f"reason {n}")

    results = extract_documents(documents(), n_process=2)
    first = next(results)
    read_ahead = consumed
    rest = list(results)
    assert [r.doc_id for r in [first, *rest]] == [f"doc-{n}" for n in range(200)]
    assert all(r.status == "skipped" and r.reason == f"reason {n}" for n, r in enumerate([first, *rest]))
    assert read_ahead <= (BATCHES_IN_FLIGHT_PER_WORKER * 2 + 1) * WORKER_BATCH < 200
