"""One incident as an analyst compares its reports: each report's date, toll, actors, place and
claim status side by side, with the outlet's kind and alignment and those of the sources it
cites (source knowledge base); for each field, whether the reports agree or which say what; and
the toll as a range over the reports."""
from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from sitrep.models import Event
from sitrep.store.outlets import known_source
from sitrep.store.records import EventFilter, Incident, IncidentReport
from sitrep.store.store import Store


class CitedSource(BaseModel):
    name: str
    kind: str | None = None
    alignment: str | None = None


class ReportView(IncidentReport):
    """One report of the incident, with who stands behind it."""

    outlet_kind: str | None = Field(None, description="media, monitor, government, armed_group (source knowledge base)")
    outlet_alignment: str | None = None
    cited: list[CitedSource] = Field(default_factory=list, description="the sources the article cites")


class ValueReports(BaseModel):
    value: str
    event_ids: list[str] = Field(description="the reports that give this value")


class Comparison(BaseModel):
    """One field across the reports."""

    field: str
    agree: bool = Field(description="every report that gives the field gives the same value")
    values: list[ValueReports] = Field(description="each value given, with the reports giving it, most given first")
    not_given: list[str] = Field(default_factory=list, description="reports that do not give the field")


class TollRange(BaseModel):
    low: int | None = Field(None, description="lowest figure an asserted report gives")
    high: int | None = Field(None, description="highest figure an asserted report gives")
    headline: int | None = Field(None, description="the incident's figure: the lowest asserted one (ACLED's rule)")
    reports_with_figure: int = 0
    reports: int = 0


class IncidentView(BaseModel):
    incident: Incident
    reports: list[ReportView]
    toll: TollRange
    comparisons: list[Comparison]


# The fields compared across reports, and how each report's value is read.
COMPARED: dict[str, Callable[[ReportView], object]] = {
    "date": lambda r: r.date.isoformat() if r.date else None,
    "sub_event_type": lambda r: r.sub_event_type,
    "actor1": lambda r: r.actor1,
    "actor2": lambda r: r.actor2,
    "place": lambda r: r.location_name,
    "fatalities": lambda r: r.fatalities,
    "claim_status": lambda r: r.claim_status,
}


def _cited(event: Event) -> list[CitedSource]:
    return [CitedSource(name=s.name or s.text, kind=s.kind, alignment=s.alignment) for s in event.reported_by]


def compare(reports: list[ReportView], field: str) -> Comparison:
    read = COMPARED[field]
    groups: dict[str, list[str]] = {}
    not_given = []
    for report in reports:
        value = read(report)
        if value is None:
            not_given.append(report.event_id)
        else:
            groups.setdefault(str(value), []).append(report.event_id)
    values = sorted((ValueReports(value=v, event_ids=ids) for v, ids in groups.items()), key=lambda g: -len(g.event_ids))
    return Comparison(field=field, agree=len(values) <= 1, values=values, not_given=not_given)


def toll_range(incident: Incident, reports: list[ReportView]) -> TollRange:
    figures = [r.fatalities for r in reports if r.fatalities is not None and r.claim_status == "asserted"]
    return TollRange(low=min(figures, default=None), high=max(figures, default=None), headline=incident.fatalities,
                     reports_with_figure=len(figures), reports=len(reports))


def incident_view(store: Store, incident_id: int) -> IncidentView | None:
    """The incident ``incident_id`` with its reports side by side, or None where there is none."""
    incident = store.get_incident(incident_id)
    if incident is None:
        return None
    records = {stored.id: stored.event for stored in store.iter_events(EventFilter(incident_id=incident_id))}
    reports = []
    for report in incident.reports:
        outlet = known_source(report.outlet)
        event = records.get(report.event_id)
        reports.append(ReportView(**report.model_dump(), outlet_kind=outlet.kind if outlet else None,
                                  outlet_alignment=outlet.alignment if outlet else None,
                                  cited=_cited(event) if event else []))
    return IncidentView(incident=incident.model_copy(update={"reports": []}), reports=reports,
                        toll=toll_range(incident, reports), comparisons=[compare(reports, f) for f in COMPARED])
