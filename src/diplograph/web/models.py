"""Response and request bodies of the REST API, as pydantic models so that the OpenAPI schema
says exactly what each endpoint returns (the front end and the schema fuzz test rely on it)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class FieldProblem(BaseModel):
    loc: list[str | int] = Field(description='Where: ["query", "limit"], ["body", "text"] …')
    msg: str
    type: str


class Problem(BaseModel):
    """Every 4xx and 5xx answer: a readable message and, where there is one, the diplograph code."""

    detail: str = Field(description="What was wrong, in one sentence.")
    code: str | None = Field(None, description="diplograph error code (D410 bad filter, D106 language …).")
    errors: list[FieldProblem] | None = Field(None, description="Per-parameter problems of a 422.")


class Info(BaseModel):
    version: str
    documents: int
    reports: int
    events: int
    first_month: str | None = Field(description="Month (YYYY-MM) of the earliest dated event: a time axis's start.")
    last_month: str | None
    allow_ingest: bool = Field(description="Whether POST /api/documents is open (with a token).")


class Event(BaseModel):
    """A merged event: what happened, according to one or more reports."""

    event: str = Field(description="Stable id (E + hash).")
    type: str | None = Field(description="PLOVER event type.")
    date: str | None = Field(description="YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www; null when unknown.")
    date_precision: str | None = Field(
        None, description="day, week, month, year, or publication: undated, dated by its first report (undated=)."
    )
    modality: str | None
    source: list[str] = Field(description="Actor codes acting.")
    target: list[str] = Field(description="Actor codes acted on (empty for joint events).")
    cameo: str | None
    goldstein: float | None
    quad_class: int | None = Field(description="1 verbal / 2 material cooperation, 3 verbal / 4 material conflict.")
    location: str | None
    mentions: int = Field(description="Reports merged into it.")
    outlets: int = Field(description="Distinct outlets among them.")
    first_report: str | None
    last_report: str | None
    disputed: bool | None
    confidence: float | None


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters, before limit and offset.")
    limit: int
    offset: int
    items: list[Event]


class EventFlag(BaseModel):
    kind: str | None
    message: str | None


class EventActor(BaseModel):
    side: str = Field(description="source or target.")
    code: str | None
    name: str | None
    kind: str | None


class Span(BaseModel):
    """Evidence: characters ``start`` to ``end`` of the document's ``text``."""

    text: str | None
    start: int | None
    end: int | None


class EventReport(BaseModel):
    report: str
    doc: str = Field(description="Document key, for GET /api/documents/{doc}.")
    document: str | None = Field(description="The article's own id.")
    outlet: str | None
    published: str | None
    title: str | None
    date: str | None
    modality: str | None
    attribution: str | None
    attribution_kind: str | None
    confidence: float | None
    evidence: list[Span]


class EventDetail(Event):
    joint: bool | None
    month: str | None
    flags: list[EventFlag]
    actors: list[EventActor]
    reports: list[EventReport]


class Actor(BaseModel):
    code: str | None
    name: str | None
    kind: str | None
    as_source: int
    as_target: int
    events: int
    goldstein_sum: float | None
    iso3: str | None = Field(None, description="ISO 3166 alpha-3 of the actor's country (a group's home country).")
    gw: int | None = Field(None, description="Gleditsch–Ward state number of that country.")
    cow: int | None = Field(None, description="Correlates of War state number of that country.")


class HistoryEntry(BaseModel):
    old: str
    new: str | None = Field(description="The successor; null for a dropped event.")
    kind: str = Field(description="merged, split, redated or dropped.")
    run: str | None = Field(description="The ingest run whose merge made the change (see `diplograph runs`).")
    recorded: str | None


class EventHistory(BaseModel):
    event: str
    current: list[str] = Field(description="The events this id is (or now leads to), after every later merge.")
    history: list[HistoryEntry] = Field(description="Rows of event_history naming this id, oldest first.")


class DyadMonth(BaseModel):
    month: str
    events: int
    cooperation: int
    conflict: int
    goldstein_sum: float | None


class DyadSeries(BaseModel):
    a: str
    b: str
    directed: bool
    months: list[DyadMonth]


