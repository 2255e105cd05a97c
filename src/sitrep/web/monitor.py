"""The API routes of the monitoring views: one incident with its reports side by side, the
alignments the source filter offers, the current view exported whole (CSV or GeoJSON), and the
marker the page polls to show newly watched events without a reload.

(No ``from __future__ import annotations`` here: FastAPI reads the routes' annotations, which
name the filters dependency made in :func:`monitor_router`.)
"""

import io
from collections.abc import Callable
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.params import Depends as DependsParam
from fastapi.responses import Response
from pydantic import BaseModel, Field

from sitrep.exports import write_events
from sitrep.store import EventFilter, Store
from sitrep.store.incident_view import IncidentView, incident_view
from sitrep.web.schemas import Problem

# Events one export holds at most: the page shows at most 20,000; a whole store is `sitrep events`' job.
MAX_EXPORT = 100_000
INVALID = {422: {"model": Problem, "description": "invalid parameters"}}


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    geojson = "geojson"


EXPORTS = {ExportFormat.acled_csv: ("text/csv; charset=utf-8", "csv"),
           ExportFormat.geojson: ("application/geo+json", "geojson")}


class Updates(BaseModel):
    last_event: int | None = Field(description="changes whenever an event is stored: poll it, reload when it does")
    poll_seconds: float = Field(description="how often the page asks")


def monitor_router(store: Store, read: list[DependsParam], event_filter: Callable[..., EventFilter],
                   poll_seconds: float) -> APIRouter:
    router = APIRouter(dependencies=read)
    Filters = Annotated[EventFilter, Depends(event_filter)]

    @router.get("/incidents/{incident_id}", response_model=IncidentView,
                responses=INVALID | {404: {"model": Problem, "description": "no such incident"}},
                summary="One incident with all its reports side by side: where they agree, where they differ, "
                        "the toll as a range")
    def get_incident(incident_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> IncidentView:
        found = incident_view(store, incident_id)
        if found is None:
            raise HTTPException(404, f"no incident {incident_id}")
        return found

    @router.get("/alignments", response_model=list[str], responses=INVALID,
                summary="Alignments of the cited sources and known outlets in the store (the alignment filter)")
    def list_alignments() -> list[str]:
        return store.list_alignments()

    @router.get("/export", responses=INVALID | {200: {"description": "every matching event, as a file to save",
                                                      "content": {"text/csv": {}, "application/geo+json": {}}}},
                summary=f"Every event matching the filters (at most {MAX_EXPORT:,}) as ACLED-style CSV or GeoJSON")
    def export(filters: Filters,
               format: Annotated[ExportFormat, Query(description="acled-csv or geojson")] = ExportFormat.acled_csv):
        count = store.count_events(filters)
        if count > MAX_EXPORT:
            raise HTTPException(422, f"{count:,} events match: narrow the filters to at most {MAX_EXPORT:,} "
                                     "(`sitrep events` exports a whole store)")
        media_type, suffix = EXPORTS[format]
        text = io.StringIO()
        write_events((stored.event for stored in store.iter_events(filters)), format.value, text)
        return Response(text.getvalue(), media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="sitrep-events.{suffix}"'})

    @router.get("/updates", response_model=Updates, responses=INVALID,
                summary="A marker that changes when events are stored (the page polls it)")
    def updates() -> Updates:
        return Updates(last_event=store.last_event_pk(), poll_seconds=poll_seconds)

    return router
