"""A round of ``sitrep watch``: poll every feed that is due, queue the articles it lists that were
never seen, fetch each due article once, and extract, store and link them through
:func:`sitrep.store.ingest.ingest_documents` (the code of ``sitrep ingest``). A failure (feed or
article) is logged with its reason and tried again after a back-off that doubles with each
failure; an article that keeps failing is, in the end, stored from its feed item's own text where
the feed gave one (nothing lost), else given up with its reason (``sitrep stats`` shows it).
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from pydantic import BaseModel, Field

from sitrep.inputs import InputProblem, checked_document
from sitrep.models import Document
from sitrep.store.feeds import item_html
from sitrep.store.ingest import IngestSummary, failure_lines, ingest_documents
from sitrep.store.records import AddOutcome
from sitrep.store.store import Store
from sitrep.watch.fetch import FetchError, PoliteClient, RobotsDisallowed
from sitrep.watch.listing import Entry, ListingError, read_listing
from sitrep.watch.pages import PageError, article_text
from sitrep.watch.sources import FeedSource
from sitrep.watch.state import WatchState, utc

log = logging.getLogger("sitrep.watch")
# Longest input id kept as the document's id (the store's column holds 200 characters); longer
# guids leave the store to name the document by its content hash.
MAX_DOC_ID_CHARS = 180


@dataclass(frozen=True)
class WatchSettings:
    every: float = 900.0  # seconds between the starts of two rounds
    backoff: float = 300.0  # seconds before the first retry; doubled after each failure
    max_backoff: float = 6 * 3600.0
    max_attempts: int = 6  # attempts at an article page before its feed text is stored instead
    workers: int = 1
    progress: bool | None = None

    def retry_at(self, now: datetime, failures: int, retry_after: float | None = None) -> datetime:
        """When to try again after the ``failures``-th failure in a row (the server's Retry-After
        is obeyed where longer, up to the longest back-off)."""
        delay = min(self.backoff * 2 ** max(failures - 1, 0), self.max_backoff)
        if retry_after:
            delay = max(delay, min(retry_after, self.max_backoff))
        return now + timedelta(seconds=delay)


class RoundSummary(BaseModel):
    feeds: int = 0
    polled: int = 0
    not_modified: int = 0
    backing_off: int = 0
    queued: int = 0
    fetched: int = 0
    retry_later: int = 0
    from_feed_text: int = 0
    given_up: int = 0
    already_stored: int = 0
    pending_later: int = 0
    failures: list[tuple[str, str]] = []
    ingest: IngestSummary = Field(default_factory=IngestSummary)
    seconds: float = 0.0

    @property
    def faults(self) -> int:
        return len(self.failures) + self.ingest.skipped + self.ingest.errors

    def lines(self) -> list[str]:
        ingest = self.ingest
        lines = [
            f"feeds: {self.polled} of {self.feeds} polled ({self.not_modified} not modified), "
            f"{self.backing_off} backing off after failures; {self.queued} new article(s) listed",
            f"articles: {self.fetched} fetched, {ingest.stored} stored ({ingest.ok} ok, {ingest.skipped} skipped, "
            f"{ingest.errors} failed; {self.from_feed_text} from the feed's own text), "
            f"{self.already_stored + ingest.already_stored} already in the store, {self.retry_later} to retry, "
            f"{self.given_up} given up; {self.pending_later} waiting for a retry",
            f"{ingest.events} events added, {ingest.linked} linked to incidents other documents report; "
            f"{self.seconds:.1f} s",
        ]
        return lines + failure_lines(self.failures + ingest.failures, "`sitrep stats` shows each feed's health")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Watcher:
    """Rounds over ``sources`` into ``store``; ``now`` is the clock back-off is reckoned by."""

    def __init__(self, store: Store, sources: list[FeedSource], client: PoliteClient,
                 settings: WatchSettings = WatchSettings(), now: Callable[[], datetime] = _now) -> None:
        self.store = store
        self.client = client
        self.settings = settings
        self.now = now
        self.state = WatchState(store.engine)
        self.feed_ids = [row.id for row in self.state.register(sources)]
        # the articles of this round handed to the ingest: the status each is stored with, and
        # where redirects led
        self.statuses: dict[str, str] = {}
        self.final_urls: dict[str, str] = {}

    # ---- feeds -------------------------------------------------------------------------------

    def _list(self, url: str, etag: str | None = None, last_modified: str | None = None):
        """(fetched, listing) of a feed or sitemap; a sitemap index's own sitemaps read too."""
        fetched = self.client.get(url, etag=etag, last_modified=last_modified)
        if fetched.not_modified:
            return fetched, None
        listing = read_listing(fetched, self.now().date())
        if listing.kind != "sitemap index":
            return fetched, listing
        entries: list[Entry] = []
        problems: list[str] = []
        for child in listing.sitemaps:
            try:
                read = read_listing(self.client.get(child), self.now().date())
            except (FetchError, ListingError) as exc:
                problems.append(f"{child}: {exc.reason}")
                log.warning("sitemap %s (in %s): %s", child, url, exc.reason)
                continue
            entries += read.entries
            listing = listing._replace(outlet=listing.outlet or read.outlet, language=listing.language or read.language)
        if problems and not entries:
            raise ListingError(f"no sitemap of the index could be read ({problems[0]})")
        return fetched, listing._replace(entries=tuple(entries), left_out=listing.left_out + tuple(problems))

    def poll(self, feed, summary: RoundSummary) -> None:
        now = self.now()
        next_poll = utc(feed.next_poll_at)
        if next_poll and next_poll > now:
            summary.backing_off += 1
            log.info("feed %s: backing off until %s (%s)", feed.url, next_poll.isoformat(timespec="seconds"),
                     feed.last_error)
            return
        summary.polled += 1
        try:
            fetched, listing = self._list(feed.url, feed.etag, feed.last_modified)
        except (FetchError, ListingError) as exc:
            retry_after = getattr(exc, "retry_after", None)
            retry_at = self.settings.retry_at(now, feed.consecutive_errors + 1, retry_after)
            self.state.poll_failed(feed.id, now, exc.reason, retry_at)
            summary.failures.append((feed.url, exc.reason))
            log.warning("feed %s: %s; next try at %s", feed.url, exc.reason, retry_at.isoformat(timespec="seconds"))
            return
        if listing is None:
            self.state.poll_not_modified(feed.id, now)
            summary.not_modified += 1
            log.info("feed %s: not modified", feed.url)
            return
        queued = self.state.poll_succeeded(feed.id, now, listing.entries, etag=fetched.etag,
                                           last_modified=fetched.last_modified, outlet=listing.outlet,
                                           language=listing.language)
        summary.queued += queued
        for problem in listing.left_out:
            log.info("feed %s: left out %s", feed.url, problem)
        log.info("feed %s: %d article(s) listed, %d new", feed.url, len(listing.entries), queued)

    # ---- articles ----------------------------------------------------------------------------

    def _give_up(self, article, reason: str, summary: RoundSummary, status: str = "failed") -> Document | None:
        """The feed item's own text as the article's document, where the feed gave one; else the
        article is marked given up."""
        if article.summary or article.title:
            summary.from_feed_text += 1
            log.warning("article %s: %s; storing the feed's own text instead", article.url, reason)
            return self._document(article, summary, html=item_html(article.title or "", article.summary))
        summary.given_up += 1
        self.state.article_failed(article.id, self.now(), reason, retry_at=None, status=status)
        log.warning("article %s: %s; given up (the feed gives no text of its own)", article.url, reason)
        return None

    def _document(self, article, summary: RoundSummary, **body: str) -> Document | None:
        """The article as a document; None, the article given up with the reason, where a field of
        it is unusable (inputs.checked_document: a publication date in the future, an outlet too long...)."""
        doc_id = article.item_id if len(article.item_id) <= MAX_DOC_ID_CHARS else None
        document = checked_document(doc_id, url=article.url, outlet=article.outlet, language=article.language,
                                    published=article.published, **body)
        if isinstance(document, InputProblem):
            summary.failures.append((article.url, document.reason))
            summary.given_up += 1
            self.state.article_failed(article.id, self.now(), document.reason, retry_at=None)
            log.warning("article %s: %s; given up", article.url, document.reason)
            return None
        return document

    def _fetch(self, article, summary: RoundSummary) -> tuple[Document | None, str]:
        """The article's document and the status it is stored with, or (None, "") after a failure."""
        try:
            fetched = self.client.get(article.url)
            text = article_text(fetched)
        except RobotsDisallowed as exc:
            summary.failures.append((article.url, exc.reason))
            return self._give_up(article, exc.reason, summary, status="blocked"), "summary"
        except (FetchError, PageError) as exc:
            summary.failures.append((article.url, exc.reason))
            attempts = article.attempts + 1
            if attempts >= self.settings.max_attempts:
                return self._give_up(article, f"{exc.reason} ({attempts} attempts)", summary), "summary"
            retry_at = self.settings.retry_at(self.now(), attempts, getattr(exc, "retry_after", None))
            self.state.article_failed(article.id, self.now(), exc.reason, retry_at=retry_at)
            summary.retry_later += 1
            log.warning("article %s: %s; attempt %d of %d, next at %s", article.url, exc.reason, attempts,
                        self.settings.max_attempts, retry_at.isoformat(timespec="seconds"))
            return None, ""
        summary.fetched += 1
        self.final_urls[article.url] = fetched.final_url
        return self._document(article, summary, text=text), "stored"

    def _documents(self, due: list, summary: RoundSummary) -> Iterator[tuple[str, Document]]:
        for article in due:
            known = self.state.stored_document(article.url)
            if known is not None:  # stored before a restart, or by `sitrep ingest`: not fetched again
                self.state.article_done(article.url, self.now(), known)
                summary.already_stored += 1
                continue
            document, status = self._fetch(article, summary)
            if document is not None:
                self.statuses[article.url] = status
                yield article.feed_url, document

    def _stored(self, _origin: str, document: Document, outcome: AddOutcome | None) -> None:
        status = self.statuses.pop(document.url, "stored")
        self.state.article_done(document.url, self.now(), outcome.doc_id if outcome else None, status,
                                self.final_urls.pop(document.url, None))

    # ---- rounds ------------------------------------------------------------------------------

    def run_round(self) -> RoundSummary:
        started = time.monotonic()
        summary = RoundSummary(feeds=len(self.feed_ids))
        for feed_id in self.feed_ids:
            self.poll(self.state.feed(feed_id), summary)
        due = self.state.due_articles(self.now(), self.feed_ids)
        self.statuses.clear()
        self.final_urls.clear()
        summary.ingest = ingest_documents(self.store, self._documents(due, summary), total=len(due),
                                          workers=self.settings.workers, progress=self.settings.progress,
                                          stored=self._stored)
        summary.pending_later = self.state.pending_later(self.now(), self.feed_ids)
        summary.seconds = time.monotonic() - started
        return summary

    def run(self, rounds: int | None = None, stop: threading.Event | None = None,
            report: Callable[[int, RoundSummary], None] | None = None, survive: bool = True) -> None:
        """Round after round, one every ``settings.every`` seconds (``rounds``: at most that many),
        until ``stop`` is set. ``survive``: a round that fails as a whole (the store unreachable, a
        bug) is logged and the next one comes as planned; else its exception ends the run."""
        stop = stop or threading.Event()
        number = 0
        while not stop.is_set() and (rounds is None or number < rounds):
            number += 1
            started = time.monotonic()
            try:
                summary = self.run_round()
            except Exception as exc:
                if not survive:
                    raise
                log.exception("round %d failed: %s: %s; the next round comes as planned", number,
                              type(exc).__name__, exc)
            else:
                if report:
                    report(number, summary)
            if rounds is not None and number >= rounds:
                break
            stop.wait(max(0.0, self.settings.every - (time.monotonic() - started)))
