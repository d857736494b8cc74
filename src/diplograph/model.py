"""Typed, immutable records passed between the pipeline stages.

Every span stores character offsets into the raw article text (``Article.text``), so each
fact can be traced back to the exact characters it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Granularity = Literal["day", "week", "month", "season", "year", "decade"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document as read, before any analysis."""

    id: str
    text: str
    lang: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # path or path:line it was read from
    warnings: tuple[str, ...] = ()


class Token(NamedTuple):
    """A word or punctuation mark. A named tuple, not a dataclass: a news day has tens of
    millions of tokens, and building a tuple costs a third of a frozen dataclass."""

    text: str
    start: int  # offsets into NormText.text
    end: int
    is_word: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # offsets into NormText.text
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """A knowledge-base entry: a state, organisation, group, collective or person."""

    id: str | None  # ISO3, organisation code, Wikidata QID, dg:slug; None for a person we do not know
    code: str  # actor code it speaks for (corpus guideline): RUS, EU, HAMAS, WEST
    name: str
    kind: Literal["state", "igo", "group", "collective", "person"]
    wikidata: str | None = None
    country: str | None = None  # ISO3 the entity belongs to, if any


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text, linked to the knowledge base."""

    text: str
    start: int  # offsets into Article.text
    end: int
    entity: Entity
    form: str  # name, genitive, adjective, demonym, capital, metonym, institution, role, person, coreference
    role: str | None = None  # office key (president, foreign_minister, …) where a role is named
    metonymy: bool = False  # a capital or building standing for the government
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class OutletMention:
    """A news outlet named in the text: a source, never an actor."""

    text: str
    start: int
    end: int
    name: str
    country: str | None
    state_media: bool
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class TimeExpression:
    text: str
    start: int  # offsets into Article.text
    end: int
    value: str | None  # ISO 8601 at its own granularity: 2025, 2025-01, 2025-01-17, 2025-W03
    granularity: Granularity | None
    kind: Literal["date", "relative", "weekday", "anchored", "duration"]
    modifier: str | None = None  # start, mid, end, since, until, before, after, approx, summer…
    anchor: str | None = None  # id of a knowledge-base event the value is computed from
    sentence: int = 0
    stated_weekday: int | None = None  # "Freitag, 13. Januar": the weekday the text gives, 0 = Monday


Modality = Literal["actual", "planned", "desired", "possible", "negated"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact span of the source text an event was read from."""

    text: str
    start: int  # offsets into Article.text
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the text credits for an event: an outlet, an actor (its code), or a country's
    media at large ("Iranian media reported")."""

    name: str
    code: str | None
    kind: Literal["outlet", "actor", "media"]


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor taking part in an event, with the words that named it."""

    entity: Entity
    role: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str  # PLOVER type
    mode: str | None
    cameo: str
    goldstein: float
    source: tuple[Participant, ...]
    target: tuple[Participant, ...]
    symmetric: bool
    date: str | None
    modality: Modality
    attribution: Attribution | None
    location: str | None
    evidence: tuple[Evidence, ...]
    confidence: float
    dates: tuple[str, ...] = ()  # every date the text gives this event (for conflict checks)


@dataclass(frozen=True, slots=True)
class Flag:
    """An inconsistency a careful reader would notice."""

    kind: str  # date-conflict, weekday-mismatch, office-mismatch
    events: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """An analysed article: its text read into sentences, actors and times."""

    article: Article
    lang: str
    published: str | None
    published_from: Literal["metadata", "option", "text", "none"]
    norm_text: str
    sentences: tuple[Sentence, ...]
    actors: tuple[ActorMention, ...] = ()
    outlets: tuple[OutletMention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    flags: tuple[Flag, ...] = ()
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Rejection:
    """A document that could not be analysed, with the reason; the batch goes on."""

    origin: str
    code: str
    reason: str
