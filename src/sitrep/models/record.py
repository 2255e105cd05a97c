"""The event record users get: pydantic models of the event and its parts, and of the input document.

Every coded field of an :class:`Event` points back at the words that support it through
character offsets into the document's text (:class:`Span`).
"""
from __future__ import annotations

import re
from datetime import date as Date, datetime, timedelta, timezone
from enum import IntEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

ClaimStatus = Literal["asserted", "denied", "hypothetical"]
ActorType = Literal[
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external_other",
]
ACTOR_TYPE_CODES: dict[str, int] = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_other": 8,
}


class TimePrecision(IntEnum):
    DAY = 1
    WEEK_OR_SPAN = 2
    MONTH = 3


class GeoPrecision(IntEnum):
    NAMED_PLACE = 1
    NEAR_OR_PART_OF = 2
    REGION = 3


class Span(BaseModel):
    """Characters [start, end) of the document text, and the words there."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


# What a document's fields may hold: the store keeps every document it is given, so the limits are
# its columns' (store/schema.py; a test checks they agree). Longer ids are shortened by the store.
MAX_OUTLET_CHARS = 300
MAX_LANGUAGE_CHARS = 10
# URLs are indexed: PostgreSQL's index entries hold at most 2,704 bytes.
MAX_URL_BYTES = 2_000
# Publication dates outside [this day, tomorrow] are mistakes (a day's time zones make tomorrow possible).
EARLIEST_PUBLISHED = Date(1900, 1, 1)
# A NUL (no database column takes one) or a lone surrogate (an escaped "\ud800" in JSON: half of a
# character, which cannot be written as UTF-8) makes a string unusable.
UNUSABLE_CHARACTER = re.compile("[\x00\ud800-\udfff]")


def unusable_character(value: str) -> str | None:
    """Why ``value`` cannot be stored or written out (a NUL or a lone surrogate in it), else None."""
    found = UNUSABLE_CHARACTER.search(value)
    if found is None:
        return None
    what = "a NUL character" if found.group() == "\x00" else f"a lone surrogate (\\u{ord(found.group()):04x})"
    return f"holds {what} at character {found.start():,}: not text"


class Document(BaseModel):
    """One input article. ``text`` or ``html`` must be given."""

    id: str | None = None
    text: str | None = None
    html: str | None = None
    published: Date | None = None
    language: str | None = Field(None, max_length=MAX_LANGUAGE_CHARS)
    url: str | None = None
    outlet: str | None = Field(None, max_length=MAX_OUTLET_CHARS)

    @field_validator("id", "text", "html", "language", "url", "outlet")
    @classmethod
    def _usable(cls, value: str | None) -> str | None:
        problem = None if value is None else unusable_character(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("url")
    @classmethod
    def _url_size(cls, url: str | None) -> str | None:
        if url is not None and len(url.encode("utf-8")) > MAX_URL_BYTES:
            raise ValueError(f"longer than {MAX_URL_BYTES:,} bytes")
        return url

    @field_validator("published")
    @classmethod
    def _plausible_day(cls, day: Date | None) -> Date | None:
        tomorrow = datetime.now(timezone.utc).date() + timedelta(days=1)
        if day is not None and day < EARLIEST_PUBLISHED:
            raise ValueError(f"{day.isoformat()} is before {EARLIEST_PUBLISHED.isoformat()}: give the day the article "
                             "was published")
        if day is not None and day > tomorrow:
            raise ValueError(f"{day.isoformat()} is in the future: give the day the article was published")
        return day


class ActorRef(BaseModel):
    """An actor as the text names it and, where known, as the knowledge base knows it."""

    text: str = Field(description="the words found in the text")
    name: str | None = Field(None, description="canonical name, None where unresolved")
    actor_id: str | None = None
    actor_type: ActorType | None = None
    role: str | None = Field(None, description="the generic role the actor fills (military, police, rebels...)")
    country: str | None = None
    resolved: bool = False
    span: Span | None = None
    inferred_from: str | None = Field(
        None, description="set where the event's own clause names no actor and this one was carried over "
                          "from an earlier event of the article (its event_id)")


class SourceRef(BaseModel):
    """Who the article says reports an event ("selon l'OSDH", "according to SOHR")."""

    text: str
    name: str | None = None
    source_id: str | None = None
    kind: Literal["media", "monitor", "government", "armed_group", "other"] | None = None
    alignment: str | None = None
    resolved: bool = False
    span: Span | None = None


class Location(BaseModel):
    """A place mention and what the gazetteer made of it."""

    text: str = Field(description="the words found in the text")
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    country_code: str | None = None
    feature: str | None = Field(None, description="kind of place: city, village, neighbourhood, camp, admin1...")
    geonameid: int | None = None
    geo_precision: GeoPrecision | None = None
    resolved: bool = False
    reason: str | None = Field(None, description="why the mention is unresolved or coarser than named")
    span: Span | None = None


class ModelReading(BaseModel):
    """What the learned event reader (sitrep/learn, docs/event-model.md) makes of an event's sentence."""

    event_probability: float = Field(ge=0.0, le=1.0, description="that the sentence reports a conflict event")
    event_type: str = Field(description="the most probable event type")
    event_type_probability: float = Field(ge=0.0, le=1.0)
    sub_event_type: str = Field(description="the most probable sub-type within that type")
    sub_event_type_probability: float = Field(ge=0.0, le=1.0)


class Evidence(BaseModel):
    """Where each coded field came from."""

    sentence: str
    sentence_span: Span
    trigger: Span
    rule: str = Field(description="the lexicon entry that fired")
    actor_spans: dict[str, Span] = Field(default_factory=dict)
    places: list[Location] = Field(default_factory=list, description="every place mention attached, resolved or not")
    date: Span | None = None
    fatalities: Span | None = None
    claim: Span | None = Field(None, description="the words that make the event denied or hypothetical")
    model: ModelReading | None = Field(None, description="the learned event reader's reading of the sentence; the "
                                                         "sub-type is the model's where the rule was generic "
                                                         "and the model sure (docs/event-model.md)")
    language: str
    confidence: float = Field(ge=0.0, le=1.0)


class Event(BaseModel):
    event_id: str
    doc_id: str | None = None
    event_type: str
    sub_event_type: str
    plover_event_type: str
    cameo_root: str
    date: Date | None
    time_precision: TimePrecision | None
    actor1: ActorRef | None = None
    assoc_actor1: list[ActorRef] = Field(default_factory=list)
    actor2: ActorRef | None = None
    assoc_actor2: list[ActorRef] = Field(default_factory=list)
    location: Location | None = None
    fatalities: int | None = None
    fatalities_text: str | None = None
    reported_by: list[SourceRef] = Field(default_factory=list)
    claim_status: ClaimStatus = "asserted"
    evidence: Evidence
    # Whether the toll came from a vague quantity ("dozens"), so that a precise figure told later
    # replaces it: known while the article is coded, not part of the record.
    _toll_is_vague: bool = PrivateAttr(False)

    @property
    def toll_is_vague(self) -> bool:
        return self._toll_is_vague

    @toll_is_vague.setter
    def toll_is_vague(self, vague: bool) -> None:
        self._toll_is_vague = vague


class DocumentResult(BaseModel):
    """What the pipeline made of one document: its events, or why it was skipped."""

    doc_id: str | None
    status: Literal["ok", "skipped", "error"]
    reason: str | None = None
    language: str | None = None
    text: str | None = None
    events: list[Event] = Field(default_factory=list)
