"""The polite HTTP client of ``sitrep watch`` (httpx): one User-Agent naming sitrep, robots.txt
obeyed, at most one request per host every ``host_delay`` seconds (or the site's Crawl-delay,
when longer), conditional GET (ETag / Last-Modified), redirects followed one by one (each hop
checked against robots.txt), and limits on time and size. Every failure is a :class:`FetchError`
that says why, with the server's Retry-After where it gave one.
"""
from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep import __version__

USER_AGENT = f"sitrep/{__version__} (conflict-event monitor; polls feeds at most every few minutes; obeys robots.txt)"
# The name robots.txt rules are matched against (the User-Agent's product token).
ROBOTS_AGENT = "sitrep"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# A site's Crawl-delay is obeyed up to this; a longer one would stall a round.
MAX_CRAWL_DELAY = 60.0
# robots.txt is read again after this long.
ROBOTS_TTL = 3600.0
MAX_ROBOTS_BYTES = 500_000


class FetchError(Exception):
    """A request that gave nothing usable: ``reason`` says why; ``retry_after`` (seconds) is the
    server's own wish where it sent one (429, 503)."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class RobotsDisallowed(FetchError):
    """robots.txt does not let sitrep fetch the URL."""


@dataclass
class Fetched:
    url: str = ""
    final_url: str = ""
    status: int = 200
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) in seconds from now."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class PoliteClient:
    """GET requests the way a well-behaved crawler makes them (see the module's docstring)."""

    def __init__(self, user_agent: str = USER_AGENT, timeout: float = 20.0, host_delay: float = 1.0,
                 max_bytes: int = 10_000_000, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, transport: httpx.BaseTransport | None = None) -> None:
        self.timeout = timeout
        self.host_delay = host_delay
        self.max_bytes = max_bytes
        self._sleep = sleep
        self._clock = clock
        self._client = httpx.Client(headers={"User-Agent": user_agent}, timeout=httpx.Timeout(timeout),
                                    follow_redirects=False, transport=transport)
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # ---- pace and robots.txt -----------------------------------------------------------------

    @contextmanager
    def _turn(self, host: str, what: str = "") -> Iterator[None]:
        """A request to ``host``: made once the host's turn comes, the next turn set after it, and
        httpx's failures turned into FetchErrors that say why (``what``: a prefix for the reason)."""
        wait = self._next_turn.get(host, 0.0) - self._clock()
        if wait > 0:
            self._sleep(wait)
        try:
            yield
        except httpx.TimeoutException:
            raise FetchError(f"{what}timed out after {self.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{what}network error: {type(exc).__name__}: {exc}") from None
        finally:
            delay = self.host_delay
            robots = self._robots.get(host, (0.0, None))[1]
            crawl_delay = robots.crawl_delay(ROBOTS_AGENT) if robots else None
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
            self._next_turn[host] = self._clock() + delay

    def _robots_for(self, host: str) -> urllib.robotparser.RobotFileParser:
        cached = self._robots.get(host)
        if cached and cached[1] is not None and self._clock() - cached[0] < ROBOTS_TTL:
            return cached[1]
        parser = urllib.robotparser.RobotFileParser()
        with self._turn(host, "robots.txt unreachable: "):
            # robots.txt may redirect (RFC 9309 asks crawlers to follow at least five hops)
            response = self._client.get(f"{host}/robots.txt", follow_redirects=True)
        if response.status_code in (401, 403):
            parser.disallow_all = True  # the site keeps its rules to itself: take that as a no
        elif 400 <= response.status_code < 500:
            parser.allow_all = True  # no robots.txt: no rules (RFC 9309)
        elif response.status_code >= 300:  # 5xx, or redirects beyond the limit: unreachable, ask again later
            raise FetchError(f"robots.txt unreachable: HTTP {response.status_code}",
                             retry_after_seconds(response.headers.get("retry-after")))
        else:
            parser.parse(response.content[:MAX_ROBOTS_BYTES].decode("utf-8", "replace").splitlines())
        parser.modified()  # RobotFileParser answers False for everything until it was "read"
        self._robots[host] = (self._clock(), parser)
        return parser

    def allowed(self, url: str) -> bool:
        return self._robots_for(_host(url)).can_fetch(ROBOTS_AGENT, url)

    # ---- requests ----------------------------------------------------------------------------

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The page at ``url``, after redirects; status 304 where the conditional headers say it has
        not changed. Raises FetchError (RobotsDisallowed) with the reason otherwise."""
        seen = [url]
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if not self.allowed(current):
                raise RobotsDisallowed(f"robots.txt disallows {current}")
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            fetched = self._get_once(current, headers)
            if fetched.status not in REDIRECT_STATUSES:
                fetched.url = url
                return fetched
            location = fetched.final_url
            if location in seen:
                raise FetchError(f"redirect loop: {' -> '.join(seen + [location])}")
            seen.append(location)
            current = location
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}): {' -> '.join(seen)}")

    def _get_once(self, url: str, headers: dict[str, str]) -> Fetched:
        started = self._clock()
        with self._turn(_host(url)), self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                target = urljoin(str(response.url), location)
                if urlsplit(target).scheme not in ("http", "https"):
                    raise FetchError(f"redirect to a non-HTTP address: {target}")
                return Fetched(status=status, final_url=target)
            if status == 304:
                return Fetched(status=304, final_url=url)
            if status != 200:
                raise FetchError(f"HTTP {status} {response.reason_phrase}".strip(),
                                 retry_after_seconds(response.headers.get("retry-after")))
            content = self._read_capped(response, started)
            return Fetched(status=200, final_url=str(response.url), content=content,
                           content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
                           charset=response.charset_encoding, etag=response.headers.get("etag"),
                           last_modified=response.headers.get("last-modified"))

    def _read_capped(self, response: httpx.Response, started: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"response larger than {self.max_bytes:,} bytes")
            # a server that sends a byte now and then never trips the read timeout: cap the whole
            if self._clock() - started > 3 * self.timeout:
                raise FetchError(f"timed out: the response took more than {3 * self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)
