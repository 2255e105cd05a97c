"""The event store: documents, events, incidents; ingest, deduplication, queries (see docs/store.md)."""
from sitrep.store.records import (
    AddOutcome,
    EventFilter,
    EvidenceSpan,
    Incident,
    IncidentReport,
    NameCount,
    SourceFigure,
    StoredDocument,
    StoredEvent,
    StoreStats,
)
from sitrep.store.store import Store, content_hash, database_url

__all__ = [
    "AddOutcome", "EventFilter", "EvidenceSpan", "Incident", "IncidentReport", "NameCount", "SourceFigure",
    "StoredDocument", "StoredEvent", "StoreStats", "Store", "content_hash", "database_url",
]
