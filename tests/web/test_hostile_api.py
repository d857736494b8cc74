"""POST /api/documents against hostile clients and documents (issue 17)."""

from __future__ import annotations

import asyncio
import json
import time
import warnings

import pytest

from diplograph import parallel
from diplograph.web import create_app
from tests.web.conftest import TOKEN

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Canada imposed sanctions on Venezuela on Thursday over the disputed election."


def post_counting_reads(app, headers: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """POST a body to ``app`` at the ASGI level: the status, and how many body chunks the app read."""
    reads = 0
    sent: list[dict] = []
    chunk = json.dumps({"text": TEXT}).encode()

    async def receive():
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": chunk, "more_body": reads < 1000}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/api/documents", "raw_path": b"/api/documents", "root_path": "", "query_string": b"",
        "headers": [(b"host", b"test"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 1), "server": ("test", 80), "state": {},
    }  # fmt: skip
    asyncio.run(app(scope, receive, send))
    return next(m["status"] for m in sent if m["type"] == "http.response.start"), reads


@pytest.mark.parametrize("headers", [[], [(b"authorization", b"Bearer wrong")]])
def test_the_token_is_checked_before_the_body_is_read(writable_store, headers):
    app = create_app(writable_store, allow_ingest=True, token=TOKEN)
    status, reads = post_counting_reads(app, headers)
    assert status == 401 and reads == 0


def test_a_read_only_server_reads_no_body(writable_store):
    status, reads = post_counting_reads(create_app(writable_store), [(b"authorization", f"Bearer {TOKEN}".encode())])
    assert status == 403 and reads == 0


def test_a_good_token_reads_the_body(writable_store):
    app = create_app(writable_store, allow_ingest=True, token=TOKEN)
    status, reads = post_counting_reads(app, [(b"authorization", f"Bearer {TOKEN}".encode())])
    assert status == 422 and reads == 1000  # read whole; a thousand JSON objects end to end are not one


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_dates_at_the_ends_of_the_calendar_are_stored(ingest_client, published):
    text = "Russland und Iran wollen in der kommenden Woche einen Vertrag unterzeichnen, sagte er gestern."
    response = ingest_client.post("/api/documents", json={"text": text, "published": published}, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["published"] == published


@pytest.mark.parametrize(
    ("body", "code"),
    [
        # Lone surrogates: the JSON parser refuses them (a 500 before: they reached the content key).
        ('{"text": "Canada imposed sanctions \\ud800 on Venezuela on Thursday."}', "D400"),
        ('{"text": "' + TEXT + '", "title": "\\udfff"}', "D400"),
        ('{"text": "' + TEXT + '", "x": ' + "[" * 5000 + "]" * 5000 + "}", "D400"),
        ('{"text": "' + TEXT, "D400"),
    ],
)
def test_hostile_bodies_are_422_with_a_code(ingest_client, body, code):
    response = ingest_client.post(
        "/api/documents", content=body.encode(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code


def test_max_seconds_holds_for_posted_documents(writable_store, tmp_path, monkeypatch):
    config = tmp_path / "settings.toml"
    config.write_text("[ingest]\nmax_seconds = 1\n", encoding="utf-8")

    def slow(item, *, options):  # as a pathological document would be; forked children inherit it
        time.sleep(600)

    monkeypatch.setattr(parallel, "analyze_or_reject", slow)
    with TestClient(create_app(writable_store, allow_ingest=True, token=TOKEN, config=config)) as client:
        before = client.get("/api/info").json()["documents"]
        response = client.post("/api/documents", json={"text": TEXT}, headers=AUTH)
        assert response.status_code == 422 and response.json()["code"] == "D109", response.text
        assert "ingest.max_seconds" in response.json()["detail"]
        assert client.get("/api/info").json()["documents"] == before


def test_a_child_that_dies_is_d110(ingest_client, monkeypatch):
    import os

    monkeypatch.setattr(parallel, "analyze_or_reject", lambda item, *, options: os._exit(3))
    response = ingest_client.post("/api/documents", json={"text": TEXT}, headers=AUTH)
    assert response.status_code == 422 and response.json()["code"] == "D110"
