"""Initial tables: documents, incidents, events, event actors, sources, event sources, evidence spans.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(200), primary_key=True, comment="the input's id, made unique"),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("outlet", sa.String(300)),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(10)),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("status", sa.String(10), nullable=False, comment="ok | skipped | error"),
        sa.Column("reason", sa.Text, comment="why the document was skipped or failed"),
        sa.Column("origin", sa.Text, comment="the file the document came from"),
        sa.Column("text", sa.Text, comment="the text the pipeline read (evidence offsets point into it)"),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_type", sa.String(60), nullable=False),
        sa.Column("sub_event_type", sa.String(80), nullable=False),
        sa.Column("date_earliest", sa.Date),
        sa.Column("date_latest", sa.Date),
        sa.Column("country", sa.String(100)),
        sa.Column("location_name", sa.String(300)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("fatalities", sa.Integer, comment="headline figure: the lowest one reported (see docs/store.md)"),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("n_documents", sa.Integer, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(250), nullable=False, unique=True),
        sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("event_type", sa.String(60), nullable=False),
        sa.Column("sub_event_type", sa.String(80), nullable=False),
        sa.Column("plover_event_type", sa.String(60)),
        sa.Column("cameo_root", sa.String(10)),
        sa.Column("date", sa.Date),
        sa.Column("date_earliest", sa.Date),
        sa.Column("date_latest", sa.Date),
        sa.Column("time_precision", sa.Integer),
        sa.Column("actor1", sa.String(300)),
        sa.Column("actor1_type", sa.String(30)),
        sa.Column("actor2", sa.String(300)),
        sa.Column("actor2_type", sa.String(30)),
        sa.Column("location_name", sa.String(300)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("admin2", sa.String(200)),
        sa.Column("country", sa.String(100)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("fatalities", sa.Integer),
        sa.Column("fatalities_text", sa.Text),
        sa.Column("claim_status", sa.String(15), nullable=False),
        sa.Column("language", sa.String(10)),
        sa.Column("confidence", sa.Float),
        sa.Column("record", sa.LargeBinary, nullable=False, comment="the Event record, zlib-compressed JSON"),
    )
    op.create_index("ix_events_country_date", "events", ["country", "date"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_lat_lon", "events", ["latitude", "longitude"])
    op.create_index("ix_events_type_window", "events", ["event_type", "date_earliest"])
    op.create_index("ix_events_doc", "events", ["doc_id"])
    op.create_index("ix_events_incident", "events", ["incident_id"])
    op.create_table(
        "event_actors",
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("actor_key", sa.String(300), primary_key=True, comment="canonical name (or words found), lower case"),
        sa.Column("role", sa.String(20), nullable=False,
                  comment="the first of actor1 | assoc_actor1 | actor2 | assoc_actor2"),
        sa.Column("name", sa.String(300)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("actor_type", sa.String(30)),
        sa.Column("event_date", sa.Date, comment="copied from the event so actor queries read the index in date order"),
    )
    op.create_index("ix_event_actors_key_date", "event_actors", ["actor_key", "event_date", "event_pk"])
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True, comment="canonical name, or the words found"),
        sa.Column("kind", sa.String(20)),
        sa.Column("alignment", sa.String(100)),
    )
    op.create_table(
        "event_sources",
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_event_sources_source", "event_sources", ["source_id"])
    op.create_table(
        "evidence_spans",
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("role", sa.String(30), nullable=False,
                  comment="sentence | trigger | actor1 | place | date | fatalities | claim ..."),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("evidence_spans", "event_sources", "sources", "event_actors", "events", "incidents", "documents"):
        op.drop_table(table)
