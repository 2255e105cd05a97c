"""The monitoring API over a store where one incident has four reports (tests/web/conftest.py's
monitor corpus): the incident view, the claim-status, alignment and incident filters, the export of
the current view, and the marker the page polls for new events."""
from __future__ import annotations

import csv
import io
import shutil
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from sitrep.store import Store
from sitrep.web import create_app
from web.conftest import DENIAL_EN, monitor_corpus

SHELLING_REPORTS = ["wire-1:1", "depeche-2:1", "agency-4:1", "tv-5:1"]


@pytest.fixture(scope="module")
def client(monitor_store_url):
    with TestClient(create_app(monitor_store_url)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def shelling_incident(client) -> int:
    return client.get("/events/wire-1:1").json()["incident_id"]


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [event["event_id"] for event in response.json()["events"]]


def test_incident_view_sets_the_reports_side_by_side(client, shelling_incident):
    view = client.get(f"/incidents/{shelling_incident}").json()
    reports = {r["event_id"]: r for r in view["reports"]}
    assert list(reports) == SHELLING_REPORTS
    assert [(r["outlet"], r["fatalities"], r["actor1"], r["claim_status"]) for r in reports.values()] == [
        ("Example Wire", 12, "Military Forces of Syria", "asserted"),
        ("Dépêche Exemple", 12, "Military Forces of Syria", "asserted"),
        ("SANA", 15, "Terrorist groups", "asserted"),
        ("Al-Manar", None, "Military Forces of Syria", "denied"),
    ]
    # the outlets' kind and alignment from the source knowledge base; the cited sources' too
    assert (reports["agency-4:1"]["outlet_kind"], reports["agency-4:1"]["outlet_alignment"]) == (
        "media", "state media (Syria)")
    assert reports["tv-5:1"]["outlet_alignment"].startswith("pro-government")
    assert reports["wire-1:1"]["outlet_kind"] is None  # an outlet the knowledge base does not know
    assert reports["wire-1:1"]["cited"] == [{"name": "Syrian Observatory for Human Rights", "kind": "monitor",
                                             "alignment": "opposition"}]
    assert all(r["date"] == "2019-05-14" and r["published"] == "2019-05-15" for r in reports.values())
    # the toll as a range over the asserted reports; the headline is the lowest
    assert view["toll"] == {"low": 12, "high": 15, "headline": 12, "reports_with_figure": 3, "reports": 4}
    compared = {c["field"]: c for c in view["comparisons"]}
    assert {field: c["agree"] for field, c in compared.items()} == {
        "date": True, "sub_event_type": True, "actor1": False, "actor2": True, "place": True,
        "fatalities": False, "claim_status": False}
    assert compared["fatalities"]["values"] == [{"value": "12", "event_ids": ["wire-1:1", "depeche-2:1"]},
                                                {"value": "15", "event_ids": ["agency-4:1"]}]
    assert compared["fatalities"]["not_given"] == ["tv-5:1"]
    assert compared["claim_status"]["values"][1] == {"value": "denied", "event_ids": ["tv-5:1"]}
    assert view["incident"]["fatalities"] == 12 and view["incident"]["location_name"] == "Maarrat al-Numan"


def test_incident_view_of_an_unknown_incident(client):
    assert client.get("/incidents/999999").status_code == 404
    assert client.get("/incidents/0").status_code == 422


@pytest.mark.parametrize(("query", "expected"), [
    ({"claim": "denied"}, ["tv-5:1"]),
    ({"claim": "asserted", "type": "Explosions/Remote violence"}, ["wire-1:1", "depeche-2:1", "agency-4:1"]),
    ({"alignment": "state media"}, ["agency-4:1"]),  # the outlet's alignment (SANA, in the knowledge base)
    ({"alignment": "Pro-Government"}, ["tv-5:1"]),
    ({"alignment": "opposition"}, ["wire-3:1", "wire-1:1", "depeche-2:1"]),  # the cited sources' alignment
    ({"alignment": "opposition", "claim": "denied"}, []),
    ({"alignment": "100%_"}, []),
])
def test_claim_status_and_alignment_filters(client, query, expected):
    assert ids(client.get("/events", params=query)) == expected


def test_incident_filter_lists_its_reports(client, shelling_incident):
    assert sorted(ids(client.get("/events", params={"incident": shelling_incident}))) == sorted(SHELLING_REPORTS)
    assert client.get("/events", params={"claim": "maybe"}).status_code == 422


def test_alignments_offered(client):
    assert client.get("/alignments").json() == ["opposition", "pro-government (Syria); Hezbollah",
                                                "state media (Syria)"]


def test_export_of_the_current_view(client):
    exported = client.get("/export", params={"format": "acled-csv", "claim": "asserted", "country": "Syria"})
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.headers["content-disposition"] == 'attachment; filename="sitrep-events.csv"'
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["event_id_cnty"] for r in rows] == ["wire-3:1", "wire-1:1", "wire-1:2", "depeche-2:1", "agency-4:1"]
    geojson = client.get("/export", params={"format": "geojson", "alignment": "pro-government"})
    assert geojson.headers["content-disposition"].endswith('.geojson"')
    features = geojson.json()["features"]
    assert [f["id"] for f in features] == ["tv-5:1"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [36.6717, 35.6478]}
    assert features[0]["properties"]["evidence"]["sentence"] == DENIAL_EN
    assert client.get("/export", params={"format": "xlsx"}).status_code == 422


def test_updates_marker_changes_when_events_are_stored(monitor_store_url, tmp_path):
    """And an event of a document read from a feed, whose id is its URL, opens by that id."""
    copy = tmp_path / "store.db"
    shutil.copyfile(monitor_store_url, copy)
    with TestClient(create_app(str(copy))) as client:
        before = client.get("/updates").json()
        assert before["poll_seconds"] > 0 and before["last_event"] == 6
        document, result = monitor_corpus()[0]
        doc_id = "https://news.example/world/wire-9"
        watched = document.model_copy(update={"id": doc_id, "url": doc_id, "text": document.text + "\nUpdated."})
        with Store(str(copy)) as store:
            store.add_result(watched, result.model_copy(update={"doc_id": doc_id, "text": watched.text, "events": [
                e.model_copy(update={"event_id": f"{doc_id}:{n}", "doc_id": doc_id})
                for n, e in enumerate(result.events, 1)]}))
        assert client.get("/updates").json()["last_event"] == 8
        opened = client.get("/events/" + quote(f"{doc_id}:1", safe=""))
        assert opened.status_code == 200 and opened.json()["document"]["url"] == doc_id
