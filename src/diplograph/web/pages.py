"""The pages of ``diplograph serve``: plain HTML shells whose small ES modules call ``/api/``.

Served by the API's own app (``mount(app)``), so that one process and one port give both, and
with every script, style sheet and library under ``/static/`` in the package: the pages work
offline and need no build step. The server renders only the frame of a page and the values of
its URL (escaped); the data come from the API, so the pages show exactly what the API answers.

    /                 the actor network of a window (?from=&to=&min_events=&actor=)
    /dyad/{a}/{b}     monthly timeline of a pair and its events (?from=&to=)
    /event/{id}       an event's reports with their evidence highlighted in the article text
    /search           events and actors (?q=)

A path that names nothing (an unknown event, a missing page) answers a readable 404 page;
paths under ``/api/`` keep the API's JSON errors.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from diplograph.errors import StoreError
from diplograph.web.access import StoreAccess

STATIC = Path(__file__).resolve().parent / "static"
MAX_ID = 64  # as the API's path parameters

# No inline script at all, so the policy can forbid it: page values travel in data attributes.
# Inline styles stay allowed because Cytoscape sizes its canvases with style attributes.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)

Handler = Callable[[Request, Exception], Awaitable[Response]]


def mount(app: FastAPI) -> None:
    """Add the pages and ``/static/`` to ``app``; call after the API's exception handlers are set."""
    # Module scripts must arrive as JavaScript; some systems' MIME tables say otherwise for .mjs.
    mimetypes.add_type("text/javascript", ".js")
    mimetypes.add_type("text/javascript", ".mjs")
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    api_handler = app.exception_handlers[StarletteHTTPException]
    app.add_exception_handler(StarletteHTTPException, _pages_not_found(api_handler))


def _pages_not_found(api_handler: Handler) -> Handler:
    """A 404 outside ``/api/`` is a person following a link: give them a page, not JSON."""

    async def handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        path = request.url.path
        if exc.status_code == 404 and not (path == "/api" or path.startswith("/api/")):
            return not_found("There is no page at this address.")
        return await api_handler(request, exc)

    return handler


# -- pages --------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def network_page() -> HTMLResponse:
    return _page(
        "Actor network",
        "network",
        """
<h1>Actor network</h1>
<form id="window-form" class="window" data-testid="window-form" method="get" action="/">
  <label>From <input id="from" name="from" data-testid="from" placeholder="YYYY-MM" size="10"
         pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" title="YYYY, YYYY-MM or YYYY-MM-DD"></label>
  <label>To <input id="to" name="to" data-testid="to" placeholder="YYYY-MM" size="10"
         pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" title="YYYY, YYYY-MM or YYYY-MM-DD"></label>
  <label>Min. events <input id="min-events" name="min_events" data-testid="min-events" type="number"
         min="1" max="100000" value="1"></label>
  <button type="submit">Show</button>
</form>
<p id="network-summary" class="summary" data-testid="network-summary" aria-live="polite">Loading…</p>
<div class="network-layout">
  <div id="cy" class="graph" data-testid="network-graph" role="img"
       aria-label="Actors as circles sized by their number of events, linked by lines coloured by cooperation
       (blue) or conflict (red, dashed). The table of pairs below holds the same data."></div>
  <aside id="panel" class="panel" data-testid="panel" aria-live="polite">
    <p class="hint">Select an actor or a line to list its events.</p>
  </aside>
</div>
<section id="legend" class="legend" data-testid="legend" aria-label="Legend">
  <p><span class="swatch line cooperation"></span> mostly cooperation
     <span class="swatch line conflict"></span> mostly conflict
     <span class="swatch line mixed"></span> as much of both
     · circle size: events · colour: bloc</p>
  <ul id="bloc-list" class="blocs" data-testid="bloc-list"></ul>
</section>
<details class="data-table">
  <summary>Pairs as a table</summary>
  <table id="edge-table" data-testid="edge-table">
    <thead><tr><th scope="col">Pair</th><th scope="col">Events</th><th scope="col">Cooperation</th>
      <th scope="col">Conflict</th><th scope="col">Goldstein sum</th></tr></thead>
    <tbody></tbody>
  </table>
</details>
""",
    )


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
async def dyad_page(a: str, b: str, request: Request) -> HTMLResponse:
    if not (0 < len(a) <= MAX_ID and 0 < len(b) <= MAX_ID):
        return not_found("An actor code is at most 64 characters long.")
    a, b = a.upper(), b.upper()
    since = escape(request.query_params.get("from", ""))
    until = escape(request.query_params.get("to", ""))
    pair = f"{escape(a)} and {escape(b)}"
    return _page(
        f"{a} and {b}",
        "dyad",
        f"""
<h1>{pair}</h1>
<form id="window-form" class="window" data-testid="window-form" method="get">
  <label>From <input id="from" name="from" value="{since}" placeholder="YYYY-MM" size="10"
         pattern="\\d{{4}}(-\\d{{2}}(-\\d{{2}})?)?" title="YYYY, YYYY-MM or YYYY-MM-DD"></label>
  <label>To <input id="to" name="to" value="{until}" placeholder="YYYY-MM" size="10"
         pattern="\\d{{4}}(-\\d{{2}}(-\\d{{2}})?)?" title="YYYY, YYYY-MM or YYYY-MM-DD"></label>
  <button type="submit">Show</button>
</form>
<p id="dyad-summary" class="summary" data-testid="dyad-summary" aria-live="polite">Loading…</p>
<figure class="timeline">
  <svg id="timeline" data-testid="timeline" role="img" aria-labelledby="timeline-caption"></svg>
  <figcaption id="timeline-caption">Events between {pair} per month: cooperation
    <span class="swatch cooperation"></span> and conflict <span class="swatch conflict"></span> (top),
    and the sum of their Goldstein scores (bottom; above the line cooperative, below hostile).
    Events dated only to a year or not at all are listed below but not drawn.</figcaption>
</figure>
<details class="data-table">
  <summary>Months as a table</summary>
  <table id="timeline-table" data-testid="timeline-table">
    <thead><tr><th scope="col">Month</th><th scope="col">Events</th><th scope="col">Cooperation</th>
      <th scope="col">Conflict</th><th scope="col">Goldstein sum</th></tr></thead>
    <tbody></tbody>
  </table>
</details>
<h2>Events</h2>
<ul id="dyad-events" class="events" data-testid="event-list" aria-live="polite"></ul>
""",
        data={"a": a, "b": b},
    )


