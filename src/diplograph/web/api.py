"""The REST API over the store: ``create_app(db)`` gives a FastAPI app serving ``/api/…``.

Read-only unless made with ``allow_ingest=True`` and a token: then ``POST /api/documents`` with
``Authorization: Bearer <token>`` analyses an article and stores it. Every error is JSON,
``{"detail": "...", "code": "D4xx"}``: a bad filter value is a 400, a malformed parameter a 422,
a missing event or document a 404, a store another program is writing to a 503, and anything
unexpected a 500 with a generic message (the traceback goes to the server log, not the client).
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi_offline import FastAPIOffline
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from diplograph import __version__, errors
from diplograph.errors import InputError, UsageError
from diplograph.graph import DEFAULT_MIN_EVENTS, DEFAULT_MODALITIES, find_blocs
from diplograph.graph.blocs import DEFAULT_RESOLUTION, DEFAULT_SEED
from diplograph.ingest.decode import check_characters, decode
from diplograph.model import Article, Rejection
from diplograph.parallel import rows_within
from diplograph.pipeline import Options
from diplograph.store import query
from diplograph.store.events import merge_events
from diplograph.store.runs import recorded_run
from diplograph.store.undated import DEFAULT_UNDATED, UNDATED_CHOICES
from diplograph.store.undated import HELP as UNDATED_HELP
from diplograph.store.writer import content_key, ingest
from diplograph.temporal.dates import PartialDate
from diplograph.web import data, pages, problems
from diplograph.web.access import IDLE_RELEASE_S, StoreAccess
from diplograph.web.cache import DEFAULT_CACHE_BYTES, Replies, ResponseCache
from diplograph.web.headers import SecurityHeaders
from diplograph.web.limits import BodyLimit
from diplograph.web.models import (
    Actor,
    BlocsView,
    DocumentView,
    DyadSeries,
    EventDetail,
    EventHistory,
    EventPage,
    Info,
    IngestRequest,
    IngestResult,
    Network,
    Problem,
    SearchResult,
)

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000  # beyond any store; keeps the bound parameter inside DuckDB's BIGINT
CODE_LENGTH = 64  # longest actor code accepted (real ones are under 20)
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DOCS_ASSETS = "/api/docs-assets"  # Swagger UI's and ReDoc's scripts and styles, from fastapi-offline

INGEST_SCHEMA = IngestRequest.model_json_schema()
Order = Enum("Order", {name: name for name in query.ORDERS}, type=str)  # type: ignore[misc]
Modality = Enum("Modality", {name: name for name in query.MODALITIES}, type=str)  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class WebConfig:
    """What the app was made with; the only state it keeps besides the store's lock."""

    db: Path
    allow_ingest: bool
    token: str | None
    options: Options | None  # the pipeline's knowledge base and settings, loaded once when ingest is on


def create_app(
    db: Path,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    config: Path | None = None,
    idle_release: float | None = IDLE_RELEASE_S,
    cache_bytes: int = DEFAULT_CACHE_BYTES,
) -> FastAPI:
    """The API over the store ``db``, read-only unless ``allow_ingest`` (which needs a ``token``);
    ``config`` is a settings file over ``settings.toml`` (limits for POSTed documents).

    The store is opened on the first request and kept open while requests come; after
    ``idle_release`` seconds without one it is closed, so that ``diplograph ingest`` can write
    to it (:mod:`diplograph.web.access`); answers are kept up to ``cache_bytes`` while the store
    cannot change (:mod:`diplograph.web.cache`). The API's docs (``/api/docs``, ``/api/redoc``) are
    served from assets in the ``fastapi-offline`` package: no page loads anything from elsewhere."""
    if allow_ingest and not token:
        raise UsageError("allowing ingest needs a token (clients send: Authorization: Bearer TOKEN)", code="D430")
    store = StoreAccess(Path(db), writable=allow_ingest, idle_release=idle_release)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPIOffline(
        title="diplograph",
        version=__version__,
        description=__doc__,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url="/api/redoc",
        static_url=DOCS_ASSETS,
        swagger_ui_oauth2_redirect_url="/api/docs/oauth2-redirect",
        swagger_ui_parameters={"validatorUrl": None},  # Swagger UI would fetch a badge from its validator
        lifespan=lifespan,
    )
    options = Options.create(config=config) if allow_ingest else None
    app.state.config = WebConfig(Path(db), allow_ingest, token, options)
    app.state.store = store
    app.state.replies = Replies(store, ResponseCache(cache_bytes))
    app.include_router(router)
    app.add_middleware(BodyLimit, max_bytes=_body_limit(options))
    app.add_middleware(SecurityHeaders)
    problems.add_handlers(app)
    pages.mount(app)  # the HTML pages and /static/; /api/ answers as before
    return app


