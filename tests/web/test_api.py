"""The REST API on a real store: every endpoint, filters, pagination, errors, and what it must never do."""

from __future__ import annotations

from contextlib import closing
from urllib.parse import quote

import pytest

from diplograph.store import query
from diplograph.store.writer import connect
from tests.web.conftest import TOKEN, TestClient


def events(client: TestClient, **params) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


# -- events -------------------------------------------------------------------------------------


def test_events_page_matches_the_store(client, store):
    page = events(client)
    with closing(query.open_store(store)) as con:
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert page["total"] == total and (page["limit"], page["offset"]) == (50, 0)
    assert len(page["items"]) == min(total, 50)
    item = page["items"][0]
    assert isinstance(item["source"], list) and isinstance(item["target"], list)
    assert set(item) >= {"event", "type", "date", "modality", "mentions", "outlets", "goldstein", "disputed"}
    # Undated events: by default dated by their first report and marked so; kept undated, they are
    # null, not NaN (which is not JSON).
    assert any(i["date_precision"] == "publication" and i["date"] == i["first_report"] for i in page["items"])
    kept = events(client, undated="include")
    assert any(i["date"] is None for i in kept["items"]) and "NaN" not in client.get("/api/events").text
    dated = events(client, undated="exclude")
    assert all(i["date"] is not None for i in dated["items"]) and dated["total"] < kept["total"] == page["total"]


def test_pagination_walks_every_event_once(client):
    whole = events(client, limit=500)
    pages = [events(client, limit=4, offset=offset) for offset in range(0, whole["total"], 4)]
    assert {p["total"] for p in pages} == {whole["total"]}
    assert [i["event"] for p in pages for i in p["items"]] == [i["event"] for i in whole["items"]]
    beyond = events(client, limit=10, offset=whole["total"] + 5)
    assert beyond["items"] == [] and beyond["total"] == whole["total"]


@pytest.mark.parametrize("order", list(query.ORDERS))
def test_sorting(client, order):
    for desc in (False, True):
        values = [i[order] for i in events(client, order=order, desc=desc, limit=500)["items"] if i[order] is not None]
        assert values == sorted(values, reverse=desc)


def test_filters(client):
    sanctions = events(client, actor="eu", type="sanction")["items"]  # codes and types in any case
    belarus = [e for e in sanctions if e["target"] == ["BLR"]]
    assert len(belarus) == 1 and belarus[0]["outlets"] == 3 and belarus[0]["date"] == "2025-03-10"
    assert all("EU" in e["source"] + e["target"] for e in sanctions)
    assert [e["event"] for e in events(client, dyad="EU,BLR")["items"]] == [belarus[0]["event"]]
    assert events(client, dyad="BLR,EU")["total"] == 0  # directed: Belarus did not sanction the EU
    assert all(e["outlets"] >= 3 for e in events(client, min_sources=3)["items"])
    assert events(client, min_sources=3)["total"] >= 1
    assert all(e["quad_class"] == 4 for e in events(client, quad=4)["items"])
    window = events(client, **{"from": "2025-04", "to": "2025-04"})["items"]
    assert window and all(e["date"].startswith("2025-04") for e in window)
    planned = events(client, modality="planned")["items"]
    assert planned and all(e["modality"] == "planned" for e in planned)
    assert any(e["target"] == ["PHL"] for e in planned)
    (threat,) = events(client, text="threatened Japan")["items"]
    assert threat["source"] == ["PRK"] and threat["type"] == "THREATEN"
    assert (
        events(client, disputed="false")["total"] + events(client, disputed="true")["total"] == events(client)["total"]
    )
    combined = events(client, actor="JPN", **{"from": "2025-04-10"})["items"]
    assert {e["type"] for e in combined} == {"THREATEN", "AID"}


# -- one event, one document --------------------------------------------------------------------


