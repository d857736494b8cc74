"""The REST API over the store: ``create_app(db)`` gives a FastAPI app serving ``/api/…``.

Read-only unless made with ``allow_ingest=True`` and a token: then ``POST /api/documents`` with
``Authorization: Bearer <token>`` analyses an article and stores it. Every error is JSON,
``{"detail": "...", "code": "D4xx"}``: a bad filter value is a 400, a malformed parameter a 422,
a missing event or document a 404, a store another program is writing to a 503, and anything
unexpected a 500 with a generic message (the traceback goes to the server log, not the client).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from diplograph import __version__, errors
from diplograph.errors import DiplographError, InputError, StoreError, UsageError
from diplograph.graph import DEFAULT_MIN_EVENTS, DEFAULT_MODALITIES, find_blocs
from diplograph.graph.blocs import DEFAULT_RESOLUTION, DEFAULT_SEED
from diplograph.ingest.decode import decode
from diplograph.model import Article
from diplograph.pipeline import Options, analyze
from diplograph.store import query
from diplograph.store.events import merge_events
from diplograph.store.runs import recorded_run
from diplograph.store.writer import content_key, ingest
from diplograph.temporal.dates import PartialDate
from diplograph.web import data, pages
from diplograph.web.access import StoreAccess
from diplograph.web.limits import BodyLimit
from diplograph.web.models import (
    Actor,
    BlocsView,
    DocumentView,
    DyadSeries,
    EventDetail,
    EventHistory,
    EventPage,
    FieldProblem,
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

Order = Enum("Order", {name: name for name in query.ORDERS}, type=str)  # type: ignore[misc]
Modality = Enum("Modality", {name: name for name in query.MODALITIES}, type=str)  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class WebConfig:
    """What the app was made with; the only state it keeps besides the store's lock."""

    db: Path
    allow_ingest: bool
    token: str | None
    options: Options | None  # the pipeline's knowledge base and settings, loaded once when ingest is on


def create_app(db: Path, *, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """The API over the store ``db``, read-only unless ``allow_ingest`` (which needs a ``token``).

    The store is opened per request, so the file may be created or refilled while the app runs."""
    if allow_ingest and not token:
        raise UsageError("allowing ingest needs a token (clients send: Authorization: Bearer TOKEN)", code="D430")
    app = FastAPI(
        title="diplograph",
        version=__version__,
        description=__doc__,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    options = Options.create() if allow_ingest else None
    app.state.config = WebConfig(Path(db), allow_ingest, token, options)
    app.state.store = StoreAccess(Path(db))
    app.include_router(router)
    app.add_middleware(BodyLimit, max_bytes=_body_limit(options))
    app.add_exception_handler(DiplographError, _diplograph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
    pages.mount(app)  # the HTML pages and /static/; /api/ answers as before
    return app


def _body_limit(options: Options | None) -> int:
    """Room for the largest document the pipeline accepts, as JSON (a client may escape every
    non-ASCII character as \\uXXXX: at most three times its UTF-8 size); a read-only server has
    no use for bodies at all."""
    if options is None or options.settings is None:
        return 64 * 1024
    return 3 * options.settings.max_bytes + 64 * 1024


# -- errors -------------------------------------------------------------------------------------

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "A filter value that cannot be right (code D410)."},
    422: {"model": Problem, "description": "A malformed parameter or body."},
    500: {"model": Problem, "description": "Unexpected error (generic message; details in the server log)."},
    503: {"model": Problem, "description": "The store cannot be opened now (another program is writing to it?)."},
}


def _problem(
    status: int, detail: str, code: str | None = None, problems: list[FieldProblem] | None = None
) -> JSONResponse:
    body = Problem(detail=detail, code=code, errors=problems).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status)


async def _diplograph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DiplographError)
    if isinstance(exc, InputError):
        return _problem(422, exc.reason, exc.code)
    if isinstance(exc, UsageError):
        return _problem(400, exc.reason, exc.code)
    if isinstance(exc, StoreError) and exc.code in ("D301", "D302", "D303"):
        # The reason names the file on the server; the client learns only what it can act on.
        return _problem(503, "the store cannot be opened now; try again later", exc.code)
    return _problem(500, "internal error", exc.code)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        FieldProblem(loc=[p if isinstance(p, int) else str(p) for p in e.get("loc", ())], msg=str(e.get("msg", "")),
                     type=str(e.get("type", "")))
        for e in exc.errors()
    ]  # fmt: skip
    detail = "; ".join(f"{'.'.join(map(str, p.loc))}: {p.msg}" for p in problems) or "invalid request"
    return _problem(422, detail, "D400", problems)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    return _problem(500, "internal error")


