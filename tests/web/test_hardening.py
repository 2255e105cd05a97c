"""The API against careless and hostile requests (issue 18): never a 500 for bad input, short
error bodies whatever the request, event ids with "/", formulas kept out of CSV exports, unknown
query parameters refused, no dot-files, and, on a real `sitrep serve`: only its own host names,
and a back-off for clients that keep sending wrong tokens."""
from __future__ import annotations

import csv
import io
import itertools
import json
import string
import time
from datetime import date

import httpx
import pytest
from fastapi.testclient import TestClient

from sitrep.models import Document, DocumentResult
from sitrep.store import Store
from sitrep.web import create_app
from sitrep.web.settings import WebSettings

# Longest error answer any bad request below may get.
MAX_ERROR_BYTES = 4_000
ARTICLE = "=HYPERLINK(\"http://evil.example\") said troops shelled Kafr Nabl on Tuesday, killing 3 civilians."


@pytest.fixture(scope="module")
def wire_store(tmp_path_factory, code_event) -> str:
    """One article whose id is a path (as RSS guids and wire ids are) and whose words a spreadsheet
    would run as a formula."""
    path = tmp_path_factory.mktemp("wire") / "wire.db"
    doc_id = "afp/2019/05/14/kafr-nabl"
    event = code_event(ARTICLE, f"{doc_id}:1", "Shelling/artillery/missile attack", sentence=ARTICLE,
                        trigger="shelled", day=date(2019, 5, 14), date_words="on Tuesday",
                        place=("Kafr Nabl", 35.6136, -36.5617, "Idlib"),
                        actor1=("troops", "@SUM(A1:A9)", "state_forces"))
    with Store(str(path)) as store:
        store.add_result(Document(id=doc_id, text=ARTICLE, published=date(2019, 5, 15), language="en"),
                         DocumentResult(doc_id=doc_id, status="ok", language="en", text=ARTICLE,
                                        events=[event.model_copy(update={"doc_id": doc_id})]))
    return str(path)


@pytest.fixture(scope="module")
def client(wire_store, token):
    with TestClient(create_app(wire_store, token=token)) as test_client:
        yield test_client


def test_an_event_id_with_slashes_opens(client):
    listed = client.get("/events").json()["events"][0]["event_id"]
    assert listed == "afp/2019/05/14/kafr-nabl:1"
    for path in ("/events/afp/2019/05/14/kafr-nabl:1", "/events/afp%2F2019%2F05%2F14%2Fkafr-nabl%3A1"):
        opened = client.get(path)
        assert opened.status_code == 200 and opened.json()["document"]["id"] == "afp/2019/05/14/kafr-nabl"
    assert client.get("/events/afp/2019/none").status_code == 404


