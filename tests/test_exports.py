"""Export formats: the columns and structures analysts' tools expect."""
import csv
import io
import json
from datetime import date

from sitrep.exports import ACLED_COLUMNS, write_events
from sitrep.models import ActorRef, Event, Evidence, GeoPrecision, Location, SourceRef, Span


def _event(**overrides) -> Event:
    fields = dict(
        event_id="d1:0", doc_id="d1", event_type="Battles", sub_event_type="Armed clash",
        plover_event_type="ASSAULT", cameo_root="19", date=date(2020, 3, 21), time_precision=1,
        actor1=ActorRef(text="Taliban", name="Taliban", actor_type="rebel_group", resolved=True),
        actor2=ActorRef(text="civilians", name="Civilians (Afghanistan)", actor_type="civilians", resolved=True),
        location=Location(text="Kunduz", name="Kunduz", latitude=36.7, longitude=68.8, country="Afghanistan",
                          admin1="Kunduz", geo_precision=GeoPrecision.NAMED_PLACE, resolved=True),
        fatalities=3, reported_by=[SourceRef(text="officials")],
        evidence=Evidence(sentence="Taliban killed 3 civilians in Kunduz.", sentence_span=Span(start=0, end=37, text="x"),
                          trigger=Span(start=8, end=14, text="killed"), rule="attack_civilians", language="en",
                          confidence=0.8),
    )
    fields.update(overrides)
    return Event(**fields)


def _write(fmt, events) -> str:
    out = io.StringIO()
    write_events(events, fmt, out)
    return out.getvalue()


def test_acled_csv_has_acled_columns_in_order():
    rows = list(csv.DictReader(io.StringIO(_write("acled-csv", [_event()]))))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    row = rows[0]
    assert (row["event_date"], row["actor1"], row["inter1"], row["inter2"], row["interaction"]) == \
        ("2020-03-21", "Taliban", "2", "7", "27")
    assert row["civilian_targeting"] == "Civilian targeting" and row["fatalities"] == "3"
    assert row["disorder_type"] == "Political violence" and row["geo_precision"] == "1"


def test_geojson_points_are_lon_lat_and_unlocated_events_kept():
    unlocated = _event(event_id="d1:1", location=None)
    collection = json.loads(_write("geojson", [_event(), unlocated]))
    assert collection["type"] == "FeatureCollection"
    assert collection["features"][0]["geometry"]["coordinates"] == [68.8, 36.7]
    assert collection["features"][1]["geometry"] is None


def test_jsonl_and_json_round_trip():
    event = _event()
    assert Event.model_validate_json(_write("jsonl", [event]).strip()) == event
    assert Event.model_validate(json.loads(_write("json", [event]))[0]) == event


def test_table_shows_the_fields():
    text = _write("table", [_event()])
    assert "Armed clash" in text and "Taliban" in text and "1 event(s)" in text
