"""The extraction pipeline, stage by stage in the order data flows:

HTML to text -> language -> sentences that can hold an event -> spaCy parse of those -> places (geocoded) -> actors and sources -> dates ->
death tolls -> triggers -> arguments by syntax -> event coding (sub-type, location, claim status,
attribution, evidence).

:func:`extract_document` never raises on bad input: a document that cannot be coded comes back
with status "skipped" and the reason.
"""
from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date as Date

from sitrep.inputs import InputProblem
from sitrep.models import Document, DocumentResult, Event
from sitrep.stages import html as html_stage
from sitrep.stages.language import identify

# Documents longer than this (characters of text) are skipped: parsing one would hold a worker for
# minutes and no news article comes near it.
MAX_TEXT_CHARS = 1_000_000


def document_text(document: Document) -> str:
    """The article text of a document given as text or HTML (raises html.NoTextError)."""
    if document.html and document.html.strip():
        return html_stage.html_to_text(document.html)
    text = document.text or ""
    if html_stage.looks_like_html(text):
        return html_stage.html_to_text(text)
    return text


def code_document(text: str, lang: str, published: Date | None, doc_id: str | None) -> list[Event]:
    """The events of one article whose language is known."""
    from sitrep.stages import actors, candidates, dates, events, fatalities, places, triggers
    from sitrep.stages.parse import parse

    doc = parse(candidates.text_to_parse(text, lang), lang)
    found_places = places.find_places(doc, lang)
    country = places.geocode(doc, found_places, lang)
    found_triggers = triggers.find_triggers(doc, lang)
    context = events.DocumentContext(
        doc=doc, lang=lang, published=published, doc_id=doc_id, country=country,
        places=found_places,
        actors=actors.find_actors(doc, lang, published=published, country=country),
        dates=dates.find_dates(doc, lang, published),
        tolls=fatalities.find_fatalities(doc, lang),
        reporting_verbs=events.reporting_verb_tokens(doc, lang),
        trigger_tokens=frozenset(i for t in found_triggers for i in range(t.token_start, t.token_end)),
    )
    frames = events.frames_for(found_triggers, context)
    return events.code_events(frames, context)


def extract_document(document: Document | InputProblem) -> DocumentResult:
    """The events of one document, or why it was skipped."""
    if isinstance(document, InputProblem):
        return DocumentResult(doc_id=document.doc_id, status="skipped", reason=document.reason)
    try:
        text = document_text(document)
    except html_stage.NoTextError as exc:
        return DocumentResult(doc_id=document.id, status="skipped", reason=str(exc))
    if not text.strip():
        return DocumentResult(doc_id=document.id, status="skipped", reason="empty document")
    if len(text) > MAX_TEXT_CHARS:
        return DocumentResult(doc_id=document.id, status="skipped",
                              reason=f"text too long: {len(text):,} characters (limit {MAX_TEXT_CHARS:,})")
    decision = identify(text, document.language)
    if decision.lang is None:
        return DocumentResult(doc_id=document.id, status="skipped", reason=decision.reason, text=text)
    try:
        found = code_document(text, decision.lang, document.published, document.id)
    except Exception as exc:  # a bug on one document must not stop a batch; it is reported
        return DocumentResult(doc_id=document.id, status="error", language=decision.lang,
                              reason=f"internal error: {type(exc).__name__}: {exc}", text=text)
    return DocumentResult(doc_id=document.id, status="ok", language=decision.lang, text=text, events=found)


def extract_batch(documents: list[Document | InputProblem]) -> list[DocumentResult]:
    """One worker's unit of work: a few documents, so inter-process overhead stays negligible."""
    return [extract_document(document) for document in documents]


def batches(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


# Documents a worker gets at a time, and batches queued per worker (one running, one waiting):
# the parent reads ahead at most this far, where Pool.imap would read the whole input at once.
WORKER_BATCH = 4
BATCHES_IN_FLIGHT_PER_WORKER = 2


def extract_documents(documents: Iterable[Document | InputProblem], n_process: int = 1) -> Iterator[DocumentResult]:
    """Results in input order; with ``n_process`` > 1, worker processes that each load the models
    once, fed from the stream with a bounded read-ahead, so the corpus is never held in memory."""
    if n_process <= 1:
        yield from map(extract_document, documents)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(n_process) as pool:
        in_flight: deque = deque()
        for batch in batches(documents, WORKER_BATCH):
            if len(in_flight) >= BATCHES_IN_FLIGHT_PER_WORKER * n_process:
                yield from in_flight.popleft().get()
            in_flight.append(pool.apply_async(extract_batch, (batch,)))
        while in_flight:
            yield from in_flight.popleft().get()


def extract(text: str, published: Date | str | None = None, lang: str = "auto") -> list[Event]:
    """The events an article reports. Raises ValueError where the text cannot be coded."""
    if isinstance(published, str):
        published = Date.fromisoformat(published)
    result = extract_document(Document(text=text, published=published, language=lang))
    if result.status != "ok":
        raise ValueError(result.reason)
    return result.events
