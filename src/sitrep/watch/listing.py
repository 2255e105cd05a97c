"""What a polled URL lists: the items of an RSS/Atom feed (read by the same code as ``sitrep
ingest`` reads feed files), the entries of a news sitemap, or the sitemaps of a sitemap index.
A response that is none of these (an HTML page, malformed XML, another XML document) raises
:class:`ListingError` with the reason."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import date as Date, timedelta
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from sitrep.store.feeds import is_feed_root, local_name, parse_feed, parse_item_date
from sitrep.watch.fetch import Fetched

HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Entries of a sitemap that are not marked as news are kept only if modified this recently: a
# site's general sitemap lists every page it ever had.
SITEMAP_RECENT_DAYS = 3
# Child sitemaps of an index read per poll, most recently modified first.
MAX_CHILD_SITEMAPS = 10


class ListingError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Entry(NamedTuple):
    """An article a feed or sitemap lists."""

    url: str
    item_id: str
    title: str | None = None
    summary: str | None = None  # the feed item's HTML body (none in sitemaps)
    published: Date | None = None


class Listing(NamedTuple):
    kind: str  # feed | sitemap | sitemap index
    outlet: str | None = None
    language: str | None = None
    entries: tuple[Entry, ...] = ()
    sitemaps: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()  # entries not kept, each with its reason


def _looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html")) or b"<body" in text[:2048]


def _web_link(link: str | None, base: str) -> str | None:
    if not link:
        return None
    url = urljoin(base, link.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def read_listing(fetched: Fetched, today: Date) -> Listing:
    """The articles (or child sitemaps) a fetched feed or sitemap lists."""
    content = fetched.content
    if not content.strip():
        raise ListingError("empty response: no feed")
    if fetched.content_type in HTML_TYPES or _looks_like_html(content[:4096]):
        raise ListingError(f"an HTML page, not a feed or sitemap (content-type {fetched.content_type or 'none'})")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise ListingError(f"malformed XML: {exc}") from None
    base = fetched.final_url or fetched.url
    if is_feed_root(root):
        return _feed_listing(root, base)
    name = local_name(root.tag)
    if name == "urlset":
        return _sitemap_listing(root, base, today)
    if name == "sitemapindex":
        return _index_listing(root, base)
    raise ListingError(f"XML, but neither a feed nor a sitemap (root element <{name}>)")


def _feed_listing(root: ElementTree.Element, base: str) -> Listing:
    feed = parse_feed(root, base)
    entries, left_out = [], []
    for item in feed.items:
        url = _web_link(item.link, base)
        if url is None:
            left_out.append(f"{item.doc_id}: no web link to the article ({item.link!r})")
            continue
        entries.append(Entry(url, item.doc_id, item.title or None, item.body, item.published))
    return Listing("feed", feed.outlet, feed.language, tuple(entries), (), tuple(left_out))


def _children(element: ElementTree.Element) -> dict[str, ElementTree.Element]:
    found: dict[str, ElementTree.Element] = {}
    for child in element:
        found.setdefault(local_name(child.tag), child)
    return found


def _text(element: ElementTree.Element | None) -> str | None:
    return element.text.strip() if element is not None and element.text and element.text.strip() else None


def _sitemap_listing(root: ElementTree.Element, base: str, today: Date) -> Listing:
    """A news sitemap (Google's news: extension) or a plain one, of which only recent pages count."""
    entries, left_out = [], []
    outlet = language = None
    recent = today - timedelta(days=SITEMAP_RECENT_DAYS)
    for number, url_element in enumerate((e for e in root if local_name(e.tag) == "url"), 1):
        fields = _children(url_element)
        url = _web_link(_text(fields.get("loc")), base)
        if url is None:
            left_out.append(f"entry {number}: no http(s) <loc>")
            continue
        news = fields.get("news")
        if news is not None:
            news_fields = _children(news)
            publication = _children(news_fields["publication"]) if "publication" in news_fields else {}
            outlet = outlet or _text(publication.get("name"))
            language = language or _text(publication.get("language"))
            published = parse_item_date(_text(news_fields.get("publication_date")))
            entries.append(Entry(url, url, _text(news_fields.get("title")), None, published))
            continue
        modified = parse_item_date(_text(fields.get("lastmod")))
        if modified is None or modified < recent:
            left_out.append(f"{url}: not a news entry, and not modified in the last {SITEMAP_RECENT_DAYS} days")
            continue
        entries.append(Entry(url, url, None, None, modified))
    language = language.split("-")[0].lower() if language else None
    return Listing("sitemap", outlet, language, tuple(entries), (), tuple(left_out))


def _index_listing(root: ElementTree.Element, base: str) -> Listing:
    children = []
    for sitemap in (e for e in root if local_name(e.tag) == "sitemap"):
        fields = _children(sitemap)
        url = _web_link(_text(fields.get("loc")), base)
        if url:
            children.append((parse_item_date(_text(fields.get("lastmod"))) or Date.min, url))
    children.sort(key=lambda child: child[0], reverse=True)
    kept = tuple(url for _, url in children[:MAX_CHILD_SITEMAPS])
    left_out = tuple(f"{url}: beyond the {MAX_CHILD_SITEMAPS} most recent sitemaps" for _, url in children[MAX_CHILD_SITEMAPS:])
    return Listing("sitemap index", sitemaps=kept, left_out=left_out)