def _body_limit(options: Options | None) -> int:
    """Room for the largest document the pipeline accepts, as JSON (a client may escape every
    non-ASCII character as \\uXXXX: at most three times its UTF-8 size); a read-only server has
    no use for bodies at all."""
    if options is None or options.settings is None:
        return 64 * 1024
    return 3 * options.settings.max_bytes + 64 * 1024


# -- dependencies -------------------------------------------------------------------------------


# Async although they do not wait: FastAPI would run plain functions in its thread pool, a thread
# hop per dependency per request for no benefit.
async def _store(request: Request) -> StoreAccess:
    return request.app.state.store


async def _config(request: Request) -> WebConfig:
    return request.app.state.config


async def _reply(request: Request) -> Replies:
    return request.app.state.replies


Store = Annotated[StoreAccess, Depends(_store)]
Config = Annotated[WebConfig, Depends(_config)]
Reply = Annotated[Replies, Depends(_reply)]
Cursor = duckdb.DuckDBPyConnection
Since = Annotated[
    str | None,
    Query(alias="from", pattern=DATE_PATTERN, description="From this date (YYYY, YYYY-MM, YYYY-MM-DD), inclusive."),
]
Until = Annotated[
    str | None,
    Query(alias="to", pattern=DATE_PATTERN, description="Up to this date, inclusive (2025-06 includes 2025-06-30)."),
]
UndatedRule = Enum("UndatedRule", {name: name for name in UNDATED_CHOICES}, type=str)  # type: ignore[misc]
Undated = Annotated[UndatedRule, Query(description=UNDATED_HELP + " As --undated in the CLI.")]
ActorCode = Annotated[str, Query(min_length=1, max_length=CODE_LENGTH, description="Actor code (RUS, EU, HAMAS).")]

router = APIRouter(prefix="/api", responses=problems.ERRORS)


# -- reads --------------------------------------------------------------------------------------


@router.get("/info", response_model=Info, tags=["store"])
def get_info(reply: Reply, config: Config) -> Response:
    """What the store holds, and whether this server accepts documents."""
    return reply(("info",), Info, lambda con: {**data.info(con), "version": __version__,
                                               "allow_ingest": config.allow_ingest})  # fmt: skip


