"""A real ``sitrep serve`` process on 127.0.0.1, spoken to over HTTP."""
from __future__ import annotations

import httpx


def test_served_api_reads_and_page(served_small_store):
    base = served_small_store.base_url
    events = httpx.get(f"{base}/events", params={"type": "Battles"}).json()["events"]
    assert [e["event_id"] for e in events] == ["wire-1:2"]
    assert httpx.get(f"{base}/events/wire-1:2").json()["document"]["id"] == "wire-1"
    assert "text/html" in httpx.get(f"{base}/").headers["content-type"]
    spec = httpx.get(f"{base}/openapi.json").json()
    assert httpx.get(f"{base}/docs").status_code == 404  # Swagger UI would come from a CDN
    assert {"/events", "/events/{event_id}", "/extract", "/documents", "/incidents", "/actors", "/sources"} <= set(spec["paths"])


def test_served_writes_need_the_token_from_the_environment(tmp_path, serve, token):
    server = serve(str(tmp_path / "served.db"), env={"SITREP_API_TOKEN": token})
    body = {"documents": [{"id": "no-body", "html": "<html><head></head></html>"}]}
    assert httpx.post(f"{server.base_url}/documents", json=body).status_code == 401
    stored = httpx.post(f"{server.base_url}/documents", json=body, headers={"Authorization": f"Bearer {token}"})
    assert stored.status_code == 200 and stored.json()["documents"][0]["doc_id"] == "no-body"
    assert httpx.get(f"{server.base_url}/stats").json()["documents"] == {"skipped": 1}


def test_served_size_limit_and_protected_reads(tmp_path, serve, token):
    server = serve(str(tmp_path / "served.db"), "--protect-reads", "--max-body-mb", "0.01",
                   env={"SITREP_API_TOKEN": token})
    assert httpx.get(f"{server.base_url}/events").status_code == 401
    authorised = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{server.base_url}/events", headers=authorised).status_code == 200
    big = httpx.post(f"{server.base_url}/extract", json={"text": "x" * 20_000}, headers=authorised)
    assert big.status_code == 413
    assert server.process.poll() is None, "the server must survive bad requests"
