"""The contract between pipeline stages and with users, as pydantic models.

- :mod:`sitrep.models.record`: the event record users get, and the input document;
- :mod:`sitrep.models.mentions`: what the stages find in a document (places, actors, dates, tolls,
  triggers, claims);
- :mod:`sitrep.models.frames`: what event coding works on (a trigger with its arguments; the document).
"""
from sitrep.models.frames import DocumentContext, EventFrame
from sitrep.models.mentions import (
    ActorMention,
    Claim,
    DateMention,
    FatalityMention,
    PlaceMention,
    Relation,
    Trigger,
)
from sitrep.models.record import (
    ACTOR_TYPE_CODES,
    MAX_LANGUAGE_CHARS,
    MAX_OUTLET_CHARS,
    ActorRef,
    ActorType,
    ClaimStatus,
    Document,
    DocumentResult,
    Event,
    Evidence,
    GeoPrecision,
    Location,
    ModelReading,
    SourceRef,
    Span,
    TimePrecision,
    unusable_character,
)

__all__ = [
    "ACTOR_TYPE_CODES", "MAX_LANGUAGE_CHARS", "MAX_OUTLET_CHARS", "ActorMention", "ActorRef", "ActorType", "Claim", "ClaimStatus", "DateMention",
    "Document", "DocumentContext", "DocumentResult", "Event", "EventFrame", "Evidence", "FatalityMention",
    "GeoPrecision", "Location", "ModelReading", "PlaceMention", "Relation", "SourceRef", "Span", "TimePrecision", "Trigger",
    "unusable_character",
]