@router.get("/events", response_model=EventPage, tags=["events"])
def get_events(
    reply: Reply,
    actor: Annotated[str | None, Query(max_length=CODE_LENGTH, description="Actor code on either side.")] = None,
    dyad: Annotated[
        str | None,
        Query(max_length=2 * CODE_LENGTH + 1, description="Two actor codes, first acting on second: RUS,IRN."),
    ] = None,
    event_type: Annotated[
        str | None, Query(alias="type", max_length=32, description="PLOVER type (SANCTION …).")
    ] = None,
    quad: Annotated[
        int | None, Query(ge=1, le=4, description="1 verbal / 2 material cooperation, 3 / 4 conflict.")
    ] = None,
    since: Since = None,
    until: Until = None,
    modality: Modality | None = None,
    min_sources: Annotated[int, Query(ge=1, le=10_000, description="At least this many distinct outlets.")] = 1,
    text: Annotated[str | None, Query(max_length=500, description="Words in an evidence sentence.")] = None,
    disputed: Annotated[bool | None, Query(description="Only events whose reports disagree (true) or agree.")] = None,
    undated: Undated = UndatedRule[DEFAULT_UNDATED],
    order: Order = Order["date"],
    desc: Annotated[bool, Query(description="Descending order.")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Response:
    """Merged events matching the filters, as ``diplograph events`` filters them, a page at a time."""
    where = query.EventFilter(
        actor=actor, dyad=_dyad(dyad) if dyad is not None else None, type=event_type, quad_class=quad, since=since,
        until=until, modality=modality.value if modality else None, min_sources=min_sources, text=text,
        disputed=disputed, undated=undated.value,
    )  # fmt: skip
    sql, params = query.events_sql(where, order=order.value, descending=desc, limit=limit, offset=offset)

    def page(con: Cursor) -> dict[str, Any]:
        return {"total": query.count_events(con, where), "limit": limit, "offset": offset,
                "items": data.rows(con, sql, params)}  # fmt: skip

    return reply(("events", where, order.value, desc, limit, offset), EventPage, page)


def _dyad(value: str) -> tuple[str, str]:
    codes = [part.strip() for part in value.split(",")]
    if len(codes) != 2 or not all(codes):
        raise query.QueryError(f"dyad must be two actor codes separated by a comma, e.g. RUS,IRN; not {value!r}")
    return codes[0], codes[1]


@router.get("/events/{event}", response_model=EventDetail, responses={404: {"model": Problem}}, tags=["events"])
def get_event(reply: Reply, event: Annotated[str, PathParam(max_length=64)]) -> Response:
    """One event with its flags, its actors and every report of it, with the evidence spans."""

    def detail(con: Cursor) -> dict[str, Any]:
        found = data.event_detail(con, event)
        if found is None:
            leads = data.event_history(con, event)["current"]
            hint = f"; superseded by {', '.join(leads)} (see /api/events/{event}/history)" if leads else ""
            raise HTTPException(404, f"no event {event!r}{hint}")
        reports = data.records(query.event_reports(con, event))
        for report in reports:
            report["evidence"] = data.without_empty_spans(report["evidence"])
        return {**found, "reports": reports}

    return reply(("event", event), EventDetail, detail)


@router.get("/events/{event}/history", response_model=EventHistory, tags=["events"])
def get_event_history(store: Store, event: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
    """What became of an event id: the current events it leads to and the history rows naming it
    (an id the store never had gives an empty history)."""
    with store.read() as con:
        return data.event_history(con, event)


@router.get("/actors", response_model=list[Actor], tags=["actors"])
def get_actors(reply: Reply, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50) -> Response:
    """Actors by number of events, with how often they act and are acted on, and Goldstein sums."""
    return reply(("actors", limit), list[Actor], lambda con: data.records(query.actors(con, limit=limit)))


@router.get("/dyad", response_model=DyadSeries, tags=["actors"])
def get_dyad(
    reply: Reply,
    a: ActorCode,
    b: ActorCode,
    directed: Annotated[bool, Query(description="Only a acting on b (default: both directions).")] = False,
    since: Since = None,
    until: Until = None,
    undated: Undated = UndatedRule[DEFAULT_UNDATED],
) -> Response:
    """Monthly events, cooperation, conflict and Goldstein sum between two actors."""
    where = query.EventFilter(since=since, until=until, undated=undated.value)

    def series(con: Cursor) -> dict[str, Any]:
        frame = query.dyad(con, a, b, directed=directed, where=where)
        return {"a": a.upper(), "b": b.upper(), "directed": directed, "months": data.records(frame)}

    return reply(("dyad", a.upper(), b.upper(), directed, where), DyadSeries, series)


@router.get("/network", response_model=Network, tags=["actors"])
def get_network(
    reply: Reply,
    since: Since = None,
    until: Until = None,
    min_events: Annotated[
        int, Query(ge=1, le=100_000, description="Events an actor, and a pair, needs to be shown.")
    ] = 1,
    modality: Annotated[
        list[Modality] | None,
        Query(description="Modalities counted (repeat the parameter); default actual, planned, desired."),
    ] = None,
    undated: Undated = UndatedRule[DEFAULT_UNDATED],
) -> Response:
    """Nodes (actors with their event counts) and undirected edges (pairs with cooperation and
    conflict counts and Goldstein sums) for a network drawing."""
    modalities = [m.value for m in modality] if modality else list(DEFAULT_MODALITIES)
    return reply(("network", since, until, min_events, tuple(modalities), undated.value), Network,
                 lambda con: data.network(con, since, until, min_events=min_events, modalities=modalities,
                                          undated=undated.value))  # fmt: skip


@router.get("/blocs", response_model=BlocsView, tags=["actors"])
def get_blocs(
    reply: Reply,
    since: Since = None,
    until: Until = None,
    min_events: Annotated[
        int, Query(ge=1, le=100_000, description="Events an actor pair (and an actor) needs.")
    ] = DEFAULT_MIN_EVENTS,
    resolution: Annotated[
        float, Query(gt=0, le=100, allow_inf_nan=False, description="Higher: more, smaller blocs.")
    ] = DEFAULT_RESOLUTION,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1)] = DEFAULT_SEED,
    undated: Undated = UndatedRule[DEFAULT_UNDATED],
) -> Response:
    """Alliance blocs of a window (signed community detection; see ``diplograph blocs``)."""

    def blocs(con: Cursor) -> dict[str, Any]:
        result = find_blocs(con, since, until, min_events=min_events, resolution=resolution, seed=seed,
                            undated=undated.value)  # fmt: skip
        return data.plain(result.to_dict())

    return reply(("blocs", since, until, min_events, resolution, seed, undated.value), BlocsView, blocs)


@router.get("/documents/{doc}", response_model=DocumentView, responses={404: {"model": Problem}}, tags=["documents"])
def get_document(reply: Reply, doc: Annotated[str, PathParam(max_length=64)]) -> Response:
    """A stored article: metadata, text, actor mentions and report evidence, with character offsets
    into ``text`` so that a page can highlight them."""

    def view(con: Cursor) -> dict[str, Any]:
        found = data.document(con, doc)
        if found is None:
            raise HTTPException(404, f"no document {doc!r}")
        return found

    return reply(("document", doc), DocumentView, view)


@router.get("/search", response_model=SearchResult, tags=["events"])
def get_search(
    reply: Reply,
    q: Annotated[
        str, Query(min_length=1, max_length=200, description="Words, all of which an event's evidence must contain.")
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
) -> Response:
    """Events whose evidence contains every word, and actors whose code or name contains them."""
    return reply(("search", q, limit), SearchResult, lambda con: data.search(con, q, limit=limit))


# -- ingest -------------------------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="The token the server was started with (--token).")


async def _writer(
    config: Config, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """403 on a read-only server, 401 without the right bearer token (compared in constant time)."""
    if not config.allow_ingest:
        raise HTTPException(403, "this server is read-only (start it with --allow-ingest --token TOKEN)")
    assert config.token
    sent = credentials.credentials if credentials is not None else ""
    if not secrets.compare_digest(sent.encode("utf-8"), config.token.encode("utf-8")):
        raise HTTPException(401, "a valid bearer token is needed", headers={"WWW-Authenticate": "Bearer"})


@router.post(
    "/documents",
    response_model=IngestResult,
    status_code=201,
    dependencies=[Depends(_writer)],
    responses={200: {"model": IngestResult, "description": "Already stored: nothing changed."},
               401: {"model": Problem}, 403: {"model": Problem}, 413: {"model": Problem}},
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": INGEST_SCHEMA}}}},
    tags=["documents"],
)  # fmt: skip
async def post_document(request: Request, response: Response, store: Store, config: Config) -> dict[str, Any]:
    """Analyse one article, store it and merge its events with the store's (201; 200 when the same
    text is already stored). Bad input (empty text, unsupported language) is a 422 with its code,
    as is a document still being analysed after ``ingest.max_seconds`` (D109).

    The body is declared in the schema but read here, after the token check (a declared body
    would be read and parsed before any dependency runs), a chunk at a time under the size cap."""
    body = await _read_body(request)
    try:
        document = IngestRequest.model_validate_json(body)
    except ValidationError as exc:
        problems = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False, include_context=False)]
        raise RequestValidationError(problems) from None
    return await run_in_threadpool(_ingest, document, response, store, config)


async def _read_body(request: Request) -> bytes:
    """The body, refused (413, via :class:`BodyLimit`) as soon as it streams past the cap."""
    chunks = bytearray()
    async for chunk in request.stream():
        chunks += chunk
    return bytes(chunks)


def _ingest(body: IngestRequest, response: Response, store: StoreAccess, config: WebConfig) -> dict[str, Any]:
    assert config.options is not None and config.options.settings is not None
    settings = config.options.settings
    for name in ("text", "title", "source", "url", "id", "lang", "published"):
        value = getattr(body, name)
        if value is not None:
            check_characters(value, what=f"field {name!r}")
    text, warnings = decode(body.text.encode("utf-8"), max_bytes=settings.max_bytes)
    if body.published is not None and PartialDate.parse(body.published) is None:
        raise InputError(f"published must be YYYY-MM-DD, YYYY-MM or YYYY, not {body.published!r}",
                         code=errors.BAD_METADATA)  # fmt: skip
    key = content_key(text)
    lang = None if body.lang in (None, "", "auto") else body.lang
    article = Article(id=body.id or key, text=text, lang=lang, published=body.published, title=body.title,
                      url=body.url, source=body.source, origin="api", warnings=warnings)  # fmt: skip
    # The slow part, before taking the write lock, in a child process killed at the time limit.
    rows = rows_within(article, options=config.options, seconds=settings.max_seconds)
    if isinstance(rows, Rejection):
        raise InputError(rows.reason, code=rows.code)
    inputs = [f"api:{article.id}"]
    with store.write() as con:
        with recorded_run(con, route="api", inputs=inputs, options=config.options) as run:
            run.result = ingest(con, [rows])
            added = run.result.added > 0
            if added:
                run.merged = merge_events(con, run=run.run)
        if run.result.rejected:  # its id is taken by another text: a run that did its job, a 422 for the caller
            raise InputError(run.result.rejected[0].reason, code=run.result.rejected[0].code)
        events = data.document_events(con, key)
        stored = data.rows(con, "SELECT id, lang, published, warnings FROM documents WHERE doc = ?", [key])[0]
    if not added:
        response.status_code = 200
    return {"doc": key, "id": stored["id"] or key, "added": added, "lang": stored["lang"],
            "published": stored["published"], "warnings": stored["warnings"] or [], "events": events}  # fmt: skip
