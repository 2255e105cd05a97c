"""HTML to text: the article body, without navigation, scripts or markup (trafilatura)."""
from __future__ import annotations

import trafilatura


class NoTextError(ValueError):
    """The HTML holds no article text."""


def html_to_text(html: str) -> str:
    """The main text of an HTML page, paragraphs separated by line breaks."""
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip():
        raise NoTextError("no article text found in the HTML")
    return text.strip()


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head
