"""The store's commands: ``sitrep ingest``, ``sitrep events``, ``sitrep stats``."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date as Date
from typing import Annotated, Optional

import typer

from sitrep.cli_common import EXIT_SKIPPED, DbOption, check_inputs, open_store, write_output
from sitrep.exports import EventFormat
from sitrep.models import Event
from sitrep.scale import Engine
from sitrep.store.records import ClaimChoice, EventFilter, Incident, parse_near
from sitrep.store.store import Store

app = typer.Typer()



@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="JSON Lines batches, RSS/Atom feeds, text or HTML files, folders")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(min=1, help="extraction worker processes")] = 1,
    progress: Annotated[Optional[bool], typer.Option(help="progress bar (default: on a terminal)")] = None,
    retry_failed: Annotated[bool, typer.Option(help="extract again the documents that failed with an error")] = False,
    engine: Annotated[Engine, typer.Option(help="local: worker processes; ray: extraction on a Ray cluster")] = Engine.local,
    address: Annotated[Optional[str], typer.Option(help="Ray cluster for --engine ray (default: a local Ray instance)")] = None,
) -> None:
    """Extract and store documents; already stored ones are skipped, so an interrupted ingest resumes."""
    from sitrep.store.ingest import ingest as run_ingest

    check_inputs(paths)
    extract = None
    if engine is Engine.ray:  # sitrep.scale.ray_engine: --workers actors, joined or started per --address
        from sitrep.scale.ray_engine import ray_extractor
        extract = ray_extractor(address, workers)
    with open_store(db) as store:
        summary = run_ingest(store, paths, workers=workers, progress=progress, retry_failed=retry_failed, extract=extract)
    for line in summary.lines():
        typer.echo(line, err=True)
    if summary.skipped or summary.errors:
        raise typer.Exit(EXIT_SKIPPED)


def _parse_near(near: str | None) -> tuple[float, float, float] | None:
    try:
        return parse_near(near) if near is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _parse_day(value: str | None, option: str) -> Date | None:
    try:
        return Date.fromisoformat(value) if value else None
    except ValueError:
        raise typer.BadParameter(f"{option} takes YYYY-MM-DD, not {value!r}") from None


def headline_event(store: Store, incident: Incident) -> Event:
    """An incident as one event record: its most precisely placed report, with the headline fatalities."""
    report = next((r for r in incident.reports if r.location_name == incident.location_name), incident.reports[0])
    event = store.get_event(report.event_id).event
    return event.model_copy(update={"event_id": f"incident-{incident.id}", "fatalities": incident.fatalities})


@app.command()
def events(
    db: DbOption = None,
    country: Annotated[Optional[str], typer.Option(help='ACLED country name, e.g. "Syria"')] = None,
    admin1: Annotated[Optional[str], typer.Option()] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="YYYY-MM-DD")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="YYYY-MM-DD")] = None,
    event_type: Annotated[Optional[str], typer.Option("--type")] = None,
    sub_event_type: Annotated[Optional[str], typer.Option("--sub-type")] = None,
    actor: Annotated[Optional[str], typer.Option(help="canonical actor name (case-insensitive)")] = None,
    source: Annotated[Optional[str], typer.Option(help="cited source or outlet (case-insensitive)")] = None,
    near: Annotated[Optional[str], typer.Option(help="LAT,LON,KM")] = None,
    claim: Annotated[Optional[ClaimChoice], typer.Option(help="claim status")] = None,
    alignment: Annotated[Optional[str], typer.Option(help="words of a cited source's or the outlet's alignment, "
                                                          "e.g. 'state media'")] = None,
    incident: Annotated[Optional[int], typer.Option(min=1, help="the reports of this incident")] = None,
    incidents: Annotated[bool, typer.Option("--incidents", help="one row per incident, with all its reports")] = False,
    format: Annotated[Optional[EventFormat], typer.Option("--format", "-f", help="default: table on a terminal, else jsonl")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="at most this many rows")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="write to this file (needed for parquet on a terminal)")] = None,
) -> None:
    """Query stored events (newest first)."""
    filters = EventFilter(
        country=country, admin1=admin1, date_from=_parse_day(date_from, "--from"), date_to=_parse_day(date_to, "--to"),
        event_type=event_type, sub_event_type=sub_event_type, actor=actor, source=source, near=_parse_near(near),
        claim_status=claim.value if claim else None, alignment=alignment, incident_id=incident,
    )
    fmt = format.value if format else ("table" if sys.stdout.isatty() and not output else "jsonl")
    with open_store(db) as store:
        if incidents:
            found_incidents = store.list_incidents(filters, limit=limit)
            if fmt in ("jsonl", "json"):  # the incidents themselves, with all their reports
                write_output(found_incidents, fmt, output)
                return
            found: Iterable[Event] = (headline_event(store, incident) for incident in found_incidents)
        else:
            stored = store.query_events(filters, limit=limit) if limit else store.iter_events(filters)
            found = (s.event for s in stored)
        write_output(found, fmt, output)


@app.command()
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the counts as JSON")] = False,
) -> None:
    """Counts of stored documents and events (by type, country, week, cited source and outlet), and
    each watched feed's health."""
    from rich.console import Console
    from rich.table import Table

    from sitrep.watch.state import WatchState

    with open_store(db) as store:
        counts = store.stats()
        feeds = WatchState(store.engine).health()
    if as_json:
        typer.echo(json.dumps({**counts.model_dump(mode="json"), "feeds": [f.model_dump(mode="json") for f in feeds]},
                              indent=2, ensure_ascii=False))
        return
    console = Console()
    documents = ", ".join(f"{n} {status}" for status, n in sorted(counts.documents.items()))
    console.print(f"documents: {documents or 0}; events: {counts.events}; incidents: {counts.incidents}")
    for title, table_counts in (("event type", counts.by_type), ("country", counts.by_country),
                                ("week", counts.by_week), ("cited source", counts.by_source),
                                ("outlet", counts.by_outlet)):
        table = Table(title=f"events by {title}", header_style="bold")
        table.add_column(title)
        table.add_column("events", justify="right")
        for key, n in table_counts.items():
            table.add_row(key, str(n))
        console.print(table)
    if feeds:
        console.print(feed_health_table(feeds))


def _moment(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


def feed_health_table(feeds):
    """The feeds `sitrep watch` polls: last success, last error, back-off, articles by status."""
    from rich.table import Table

    table = Table(title="watched feeds", header_style="bold")
    for column in ("feed", "last success (UTC)", "errors (in a row / all)", "last error", "next poll",
                   "articles"):
        table.add_column(column, overflow="fold")  # URLs and reasons wrap, never cut
    for feed in feeds:
        error = f"{_moment(feed.last_error_at)}: {feed.last_error}" if feed.last_error else "-"
        articles = ", ".join(f"{n} {status}" for status, n in feed.articles.items()) or "-"
        if feed.retrying:
            articles += f" ({feed.retrying} retrying)"
        table.add_row(f"{feed.outlet or ''}\n{feed.url}".strip(), _moment(feed.last_success_at),
                      f"{feed.consecutive_errors} / {feed.errors_total}", error,
                      _moment(feed.next_poll_at) if feed.next_poll_at else "when due", articles)
    return table
