"""The extraction pipeline, stage by stage in the order data flows:

HTML to text -> language -> sentences that can hold an event -> spaCy parse of those (a batch's
documents together) -> places (geocoded) -> actors and sources -> dates -> death tolls -> triggers
-> arguments by syntax (frames) -> attribution and claim status -> the learned event reader's reading
of each frame's sentence -> event coding (stages/events.py names its steps in order).

:func:`extract_document` never raises on bad input: a document that cannot be coded comes back
with status "skipped" and the reason.
"""
from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date as Date
from typing import TYPE_CHECKING, NamedTuple

from sitrep.inputs import InputProblem
from sitrep.models import Document, DocumentContext, DocumentResult, Event
from sitrep.stages import html as html_stage
from sitrep.stages.language import identify

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


class ReadyToParse(NamedTuple):
    """A document whose text and language are known."""

    document: Document
    text: str
    lang: str


def parse_documents(ready: list[ReadyToParse]) -> list[Doc | Exception]:
    """Each document's parse of the sentences worth parsing (stages/candidates.py), the documents of
    a language parsed together; an exception in place of a document whose parse failed."""
    from sitrep.stages import candidates
    from sitrep.stages.parse import parse, parse_together

    # a document's text to parse, then its parse; an exception where either failed
    parsed: dict[int, str | Doc | Exception] = {
        n: _attempt(candidates.text_to_parse, item.text, item.lang) for n, item in enumerate(ready)}
    for lang in {item.lang for item in ready}:
        numbers = [n for n, item in enumerate(ready) if item.lang == lang and isinstance(parsed[n], str)]
        try:
            docs = parse_together([parsed[n] for n in numbers], lang)
        except Exception:  # one document must not fail its batch: parse them one by one
            docs = [_attempt(parse, parsed[n], lang) for n in numbers]
        parsed.update(zip(numbers, docs))
    return [parsed[n] for n in range(len(ready))]


def _attempt(function, *args):
    """``function(*args)``, or the exception it raised."""
    try:
        return function(*args)
    except Exception as exc:
        return exc


def code_document(doc: Doc, lang: str, published: Date | None, doc_id: str | None) -> list[Event]:
    """The events of one parsed article: the stages after the parse, in the order data flows."""
    from sitrep.stages import actors, arguments, attribution, dates, event_model, events, fatalities, places, triggers

    found_places = places.find_places(doc, lang)
    country = places.geocode(doc, found_places, lang, hints=actors.home_countries(doc, lang))
    found_actors = actors.find_actors(doc, lang, published=published, country=country)
    found_dates = dates.find_dates(doc, lang, published)
    found_triggers = triggers.find_triggers(doc, lang)
    trigger_tokens = frozenset(i for t in found_triggers for i in range(t.token_start, t.token_end))
    tolls = fatalities.find_fatalities(doc, lang, found_dates, event_words=trigger_tokens)
    context = DocumentContext(
        doc=doc, text=doc.text, lang=lang, published=published, doc_id=doc_id, country=country, places=found_places,
        actors=found_actors, dates=found_dates, tolls=tolls,
        reporting_verbs=attribution.reporting_verb_tokens(doc, lang),
        trigger_tokens=trigger_tokens,
    )
    frames = arguments.find_frames(found_triggers, context)
    attribution.attribute(frames, context)
    event_model.read_sentences(frames, context)
    return events.code_events(frames, context)


def extract_document(document: Document | InputProblem) -> DocumentResult:
    """The events of one document, or why it was skipped."""
    return extract_batch([document])[0]


def prepare(document: Document | InputProblem) -> ReadyToParse | DocumentResult:
    """The document's text and language, or the result of a document that is skipped."""
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
    return ReadyToParse(document, text, decision.lang)


def _coded(item: ReadyToParse, doc: Doc | Exception) -> DocumentResult:
    document = item.document
    try:
        if isinstance(doc, Exception):
            raise doc
        found = code_document(doc, item.lang, document.published, document.id)
    except Exception as exc:  # a bug on one document must not stop a batch; it is reported
        return DocumentResult(doc_id=document.id, status="error", language=item.lang,
                              reason=f"internal error: {type(exc).__name__}: {exc}", text=item.text)
    return DocumentResult(doc_id=document.id, status="ok", language=item.lang, text=item.text, events=found)


def extract_batch(documents: list[Document | InputProblem]) -> list[DocumentResult]:
    """One worker's unit of work: a few documents, parsed together (spaCy's ``nlp.pipe`` does the
    matrix work of a batch at once), so inter-process overhead stays negligible."""
    prepared = [prepare(document) for document in documents]
    ready = [item for item in prepared if isinstance(item, ReadyToParse)]
    parsed = iter(parse_documents(ready))
    return [item if isinstance(item, DocumentResult) else _coded(item, next(parsed)) for item in prepared]


def batches(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


# Documents a worker gets (and parses) at a time, and batches queued per worker (one running, one
# waiting): the parent reads ahead at most this far, where Pool.imap would read the whole input at
# once. Parsed 8 together, a document took 79 CPU ms against 84 one at a time, for 40 MB more per
# worker; 16 saved no more and took 90 MB (docs/throughput.md).
WORKER_BATCH = 8
BATCHES_IN_FLIGHT_PER_WORKER = 2


def extract_documents(documents: Iterable[Document | InputProblem], n_process: int = 1) -> Iterator[DocumentResult]:
    """Results in input order; with ``n_process`` > 1, worker processes that each load the models
    once, fed from the stream with a bounded read-ahead, so the corpus is never held in memory."""
    if n_process <= 1:
        for batch in batches(documents, WORKER_BATCH):
            yield from extract_batch(batch)
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
