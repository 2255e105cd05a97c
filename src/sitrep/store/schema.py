"""The store's tables (SQLAlchemy Core), the same for SQLite and PostgreSQL.

The full event record is kept as JSON, compressed (``events.record``, about a third of the JSON's
size), so that what comes out is exactly what went in; the fields analysts filter on are also
columns, indexed for the common queries
(date range + country, near a point, by actor). Migrations in ``migrations/versions`` create
these tables; a test checks that the two never drift apart.
"""
from __future__ import annotations

import zlib

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

from sitrep.models import Event

metadata = MetaData()
# zlib level for event records: level 1 is three times faster than the default for 5% more bytes.
RECORD_COMPRESSION_LEVEL = 1


class EventRecord(TypeDecorator):
    """An :class:`Event` stored as zlib-compressed JSON."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Event | None, dialect) -> bytes | None:
        return None if value is None else zlib.compress(value.model_dump_json().encode("utf-8"), RECORD_COMPRESSION_LEVEL)

    def process_result_value(self, value: bytes | None, dialect) -> Event | None:
        return None if value is None else Event.model_validate_json(zlib.decompress(value))


documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True, comment="the input's id, made unique"),
    Column("url", Text, unique=True),
    Column("outlet", String(300)),
    Column("published", Date),
    Column("language", String(10)),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("status", String(10), nullable=False, comment="ok | skipped | error"),
    Column("reason", Text, comment="why the document was skipped or failed"),
    Column("origin", Text, comment="the file the document came from"),
    Column("text", Text, comment="the text the pipeline read (evidence offsets point into it)"),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("date_earliest", Date),
    Column("date_latest", Date),
    Column("country", String(100)),
    Column("location_name", String(300)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("fatalities", Integer, comment="headline figure: the lowest one reported (see docs/store.md)"),
    Column("n_reports", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(250), nullable=False, unique=True),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("incident_id", Integer, ForeignKey("incidents.id"), nullable=False),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("plover_event_type", String(60)),
    Column("cameo_root", String(10)),
    Column("date", Date),
    Column("date_earliest", Date),
    Column("date_latest", Date),
    Column("time_precision", Integer),
    Column("actor1", String(300)),
    Column("actor1_type", String(30)),
    Column("actor2", String(300)),
    Column("actor2_type", String(30)),
    Column("location_name", String(300)),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("country", String(100)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("fatalities", Integer),
    Column("fatalities_text", Text),
    Column("claim_status", String(15), nullable=False),
    Column("language", String(10)),
    Column("confidence", Float),
    Column("record", EventRecord, nullable=False, comment="the Event record, zlib-compressed JSON"),
    Index("ix_events_country_date", "country", "date"),
    Index("ix_events_date", "date"),
    Index("ix_events_lat_lon", "latitude", "longitude"),
    Index("ix_events_type_window", "event_type", "date_earliest"),
    Index("ix_events_doc", "doc_id"),
    Index("ix_events_incident", "incident_id"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_pk", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_key", String(300), primary_key=True, comment="canonical name (or words found), lower case"),
    Column("role", String(20), nullable=False, comment="the first of actor1 | assoc_actor1 | actor2 | assoc_actor2"),
    Column("name", String(300)),
    Column("text", Text, nullable=False),
    Column("actor_type", String(30)),
    Column("event_date", Date, comment="copied from the event so actor queries read the index in date order"),
    Index("ix_event_actors_key_date", "actor_key", "event_date", "event_pk"),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True, comment="canonical name, or the words found"),
    Column("kind", String(20)),
    Column("alignment", String(100)),
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("event_pk", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_event_sources_source", "source_id"),
)

evidence_spans = Table(
    "evidence_spans",
    metadata,
    Column("event_pk", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("role", String(30), nullable=False, comment="sentence | trigger | actor1 | place | date | fatalities | claim ..."),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

# ---- `sitrep watch`: the feeds it polls and the articles they list (src/sitrep/watch/) ----------

watch_feeds = Table(
    "watch_feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("outlet", String(300)),
    Column("language", String(10)),
    Column("etag", Text, comment="for a conditional GET (If-None-Match)"),
    Column("last_modified", Text, comment="for a conditional GET (If-Modified-Since)"),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_success_at", DateTime(timezone=True)),
    Column("last_error_at", DateTime(timezone=True)),
    Column("last_error", Text, comment="why the last poll failed"),
    Column("consecutive_errors", Integer, nullable=False, default=0),
    Column("errors_total", Integer, nullable=False, default=0),
    Column("next_poll_at", DateTime(timezone=True), comment="not polled before this (back-off after a failure)"),
    Column("items_queued", Integer, nullable=False, default=0, comment="new articles the feed listed, all rounds"),
)

watch_articles = Table(
    "watch_articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True, comment="the link as the feed lists it"),
    Column("feed_id", Integer, ForeignKey("watch_feeds.id"), nullable=False),
    Column("item_id", Text, nullable=False, comment="the item's guid/id, else its link"),
    Column("title", Text),
    Column("summary", Text, comment="the item's own HTML body: stored instead if the page never comes"),
    Column("published", Date),
    Column("status", String(10), nullable=False,
           comment="pending | stored | summary (its feed text stored) | failed (given up) | blocked (robots.txt)"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("doc_id", String(200), comment="the stored document (None: the store had it already)"),
    Column("final_url", Text, comment="where redirects led"),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
    Index("ix_watch_articles_status_next", "status", "next_attempt_at"),
    Index("ix_watch_articles_feed", "feed_id", "status"),
)
