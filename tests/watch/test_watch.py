"""Rounds of the watcher against the local news site, with every network fault: each is logged
with its reason, backed off and retried later; in the end every article is stored exactly once
(from its page, or from the feed's own text where the page never came) and none is fetched again
once stored. The pipeline and the store are the real ones; the clock back-off is reckoned by is
the test's."""
from __future__ import annotations

import logging
import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest

from newssite import Response, article_page, rss
from sitrep.store import Store
from sitrep.watch.fetch import PoliteClient
from sitrep.watch.rounds import Watcher, WatchSettings
from sitrep.watch.sources import FeedSource

BACKOFF = 300.0


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2019, 5, 14, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def stored_urls(db: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        return sorted(url for (url,) in connection.execute("SELECT url FROM documents"))


def article_statuses(db: str) -> dict[str, tuple[str, int]]:
    with sqlite3.connect(db) as connection:
        return {url.rsplit("/", 1)[-1]: (status, attempts)
                for url, status, attempts in connection.execute("SELECT url, status, attempts FROM watch_articles")}


PAYWALL_HEAD = '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}</script>'
TEASER = (b"<!doctype html><html><head>" + PAYWALL_HEAD.encode() + b"</head><body><article><h1>Shelling</h1>"
          b"<p>Government forces shelled a town on Monday. Subscribe to continue reading.</p></article></body></html>")


@pytest.fixture
def faulty_site(site):
    """Feeds and articles, a working one of each kind and one for every fault."""
    site.set("/robots.txt", Response(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    articles = {
        "ok": site.article("/a/ok", 0),
        "moved": site.url("/a/moved"),
        "paywall": site.url("/a/paywall"),
        "empty": site.url("/a/empty"),
        "flaky": site.url("/a/flaky"),
        "slow": site.url("/a/slow"),
        "pdf": site.url("/a/pdf"),
        "blocked": site.url("/private/blocked"),
    }
    site.set("/a/moved", Response(302, headers={"Location": "/a/moved-here"}))
    site.article("/a/moved-here", 1)
    site.set("/a/paywall", Response(body=TEASER))
    site.set("/a/empty", Response(body=b"<html><body></body></html>"))
    site.set("/a/flaky", Response(500, b"oops", "text/plain"))
    site.set("/a/slow", Response(body=article_page(4), delay=1.2))
    site.set("/a/pdf", Response(body=b"%PDF-1.4 ...", content_type="application/pdf"))
    items = [(url, f"Shelling report {name}", f"<p>Feed text of the {name} report: government forces shelled "
              f"a town in Idlib province on Monday, killing {5 + n} civilians, a monitor said.</p>")
             for n, (name, url) in enumerate(articles.items())]
    site.feed("/feeds/good.rss", Response(body=rss("Example Wire", items), content_type="application/rss+xml"),
              etag='"good-1"')
    good_2 = rss("Second Wire", [(site.url("/a/via-redirect"), "Via a moved feed", "")])
    site.article("/a/via-redirect", 2)
    site.set("/feeds/moved.rss", Response(301, headers={"Location": "/feeds/good-2.rss"}))
    site.set("/feeds/good-2.rss", Response(body=good_2, content_type="application/rss+xml"))
    faults = {
        "/feeds/timeout.rss": (Response(body=rss("Slow", []), content_type="application/rss+xml", delay=1.2),
                               "timed out after 0.5 s"),
        "/feeds/gone.rss": (Response(404, b"not here", "text/plain"), "HTTP 404 Not Found"),
        "/feeds/busy.rss": (Response(503, b"later", "text/plain", {"Retry-After": "3600"}),
                            "HTTP 503 Service Unavailable"),
        "/feeds/page.rss": (Response(body=b"<!doctype html><html><body>Our news</body></html>"),
                            "an HTML page, not a feed or sitemap"),
        "/feeds/broken.rss": (Response(body=b"<?xml version='1.0'?><rss><channel><item>", content_type="text/xml"),
                              "malformed XML"),
        "/feeds/loop.rss": (Response(302, headers={"Location": "/feeds/loop.rss"}), "redirect loop"),
    }
    for path, (response, _reason) in faults.items():
        site.set(path, response)
    feed_paths = ["/feeds/good.rss", "/feeds/moved.rss", *faults]
    return site, articles, faults, feed_paths


def test_every_fault_is_logged_backed_off_and_retried_and_nothing_is_lost_or_doubled(
        faulty_site, tmp_path, caplog):
    site, articles, faults, feed_paths = faulty_site
    db = str(tmp_path / "watch.db")
    clock = Clock()
    sources = [FeedSource(url=site.url(path), outlet="Example Wire" if path == "/feeds/good.rss" else None,
                          language="en") for path in feed_paths]
    caplog.set_level(logging.INFO, logger="sitrep.watch")
    with Store(db) as store, PoliteClient(host_delay=0.0, timeout=0.5) as client:
        watcher = Watcher(store, sources, client, WatchSettings(backoff=BACKOFF, max_attempts=3, progress=False),
                          now=clock)

        # round 1: the working feeds and articles are stored, every fault is logged with its reason
        first = watcher.run_round()
        failures = dict(first.failures)
        for path, (_response, reason) in faults.items():
            assert reason in failures[site.url(path)]
            assert any(reason in r.getMessage() and r.levelname == "WARNING" for r in caplog.records), reason
        assert "isAccessibleForFree: false" in failures[articles["paywall"]]
        assert "empty article page" in failures[articles["empty"]]
        assert "HTTP 500" in failures[articles["flaky"]]
        assert "timed out" in failures[articles["slow"]]
        assert "not an HTML page (content-type application/pdf)" in failures[articles["pdf"]]
        assert "robots.txt disallows" in failures[articles["blocked"]]
        assert site.hits("/private/blocked") == 0
        assert stored_urls(db) == sorted([articles["ok"], articles["moved"], articles["blocked"],
                                          site.url("/a/via-redirect")])
        health = {feed.url: feed for feed in watcher.state.health()}
        assert health[site.url("/feeds/gone.rss")].consecutive_errors == 1
        assert health[site.url("/feeds/busy.rss")].next_poll_at == clock.now + timedelta(seconds=3600)  # Retry-After
        assert health[site.url("/feeds/gone.rss")].next_poll_at == clock.now + timedelta(seconds=BACKOFF)
        assert health[site.url("/feeds/good.rss")].last_success_at == clock.now
        statuses = article_statuses(db)
        assert statuses["blocked"] == ("summary", 0) and statuses["moved"] == ("stored", 0)
        assert {name: statuses[name] for name in ("paywall", "empty", "flaky", "slow", "pdf")} == {
            name: ("pending", 1) for name in ("paywall", "empty", "flaky", "slow", "pdf")}

        # round 2, a minute later: nothing in back-off is asked again, the good feed answers 304
        working_feeds = {"/feeds/good.rss", "/feeds/moved.rss", "/feeds/good-2.rss"}
        before = {path: site.hits(path) for path in {r.path for r in site.requests} - working_feeds}
        clock.advance(60)
        second = watcher.run_round()
        assert second.backing_off == len(faults) and second.not_modified == 1
        assert {path: site.hits(path) for path in before} == before

        # the network heals (but for the paywall and the PDF); after the back-off, round 3 gets them
        for path in faults:
            if path != "/feeds/busy.rss":
                site.set(path, Response(body=rss("Healed", []), content_type="application/rss+xml"))
        site.article("/a/empty", 5)
        site.article("/a/flaky", 6)
        site.article("/a/slow", 7)
        clock.advance(BACKOFF)
        third = watcher.run_round()
        assert not [url for url, _ in third.failures if "/feeds/" in url]
        assert third.backing_off == 1  # the busy feed asked for an hour
        assert {name: article_statuses(db)[name] for name in ("empty", "flaky", "slow")} == {
            name: ("stored", 1) for name in ("empty", "flaky", "slow")}
        assert article_statuses(db)["paywall"] == ("pending", 2)

        # round 4, after the doubled back-off: the third failure gives up the page for the feed's text
        clock.advance(2 * BACKOFF)
        fourth = watcher.run_round()
        assert fourth.from_feed_text == 2
        assert {name: article_statuses(db)[name][0] for name in ("paywall", "pdf")} == {"paywall": "summary",
                                                                                        "pdf": "summary"}
        clock.advance(3600)
        site.set("/feeds/busy.rss", Response(body=rss("Busy", []), content_type="application/rss+xml"))
        watcher.run_round()
        assert all(feed.consecutive_errors == 0 for feed in watcher.state.health())

    # every article stored once, each page fetched once it worked, nothing left pending
    everything = sorted([*articles.values(), site.url("/a/via-redirect")])
    assert stored_urls(db) == everything
    assert {status for status, _ in article_statuses(db).values()} == {"stored", "summary"}
    assert site.hits("/a/ok") == 1 and site.hits("/a/moved-here") == 1 and site.hits("/a/via-redirect") == 1
    with sqlite3.connect(db) as connection:
        paywalled = connection.execute("SELECT text, outlet, language FROM documents WHERE url = ?",
                                       (articles["paywall"],)).fetchone()
        moved = connection.execute("SELECT final_url FROM watch_articles WHERE url = ?",
                                   (articles["moved"],)).fetchone()
    assert "Feed text of the paywall report" in paywalled[0] and paywalled[1:] == ("Example Wire", "en")
    assert moved == (site.url("/a/moved-here"),)


def test_a_sitemap_index_and_what_the_sources_file_says(site, tmp_path):
    """A news sitemap index: its sitemaps are read; the outlet and language come from the sources
    file where it gives them, else from the sitemap."""
    from newssite import news_sitemap

    site.set("/sitemap-index.xml", Response(body=(
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{site.url('/news-1.xml')}</loc></sitemap><sitemap><loc>/news-2.xml</loc></sitemap>"
        "</sitemapindex>").encode(), content_type="application/xml"))
    site.set("/news-1.xml", Response(body=news_sitemap("Sitemap Times", [site.article("/s/1", 8)]),
                                     content_type="application/xml"))
    site.set("/news-2.xml", Response(404, b"", "text/plain"))
    db = str(tmp_path / "sitemap.db")
    with Store(db) as store, PoliteClient(host_delay=0.0) as client:
        summary = Watcher(store, [FeedSource(url=site.url("/sitemap-index.xml"))], client,
                          WatchSettings(progress=False)).run_round()
    assert summary.ingest.ok == 1 and summary.queued == 1
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT url, outlet, language FROM documents").fetchall() == [
            (site.url("/s/1"), "Sitemap Times", "en")]


def test_rounds_every_few_seconds_and_a_failed_round_does_not_end_the_watch(site, tmp_path, caplog):
    site.feed("/feed.rss", Response(body=rss("Wire", [(site.article("/a/1", 1), "One", "")]),
                                    content_type="application/rss+xml"), etag='"1"')
    summaries = []
    with Store(str(tmp_path / "loop.db")) as store, PoliteClient(host_delay=0.0) as client:
        watcher = Watcher(store, [FeedSource(url=site.url("/feed.rss"))], client,
                          WatchSettings(every=0.3, progress=False))
        real_round = watcher.run_round
        calls = []

        def round_that_fails_once():
            calls.append(time.monotonic())
            if len(calls) == 2:
                raise RuntimeError("the store is unreachable")
            return real_round()

        watcher.run_round = round_that_fails_once
        watcher.run(rounds=3, report=lambda number, summary: summaries.append((number, summary)))
    assert [number for number, _ in summaries] == [1, 3]
    assert summaries[0][1].ingest.ok == 1 and summaries[1][1].not_modified == 1
    assert "round 2 failed: RuntimeError: the store is unreachable" in caplog.text
    assert all(later - earlier >= 0.29 for earlier, later in zip(calls, calls[1:]))


def test_an_article_whose_feed_gives_unusable_fields_is_given_up_and_the_round_goes_on(site, tmp_path):
    """A feed item dated in the year 2999 (issue 18: no publication date after tomorrow): the article
    is given up with the reason; the round goes on and the other feed's article is stored."""
    future_url = site.article("/l/1", 5)
    site.feed("/feeds/future.rss", Response(body=rss("Future Wire", [(future_url, "Report", "")]).replace(
        b"14 May 2019", b"14 May 2999"), content_type="application/rss+xml"))
    site.feed("/feeds/fine.rss", Response(body=rss("Fine Wire", [(site.article("/l/2", 6), "Report", "")]),
                                          content_type="application/rss+xml"))
    db = str(tmp_path / "unusable.db")
    with Store(db) as store, PoliteClient(host_delay=0.0) as client:
        summary = Watcher(store, [FeedSource(url=site.url("/feeds/future.rss")),
                                  FeedSource(url=site.url("/feeds/fine.rss"))], client,
                          WatchSettings(progress=False)).run_round()
    assert summary.given_up == 1 and summary.ingest.ok == 1
    assert summary.failures == [(future_url, "invalid field 'published': 2999-05-14 is in the future: give the day "
                                             "the article was published")]
    assert stored_urls(db) == [site.url("/l/2")]
