"""What ``sitrep watch`` keeps in the store between rounds and across restarts: the feeds (their
conditional-GET validators, health and back-off) and every article they listed (pending, stored,
or why not yet). An article is queued in the same transaction that records its feed's poll, and
marked done once the store holds its document, so a killed watcher loses nothing and a restarted
one goes on with what is still pending."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone

from pydantic import BaseModel, Field
from sqlalchemy import Engine, func, insert, or_, select, update

from sitrep.store.schema import documents, watch_articles, watch_feeds
from sitrep.watch.listing import Entry
from sitrep.watch.sources import FeedSource

# Feed-item bodies longer than this are cut before they are kept (they only serve as a fallback).
MAX_SUMMARY_CHARS = 100_000
# URLs looked up at once when queueing a feed's entries.
LOOKUP_CHUNK = 500


def utc(moment: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite gives them back naive)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


class FeedHealth(BaseModel):
    """How a watched feed is doing, for ``sitrep stats``."""

    url: str
    outlet: str | None = None
    last_polled_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error_at: datetime | None = None
    last_error: str | None = None
    consecutive_errors: int = 0
    errors_total: int = 0
    next_poll_at: datetime | None = Field(None, description="set while the feed is backing off after failures")
    articles: dict[str, int] = Field(default_factory=dict, description="its articles by status")
    retrying: int = Field(0, description="pending articles that failed at least once")


class WatchState:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ---- feeds -------------------------------------------------------------------------------

    def register(self, sources: Iterable[FeedSource]) -> list:
        """The feeds' rows, created where new; an outlet or language the sources file gives
        replaces the one kept."""
        rows = []
        with self.engine.begin() as connection:
            for source in sources:
                found = connection.execute(select(watch_feeds).where(watch_feeds.c.url == source.url)).first()
                given = {key: value for key, value in (("outlet", source.outlet), ("language", source.language)) if value}
                if found is None:
                    connection.execute(insert(watch_feeds).values(
                        url=source.url, consecutive_errors=0, errors_total=0, items_queued=0, **given))
                elif given:
                    connection.execute(update(watch_feeds).where(watch_feeds.c.id == found.id).values(**given))
                rows.append(connection.execute(select(watch_feeds).where(watch_feeds.c.url == source.url)).one())
        return rows

    def feed(self, feed_id: int):
        with self.engine.connect() as connection:
            return connection.execute(select(watch_feeds).where(watch_feeds.c.id == feed_id)).one()

    def poll_succeeded(self, feed_id: int, now: datetime, entries: Iterable[Entry], *, etag: str | None = None,
                       last_modified: str | None = None, outlet: str | None = None,
                       language: str | None = None) -> int:
        """Record a successful poll and queue the entries not seen before, in one transaction;
        the number queued. ``outlet``/``language``: what the feed says, kept where none is set."""
        with self.engine.begin() as connection:
            feed = connection.execute(select(watch_feeds).where(watch_feeds.c.id == feed_id)).one()
            fresh = self._unseen(connection, entries)
            if fresh:
                connection.execute(insert(watch_articles), [{
                    "url": entry.url, "feed_id": feed_id, "item_id": entry.item_id[:2000], "title": entry.title,
                    "summary": entry.summary[:MAX_SUMMARY_CHARS] if entry.summary else None,
                    "published": entry.published, "status": "pending", "attempts": 0, "first_seen_at": now,
                } for entry in fresh])
            values = {"last_polled_at": now, "last_success_at": now, "consecutive_errors": 0, "next_poll_at": None,
                      "last_error": None, "items_queued": feed.items_queued + len(fresh)}
            if etag is not None or last_modified is not None:
                values.update(etag=etag, last_modified=last_modified)
            if outlet and not feed.outlet:
                values["outlet"] = outlet[:300]
            if language and not feed.language:
                values["language"] = language[:10]
            connection.execute(update(watch_feeds).where(watch_feeds.c.id == feed_id).values(**values))
        return len(fresh)

    @staticmethod
    def _unseen(connection, entries: Iterable[Entry]) -> list[Entry]:
        unique: dict[str, Entry] = {}
        for entry in entries:
            unique.setdefault(entry.url, entry)
        urls = list(unique)
        seen: set[str] = set()
        for start in range(0, len(urls), LOOKUP_CHUNK):
            chunk = urls[start:start + LOOKUP_CHUNK]
            seen.update(connection.scalars(select(watch_articles.c.url).where(watch_articles.c.url.in_(chunk))))
        return [entry for url, entry in unique.items() if url not in seen]

    def poll_not_modified(self, feed_id: int, now: datetime) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(watch_feeds).where(watch_feeds.c.id == feed_id).values(
                last_polled_at=now, last_success_at=now, consecutive_errors=0, next_poll_at=None, last_error=None))

    def poll_failed(self, feed_id: int, now: datetime, reason: str, retry_at: datetime) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(watch_feeds).where(watch_feeds.c.id == feed_id).values(
                last_polled_at=now, last_error_at=now, last_error=reason, next_poll_at=retry_at,
                consecutive_errors=watch_feeds.c.consecutive_errors + 1,
                errors_total=watch_feeds.c.errors_total + 1))

    # ---- articles ----------------------------------------------------------------------------

    def due_articles(self, now: datetime, feed_ids: Iterable[int]) -> list:
        """Pending articles of these feeds whose (next) attempt is due, oldest first, with their
        feed's outlet and language."""
        with self.engine.connect() as connection:
            return list(connection.execute(
                select(watch_articles, watch_feeds.c.outlet, watch_feeds.c.language, watch_feeds.c.url.label("feed_url"))
                .join(watch_feeds, watch_feeds.c.id == watch_articles.c.feed_id)
                .where(watch_articles.c.status == "pending", watch_articles.c.feed_id.in_(list(feed_ids)),
                       or_(watch_articles.c.next_attempt_at.is_(None), watch_articles.c.next_attempt_at <= now))
                .order_by(watch_articles.c.first_seen_at, watch_articles.c.id)
            ))

    def pending_later(self, now: datetime, feed_ids: Iterable[int]) -> int:
        """Pending articles waiting for their back-off to end."""
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(watch_articles).where(
                watch_articles.c.status == "pending", watch_articles.c.feed_id.in_(list(feed_ids)),
                watch_articles.c.next_attempt_at > now))

    def stored_document(self, url: str) -> str | None:
        """The id of the stored document with this URL, if any (stored before a restart, or by
        ``sitrep ingest``)."""
        with self.engine.connect() as connection:
            return connection.scalar(select(documents.c.id).where(documents.c.url == url))

    def article_failed(self, article_id: int, now: datetime, reason: str, *, retry_at: datetime | None,
                       status: str = "pending", final_url: str | None = None) -> None:
        """One failed attempt: retried at ``retry_at`` (``status`` pending), or given up."""
        with self.engine.begin() as connection:
            connection.execute(update(watch_articles).where(watch_articles.c.id == article_id).values(
                attempts=watch_articles.c.attempts + 1, last_error=reason, next_attempt_at=retry_at, status=status,
                final_url=final_url, done_at=None if status == "pending" else now))

    def article_done(self, url: str, now: datetime, doc_id: str | None, status: str = "stored",
                     final_url: str | None = None) -> None:
        values = {"status": status, "doc_id": doc_id, "done_at": now, "next_attempt_at": None}
        if final_url:
            values["final_url"] = final_url
        with self.engine.begin() as connection:
            connection.execute(update(watch_articles).where(watch_articles.c.url == url).values(**values))

    # ---- health ------------------------------------------------------------------------------

    def health(self) -> list[FeedHealth]:
        with self.engine.connect() as connection:
            counts: dict[int, Counter[str]] = {}
            for feed_id, status, n in connection.execute(
                    select(watch_articles.c.feed_id, watch_articles.c.status, func.count())
                    .group_by(watch_articles.c.feed_id, watch_articles.c.status)):
                counts.setdefault(feed_id, Counter())[status] = n
            retrying = dict(connection.execute(
                select(watch_articles.c.feed_id, func.count())
                .where(watch_articles.c.status == "pending", watch_articles.c.attempts > 0)
                .group_by(watch_articles.c.feed_id)).all())
            feeds = connection.execute(select(watch_feeds).order_by(watch_feeds.c.id)).all()
        return [FeedHealth(
            url=feed.url, outlet=feed.outlet, last_polled_at=utc(feed.last_polled_at),
            last_success_at=utc(feed.last_success_at), last_error_at=utc(feed.last_error_at),
            last_error=feed.last_error, consecutive_errors=feed.consecutive_errors, errors_total=feed.errors_total,
            next_poll_at=utc(feed.next_poll_at), articles=dict(sorted(counts.get(feed.id, Counter()).items())),
            retrying=retrying.get(feed.id, 0),
        ) for feed in feeds]
