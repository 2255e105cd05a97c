"""Request and response bodies of the HTTP API (the ones that are not models.* records)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sitrep.models import Document, Event
from sitrep.store import AddOutcome, Incident

# Longest id/url/outlet string accepted: longer ones are junk, not identifiers.
MAX_NAME_CHARS = 2_000


class ExtractRequest(Document):
    """One article, as a line of a docs.jsonl batch: ``text`` or ``html``, and its metadata."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=MAX_NAME_CHARS)
    language: str | None = Field(None, max_length=20, description="declared language; null to detect it")
    url: str | None = Field(None, max_length=MAX_NAME_CHARS)
    outlet: str | None = Field(None, max_length=MAX_NAME_CHARS)

    @model_validator(mode="after")
    def _one_body(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self

    def document(self) -> Document:
        return Document.model_validate(self.model_dump())


class IngestDocument(ExtractRequest):
    """One article to extract and store; ``id`` names it in the store (else its content hash does)."""


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[IngestDocument] = Field(min_length=1)


class IngestedDocument(AddOutcome):
    reason: str | None = Field(None, description="why the document was skipped, or the error")


class IngestResponse(BaseModel):
    documents: list[IngestedDocument] = Field(description="one per document, in request order")


class EventPage(BaseModel):
    limit: int
    offset: int
    count: int = Field(description="events on this page")
    next_offset: int | None = Field(description="offset of the next page; null on the last page")
    events: list[Event]


class IncidentPage(BaseModel):
    limit: int
    offset: int
    count: int
    next_offset: int | None
    incidents: list[Incident]


class Problem(BaseModel):
    """An error: what was wrong with the request."""

    detail: str
    errors: list[dict] | None = Field(None, description="for invalid input: each problem, where and what")
