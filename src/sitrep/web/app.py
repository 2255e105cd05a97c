"""The HTTP API and the explorer page over a store: ``create_app(store_url, token)``.

Reads (events, incidents, actors, sources, stats, extraction without storing) are open unless
the settings protect them; writes (POST /documents) need the API token. Bad input gets a 4xx
with a ``detail`` saying what is wrong, never a 500.
"""
from __future__ import annotations

import hmac
import io
import math
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date as Date
from importlib import resources
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.exc import DataError, OperationalError

from sitrep import __version__
from sitrep.exports import BINARY_FORMATS, EventFormat, write_events
from sitrep.models import DocumentResult, Event
from sitrep.store import EventFilter, NameCount, Store, StoredEvent, StoreStats
from sitrep.store.records import ClaimChoice, parse_near
from sitrep.web.errors import echo, listed_errors, store_message, validation_summary
from sitrep.web.guards import HostCheck, PublicFiles, TokenBackoff, reject_unknown_query
from sitrep.web.limits import BodySizeLimit
from sitrep.web.monitor import monitor_router
from sitrep.web.schemas import (
    EventPage,
    ExtractRequest,
    IncidentPage,
    IngestedDocument,
    IngestRequest,
    IngestResponse,
    Problem,
)
from sitrep.web.settings import WebSettings, resolve_token

STATIC_DIR = resources.files("sitrep.web").joinpath("static")
MAX_PAGE = 1000
# Larger offsets are no page anyone reads, and overflow some databases' integers.
MAX_OFFSET = 1_000_000_000
# Filter strings: no control characters (PostgreSQL refuses NUL), no novel-length values.
FILTER_TEXT = {"max_length": 300, "pattern": r"^[^\x00-\x1f\x7f]*$"}
# Scripts, styles, map data: from this server only (the page works offline and loads no CDN).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "acled-csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "table": "text/plain; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}

ERRORS = {
    400: {"model": Problem, "description": "the body cannot be read (not JSON, not UTF-8)"},
    401: {"model": Problem, "description": "API token missing or wrong"},
    422: {"model": Problem, "description": "invalid parameters or body"},
    429: {"model": Problem, "description": "too many wrong API tokens from this address: wait (Retry-After)"},
}
WRITE_ERRORS = ERRORS | {
    403: {"model": Problem, "description": "writing is disabled: the server has no API token configured"},
    413: {"model": Problem, "description": "request body too large"},
}


def _presented_token(request: Request) -> str | None:
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("x-api-token")


def _check_token(request: Request, expected: str, backoff: TokenBackoff) -> None:
    """The request's token is ``expected``, else 401; a client that sent too many wrong ones waits (429)."""
    client = request.client.host if request.client else "unknown"
    wait = backoff.wait_left(client)
    if wait > 0:
        seconds = math.ceil(wait)
        raise HTTPException(429, f"too many wrong API tokens from this address: try again in {seconds} s",
                            headers={"Retry-After": str(seconds)})
    presented = _presented_token(request)
    if presented is None or not hmac.compare_digest(presented.encode(), expected.encode()):
        if presented is not None:
            backoff.failed(client)
        raise HTTPException(401, "API token missing or wrong: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    backoff.succeeded(client)


def _parse_near(near: str | None) -> tuple[float, float, float] | None:
    try:
        return parse_near(near) if near is not None else None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def event_filter(
    country: Annotated[str | None, Query(description='ACLED country name, e.g. "Syria"', **FILTER_TEXT)] = None,
    admin1: Annotated[str | None, Query(**FILTER_TEXT)] = None,
    date_from: Annotated[Date | None, Query(alias="from", description="earliest event date")] = None,
    date_to: Annotated[Date | None, Query(alias="to", description="latest event date")] = None,
    event_type: Annotated[str | None, Query(alias="type", **FILTER_TEXT)] = None,
    sub_event_type: Annotated[str | None, Query(alias="sub_type", **FILTER_TEXT)] = None,
    actor: Annotated[str | None, Query(description="canonical actor name (case-insensitive)", **FILTER_TEXT)] = None,
    source: Annotated[str | None, Query(description="cited source or outlet (case-insensitive)", **FILTER_TEXT)] = None,
    near: Annotated[str | None, Query(description="LAT,LON,KM", max_length=100)] = None,
    claim: Annotated[ClaimChoice | None, Query(description="asserted, denied or hypothetical")] = None,
    alignment: Annotated[str | None, Query(description="words of a cited source's or the outlet's alignment "
                                                       "(e.g. 'state media')", **FILTER_TEXT)] = None,
    incident: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="the reports of one incident")] = None,
) -> EventFilter:
    """The same filters as ``sitrep events``, and claim status, source alignment and incident."""
    return EventFilter(country=country, admin1=admin1, date_from=date_from, date_to=date_to, event_type=event_type,
                       sub_event_type=sub_event_type, actor=actor, source=source, near=_parse_near(near),
                       claim_status=claim.value if claim else None, alignment=alignment, incident_id=incident)


