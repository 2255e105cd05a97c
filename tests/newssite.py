"""A local news site for the watch (and web) tests: an HTTP server on 127.0.0.1 (started by the tests, in a
thread) whose every path the test sets: feeds, sitemaps, article pages and every fault the
network makes (timeouts, 4xx/5xx, redirects, HTML instead of a feed, malformed XML, paywalls,
empty pages). It records each request (path, headers, time).

The articles are this project's own invented wording, not news text."""
from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PLACES = ["Saraqib", "Kafr Nabl", "Ariha", "Jisr al-Shughur", "Maarrat al-Numan", "Khan Shaykhun", "Binnish",
          "Taftanaz", "Sarmin", "Atarib", "Daraa", "Douma"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def article_text(number: int) -> tuple[str, str]:
    """(title, paragraphs) of invented article ``number``: a shelling with a toll, then context."""
    place = PLACES[number % len(PLACES)]
    day = DAYS[number % len(DAYS)]
    killed = 3 + number
    title = f"Shelling kills {killed} in {place}"
    body = (
        f"Government forces shelled the town of {place} in Idlib province on {day}, killing {killed} civilians, "
        f"according to the Syrian Observatory for Human Rights.\n"
        f"Residents said the bombardment began before dawn and lasted several hours, damaging a school, "
        f"a bakery and dozens of homes near the central square of the town.\n"
        f"Rescue workers searched the rubble for survivors throughout the day, and local officials appealed for "
        f"medical supplies and fuel for the only hospital still working in the area (report {number})."
    )
    return title, body


def article_page(number: int, *, extra_paragraph: str = "") -> bytes:
    """Invented article ``number`` as a news site's page; ``extra_paragraph`` is added as text."""
    title, body = article_text(number)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in [*body.split("\n"), extra_paragraph] if p)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>{paragraphs}"
            f"</article><footer>Example footer</footer></body></html>").encode("utf-8")


def rss(title: str, items: list[tuple[str, str, str]], language: str = "en") -> bytes:
    """An RSS 2.0 feed; items are (link, title, description)."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><guid>{html.escape(link)}</guid>"
        f"<pubDate>Tue, 14 May 2019 08:00:00 GMT</pubDate><description>{html.escape(d)}</description></item>"
        for link, t, d in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{html.escape(title)}</title>"
            f"<language>{language}</language>{entries}</channel></rss>").encode("utf-8")


def atom(title: str, links: list[str]) -> bytes:
    entries = "".join(
        f"<entry><id>tag:example,2019:{n}</id><title>Report {n}</title><link rel='alternate' href='{html.escape(link)}'/>"
        f"<updated>2019-05-14T08:00:00Z</updated></entry>" for n, link in enumerate(links))
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{html.escape(title)}</title>{entries}</feed>").encode("utf-8")


def news_sitemap(outlet: str, links: list[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{html.escape(link)}</loc><news:news><news:publication><news:name>{html.escape(outlet)}</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>2019-05-14T08:00:00Z"
        f"</news:publication_date><news:title>Report {n}</news:title></news:news></url>"
        for n, link in enumerate(links))
    return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>").encode("utf-8")


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a timeout when longer than the client's)
    hold: threading.Event | None = None  # answer only once this is set


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class NewsSite:
    """The server's routes (path -> Response, or a function of the request giving one) and the
    requests it received."""

    def __init__(self) -> None:
        self.routes: dict[str, Response | Callable[[Request], Response]] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with site.lock:
                    site.requests.append(request)
                    route = site.routes.get(self.path)
                answer = route(request) if callable(route) else route or Response(404, b"not found", "text/plain")
                if answer.hold is not None:
                    answer.hold.wait(30)
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(answer.body)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *_args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base_url + path

    def set(self, path: str, answer: Response | Callable[[Request], Response]) -> None:
        with self.lock:
            self.routes[path] = answer

    def article(self, path: str, number: int, **response) -> str:
        """Serve invented article ``number`` at ``path``; its URL."""
        self.set(path, Response(body=article_page(number), **response))
        return self.url(path)

    def feed(self, path: str, answer: Response, etag: str | None = None) -> str:
        """Serve a feed at ``path``, answering 304 to a request that presents ``etag``."""
        def conditional(request: Request) -> Response:
            if etag and request.headers.get("if-none-match") == etag:
                return Response(304, b"", answer.content_type)
            return Response(answer.status, answer.body, answer.content_type,
                            {**answer.headers, **({"ETag": etag} if etag else {})}, answer.delay, answer.hold)
        self.set(path, conditional)
        return self.url(path)

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.path == path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
