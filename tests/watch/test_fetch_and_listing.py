"""The polite HTTP client against the local news site (robots.txt, pace, conditional GET,
redirects, timeouts, errors, size) and what a fetched feed or sitemap lists."""
from __future__ import annotations

from datetime import date

import pytest

from newssite import Response, atom, news_sitemap, rss
from sitrep.watch.fetch import Fetched, FetchError, PoliteClient, RobotsDisallowed, retry_after_seconds
from sitrep.watch.listing import ListingError, read_listing

TODAY = date(2019, 5, 15)


def client(**options) -> PoliteClient:
    return PoliteClient(**{"host_delay": 0.0, "timeout": 2.0, **options})


def test_user_agent_and_robots_txt(site):
    site.set("/robots.txt", Response(body=b"User-agent: sitrep\nDisallow: /private/\n\nUser-agent: *\nDisallow: /",
                                     content_type="text/plain"))
    site.set("/public", Response(body=b"ok"))
    site.set("/private/page", Response(body=b"secret"))
    with client() as polite:
        assert polite.get(site.url("/public")).content == b"ok"
        with pytest.raises(RobotsDisallowed, match="robots.txt disallows"):
            polite.get(site.url("/private/page"))
    assert site.hits("/private/page") == 0
    assert site.hits("/robots.txt") == 1  # read once, then cached
    assert all(r.headers["user-agent"].startswith("sitrep/") for r in site.requests)


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, False)])
def test_robots_txt_missing_or_forbidden(site, status, allowed):
    site.set("/robots.txt", Response(status, b"", "text/plain"))
    site.set("/page", Response(body=b"ok"))
    with client() as polite:
        assert polite.allowed(site.url("/page")) is allowed


def test_unreachable_robots_txt_is_a_failure_to_retry(site):
    site.set("/robots.txt", Response(503, b"busy", "text/plain", {"Retry-After": "120"}))
    with client() as polite, pytest.raises(FetchError, match="robots.txt unreachable: HTTP 503") as failure:
        polite.get(site.url("/page"))
    assert failure.value.retry_after == 120


def test_requests_to_one_host_are_paced(site):
    site.set("/robots.txt", Response(body=b"User-agent: *\nCrawl-delay: 1\n", content_type="text/plain"))
    site.set("/page", Response(body=b"ok"))
    with client(host_delay=0.2) as polite:
        for _ in range(3):
            polite.get(site.url("/page"))
    times = [r.at for r in site.requests]
    assert len(times) == 4  # robots.txt, then the page three times
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    # 0.2 s after robots.txt (the Crawl-delay is known once it is read), then the site's 1 s
    assert gaps[0] >= 0.19 and all(gap >= 0.99 for gap in gaps[1:]), gaps


def test_conditional_get(site):
    site.feed("/feed", Response(body=rss("Wire", []), content_type="application/rss+xml"), etag='"v7"')
    with client() as polite:
        first = polite.get(site.url("/feed"))
        assert first.status == 200 and first.etag == '"v7"'
        again = polite.get(site.url("/feed"), etag=first.etag)
    assert again.not_modified and again.content == b""
    assert site.requests[-1].headers["if-none-match"] == '"v7"'


def test_redirects_followed_hop_by_hop(site):
    site.set("/robots.txt", Response(body=b"User-agent: *\nDisallow: /closed\n", content_type="text/plain"))
    site.set("/old", Response(301, headers={"Location": "/middle"}))
    site.set("/middle", Response(302, headers={"Location": site.url("/new")}))
    site.set("/new", Response(body=b"moved here"))
    site.set("/loop-a", Response(302, headers={"Location": "/loop-b"}))
    site.set("/loop-b", Response(302, headers={"Location": "/loop-a"}))
    site.set("/to-closed", Response(302, headers={"Location": "/closed"}))
    with client() as polite:
        moved = polite.get(site.url("/old"))
        assert (moved.content, moved.url, moved.final_url) == (b"moved here", site.url("/old"), site.url("/new"))
        with pytest.raises(FetchError, match="redirect loop"):
            polite.get(site.url("/loop-a"))
        with pytest.raises(RobotsDisallowed):
            polite.get(site.url("/to-closed"))
    assert site.hits("/closed") == 0