def test_csv_cells_that_would_be_formulas_are_text(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/events", params={"format": "acled-csv"}).text)))
    assert rows[0]["notes"] == "'" + ARTICLE and rows[0]["actor1"] == "'@SUM(A1:A9)"
    assert rows[0]["longitude"] == "-36.5617" and rows[0]["fatalities"] == "0"


@pytest.mark.parametrize("body", [
    b'{"text": "caf\\ud800"}',
    b'{"id": "\\ud800", "text": "x"}',
    b'{"text": "x", "\\udfff": 1}',
    b'{"text": "x", "outlet": "' + b"o" * 301 + b'"}',
    b'{"text": "a\\u0000b"}',
    b'{"text": "x", "published": "0001-01-01"}',
    b'{"text": "x", "n": ' + b"9" * 5000 + b"}",
    b"[" * 100_000,
    b'{"text": "caf\xe9"}',
])
def test_bad_bodies_get_a_short_4xx_never_a_500(client, body):
    response = client.post("/extract", content=body, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500 and response.json()["detail"]
    assert len(response.content) < MAX_ERROR_BYTES


def test_huge_invalid_bodies_get_a_short_answer(client, token):
    keys = ("k" + "".join(k) for n in (1, 2, 3, 4) for k in itertools.product(string.ascii_lowercase, repeat=n))
    many_keys = json.dumps({"text": "x", **dict.fromkeys(itertools.islice(keys, 400_000), 0)})
    response = client.post("/extract", content=many_keys, headers={"content-type": "application/json"})
    assert response.status_code == 422 and "400,000 in all" in response.json()["detail"]
    assert len(response.content) < MAX_ERROR_BYTES
    empty_documents = json.dumps({"documents": [{}] * 500_000})
    response = client.post("/documents", content=empty_documents,
                           headers={"content-type": "application/json", "Authorization": f"Bearer {token}"})
    assert response.status_code == 422 and "at most 1,000 documents" in response.json()["detail"]
    assert len(response.content) < MAX_ERROR_BYTES
    invalid_documents = json.dumps({"documents": [{"text": 1}] * 1_000})
    response = client.post("/documents", content=invalid_documents,
                           headers={"content-type": "application/json", "Authorization": f"Bearer {token}"})
    assert response.status_code == 422 and "and 980 more" in response.json()["detail"]
    assert len(response.content) < MAX_ERROR_BYTES


def test_unknown_query_parameters_are_refused(client):
    misspelt = client.get("/events", params={"contry": "Syria"})
    assert misspelt.status_code == 422 and "'contry'" in misspelt.json()["detail"]
    assert "country" in misspelt.json()["detail"]
    assert client.get("/stats", params={"country": "Syria", "x" * 5000: "1"}).status_code == 422
    assert client.get("/actors", params={"limit": 5}).status_code == 422
    assert client.get("/events", params={"country": "Syria", "limit": 5}).status_code == 200
    assert client.get("/", params={"type": "Battles"}).status_code == 200  # the page keeps its filters in the URL


def test_dot_files_are_not_served(client):
    assert client.get("/static/.gitignore").status_code == 404
    assert client.get("/static/app.js").status_code == 200


def test_wrong_tokens_make_a_client_wait(wire_store, token):
    app = create_app(wire_store, token=token, settings=WebSettings(free_token_failures=2, longest_backoff_seconds=60))
    wrong, right = {"Authorization": "Bearer guess"}, {"Authorization": f"Bearer {token}"}
    body = {"documents": [{"text": "x"}]}
    with TestClient(app) as client:
        assert [client.post("/documents", json=body, headers=wrong).status_code for _ in range(3)] == [401, 401, 401]
        blocked = client.post("/documents", json=body, headers=right)
        assert blocked.status_code == 429 and blocked.headers["retry-after"] == "2"
        assert client.get("/events").status_code == 200  # open reads are not held up
        time.sleep(2.1)
        assert client.post("/documents", json={"documents": [{"id": "note", "text": "x"}]}, headers=right).status_code == 200
        assert client.post("/documents", json=body, headers=wrong).status_code == 401  # the count starts again


def test_served_api_answers_its_own_host_names_only(wire_store, serve, token):
    server = serve(wire_store, env={"SITREP_API_TOKEN": token})
    port = server.base_url.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        assert httpx.get(f"{server.base_url}/events", headers={"Host": host}).status_code == 200, host
    rebound = httpx.get(f"{server.base_url}/events", headers={"Host": f"attacker.example:{port}"})
    assert rebound.status_code == 400 and "--allowed-host" in rebound.json()["detail"]
    named = serve(wire_store, "--allowed-host", "sitrep.example.org")
    assert httpx.get(f"{named.base_url}/events", headers={"Host": "sitrep.example.org"}).status_code == 200


def test_served_api_backs_off_wrong_tokens(wire_store, serve, token):
    server = serve(wire_store, "--protect-reads", env={"SITREP_API_TOKEN": token})
    wrong = {"Authorization": "Bearer not-the-token"}
    answers = [httpx.get(f"{server.base_url}/events", headers=wrong).status_code for _ in range(12)]
    assert answers[:11] == [401] * 11 and answers[11] == 429
    right = httpx.get(f"{server.base_url}/events", headers={"Authorization": f"Bearer {token}"})
    assert right.status_code == 429 and int(right.headers["retry-after"]) >= 1
    assert server.process.poll() is None
