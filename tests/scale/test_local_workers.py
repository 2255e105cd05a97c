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


def test_a_document_whose_parse_fails_fails_alone_in_its_batch(monkeypatch):
    """A batch is parsed together; where that fails, each document is parsed alone and only the
    one that fails is reported, as an error with its reason."""
    from sitrep.models import Document
    from sitrep.pipeline import extract_batch
    from sitrep.stages import parse

    def failing_together(texts, lang):
        raise RuntimeError("batch parse failed")

    real_parse = parse.parse

    def parse_failing_on_bomb(text, lang):
        if "bomb" in text:
            raise RuntimeError("cannot parse this one")
        return real_parse(text, lang)

    monkeypatch.setattr(parse, "parse_together", failing_together)
    monkeypatch.setattr(parse, "parse", parse_failing_on_bomb)
    documents = [Document(id="a", text="Rebels attacked an army post in Kidal on Monday.", language="en"),
                 Document(id="b", text="A bomb exploded near the market in Kidal on Monday.", language="en"),
                 Document(id="c", text="The army shelled rebel positions near Kidal on Monday.", language="en")]
    results = extract_batch(documents)
    assert [(r.doc_id, r.status) for r in results] == [("a", "ok"), ("b", "error"), ("c", "ok")]
    assert "cannot parse this one" in results[1].reason
    assert results[0].events and results[2].events