def test_network_faults_say_why(site):
    site.set("/slow", Response(body=b"late", delay=1.5))
    site.set("/gone", Response(404, b"no", "text/plain"))
    site.set("/busy", Response(503, b"later", "text/plain", {"Retry-After": "60"}))
    site.set("/huge", Response(body=b"x" * 50_000))
    with client(timeout=0.4, max_bytes=10_000) as polite:
        with pytest.raises(FetchError, match="timed out after 0.4 s"):
            polite.get(site.url("/slow"))
        with pytest.raises(FetchError, match="HTTP 404 Not Found"):
            polite.get(site.url("/gone"))
        with pytest.raises(FetchError, match="HTTP 503") as busy:
            polite.get(site.url("/busy"))
        assert busy.value.retry_after == 60
        with pytest.raises(FetchError, match="larger than 10,000 bytes"):
            polite.get(site.url("/huge"))
    # nothing listens there: robots.txt, asked first, cannot be read
    with client() as polite, pytest.raises(FetchError, match="robots.txt unreachable: network error: ConnectError"):
        polite.get("http://127.0.0.1:9/nothing-listens-here")


def test_retry_after_as_a_date():
    from datetime import datetime, timezone

    now = datetime(2019, 5, 14, 8, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("Tue, 14 May 2019 08:02:00 GMT", now) == 120
    assert retry_after_seconds("soon", now) is None


def fetched(body: bytes, content_type: str = "application/xml") -> Fetched:
    return Fetched(url="https://news.example/feed", final_url="https://news.example/feed", content=body,
                   content_type=content_type)


def test_listings_of_feeds_and_sitemaps():
    feed = read_listing(fetched(rss("Example Wire", [("/a/1", "One", "<p>first</p>"), ("mailto:x@y", "Two", "")],
                                    language="fr-FR")), TODAY)
    assert (feed.kind, feed.outlet, feed.language) == ("feed", "Example Wire", "fr")
    assert [(e.url, e.title, e.summary, e.published) for e in feed.entries] == [
        ("https://news.example/a/1", "One", "<p>first</p>", date(2019, 5, 14))]
    assert "no web link" in feed.left_out[0]

    entries = read_listing(fetched(atom("Atom Daily", ["https://news.example/x"])), TODAY).entries
    assert [(e.url, e.item_id) for e in entries] == [("https://news.example/x", "tag:example,2019:0")]

    sitemap = read_listing(fetched(news_sitemap("Example Times", ["https://news.example/s/1"])), TODAY)
    assert (sitemap.kind, sitemap.outlet, sitemap.language) == ("sitemap", "Example Times", "en")
    assert [(e.url, e.title, e.published) for e in sitemap.entries] == [
        ("https://news.example/s/1", "Report 0", date(2019, 5, 14))]

    plain = (b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             b"<url><loc>/recent</loc><lastmod>2019-05-14</lastmod></url>"
             b"<url><loc>/old</loc><lastmod>2011-01-01</lastmod></url></urlset>")
    recent = read_listing(fetched(plain), TODAY)
    assert [e.url for e in recent.entries] == ["https://news.example/recent"]
    assert "not a news entry" in recent.left_out[0]

    index = (b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             b"<sitemap><loc>/news-1.xml</loc><lastmod>2019-05-13</lastmod></sitemap>"
             b"<sitemap><loc>/news-2.xml</loc><lastmod>2019-05-14</lastmod></sitemap></sitemapindex>")
    assert read_listing(fetched(index), TODAY).sitemaps == ("https://news.example/news-2.xml",
                                                            "https://news.example/news-1.xml")


@pytest.mark.parametrize(("body", "content_type", "reason"), [
    (b"<!DOCTYPE html><html><body>Subscribe</body></html>", "text/html", "an HTML page, not a feed"),
    (b"<html><body>no type given</body></html>", "", "an HTML page, not a feed"),
    (b"<?xml version='1.0'?><rss><channel><item><title>cut", "application/rss+xml", "malformed XML"),
    (b"<?xml version='1.0'?><catalog><book/></catalog>", "application/xml", "neither a feed nor a sitemap"),
    (b"  \n", "application/rss+xml", "empty response"),
])
def test_what_is_not_a_feed(body, content_type, reason):
    with pytest.raises(ListingError, match=reason):
        read_listing(fetched(body, content_type), TODAY)