def test_event_detail_traces_every_report_to_its_text(client):
    (signing,) = events(client, dyad="EU,BLR")["items"]
    detail = client.get(f"/api/events/{signing['event']}").json()
    assert detail["event"] == signing["event"] and detail["month"] == "2025-03"
    assert {(a["side"], a["code"], a["name"]) for a in detail["actors"]} == {
        ("source", "EU", "European Union"), ("target", "BLR", "Belarus")
    }  # fmt: skip
    assert {r["outlet"] for r in detail["reports"]} == {"Reuters", "dpa", "Politico"}
    for report in detail["reports"]:
        assert report["evidence"]
        text = client.get(f"/api/documents/{report['doc']}").json()["text"]
        for span in report["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_document_view_has_offsets_for_highlighting(client):
    (threat,) = events(client, text="threatened Japan")["items"]
    doc = client.get(f"/api/events/{threat['event']}").json()["reports"][0]["doc"]
    view = client.get(f"/api/documents/{doc}").json()
    assert (view["id"], view["outlet"], view["lang"], view["published"]) == ("ap-threat", "AP", "en", "2025-04-15")
    assert "origin" not in view  # a path on the server
    assert {m["code"] for m in view["mentions"]} >= {"PRK", "JPN"}
    for mention in view["mentions"]:
        assert view["text"][mention["start"] : mention["end"]] == mention["text"]
    (report,) = view["reports"]
    assert report["event"] == threat["event"]
    for span in report["evidence"]:
        assert view["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("url", ["/api/events/E000000000000", "/api/documents/0123456789abcdef0123"])
def test_unknown_event_or_document_is_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "no " in response.json()["detail"]


# -- actors, dyads, network, blocs, search ------------------------------------------------------


def test_actors(client):
    actors = client.get("/api/actors", params={"limit": 3}).json()
    assert len(actors) == 3 and [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    everyone = {a["code"]: a for a in client.get("/api/actors", params={"limit": 500}).json()}
    assert everyone["EU"]["name"] == "European Union" and everyone["EU"]["as_source"] >= 1


def test_dyad_series(client):
    both = client.get("/api/dyad", params={"a": "eu", "b": "blr"}).json()
    assert (both["a"], both["b"], both["directed"]) == ("EU", "BLR", False)
    march = [m for m in both["months"] if m["month"] == "2025-03"]
    assert march and march[0]["conflict"] == 1 and march[0]["goldstein_sum"] < 0
    reverse = client.get("/api/dyad", params={"a": "BLR", "b": "EU", "directed": "true"}).json()
    assert reverse["months"] == []


def test_network_nodes_and_edges(client):
    network = client.get("/api/network").json()
    codes = {n["code"] for n in network["nodes"]}
    assert {"EU", "BLR", "JPN", "KOR", "PRK"} <= codes
    edges = {(e["a"], e["b"]): e for e in network["edges"]}
    assert all(a < b and a in codes and b in codes for a, b in edges)
    assert edges[("BLR", "EU")]["conflict"] == 1 and edges[("BLR", "EU")]["goldstein_sum"] < 0
    assert edges[("JPN", "KOR")]["cooperation"] == 1  # a joint event links its participants
    for edge in network["edges"]:
        assert edge["cooperation"] + edge["conflict"] <= edge["events"]
    spring = client.get("/api/network", params={"from": "2025-04", "to": "2025-04"}).json()
    assert {(e["a"], e["b"]) for e in spring["edges"]} == {("JPN", "KOR"), ("JPN", "PRK")}
    strict = client.get("/api/network", params={"min_events": 3}).json()
    assert all(n["events"] >= 3 for n in strict["nodes"]) and all(e["events"] >= 3 for e in strict["edges"])
    negated = client.get("/api/network", params={"modality": ["negated"]}).json()
    assert negated["modalities"] == ["negated"]


def test_blocs_default_to_what_the_cli_finds(client, store):
    """The CLI and the web page ask the same function with the same defaults: the same blocs."""
    import json
    import subprocess
    import sys

    cli = subprocess.run([sys.executable, "-m", "diplograph", "blocs", "--db", str(store), "--format", "json"],
                         capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
    assert client.get("/api/blocs").json() == json.loads(cli.stdout)


def test_blocs(client):
    result = client.get("/api/blocs", params={"min_events": 1}).json()
    assert result["blocs"] and all(isinstance(b["actors"], list) for b in result["blocs"])
    placed = {m["code"] for m in result["members"] if m["bloc"] is not None}
    assert placed == {code for b in result["blocs"] for code in b["actors"]}


def test_search(client):
    found = client.get("/api/search", params={"q": "sanctions BELARUS"}).json()
    assert found["total"] == 1 and found["events"][0]["target"] == ["BLR"]
    assert client.get("/api/search", params={"q": "sanctions penguins"}).json()["total"] == 0  # every word
    actors = client.get("/api/search", params={"q": "korea"}).json()["actors"]
    assert {"PRK", "KOR"} <= {a["code"] for a in actors}
    by_code = client.get("/api/search", params={"q": "eu"}).json()["actors"]
    assert by_code[0]["code"] == "EU"  # an exact code comes first
    assert client.get("/api/search", params={"q": "100%"}).json()["total"] == 0  # LIKE wildcards are literal


def test_info(client):
    info = client.get("/api/info").json()
    assert info["allow_ingest"] is False and info["documents"] == 12 and info["events"] >= 10


# -- errors -------------------------------------------------------------------------------------

BAD = [
    ("/api/events?from=17.01.2025", 422),
    ("/api/events?to=January", 422),
    ("/api/events?type=ALLY", 400),
    ("/api/events?limit=0", 422),
    ("/api/events?limit=10000", 422),
    ("/api/events?limit=ten", 422),
    ("/api/events?offset=-1", 422),
    ("/api/events?offset=99999999999999999999999", 422),
    ("/api/events?dyad=RUS", 400),
    ("/api/events?dyad=RUS,IRN,CHN", 400),
    ("/api/events?dyad=,IRN", 400),
    ("/api/events?quad=5", 422),
    ("/api/events?modality=likely", 422),
    ("/api/events?order=event", 422),
    ("/api/events?desc=maybe", 422),
    ("/api/events?min_sources=0", 422),
    ("/api/events?actor=" + "X" * 100, 422),
    ("/api/actors?limit=0", 422),
    ("/api/dyad?a=RUS", 422),
    ("/api/network?min_events=0", 422),
    ("/api/network?from=2025-1", 422),
    ("/api/blocs?resolution=nan", 422),
    ("/api/blocs?resolution=0", 422),
    ("/api/search?q=", 422),
    ("/api/search?q=%20%20", 400),
    ("/api/search?q=" + "+".join("w" * 11), 400),
]


@pytest.mark.parametrize(("url", "status"), BAD)
def test_bad_parameters_are_4xx_with_a_message(client, url, status):
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["code"] in ("D400", "D410")
    assert "Traceback" not in response.text


INJECTIONS = [
    "RUS' OR 1=1 --",
    "'); DROP TABLE events; --",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "*",
    "RUS%' UNION SELECT doc, text FROM documents --",
    "\u0000",
    "ü' OR 'x'='x",
]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("param", ["actor", "dyad", "type", "from", "to", "modality", "text", "order", "quad"])
def test_injection_in_any_filter_finds_nothing_and_breaks_nothing(client, param, payload):
    value = f"{payload},{payload}" if param == "dyad" else payload
    response = client.get("/api/events", params={param: value})
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code == 200:
        assert response.json()["total"] == 0 and response.json()["items"] == []


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_elsewhere(client, payload):
    for url, params in [
        ("/api/search", {"q": payload}),
        ("/api/dyad", {"a": payload, "b": "IRN"}),
        (f"/api/events/{quote(payload, safe='')}", {}),
        (f"/api/documents/{quote(payload, safe='')}", {}),
        ("/api/network", {"from": payload}),
    ]:
        response = client.get(url, params=params)
        assert response.status_code in (200, 400, 404, 422), (url, response.text)
        if url == "/api/search" and response.status_code == 200:
            assert response.json()["total"] == 0 and response.json()["actors"] == []
        if url == "/api/dyad" and response.status_code == 200:
            assert response.json()["months"] == []


def test_unexpected_error_is_a_generic_500(store, monkeypatch):
    from diplograph.web import data
    from diplograph.web.api import create_app

    def broken(con):
        raise RuntimeError("secret internals /srv/store.duckdb")

    monkeypatch.setattr(data, "info", broken)
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        response = client.get("/api/info")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_store_held_by_a_writer_is_503(writable_store):
    from diplograph.web.api import create_app

    with TestClient(create_app(writable_store)) as client, closing(connect(writable_store)):
        response = client.get("/api/events")  # DuckDB refuses a read-only open while this process writes
    assert response.status_code == 503 and response.json()["code"] == "D301"
    assert str(writable_store) not in response.text


def test_missing_store_is_503(tmp_path):
    from diplograph.web.api import create_app

    with TestClient(create_app(tmp_path / "none.duckdb")) as client:
        response = client.get("/api/info")
    assert response.status_code == 503 and "none.duckdb" not in response.text


# -- schema -------------------------------------------------------------------------------------


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]) >= {
        "/api/events", "/api/events/{event}", "/api/actors", "/api/dyad", "/api/network", "/api/blocs",
        "/api/documents", "/api/documents/{doc}", "/api/search", "/api/info",
    }  # fmt: skip
    events_op = schema["paths"]["/api/events"]["get"]
    assert {p["name"] for p in events_op["parameters"]} >= {"from", "to", "type", "dyad", "limit", "offset", "order"}
    assert events_op["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/EventPage"
    }
    assert events_op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/Problem")
    assert client.get("/api/docs").status_code == 200


# -- writing ------------------------------------------------------------------------------------

NEW = {
    "text": "Canada imposed sanctions on Venezuela on Thursday over the disputed election.",
    "lang": "en",
    "published": "2025-07-03",
    "source": "CBC",
    "title": "Canada sanctions Venezuela",
    "id": "cbc-venezuela",
}


def test_read_only_server_refuses_writes(client):
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        response = client.post("/api/documents", json=NEW, headers=headers)
        assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert events(client, text="Venezuela")["total"] == 0


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])  # fmt: skip
def test_ingest_needs_the_token(ingest_client, headers):
    response = ingest_client.post("/api/documents", json=NEW, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert ingest_client.get("/api/events", params={"text": "Venezuela"}).json()["total"] == 0


def test_ingest_stores_the_document_and_merges_its_events(ingest_client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = ingest_client.get("/api/info").json()
    response = ingest_client.post("/api/documents", json=NEW, headers=auth)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["added"] is True and result["id"] == "cbc-venezuela" and result["published"] == "2025-07-03"
    (sanction,) = result["events"]
    assert (sanction["type"], sanction["source"], sanction["target"]) == ("SANCTION", ["CAN"], ["VEN"])
    listed = ingest_client.get("/api/events", params={"actor": "VEN"}).json()
    assert [e["event"] for e in listed["items"]] == [sanction["event"]]
    view = ingest_client.get(f"/api/documents/{result['doc']}").json()
    assert view["text"] == NEW["text"] and view["outlet"] == "CBC"
    after = ingest_client.get("/api/info").json()
    assert after["documents"] == before["documents"] + 1 and after["allow_ingest"] is True
    again = ingest_client.post("/api/documents", json=NEW, headers=auth)
    assert again.status_code == 200 and again.json()["added"] is False
    assert again.json()["events"] == result["events"]
    assert ingest_client.get("/api/info").json()["documents"] == after["documents"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"text": ""}, "D400"),
        ({"text": "   \n  "}, "D101"),
        ({"text": "Bonjour, ceci est un article sur la politique.", "lang": "fr"}, "D106"),
        ({"text": "Bonjour, ceci est un article en français sur la politique étrangère de la France."}, "D106"),
        ({"text": "Canada imposed sanctions.", "published": "last Thursday"}, "D108"),
        ({"text": "Canada imposed sanctions.", "author": "me"}, "D400"),
        ({"text": 42}, "D400"),
        ({}, "D400"),
    ],
)
def test_bad_documents_are_422_with_their_code(ingest_client, body, code):
    response = ingest_client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code and response.json()["detail"]


