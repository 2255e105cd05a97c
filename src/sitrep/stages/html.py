"""HTML to text: the article body, without navigation, scripts or markup (trafilatura)."""
from __future__ import annotations

import trafilatura
from lxml.html import HTMLParser, HtmlElement, document_fromstring

# libxml2 stops reading HTML nested deeper than 256 elements, or 2,048 with its "huge" option:
# the text below is dropped. Pages that deep are retried with the option; deeper ones are refused.
HUGE_TREE_DEPTH = 2_048
EXCESSIVE_DEPTH = "Excessive depth"


class NoTextError(ValueError):
    """The HTML holds no article text."""


def _article_text(html: str | HtmlElement) -> str | None:
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    return text.strip() if text and text.strip() else None


def _parsed(html: str, huge: bool) -> tuple[HtmlElement | None, bool]:
    """The page's tree as trafilatura's parser reads it, and whether it was nested too deeply to read whole."""
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                        remove_pis=True, huge_tree=huge)
    try:
        tree = document_fromstring(html.encode("utf-8"), parser=parser)
    except (ValueError, SyntaxError):  # lxml's ParserError is a ValueError; XMLSyntaxError a SyntaxError
        return None, False
    return tree, any(EXCESSIVE_DEPTH in error.message for error in parser.error_log)


def html_to_text(html: str) -> str:
    """The main text of an HTML page, paragraphs separated by line breaks."""
    text = _article_text(html)
    if text is None and _parsed(html, huge=False)[1]:
        tree, too_deep = _parsed(html, huge=True)
        if too_deep:
            raise NoTextError(f"HTML nested more than {HUGE_TREE_DEPTH:,} elements deep: its text cannot be read "
                              "(give the article's text, or HTML with fewer nested elements)")
        text = _article_text(tree) if tree is not None else None
    if text is None:
        raise NoTextError("no article text found in the HTML")
    return text


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head