# -- dependencies -------------------------------------------------------------------------------


# Async although they do not wait: FastAPI would run plain functions in its thread pool, a thread
# hop per dependency per request for no benefit.
async def _store(request: Request) -> StoreAccess:
    return request.app.state.store


async def _config(request: Request) -> WebConfig:
    return request.app.state.config


Store = Annotated[StoreAccess, Depends(_store)]
Config = Annotated[WebConfig, Depends(_config)]
Since = Annotated[
    str | None,
    Query(alias="from", pattern=DATE_PATTERN, description="From this date (YYYY, YYYY-MM, YYYY-MM-DD), inclusive."),
]
Until = Annotated[
    str | None,
    Query(alias="to", pattern=DATE_PATTERN, description="Up to this date, inclusive (2025-06 includes 2025-06-30)."),
]
ActorCode = Annotated[str, Query(min_length=1, max_length=CODE_LENGTH, description="Actor code (RUS, EU, HAMAS).")]

router = APIRouter(prefix="/api", responses=_ERRORS)


# -- reads --------------------------------------------------------------------------------------


@router.get("/info", response_model=Info, tags=["store"])
def get_info(store: Store, config: Config) -> dict[str, Any]:
    """What the store holds, and whether this server accepts documents."""
    with store.read() as con:
        return {**data.info(con), "version": __version__, "allow_ingest": config.allow_ingest}


@router.get("/events", response_model=EventPage, tags=["events"])
def get_events(
    store: Store,
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
    order: Order = Order["date"],
    desc: Annotated[bool, Query(description="Descending order.")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Merged events matching the filters, as ``diplograph events`` filters them, a page at a time."""
    where = query.EventFilter(
        actor=actor, dyad=_dyad(dyad) if dyad is not None else None, type=event_type, quad_class=quad, since=since,
        until=until, modality=modality.value if modality else None, min_sources=min_sources, text=text,
        disputed=disputed,
    )  # fmt: skip
    with store.read() as con:
        total = query.count_events(con, where)
        frame = query.events(con, where, order=order.value, descending=desc, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": data.records(frame)}


def _dyad(value: str) -> tuple[str, str]:
    codes = [part.strip() for part in value.split(",")]
    if len(codes) != 2 or not all(codes):
        raise query.QueryError(f"dyad must be two actor codes separated by a comma, e.g. RUS,IRN; not {value!r}")
    return codes[0], codes[1]


@router.get("/events/{event}", response_model=EventDetail, responses={404: {"model": Problem}}, tags=["events"])
def get_event(store: Store, event: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
    """One event with its flags, its actors and every report of it, with the evidence spans."""
    with store.read() as con:
        detail = data.event_detail(con, event)
        if detail is None:
            leads = data.event_history(con, event)["current"]
            hint = f"; superseded by {', '.join(leads)} (see /api/events/{event}/history)" if leads else ""
            raise HTTPException(404, f"no event {event!r}{hint}")
        reports = data.records(query.event_reports(con, event))
    for report in reports:
        report["evidence"] = data.without_empty_spans(report["evidence"])
    return {**detail, "reports": reports}


@router.get("/events/{event}/history", response_model=EventHistory, tags=["events"])
def get_event_history(store: Store, event: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
    """What became of an event id: the current events it leads to and the history rows naming it
    (an id the store never had gives an empty history)."""
    with store.read() as con:
        return data.event_history(con, event)


@router.get("/actors", response_model=list[Actor], tags=["actors"])
def get_actors(store: Store, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50) -> list[dict[str, Any]]:
    """Actors by number of events, with how often they act and are acted on, and Goldstein sums."""
    with store.read() as con:
        return data.records(query.actors(con, limit=limit))


@router.get("/dyad", response_model=DyadSeries, tags=["actors"])
def get_dyad(
    store: Store,
    a: ActorCode,
    b: ActorCode,
    directed: Annotated[bool, Query(description="Only a acting on b (default: both directions).")] = False,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Monthly events, cooperation, conflict and Goldstein sum between two actors."""
    where = query.EventFilter(since=since, until=until)
    with store.read() as con:
        frame = query.dyad(con, a, b, directed=directed, where=where)
    return {"a": a.upper(), "b": b.upper(), "directed": directed, "months": data.records(frame)}


@router.get("/network", response_model=Network, tags=["actors"])
def get_network(
    store: Store,
    since: Since = None,
    until: Until = None,
    min_events: Annotated[
        int, Query(ge=1, le=100_000, description="Events an actor, and a pair, needs to be shown.")
    ] = 1,
    modality: Annotated[
        list[Modality] | None,
        Query(description="Modalities counted (repeat the parameter); default actual, planned, desired."),
    ] = None,
) -> dict[str, Any]:
    """Nodes (actors with their event counts) and undirected edges (pairs with cooperation and
    conflict counts and Goldstein sums) for a network drawing."""
    modalities = [m.value for m in modality] if modality else list(DEFAULT_MODALITIES)
    with store.read() as con:
        return data.network(con, since, until, min_events=min_events, modalities=modalities)


@router.get("/blocs", response_model=BlocsView, tags=["actors"])
def get_blocs(
    store: Store,
    since: Since = None,
    until: Until = None,
    min_events: Annotated[
        int, Query(ge=1, le=100_000, description="Events an actor pair (and an actor) needs.")
    ] = DEFAULT_MIN_EVENTS,
    resolution: Annotated[
        float, Query(gt=0, le=100, allow_inf_nan=False, description="Higher: more, smaller blocs.")
    ] = DEFAULT_RESOLUTION,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1)] = DEFAULT_SEED,
) -> dict[str, Any]:
    """Alliance blocs of a window (signed community detection; see ``diplograph blocs``)."""
    with store.read() as con:
        result = find_blocs(con, since, until, min_events=min_events, resolution=resolution, seed=seed)
    return data.plain(result.to_dict())