Filters = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def _next_offset(offset: int, limit: int, fetched: int) -> int | None:
    return offset + limit if fetched > limit else None


def _formatted(events: list[Event], fmt: str) -> Response:
    if fmt in BINARY_FORMATS:
        buffer = io.BytesIO()
        write_events(events, fmt, buffer)
        return Response(buffer.getvalue(), media_type=MEDIA_TYPES[fmt])
    text = io.StringIO()
    write_events(events, fmt, text)
    return Response(text.getvalue(), media_type=MEDIA_TYPES[fmt])


def create_app(store_url: str | None = None, token: str | None = None, *,
               settings: WebSettings | None = None) -> FastAPI:
    """The web app over the store at ``store_url`` (None: $SITREP_DB or ./sitrep.db).

    ``token`` is the API token writes need (None: $SITREP_API_TOKEN, else the config file);
    ``settings`` overrides the rest (reads protected, size limits).
    """
    settings = (settings or WebSettings()).model_copy(update={"api_token": resolve_token(token)})
    store = Store(store_url)
    # spaCy pipelines are not meant to be shared between threads: one extraction at a time.
    extraction_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    # No /docs or /redoc: FastAPI's pages load Swagger UI from a CDN, and this server works offline.
    app = FastAPI(title="sitrep", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  dependencies=[Depends(reject_unknown_query)],
                  description="Conflict events extracted from news, with the evidence for each field.")
    app.add_middleware(BodySizeLimit, max_body_bytes=settings.max_body_bytes)
    app.state.store = store
    app.state.settings = settings
    backoff = TokenBackoff(settings.free_token_failures, settings.longest_backoff_seconds)

    def require_read(request: Request) -> None:
        if settings.protect_reads:
            if settings.api_token is None:
                raise HTTPException(403, "reading is protected and no API token is configured")
            _check_token(request, settings.api_token, backoff)

    def require_write(request: Request) -> None:
        if settings.api_token is None:
            raise HTTPException(403, "writing is disabled: set SITREP_API_TOKEN (or [web] api_token in the "
                                     "config file) and restart the server")
        _check_token(request, settings.api_token, backoff)

    read = [Depends(require_read)]

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        problem = Problem(detail=validation_summary(errors), errors=jsonable_encoder(listed_errors(errors)))
        return JSONResponse(problem.model_dump(), status_code=422)

    @app.exception_handler(OperationalError)
    async def _store_unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
        return JSONResponse({"detail": f"the store cannot answer now: {store_message(exc)}"}, status_code=503)

    @app.exception_handler(DataError)
    async def _store_refused(_request: Request, exc: DataError) -> JSONResponse:
        return JSONResponse({"detail": f"the store refused a value: {store_message(exc)}"}, status_code=422)

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    # ---- the page ------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(STATIC_DIR.joinpath("index.html")), media_type="text/html")

    app.mount("/static", PublicFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/health", summary="Liveness, and whether the page's map assets are installed")
    def health() -> dict[str, object]:
        return {"status": "ok", "version": __version__,
                "map_assets": STATIC_DIR.joinpath("vendor", "VERSIONS").is_file(),
                "writes_enabled": settings.api_token is not None}

    @app.get("/taxonomy", summary="Event types and their sub-types")
    def taxonomy() -> dict[str, list[str]]:
        from sitrep.taxonomy import sub_event_types

        grouped: dict[str, list[str]] = {}
        for sub in sub_event_types().values():
            grouped.setdefault(sub.event_type, []).append(sub.sub_event_type)
        return grouped

    # ---- extraction and ingest -------------------------------------------------------------

    @app.post("/extract", response_model=DocumentResult, dependencies=read,
              responses=ERRORS | {413: WRITE_ERRORS[413]},
              summary="Extract the events of one article (text or HTML); nothing is stored")
    def extract(body: ExtractRequest) -> DocumentResult:
        from sitrep.pipeline import extract_document

        with extraction_lock:
            return extract_document(body.document())

    @app.post("/documents", response_model=IngestResponse, dependencies=[Depends(require_write)],
              responses=WRITE_ERRORS, summary="Extract and store documents (needs the API token)")
    def ingest(body: IngestRequest) -> IngestResponse:
        from sitrep.pipeline import extract_document

        if len(body.documents) > settings.max_documents:
            raise HTTPException(422, f"at most {settings.max_documents} documents per request, "
                                     f"not {len(body.documents)}")
        stored = []
        for request_document in body.documents:
            document = request_document.document()
            with extraction_lock:
                result = extract_document(document)
            outcome = store.add_result(document, result, origin="api")
            stored.append(IngestedDocument(**outcome.model_dump(), reason=result.reason))
        return IngestResponse(documents=stored)

    # ---- queries -----------------------------------------------------------------------------

    @app.get("/events", dependencies=read, responses=ERRORS | {
        200: {"model": EventPage, "description": "a page of events (format=json); other formats as their "
                                                 "media type, the same page"}},
        summary="Stored events matching the filters, newest first, a page at a time")
    def list_events(filters: Filters, limit: Limit = 100, offset: Offset = 0,
                    format: Annotated[EventFormat, Query(description="json (a page object), or a format of "
                                                                     "sitrep events")] = EventFormat.json):
        found = store.query_events(filters, limit=limit + 1, offset=offset)
        page_events = [stored.event for stored in found[:limit]]
        if format.value != "json":
            return _formatted(page_events, format.value)
        page = EventPage(limit=limit, offset=offset, count=len(page_events),
                         next_offset=_next_offset(offset, limit, len(found)), events=page_events)
        # serialised by pydantic directly: FastAPI's generic encoder takes ten times as long on 1,000 events
        return Response(page.model_dump_json(), media_type="application/json")

    # :path: ids of documents read from feeds are their URLs, slashes and all
    @app.get("/events/{event_id:path}", response_model=StoredEvent, dependencies=read,
             responses=ERRORS | {404: {"model": Problem, "description": "no such event"}},
             summary="One event with its evidence spans, its document's text and its incident's other reports")
    def get_event(event_id: Annotated[str, Path(max_length=500)]) -> StoredEvent:
        found = store.get_event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {echo(event_id)}")
        return found

    @app.get("/incidents", response_model=IncidentPage, dependencies=read, responses=ERRORS,
             summary="Incidents with an event matching the filters, each with all its reports")
    def list_incidents(filters: Filters, limit: Limit = 100, offset: Offset = 0) -> IncidentPage:
        found = store.list_incidents(filters, limit=limit + 1, offset=offset)
        return IncidentPage(limit=limit, offset=offset, count=min(len(found), limit),
                            next_offset=_next_offset(offset, limit, len(found)), incidents=found[:limit])

    app.include_router(monitor_router(store, read, event_filter, settings.poll_seconds))

    @app.get("/actors", response_model=list[NameCount], dependencies=read, responses=ERRORS,
             summary="Actors with their number of events, most active first")
    def list_actors() -> list[NameCount]:
        return store.list_actors()

    @app.get("/sources", response_model=list[NameCount], dependencies=read, responses=ERRORS,
             summary="Sources the articles cite, with their number of events, most cited first")
    def list_sources() -> list[NameCount]:
        return store.list_sources()

    @app.get("/stats", response_model=StoreStats, dependencies=read, responses=ERRORS,
             summary="Counts by type, country, week, source and outlet of the events matching the filters")
    def stats(filters: Filters) -> StoreStats:
        return store.stats(filters)

    # outermost: a request for another host name is refused before anything else reads it
    app.add_middleware(HostCheck, allowed_hosts=settings.allowed_hosts)
    return app
