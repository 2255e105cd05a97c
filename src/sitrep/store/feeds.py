"""Documents from RSS 2.0, RSS 1.0 (RDF) and Atom feed files: one document per item/entry."""
from __future__ import annotations

import html as html_escaping
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from datetime import date as Date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import NamedTuple

from sitrep.inputs import InputProblem, checked_document
from sitrep.models import Document

ITEM_TAGS = {"item", "entry"}
# Root elements of RSS 2.0, Atom and RSS 1.0 (RDF) documents, lower case.
FEED_ROOTS = {"rss", "feed", "rdf"}
# Fields of an item, by local tag name, most specific first.
BODY_TAGS = ("encoded", "content", "description", "summary")
DATE_TAGS = ("pubDate", "published", "date", "updated")


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file are an RSS/Atom document."""
    text = head.decode("utf-8", "replace").lower()
    return "<rss" in text or "<feed" in text or "<rdf:rdf" in text


def _child_text(element: ElementTree.Element, names: tuple[str, ...]) -> str | None:
    children = {}
    for child in element:
        children.setdefault(local_name(child.tag), child)
    for name in names:
        child = children.get(name)
        if child is not None and (child.text or "").strip():
            return child.text.strip()
    return None


def _link(item: ElementTree.Element) -> str | None:
    for child in item:
        if local_name(child.tag) != "link":
            continue
        if child.get("href") and child.get("rel", "alternate") == "alternate":
            return child.get("href")
        if (child.text or "").strip():
            return child.text.strip()
    return None


def parse_item_date(text: str | None) -> Date | None:
    if not text:
        return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


class FeedItem(NamedTuple):
    """One item/entry of a feed: its id (guid, else link), link, title and HTML body, date."""

    doc_id: str
    link: str | None
    title: str
    body: str | None
    published: Date | None


class Feed(NamedTuple):
    outlet: str | None
    language: str | None
    items: list[FeedItem]


def is_feed_root(root: ElementTree.Element) -> bool:
    return local_name(root.tag).lower() in FEED_ROOTS


def parse_feed(root: ElementTree.Element, name: str) -> Feed:
    """The channel's title and language and its items in order (``name`` numbers items with no id)."""
    channel = next((e for e in root.iter() if local_name(e.tag) == "channel"), root)
    outlet = _child_text(channel, ("title",))
    declared = _child_text(channel, ("language",)) or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    language = declared.split("-")[0].lower() if declared else None
    items: list[FeedItem] = []
    for number, item in enumerate((e for e in root.iter() if local_name(e.tag) in ITEM_TAGS), 1):
        link = _link(item)
        doc_id = _child_text(item, ("guid", "id")) or link or f"{name}:{number}"
        title = _child_text(item, ("title",)) or ""
        body = _child_text(item, BODY_TAGS)
        items.append(FeedItem(doc_id, link, title, body, parse_item_date(_child_text(item, DATE_TAGS))))
    return Feed(outlet, language, items)


def item_html(title: str, body: str | None) -> str:
    """A feed item as the HTML page the pipeline reads: its title as a heading, then its body."""
    return f"<html><body><article><h1>{html_escaping.escape(title)}</h1>{body or ''}</article></body></html>"


def read_feed(path: str | Path) -> Iterator[Document | InputProblem]:
    """The items of a feed file in order: the item's HTML body (title as a heading), link as URL,
    feed title as outlet, feed language as the declared language."""
    name = Path(path).name
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as exc:
        yield InputProblem(doc_id=name, reason=f"not a readable feed: {exc}")
        return
    feed = parse_feed(root, name)
    for item in feed.items:
        if not (item.title or item.body):
            yield InputProblem(doc_id=item.doc_id, reason="feed item with no title or text")
            continue
        yield checked_document(item.doc_id, html=item_html(item.title, item.body), url=item.link, outlet=feed.outlet,
                               language=feed.language, published=item.published)


def count_feed_items(path: str | Path) -> int:
    try:
        return sum(1 for e in ElementTree.parse(path).getroot().iter() if local_name(e.tag) in ITEM_TAGS)
    except (ElementTree.ParseError, OSError):
        return 1