@router.get("/documents/{doc}", response_model=DocumentView, responses={404: {"model": Problem}}, tags=["documents"])
def get_document(store: Store, doc: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
    """A stored article: metadata, text, actor mentions and report evidence, with character offsets
    into ``text`` so that a page can highlight them."""
    with store.read() as con:
        view = data.document(con, doc)
    if view is None:
        raise HTTPException(404, f"no document {doc!r}")
    return view


@router.get("/search", response_model=SearchResult, tags=["events"])
def get_search(
    store: Store,
    q: Annotated[
        str, Query(min_length=1, max_length=200, description="Words, all of which an event's evidence must contain.")
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
) -> dict[str, Any]:
    """Events whose evidence contains every word, and actors whose code or name contains them."""
    with store.read() as con:
        return data.search(con, q, limit=limit)


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
    tags=["documents"],
)  # fmt: skip
def post_document(body: IngestRequest, response: Response, store: Store, config: Config) -> dict[str, Any]:
    """Analyse one article, store it and merge its events with the store's (201; 200 when the same
    text is already stored). Bad input (empty text, unsupported language) is a 422 with its code."""
    assert config.options is not None and config.options.settings is not None
    text, warnings = decode(body.text.encode("utf-8"), max_bytes=config.options.settings.max_bytes)
    if body.published is not None and PartialDate.parse(body.published) is None:
        raise InputError(f"published must be YYYY-MM-DD, YYYY-MM or YYYY, not {body.published!r}",
                         code=errors.BAD_METADATA)  # fmt: skip
    key = content_key(text)
    lang = None if body.lang in (None, "", "auto") else body.lang
    article = Article(id=body.id or key, text=text, lang=lang, published=body.published, title=body.title,
                      url=body.url, source=body.source, origin="api", warnings=warnings)  # fmt: skip
    document = analyze(article, options=config.options)  # the slow part, before taking the write lock
    inputs = [f"api:{article.id}"]
    with store.write() as con:
        with recorded_run(con, route="api", inputs=inputs, options=config.options) as run:
            run.result = ingest(con, [document])
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
