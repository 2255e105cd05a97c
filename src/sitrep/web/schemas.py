"""Request and response bodies of the HTTP API (the ones that are not models.* records)."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sitrep.models import MAX_LANGUAGE_CHARS, Document, Event
from sitrep.store import AddOutcome, Incident
from sitrep.web.errors import echo

# Longest id/url string accepted: longer ones are junk, not identifiers.
MAX_NAME_CHARS = 2_000
# Documents one POST /documents may list, whatever the settings say: each one is validated (and
# each invalid one an error to build) before the settings' own limit is looked at.
MAX_DOCUMENTS_PER_REQUEST = 1_000
# Unknown keys named in the error.
MAX_NAMED_KEYS = 5


class KnownKeysOnly(BaseModel):
    """A request body whose unknown keys are one error naming the first few, however many there are
    (pydantic would build one error per key: 600,000 keys made an 85 MB answer)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = [key for key in data if key not in cls.model_fields]
            if unknown:
                named = ", ".join(echo(str(key)) for key in unknown[:MAX_NAMED_KEYS])
                raise ValueError(f"unknown field {named}{' ...' if len(unknown) > MAX_NAMED_KEYS else ''} "
                                 f"({len(unknown):,} in all); the fields are {', '.join(cls.model_fields)}")
        return data


class ExtractRequest(KnownKeysOnly, Document):
    """One article, as a line of a docs.jsonl batch: ``text`` or ``html``, and its metadata."""

    id: str | None = Field(None, max_length=MAX_NAME_CHARS)
    language: str | None = Field(None, max_length=MAX_LANGUAGE_CHARS, description="declared language; null to detect it")
    url: str | None = Field(None, max_length=MAX_NAME_CHARS)

    @model_validator(mode="after")
    def _one_body(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self

    def document(self) -> Document:
        return Document.model_validate(self.model_dump())


class IngestDocument(ExtractRequest):
    """One article to extract and store; ``id`` names it in the store (else its content hash does)."""


class IngestRequest(KnownKeysOnly):
    documents: list[IngestDocument] = Field(min_length=1)

    @field_validator("documents", mode="before")
    @classmethod
    def _not_too_many(cls, documents: Any) -> Any:
        if isinstance(documents, list) and len(documents) > MAX_DOCUMENTS_PER_REQUEST:
            raise ValueError(f"at most {MAX_DOCUMENTS_PER_REQUEST:,} documents per request, not {len(documents):,}")
        return documents


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