@router.get("/event/{event}", response_class=HTMLResponse)
def event_page(event: str, request: Request) -> HTMLResponse:
    """Checked against the store here, so that an unknown event is a real 404 (links checkers,
    crawlers and tests see it) rather than an empty page that says so."""
    if len(event) > MAX_ID:
        return not_found(f"There is no event “{event[:MAX_ID]}…” in this store.")
    store: StoreAccess = request.app.state.store
    try:
        with store.read() as con:
            found = con.execute("SELECT 1 FROM events WHERE event = ?", [event]).fetchone() is not None
    except StoreError:
        return _message("Store busy", "The store cannot be opened now; try again in a moment.", 503)
    if not found:
        return not_found(f"There is no event “{event}” in this store.")
    return _page(
        f"Event {event}",
        "event",
        f"""
<h1 id="event-title" data-testid="event-title">Event {escape(event)}</h1>
<dl id="event-facts" class="facts" data-testid="event-facts"></dl>
<ul id="event-flags" class="flags" data-testid="event-flags"></ul>
<h2 id="reports-heading">Reports</h2>
<div id="reports" data-testid="reports" aria-live="polite"><p class="summary">Loading…</p></div>
""",
        data={"event": event},
    )


@router.get("/search", response_class=HTMLResponse)
async def search_page(q: str = "") -> HTMLResponse:
    return _page(
        "Search",
        "search",
        f"""
<h1>Search</h1>
<form id="search-form" class="search" data-testid="search-form" method="get" action="/search" role="search">
  <label for="q">Words in the evidence, or an actor's code or name</label>
  <input id="q" name="q" type="search" data-testid="search-input" value="{escape(q)}" maxlength="200"
         required autofocus>
  <button type="submit">Search</button>
</form>
<p id="search-summary" class="summary" data-testid="search-summary" aria-live="polite"></p>
<section aria-labelledby="actors-heading">
  <h2 id="actors-heading">Actors</h2>
  <ul id="actor-results" class="actors" data-testid="actor-results"></ul>
</section>
<section aria-labelledby="events-heading">
  <h2 id="events-heading">Events</h2>
  <ul id="event-results" class="events" data-testid="event-results"></ul>
</section>
""",
    )


def not_found(message: str) -> HTMLResponse:
    """The friendly 404: what was not found, and where to go instead."""
    return _message("Not found", message, 404)


def _message(title: str, message: str, status: int) -> HTMLResponse:
    return _page(
        title,
        None,
        f"""
<div id="not-found" class="message" data-testid="{"not-found" if status == 404 else "error-page"}">
  <h1>{escape(title)}</h1>
  <p>{escape(message)}</p>
  <p>Try the <a href="/search">search</a>, or start again from the <a href="/">actor network</a>.</p>
</div>
""",
        status=status,
    )


def _page(
    title: str, script: str | None, main: str, *, data: dict[str, str] | None = None, status: int = 200
) -> HTMLResponse:
    """The frame every page shares: navigation, an alert region for API errors, one module script."""
    attributes = "".join(f' data-{name}="{escape(value)}"' for name, value in (data or {}).items())
    page = script or "message"
    module = f'\n<script type="module" src="/static/js/{script}.js"></script>' if script else ""
    html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · diplograph</title>
<link rel="stylesheet" href="/static/css/site.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">{module}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/">diplograph</a>
  <nav aria-label="Main">
    <a href="/" data-testid="nav-network">Network</a>
    <a href="/search" data-testid="nav-search">Search</a>
    <a href="/api/docs">API</a>
  </nav>
</header>
<main id="main" class="page-{page}" data-page="{page}" data-testid="{page}-page"{attributes}>
<div id="error" class="error" role="alert" data-testid="error" hidden></div>
{main.strip()}
</main>
<footer class="site"><p>Every event links to the reports and the sentences it comes from.</p></footer>
</body>
</html>
"""
    return HTMLResponse(html, status_code=status, headers=HEADERS)
