"""Writing events in the formats analysts' tools read: JSON Lines, JSON, a terminal table,
ACLED-style CSV (ACLED's column names and order) and GeoJSON."""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from enum import Enum
from typing import BinaryIO, TextIO

from sitrep.models import ACTOR_TYPE_CODES, ActorRef, Event

# ACLED's export columns, in ACLED's order (2023 schema). Columns sitrep cannot know from one
# article (region, source_scale, tags, timestamp...) are written empty.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# ACLED's disorder types, by event type
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def _actor_name(actor: ActorRef | None) -> str:
    if actor is None:
        return ""
    return actor.name or actor.text


def _inter_code(actor: ActorRef | None) -> int:
    return ACTOR_TYPE_CODES.get(actor.actor_type, 0) if actor and actor.actor_type else 0


def acled_row(event: Event) -> dict[str, object]:
    """One event as an ACLED CSV row."""
    loc = event.location
    inter1, inter2 = _inter_code(event.actor1), _inter_code(event.actor2)
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else inter1 * 10
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.date.isoformat() if event.date else "",
        "year": event.date.year if event.date else "",
        "time_precision": int(event.time_precision) if event.time_precision else "",
        "disorder_type": DISORDER_TYPES.get(event.event_type, ""),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": _actor_name(event.actor1),
        "assoc_actor_1": "; ".join(_actor_name(a) for a in event.assoc_actor1),
        "inter1": inter1,
        "actor2": _actor_name(event.actor2),
        "assoc_actor_2": "; ".join(_actor_name(a) for a in event.assoc_actor2),
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == ACTOR_TYPE_CODES["civilians"] else "",
        "country": loc.country if loc else "",
        "admin1": (loc.admin1 or "") if loc else "",
        "admin2": (loc.admin2 or "") if loc else "",
        "location": (loc.name or loc.text) if loc else "",
        "latitude": loc.latitude if loc and loc.latitude is not None else "",
        "longitude": loc.longitude if loc and loc.longitude is not None else "",
        "geo_precision": int(loc.geo_precision) if loc and loc.geo_precision else "",
        "source": "; ".join(s.name or s.text for s in event.reported_by),
        "notes": event.evidence.sentence,
        "fatalities": event.fatalities if event.fatalities is not None else 0,
    }


# A text cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(...), @SUM(...),
# -2+3): in CSV such cells get a leading apostrophe, which spreadsheets show as text (OWASP's advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """``value`` as a CSV cell a spreadsheet will not run: text that would start a formula gets a
    leading apostrophe; numbers are left as they are."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def write_acled_csv(events: Iterable[Event], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow({column: spreadsheet_safe(value) for column, value in acled_row(event).items()})


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for event in events:
        out.write(event.model_dump_json() + "\n")


def write_json(events: Iterable[Event], out: TextIO) -> None:
    json.dump([event.model_dump(mode="json") for event in events], out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_geojson(events: Iterable[Event], out: TextIO) -> None:
    """A FeatureCollection; events without coordinates are kept with a null geometry."""
    features = []
    for event in events:
        loc = event.location
        geometry = None
        if loc and loc.latitude is not None and loc.longitude is not None:
            geometry = {"type": "Point", "coordinates": [loc.longitude, loc.latitude]}
        features.append({"type": "Feature", "id": event.event_id, "geometry": geometry,
                         "properties": event.model_dump(mode="json")})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


def write_table(events: Iterable[Event], out: TextIO) -> None:
    """A readable table for a terminal (rich)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for column in ("date", "sub-type", "actor 1", "actor 2", "place", "deaths", "reported by", "claim"):
        table.add_column(column, overflow="fold")
    count = 0
    for event in events:
        count += 1
        loc = event.location
        table.add_row(
            event.date.isoformat() if event.date else "?",
            event.sub_event_type,
            _actor_name(event.actor1),
            _actor_name(event.actor2),
            (loc.name or loc.text) if loc else "",
            "" if event.fatalities is None else str(event.fatalities),
            ", ".join(s.name or s.text for s in event.reported_by),
            "" if event.claim_status == "asserted" else event.claim_status,
        )
    table.caption = f"{count} event(s)"
    Console(file=out, width=160).print(table)


FORMATS: dict[str, Callable[[Iterable[Event], TextIO], None]] = {
    "jsonl": write_jsonl,
    "json": write_json,
    "table": write_table,
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
}


def write_parquet(events: Iterable[Event], out: BinaryIO) -> None:
    """ACLED's columns plus sitrep's (doc id, claim status, the full record as JSON), one row per event."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for event in events:
        row = {key: (None if value == "" else value) for key, value in acled_row(event).items()}
        row.update(doc_id=event.doc_id, claim_status=event.claim_status, record=event.model_dump_json())
        rows.append(row)
    table = pa.Table.from_pylist(rows) if rows else pa.table({"event_id_cnty": pa.array([], pa.string())})
    pq.write_table(table, out)


# Formats written as bytes rather than text.
BINARY_FORMATS: dict[str, Callable[[Iterable[Event], BinaryIO], None]] = {"parquet": write_parquet}
# Every format events can be written in, as the command line and the API name them.
EventFormat = Enum("EventFormat", {name.replace("-", "_"): name for name in [*FORMATS, *BINARY_FORMATS]}, type=str)


def write_events(events: Iterable[Event], fmt: str, out: TextIO | BinaryIO) -> None:
    """``events`` in format ``fmt``; ``out`` takes bytes for a binary format, text otherwise."""
    writer = FORMATS.get(fmt) or BINARY_FORMATS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join([*FORMATS, *BINARY_FORMATS])}")
    writer(events, out)
