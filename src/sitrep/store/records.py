"""What the store takes in filters and gives back: pydantic models the CLI and the web layer share."""
from __future__ import annotations

from datetime import date as Date, datetime

from enum import Enum
from typing import get_args

from pydantic import BaseModel, Field, field_validator

from sitrep.models import ClaimStatus, Event

# The claim statuses, as the choices the command line and the API offer.
ClaimChoice = Enum("ClaimChoice", {status: status for status in get_args(ClaimStatus)}, type=str)


def parse_near(near: str) -> tuple[float, float, float]:
    """"LAT,LON,KM" (as the CLI and the API take it) -> a point and radius; ValueError says why not."""
    try:
        latitude, longitude, km = (float(part) for part in near.split(","))
    except ValueError:
        raise ValueError(f"near takes LAT,LON,KM (e.g. 36.2,37.15,10), not {near!r}") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180 and 0 < km <= 20_000):
        raise ValueError("near: latitude within ±90, longitude within ±180, radius 0 < KM <= 20000")
    return latitude, longitude, km


class EventFilter(BaseModel):
    """Conditions on events; every one given must hold. Text matches are case-insensitive except
    country/admin1, which are ACLED's names as written (e.g. "Syria", "Aleppo")."""

    country: str | None = None
    admin1: str | None = None
    date_from: Date | None = None
    date_to: Date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = Field(None, description="canonical actor name (or the words found where unresolved)")
    source: str | None = Field(None, description="a source the article cites, or the outlet that published it")
    near: tuple[float, float, float] | None = Field(None, description="latitude, longitude, radius in km")
    claim_status: ClaimStatus | None = None
    alignment: str | None = Field(None, description="words of the alignment of a cited source or of the outlet "
                                                    "(source knowledge base), e.g. 'opposition' or 'state media'")
    incident_id: int | None = Field(None, description="the events (reports) of one incident")

    @field_validator("near")
    @classmethod
    def _radius_positive(cls, near: tuple[float, float, float] | None) -> tuple[float, float, float] | None:
        if near is not None and near[2] <= 0:
            raise ValueError("the radius of 'near' must be positive")
        return near


class StoredDocument(BaseModel):
    id: str
    url: str | None = None
    outlet: str | None = None
    published: Date | None = None
    language: str | None = None
    content_hash: str
    status: str
    reason: str | None = None
    origin: str | None = None
    ingested_at: datetime
    text: str | None = None


class EvidenceSpan(BaseModel):
    role: str
    start: int
    end: int
    text: str


class IncidentReport(BaseModel):
    """One event of an incident: who reported what."""

    event_id: str
    doc_id: str
    outlet: str | None = None
    url: str | None = None
    published: Date | None = None
    reported_by: list[str] = Field(default_factory=list, description="sources the article cites")
    sub_event_type: str
    date: Date | None = None
    location_name: str | None = None
    fatalities: int | None = None
    fatalities_text: str | None = None
    claim_status: str
    language: str | None = None
    actor1: str | None = Field(None, description="canonical name, or the words found")
    actor2: str | None = None

    @property
    def attribution(self) -> str:
        """Who the figures of this report come from: the cited sources, else the outlet."""
        return ", ".join(self.reported_by) or self.outlet or self.doc_id


class SourceFigure(BaseModel):
    """A fatality figure and who gives it."""

    source: str
    fatalities: int | None
    fatalities_text: str | None = None
    event_id: str


class Incident(BaseModel):
    id: int
    event_type: str
    sub_event_type: str
    date_earliest: Date | None = None
    date_latest: Date | None = None
    country: str | None = None
    location_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    fatalities: int | None = Field(None, description="headline figure: the lowest asserted figure reported")
    fatalities_by_source: list[SourceFigure] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="every cited source and outlet, sorted")
    reports: list[IncidentReport] = Field(default_factory=list)


class StoredEvent(BaseModel):
    id: str = Field(description="the event's id in the store (also event.event_id)")
    incident_id: int
    event: Event
    document: StoredDocument | None = Field(None, description="with its text, from get_event")
    evidence: list[EvidenceSpan] = Field(default_factory=list, description="from get_event")
    siblings: list[IncidentReport] = Field(default_factory=list, description="the incident's other reports, from get_event")


class NameCount(BaseModel):
    name: str
    kind: str | None = None
    events: int


class StoreStats(BaseModel):
    documents: dict[str, int] = Field(description="documents by status")
    events: int
    incidents: int
    by_type: dict[str, int]
    by_country: dict[str, int]
    by_week: dict[str, int] = Field(description="ISO week (e.g. 2016-W38) of the event date")
    by_source: dict[str, int] = Field(description="events citing each source")
    by_outlet: dict[str, int] = Field(description="events from each outlet's articles")


class AddOutcome(BaseModel):
    """What the store did with one document."""

    doc_id: str
    duplicate: bool = Field(description="already stored (same content hash or URL): nothing added")
    status: str
    events: int = 0
    linked: int = Field(0, description="events that joined an incident other documents report")
