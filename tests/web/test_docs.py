"""The API's docs work offline: /api/docs and /api/redoc, and every script and style sheet they
load, come from this server; none names another host to load from."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

DOC_PAGES = ("/api/docs", "/api/redoc")
# Where API-docs pages load their assets from unless told otherwise; none may appear in what we serve.
# (Swagger UI's bundle names its validator as a default, which the page turns off: see below.)
CDN_HOSTS = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com", "fonts.gstatic.com",
             "fastapi.tiangolo.com")  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


class References(HTMLParser):
    """Every URL a page loads or points at: src, href, and the API docs' own spec-url."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name in ("src", "href", "spec-url", "data", "action", "srcset") and value:
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def external(url: str) -> bool:
    """Whether loading ``url`` from a page of this server would leave it."""
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("data", "blob")) or bool(parts.netloc)


@pytest.mark.parametrize("path", DOC_PAGES)
def test_docs_page_and_its_assets_are_served_here(client, path):
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    parser = References()
    parser.feed(page.text)
    assert parser.urls, "the page loads nothing: the test would prove nothing"
    assert not re.search(r"https?://", page.text), "an absolute URL in the page"
    assert [u for u in parser.urls if external(u)] == []
    scripts = [u for u in parser.urls if u.endswith(".js")]
    assert scripts, "no script: the docs could not render"
    for url in parser.urls:
        asset = client.get(urljoin(path, url))
        assert asset.status_code == 200, url
        if url.endswith(".css"):
            assert [u for m in CSS_URL.finditer(asset.text) for u in m.groups() if u and external(u)] == [], url
        if url.endswith((".js", ".css")):
            assert [host for host in CDN_HOSTS if host in asset.text] == [], url


def test_swagger_ui_asks_no_validator(client):
    """Swagger UI fetches a badge from validator.swagger.io unless told not to."""
    parser = References()
    parser.feed(client.get("/api/docs").text)
    assert re.search(r'"validatorUrl":\s*null', "".join(parser.inline))


def test_docs_point_at_our_schema(client):
    for path in DOC_PAGES:
        assert "/api/openapi.json" in client.get(path).text
    schema = client.get("/api/openapi.json").json()
    assert "/api/events" in schema["paths"]
    assert not any(p.startswith("/api/docs") for p in schema["paths"])  # the docs are not API operations


def test_docs_policy_allows_only_this_server(client):
    """Whatever a vendored bundle names (ReDoc draws its logo from a CDN), the browser loads nothing from elsewhere."""
    for path in DOC_PAGES:
        policy = client.get(path).headers["content-security-policy"]
        sources = {word for directive in policy.split(";") for word in directive.split()[1:]}
        assert sources <= {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}, policy
        assert "img-src 'self' data:" in policy


def test_api_answers_carry_security_headers(client):
    answer = client.get("/api/info")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-security-policy"].startswith("default-src 'none'")
    page = client.get("/")  # the pages keep their own policy
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"].split("script-src")[1].split(";")[0]
