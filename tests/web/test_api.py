"""The HTTP API through the real app (FastAPI's TestClient) over a small store of hand-coded events."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.store import Store
from sitrep.web import create_app
from sitrep.web.app import STATIC_DIR
from sitrep.web.settings import ConfigError, WebSettings


@pytest.fixture(scope="module")
def client(small_store_url, token):
    with TestClient(create_app(small_store_url, token=token)) as test_client:
        yield test_client


def event_ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [event["event_id"] for event in response.json()["events"]]


def test_events_newest_first_with_every_field(client):
    body = client.get("/events").json()
    assert [e["event_id"] for e in body["events"]] == ["wire-3:1", "wire-1:1", "wire-1:2", "depeche-2:1"]
    assert body["next_offset"] is None and body["count"] == 4
    shelling = body["events"][1]
    assert shelling["location"]["name"] == "Maarrat al-Numan" and shelling["fatalities"] == 12
    assert shelling["reported_by"][0]["alignment"] == "opposition"


@pytest.mark.parametrize(("query", "expected"), [
    ({"type": "Battles"}, ["wire-1:2"]),
    ({"sub_type": "Peaceful protest"}, ["wire-3:1"]),
    ({"country": "Syria", "from": "2019-05-15"}, ["wire-3:1"]),
    ({"to": "2019-05-14", "type": "Explosions/Remote violence"}, ["wire-1:1", "depeche-2:1"]),
    ({"actor": "military forces of syria"}, ["wire-1:1", "wire-1:2", "depeche-2:1"]),
    ({"source": "Syrian Observatory for Human Rights"}, ["wire-1:1", "depeche-2:1"]),
    ({"source": "Dépêche Exemple"}, ["depeche-2:1"]),
    ({"near": "35.62,36.56,5"}, ["wire-1:2"]),
    ({"admin1": "Aleppo"}, []),
])
def test_event_filters(client, query, expected):
    assert event_ids(client.get("/events", params=query)) == expected


def test_pagination(client):
    first = client.get("/events", params={"limit": 3}).json()
    assert first["count"] == 3 and first["next_offset"] == 3
    second = client.get("/events", params={"limit": 3, "offset": first["next_offset"]}).json()
    assert [e["event_id"] for e in second["events"]] == ["depeche-2:1"] and second["next_offset"] is None


def test_export_formats(client):
    jsonl = client.get("/events", params={"format": "jsonl", "type": "Explosions/Remote violence"})
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert [json.loads(line)["event_id"] for line in jsonl.text.splitlines()] == ["wire-1:1", "depeche-2:1"]

    rows = list(csv.DictReader(io.StringIO(client.get("/events", params={"format": "acled-csv"}).text)))
    assert [row["sub_event_type"] for row in rows][:2] == ["Peaceful protest", "Shelling/artillery/missile attack"]
    assert rows[1]["fatalities"] == "12" and rows[1]["location"] == "Maarrat al-Numan"

    geojson = client.get("/events", params={"format": "geojson", "limit": 1}).json()
    assert geojson["features"][0]["geometry"] == {"type": "Point", "coordinates": [36.6339, 35.9306]}

    parquet = client.get("/events", params={"format": "parquet"})
    assert parquet.content[:4] == b"PAR1" and parquet.headers["content-type"] == "application/vnd.apache.parquet"
    assert "Peaceful protest" in client.get("/events", params={"format": "table"}).text


def test_event_detail_has_evidence_text_and_incident_siblings(client, shelling_text):
    stored = client.get("/events/wire-1:1").json()
    text = stored["document"]["text"]
    assert text == shelling_text
    spans = {span["role"]: span for span in stored["evidence"]}
    assert {"sentence", "trigger", "actor1", "place", "date", "fatalities", "source"} <= set(spans)
    for span in stored["evidence"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert spans["trigger"]["text"] == "shelled"
    assert [s["event_id"] for s in stored["siblings"]] == ["depeche-2:1"]
    assert stored["siblings"][0]["outlet"] == "Dépêche Exemple"


def test_incidents_actors_sources_stats(client):
    incidents = client.get("/incidents", params={"type": "Explosions/Remote violence"}).json()["incidents"]
    assert len(incidents) == 1
    assert sorted(r["event_id"] for r in incidents[0]["reports"]) == ["depeche-2:1", "wire-1:1"]
    assert incidents[0]["fatalities"] == 12

    actors = {a["name"]: a["events"] for a in client.get("/actors").json()}
    assert actors["Military Forces of Syria"] == 3 and actors["Protesters (Syria)"] == 1
    sources = {s["name"]: s["events"] for s in client.get("/sources").json()}
    assert sources == {"Syrian Observatory for Human Rights": 2, "Enab Baladi": 1}

    stats = client.get("/stats", params={"country": "Syria"}).json()
    assert stats["events"] == 4 and stats["by_type"]["Explosions/Remote violence"] == 2
    assert "Protests" in client.get("/taxonomy").json()


@pytest.mark.parametrize(("path", "params", "status", "words"), [
    ("/events", {"from": "24/09/2016"}, 422, "query.from"),
    ("/events", {"near": "36.2,37.1"}, 422, "LAT,LON,KM"),
    ("/events", {"near": "nan,37.1,5"}, 422, "latitude"),
    ("/events", {"near": "36.2,37.1,-5"}, 422, "radius"),
    ("/events", {"limit": 0}, 422, "query.limit"),
    ("/events", {"limit": 100_000}, 422, "query.limit"),
    ("/events", {"offset": -1}, 422, "query.offset"),
    ("/events", {"format": "xlsx"}, 422, "query.format"),
    ("/events", {"country": "Syria\x00"}, 422, "query.country"),
    ("/incidents", {"to": "yesterday"}, 422, "query.to"),
    ("/events/no-such-event", {}, 404, "no event"),
])
def test_bad_requests_get_a_clear_4xx(client, path, params, status, words):
    response = client.get(path, params=params)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_extract_rejects_bad_bodies(client):
    assert "exactly one of 'text' or 'html'" in client.post("/extract", json={"published": "2016-09-24"}).json()["detail"]
    assert client.post("/extract", json={"text": "x", "published": "Saturday"}).status_code == 422
    assert client.post("/extract", json={"text": "x", "colour": "red"}).status_code == 422
    not_json = client.post("/extract", content=b"\xff\xfe not json", headers={"content-type": "application/json"})
    assert not_json.status_code == 400 and not_json.json()["detail"]


@pytest.mark.parametrize(("body", "language", "trigger"), [
    ({"text": "Government forces shelled the town of Maarrat al-Numan on Tuesday, killing 12 civilians, "
              "according to SOHR.", "published": "2019-05-15"}, "en", "shelled"),
    ({"html": "<html><body><p>L'armée syrienne a bombardé samedi la ville de Maarrat al-Numan, tuant 12 civils, "
              "selon l'OSDH.</p></body></html>", "published": "2019-05-18"}, "fr", "bombardé"),
])
def test_extract_runs_the_pipeline_and_stores_nothing(client, body, language, trigger):
    before = client.get("/stats").json()["events"]
    result = client.post("/extract", json=body).json()
    assert result["status"] == "ok" and result["language"] == language
    shelling = [e for e in result["events"] if e["evidence"]["trigger"]["text"] == trigger]
    assert shelling, result["events"]
    span = shelling[0]["evidence"]["trigger"]
    assert result["text"][span["start"]:span["end"]] == trigger
    assert shelling[0]["fatalities"] == 12
    assert client.get("/stats").json()["events"] == before


def test_extract_html_without_text_is_skipped_with_its_reason(client):
    result = client.post("/extract", json={"html": "<html><head><title>t</title></head></html>"}).json()
    assert result["status"] == "skipped" and result["reason"] and result["events"] == []


def test_writing_needs_the_token(tmp_path, token):
    body = {"documents": [{"id": "empty-page", "html": "<html><body></body></html>", "published": "2019-05-15"}]}
    with TestClient(create_app(str(tmp_path / "w.db"), token=token)) as client:
        assert client.post("/documents", json=body).status_code == 401
        wrong = client.post("/documents", json=body, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        stored = client.post("/documents", json=body, headers={"Authorization": f"Bearer {token}"})
        assert stored.status_code == 200, stored.text
        outcome = stored.json()["documents"][0]
        assert outcome["doc_id"] == "empty-page" and outcome["status"] == "skipped" and outcome["reason"]
        again = client.post("/documents", json=body, headers={"X-API-Token": token}).json()["documents"][0]
        assert again["duplicate"] is True
    with Store(str(tmp_path / "w.db")) as store:
        assert store.get_document("empty-page").status == "skipped"


def test_writing_is_refused_without_a_configured_token(tmp_path, monkeypatch):
    monkeypatch.delenv("SITREP_API_TOKEN", raising=False)
    monkeypatch.setenv("SITREP_CONFIG", str(tmp_path / "absent.toml"))
    with TestClient(create_app(str(tmp_path / "w.db"))) as client:
        response = client.post("/documents", json={"documents": [{"text": "x"}]}, headers={"Authorization": "Bearer x"})
        assert response.status_code == 403 and "SITREP_API_TOKEN" in response.json()["detail"]


def test_token_from_the_environment_and_from_the_config_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_API_TOKEN", "from-env")
    assert create_app(str(tmp_path / "a.db")).state.settings.api_token == "from-env"
    monkeypatch.delenv("SITREP_API_TOKEN")
    config = tmp_path / "config.toml"
    config.write_text('[web]\napi_token = "from-file"\n', encoding="utf-8")
    monkeypatch.setenv("SITREP_CONFIG", str(config))
    assert create_app(str(tmp_path / "a.db")).state.settings.api_token == "from-file"
    config.write_text("[web\napi_token = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read config file"):
        create_app(str(tmp_path / "a.db"))


def test_protected_reads_need_the_token(small_store_url, token):
    app = create_app(small_store_url, token=token, settings=WebSettings(protect_reads=True))
    with TestClient(app) as client:
        assert client.get("/events").status_code == 401
        assert client.get("/events", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_request_size_limit(small_store_url, token):
    app = create_app(small_store_url, token=token, settings=WebSettings(max_body_bytes=1_000, max_documents=2))
    with TestClient(app) as client:
        big = client.post("/extract", json={"text": "x" * 2_000})
        assert big.status_code == 413 and "1,000 bytes" in big.json()["detail"]
        # no Content-Length: the body arrives in chunks and is counted as it comes
        chunked = client.post("/extract", content=(b'{"text": "' + b"x" * 500 for _ in range(4)),
                              headers={"content-type": "application/json"})
        assert chunked.status_code == 413
        many = client.post("/documents", json={"documents": [{"text": "a"}, {"text": "b"}, {"text": "c"}]},
                           headers={"Authorization": f"Bearer {token}"})
        assert many.status_code == 422 and "at most 2 documents" in many.json()["detail"]


def test_page_and_its_assets_come_from_this_server(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/static/") or a.startswith("data:") for a in assets), assets
    missing = [a for a in assets if a.startswith("/static/") and client.get(a).status_code != 200]
    assert not missing, f"assets not served (run scripts/setup.d/50-web.sh): {missing}"
    assert client.get("/static/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"
    assert client.get("/health").json()["map_assets"] is True


def test_page_code_loads_nothing_from_elsewhere():
    own_code = [p for p in Path(str(STATIC_DIR)).iterdir() if p.suffix in (".html", ".js", ".css")]
    assert own_code
    for path in own_code:
        assert not re.search(r"https?://", path.read_text("utf-8").replace("http://www.w3.org/2000/svg", "")), path
        # article text and names go in as text nodes, never as markup
        assert "innerHTML" not in path.read_text("utf-8"), path
