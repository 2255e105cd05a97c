"""An article page's text, or why it has none worth storing yet: not HTML, no article text
(empty page, an error page served with 200), a paywall or a subscription teaser. The text is
read by the pipeline's own HTML reader, so what is checked here is what would be coded."""
from __future__ import annotations

import codecs
import re
from functools import cache

from pydantic import ValidationError

from sitrep import lang
from sitrep.inputs import first_problem
from sitrep.models import Document
from sitrep.watch.fetch import Fetched
from sitrep.watch.listing import HTML_TYPES

# Fewer words than this is no article (a teaser, a cookie wall, an error page).
MIN_ARTICLE_WORDS = 25
# A page marked as paywalled is a teaser unless it holds at least this many words (sites often
# serve the whole text to crawlers with the paywall markup still in the page).
PAYWALL_MAX_WORDS = 150
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.IGNORECASE)
# schema.org's marker for paywalled content (JSON-LD), and the Open Graph article tier
NOT_FREE = re.compile(r""""isAccessibleForFree"\s*:\s*"?false"?""", re.IGNORECASE)
LOCKED_TIER = re.compile(r"""<meta[^>]+article:content_tier[^>]+content\s*=\s*["']?locked""", re.IGNORECASE)


class PageError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@cache
def paywall_phrases() -> tuple[str, ...]:
    """Every supported language's paywall words (lang/<code>/watch.yaml): a page's language is
    not known before its text is read."""
    return tuple(phrase.lower() for code in lang.supported_languages()
                 for phrase in lang.load(code, "watch").paywall)


def page_html(fetched: Fetched) -> str:
    """The page decoded: the charset the server names, else the page's own <meta charset>, else UTF-8."""
    declared = fetched.charset
    if not declared:
        found = META_CHARSET.search(fetched.content[:4096])
        declared = found.group(1).decode("ascii") if found else None
    try:
        codec = codecs.lookup(declared).name if declared else "utf-8"
    except LookupError:
        codec = "utf-8"
    return fetched.content.decode(codec, "replace")


def _paywall_marker(html: str, text: str) -> str | None:
    if NOT_FREE.search(html):
        return "the page says isAccessibleForFree: false"
    if LOCKED_TIER.search(html):
        return "the page's content tier is locked"
    lowered = text.lower()
    phrase = next((p for p in paywall_phrases() if p in lowered), None)
    return f"the page says {phrase!r}" if phrase else None


def article_text(fetched: Fetched) -> str:
    """The article text of a fetched page; PageError says why there is none worth storing."""
    from sitrep.pipeline import document_text
    from sitrep.stages.html import NoTextError

    if fetched.content_type and fetched.content_type not in HTML_TYPES:
        raise PageError(f"not an HTML page (content-type {fetched.content_type})")
    html = page_html(fetched)
    try:
        text = document_text(Document(html=html))
    except NoTextError:
        raise PageError("empty article page: no article text in the HTML") from None
    except ValidationError as exc:  # a NUL in the page
        raise PageError(f"not an article page: {first_problem(exc)[1]}") from None
    words = len(text.split())
    marker = _paywall_marker(html, text)
    if marker and words < PAYWALL_MAX_WORDS:
        raise PageError(f"paywall: {marker} ({words} words of text)")
    if words < MIN_ARTICLE_WORDS:
        raise PageError(f"too little text for an article: {words} words (a teaser or an error page?)")
    return text
