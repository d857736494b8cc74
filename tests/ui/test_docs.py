"""The API's docs render in headless Chromium with nothing but this server to load from."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'")
expect = sync_api.expect


@pytest.fixture
def elsewhere(page, server) -> list[str]:
    """Requests the tab tried to send to any other host: refused (as offline) and listed."""
    attempts: list[str] = []
    ours = urlsplit(server).netloc

    def route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == ours:
            route.continue_()
        else:
            attempts.append(url)
            route.abort()

    page.context.route("**/*", route)
    return attempts


def test_swagger_ui_renders_offline(page, elsewhere):
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("diplograph")
    operation = page.locator(".opblock-summary-path", has_text="/api/events").first
    expect(operation).to_be_visible()
    operation.click()  # an operation opens: the bundle's scripts run, not just its markup
    expect(page.locator(".opblock.is-open .parameters-container").first).to_be_visible()
    assert elsewhere == []


def test_redoc_renders_offline(page, elsewhere, problems):
    page.goto("/api/redoc")
    expect(page.locator("redoc h1").first).to_contain_text("diplograph")
    expect(page.get_by_text("/api/events", exact=False).first).to_be_attached()
    # ReDoc's bundle draws a logo from its CDN; the page's policy stops it before it leaves.
    blocked = [p for p in problems if "cdn.redoc.ly" in p and "Content Security Policy" in p]
    for problem in blocked:
        problems.remove(problem)
    assert elsewhere == []
