"""The pages over HTTP, without a browser (these run everywhere): routes, headers, static files,
escaping, 404s, and that the API under /api/ answers exactly as before the pages were added."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.web import create_app
from diplograph.web.pages import STATIC
from tests.web.conftest import TestClient

PAGES = ["/", "/dyad/RUS/IRN", "/search", "/search?q=Iran"]


@pytest.fixture(scope="module")
def http(ui_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ui_store)) as client:
        yield client


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_html_with_a_strict_policy_and_their_assets_exist(http, path):
    response = http.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>" not in response.text  # no inline script: the policy forbids it
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', response.text)
    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        served = http.get(asset)
        assert served.status_code == 200, asset
        if asset.endswith((".js", ".mjs")):
            assert served.headers["content-type"].startswith("text/javascript")


def test_modules_import_only_files_that_exist():
    """No CDN and no build step: every import of a page script is a file in the package."""
    for script in (STATIC / "js").glob("*.js"):
        for target in re.findall(r'from "([^"]+)"', script.read_text(encoding="utf-8")):
            path = STATIC / target.removeprefix("/static/") if target.startswith("/static/") else script.parent / target
            assert path.is_file(), f"{script.name} imports {target}"


def test_vendored_library_has_its_licence_and_stated_version():
    library = STATIC / "vendor" / "cytoscape"
    version = re.search(r'version="([\d.]+)"', (library / "cytoscape.esm.min.mjs").read_text(encoding="utf-8"))
    assert version and f"| {version.group(1)} |" in (STATIC / "vendor" / "README.md").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in (library / "LICENSE").read_text(encoding="utf-8")


def test_event_page_exists_only_for_stored_events(http):
    event = http.get("/api/events", params={"limit": 1}).json()["items"][0]["event"]
    found = http.get(f"/event/{event}")
    assert found.status_code == 200 and f'data-event="{event}"' in found.text
    missing = http.get("/event/E000000000000")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert 'data-testid="not-found"' in missing.text and "E000000000000" in missing.text
    assert http.get("/event/" + "E" * 65).status_code == 404


def test_unknown_paths_are_a_page_but_the_api_keeps_json(http):
    page = http.get("/nowhere")
    assert page.status_code == 404 and 'data-testid="not-found"' in page.text
    assert http.get("/static/js/nothing.js").status_code == 404
    for path in ("/api/nowhere", "/api/events/E000000000000", "/api"):
        response = http.get(path)
        assert response.status_code == 404 and response.headers["content-type"] == "application/json", path
    assert http.get("/api/events/E000000000000").json()["detail"] == "no event 'E000000000000'"
    assert http.post("/api/events").status_code == 405


def test_pages_are_not_in_the_api_schema(http):
    paths = http.get("/api/openapi.json").json()["paths"]
    assert paths and all(path.startswith("/api/") for path in paths)


def test_values_from_the_url_are_escaped(http):
    search = http.get("/search", params={"q": '"><script>alert(1)</script>'})
    assert "<script>alert" not in search.text and "&lt;script&gt;alert(1)" in search.text
    dyad = http.get("/dyad/%3Cimg%20src=x%3E/IRN", params={"from": '"><b>'})
    assert dyad.status_code == 200 and "<img" not in dyad.text and "<b>" not in dyad.text
    assert 'data-a="&lt;IMG SRC=X&gt;"' in dyad.text
    assert http.get("/dyad/" + "X" * 65 + "/IRN").status_code == 404