def test_oversized_bodies_are_refused_before_they_are_read(client, ingest_client):
    big = {"text": "x" * 100_000}
    response = client.post("/api/documents", json=big)  # a read-only server takes no body at all
    assert response.status_code == 413 and "over" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit applies while the body streams in
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1024

    streamed = client.post("/api/documents", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 403  # refused before its body is read
    limit = 3 * 20_000_000 + 64 * 1024

    def huge():  # with the token, a body streaming past the cap is cut off there
        yield b'{"text": "'
        for _ in range(limit // (1 << 20) + 2):
            yield b"x" * (1 << 20)

    auth = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    assert ingest_client.post("/api/documents", content=huge(), headers=auth).status_code == 413
    declared = ingest_client.post(
        "/api/documents", content=b"{}", headers={"Content-Length": str(limit + 1), "Authorization": f"Bearer {TOKEN}"}
    )
    assert declared.status_code == 413


def test_allowing_ingest_needs_a_token(store):
    from diplograph.errors import UsageError
    from diplograph.web.api import create_app

    with pytest.raises(UsageError) as caught:
        create_app(store, allow_ingest=True)
    assert caught.value.code == "D430"


def test_actors_carry_country_numbers(client):
    everyone = {a["code"]: a for a in client.get("/api/actors", params={"limit": 500}).json()}
    assert (everyone["EU"]["gw"], everyone["EU"]["iso3"]) == (None, None)
    states = [a for a in everyone.values() if a["kind"] == "state"]
    assert states and all(a["iso3"] == a["code"] for a in states)
    if "RUS" in everyone:
        assert (everyone["RUS"]["gw"], everyone["RUS"]["cow"]) == (365, 365)


def test_api_ingest_is_a_run_and_a_taken_id_is_422(ingest_client, writable_store):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert ingest_client.post("/api/documents", json=NEW, headers=auth).status_code == 201
    other = {**NEW, "text": NEW["text"] + " Venezuela protested."}
    response = ingest_client.post("/api/documents", json=other, headers=auth)
    assert response.status_code == 422 and response.json()["code"] == "D112"
    ingest_client.app.state.store.close()  # the server holds the file open; let go before reading it here
    with closing(connect(writable_store, read_only=True)) as con:
        routes = con.execute("SELECT route, status, added FROM runs WHERE route = 'api' ORDER BY rowid").fetchall()
    assert routes == [("api", "done", 1), ("api", "done", 0)]
    with closing(connect(writable_store, read_only=True)) as con:
        assert con.execute("SELECT rejected, rejected_by_code FROM runs WHERE route = 'api' ORDER BY rowid").fetchall()[
            -1
        ] == (1, '{"D112": 1}')


def test_event_history_follows_a_superseded_id(ingest_client, writable_store):
    with closing(connect(writable_store)) as con:
        [(event,)] = con.execute("SELECT event FROM events ORDER BY event LIMIT 1").fetchall()
        con.execute("INSERT INTO event_history VALUES ('Eold', ?, 'merged', 'R1', '2025-01-01T00:00:00+00:00')",
                    [event])  # fmt: skip
    found = ingest_client.get("/api/events/Eold/history").json()
    assert found["current"] == [event] and found["history"][0]["kind"] == "merged"
    missing = ingest_client.get("/api/events/Eold")
    assert missing.status_code == 404 and event in missing.json()["detail"]
    assert ingest_client.get(f"/api/events/{event}/history").json()["current"] == [event]