class NetworkNode(BaseModel):
    code: str
    name: str | None
    kind: str | None
    events: int = Field(description="Events of the window the actor takes part in.")
    as_source: int
    as_target: int
    goldstein_sum: float | None


class NetworkEdge(BaseModel):
    a: str = Field(description="The pair, alphabetically: edges are undirected.")
    b: str
    events: int
    cooperation: int = Field(description="Events of quad class 1 or 2.")
    conflict: int = Field(description="Events of quad class 3 or 4.")
    goldstein_sum: float | None


class Network(BaseModel):
    since: str | None
    until: str | None
    min_events: int
    modalities: list[str]
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class Mention(BaseModel):
    n: int
    text: str | None
    start: int | None
    end: int | None
    sentence: int | None
    form: str | None
    code: str | None
    name: str | None
    kind: str | None
    role: str | None
    metonymy: bool | None


class SentenceSpan(Span):
    sentence: int | None


class DocumentReport(BaseModel):
    report: str
    event: str | None = Field(description="The merged event it belongs to.")
    type: str | None
    date: str | None
    modality: str | None
    attribution: str | None
    confidence: float | None
    evidence: list[SentenceSpan]


class DocumentFlag(BaseModel):
    kind: str | None
    reports: list[str]
    message: str | None


class DocumentView(BaseModel):
    """A stored article with everything a page needs to highlight: offsets are into ``text``."""

    doc: str
    id: str | None
    lang: str | None
    published: str | None
    published_from: str | None
    outlet: str | None
    title: str | None
    url: str | None
    sentences: int | None
    warnings: list[str]
    text: str
    mentions: list[Mention]
    reports: list[DocumentReport]
    flags: list[DocumentFlag]


class ActorMatch(BaseModel):
    code: str
    name: str | None
    kind: str | None
    events: int


class SearchResult(BaseModel):
    q: str
    total: int = Field(description="Events whose evidence contains every word, before the limit.")
    events: list[Event]
    actors: list[ActorMatch]


class BlocItem(BaseModel):
    id: int
    actors: list[str]
    cooperation: float | None = None
    conflict: float | None = None
    cooperation_events: int | None = None
    conflict_events: int | None = None


class BlocRelation(BaseModel):
    first: int
    second: int
    weight: float | None = None
    positive: float | None = None
    negative: float | None = None
    cooperation_events: int | None = None
    conflict_events: int | None = None


class BlocMember(BaseModel):
    code: str
    name: str | None = None
    kind: str | None = None
    events: int | None = None
    bloc: int | None = Field(None, description="null: isolated, no tie that passed the thresholds.")


class BlocsView(BaseModel):
    """The shape of :meth:`diplograph.graph.Blocs.to_dict`; optional fields so that an added or
    dropped statistic there does not break the endpoint."""

    since: str | None = None
    until: str | None = None
    window_events: int | None = Field(None, description="Events of the window (with the network's modalities).")
    events: int | None = None
    blocs: list[BlocItem]
    relations: list[BlocRelation] = []
    members: list[BlocMember] = []
    isolated: list[str] = []
    balance: float | None = None
    weighted_balance: float | None = None
    triangles: int | None = None
    balanced_triangles: int | None = None
    frustration: float | None = None
    method: dict[str, str | float | int | None] | None = None


class IngestRequest(BaseModel):
    """One article to analyse and store (plain text; metadata as in a ``.meta.json`` sidecar)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article's plain text.")
    lang: str | None = Field(None, max_length=16, description="de or en; omitted or auto: identified from the text.")
    published: str | None = Field(None, max_length=32, description="YYYY-MM-DD, YYYY-MM or YYYY.")
    title: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500, description="The publishing outlet.")
    url: str | None = Field(None, max_length=4000, pattern=r"^https?://", description="http(s) only: pages link it.")
    id: str | None = Field(None, max_length=500, description="The article's own id; default: the document key.")


class IngestResult(BaseModel):
    doc: str = Field(description="Document key (hash of the text), for GET /api/documents/{doc}.")
    id: str
    added: bool = Field(description="false: the same text was already stored (nothing changed).")
    lang: str | None
    published: str | None
    warnings: list[str]
    events: list[Event] = Field(description="The merged events the document's reports belong to.")
