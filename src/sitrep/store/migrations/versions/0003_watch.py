"""Tables of `sitrep watch`: the feeds it polls (conditional GET state, health, back-off) and the
articles they list (each fetched once, retried with back-off, stored through the ingest code).

Revision ID: 0003_watch
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_watch"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_feeds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("outlet", sa.String(300)),
        sa.Column("language", sa.String(10)),
        sa.Column("etag", sa.Text, comment="for a conditional GET (If-None-Match)"),
        sa.Column("last_modified", sa.Text, comment="for a conditional GET (If-Modified-Since)"),
        sa.Column("last_polled_at", sa.DateTime(timezone=True)),
        sa.Column("last_success_at", sa.DateTime(timezone=True)),
        sa.Column("last_error_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text, comment="why the last poll failed"),
        sa.Column("consecutive_errors", sa.Integer, nullable=False),
        sa.Column("errors_total", sa.Integer, nullable=False),
        sa.Column("next_poll_at", sa.DateTime(timezone=True),
                  comment="not polled before this (back-off after a failure)"),
        sa.Column("items_queued", sa.Integer, nullable=False, comment="new articles the feed listed, all rounds"),
    )
    op.create_table(
        "watch_articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True, comment="the link as the feed lists it"),
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("watch_feeds.id"), nullable=False),
        sa.Column("item_id", sa.Text, nullable=False, comment="the item's guid/id, else its link"),
        sa.Column("title", sa.Text),
        sa.Column("summary", sa.Text, comment="the item's own HTML body: stored instead if the page never comes"),
        sa.Column("published", sa.Date),
        sa.Column("status", sa.String(10), nullable=False,
                  comment="pending | stored | summary (its feed text stored) | failed (given up) | blocked (robots.txt)"),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("doc_id", sa.String(200), comment="the stored document (None: the store had it already)"),
        sa.Column("final_url", sa.Text, comment="where redirects led"),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_watch_articles_status_next", "watch_articles", ["status", "next_attempt_at"])
    op.create_index("ix_watch_articles_feed", "watch_articles", ["feed_id", "status"])


def downgrade() -> None:
    op.drop_table("watch_articles")
    op.drop_table("watch_feeds")
