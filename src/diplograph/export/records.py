"""What every export reads from the store: the filtered events with their reports, evidence and
actors, the actors' names and Wikidata QIDs, and the calendar helpers the formats share.

Events are streamed in batches from one query, so an export of a large store does not hold it
in memory; each event comes with its reports (earliest publication first, as the merge orders
them), each report with its document, evidence spans and actors.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from itertools import combinations, product
from typing import Any

import duckdb

from diplograph.store.query import EventFilter

BATCH_ROWS = 2_000

_EVENTS_SQL = """
WITH selected AS (SELECT e.* FROM events e{clause}),
chosen_reports AS (SELECT er.event, er.report FROM event_reports er JOIN selected USING (event)),
evidence_by_report AS (
    SELECT v.report,
           list({{'n': v.n, 'text': v.text, 'start': v.start_char, 'end': v.end_char, 'sentence': v.sentence}}
                ORDER BY v.n) AS evidence
    FROM evidence v WHERE v.report IN (SELECT report FROM chosen_reports) GROUP BY v.report),
actors_by_report AS (
    SELECT a.report,
           list({{'side': a.side, 'code': a.code, 'name': a.name, 'kind': a.kind, 'wikidata': a.wikidata,
                  'country': a.country, 'role': a.role, 'text': a.text}}
                ORDER BY a.side, a.code, a.text) AS actors
    FROM report_actors a WHERE a.report IN (SELECT report FROM chosen_reports) GROUP BY a.report),
reports_by_event AS (
    SELECT c.event,
           list({{'report': r.report, 'doc': d.doc, 'document': d.id, 'outlet': d.outlet, 'published': d.published,
                  'url': d.url, 'title': d.title, 'lang': d.lang, 'mode': r.mode, 'cameo': r.cameo, 'date': r.date,
                  'modality': r.modality, 'attribution': r.attribution, 'attribution_code': r.attribution_code,
                  'attribution_kind': r.attribution_kind, 'location': r.location, 'confidence': r.confidence,
                  'evidence': v.evidence, 'actors': a.actors}}
                ORDER BY d.published NULLS LAST, r.report) AS reports
    FROM chosen_reports c JOIN reports r USING (report) JOIN documents d USING (doc)
         LEFT JOIN evidence_by_report v USING (report) LEFT JOIN actors_by_report a USING (report)
    GROUP BY c.event),
flags_by_event AS (
    SELECT f.event, list({{'kind': f.kind, 'message': f.message}} ORDER BY f.kind, f.message) AS flags
    FROM event_flags f JOIN selected USING (event) GROUP BY f.event)
SELECT s.*, coalesce(rb.reports, []) AS reports, coalesce(fl.flags, []) AS flags
FROM selected s LEFT JOIN reports_by_event rb USING (event) LEFT JOIN flags_by_event fl USING (event)
ORDER BY s.date NULLS LAST, s.event
"""


def event_records(con: duckdb.DuckDBPyConnection, where: EventFilter) -> Iterator[dict[str, Any]]:
    """The events matching ``where`` (ordered by date, then id), one dict each: the columns of
    ``events`` plus ``reports`` (dicts with document, ``evidence`` and ``actors``) and ``flags``.

    A generator: a bad filter value raises :class:`~diplograph.store.query.QueryError` when iteration
    starts, so writers call ``where.where()`` first to fail before creating anything."""
    clause, params = where.where()
    # A cursor of its own, so that the caller may query ``con`` while iterating.
    with closing(con.cursor()) as cursor:
        cursor.execute(_EVENTS_SQL.format(clause=clause), params)
        columns = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(BATCH_ROWS):
            for row in rows:
                record = dict(zip(columns, row, strict=True))
                for report in record["reports"]:
                    report["evidence"] = report["evidence"] or []
                    report["actors"] = report["actors"] or []
                yield record


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor code as the store names it: the state, organisation, group or collective itself."""

    code: str
    name: str
    kind: str | None
    wikidata: str | None
    country: str | None


def actor_catalogue(con: duckdb.DuckDBPyConnection) -> dict[str, Actor]:
    """Name, kind, Wikidata QID and home country of every actor code in the store.

    Taken from the store's own rows (the actors of reports and the mentions of documents, people
    left out since they carry their state's code), so that an export depends on the store alone,
    not on the knowledge base installed today. Where rows disagree the most frequent value wins
    (ties: the smallest). A code known only through people is absent: :func:`lookup` gives it its
    code as name, as ``rebuild_events`` does."""
    values: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    rows = con.execute(
        """SELECT code, name, kind, wikidata, country, count(*) FROM (
               SELECT code, name, kind, wikidata, country FROM report_actors WHERE kind <> 'person'
               UNION ALL
               SELECT code, name, kind, wikidata, country FROM mentions WHERE kind <> 'person'
           ) WHERE code IS NOT NULL GROUP BY ALL"""
    ).fetchall()
    for code, name, kind, wikidata, country, count in rows:
        for field, value in (("name", name), ("kind", kind), ("wikidata", wikidata), ("country", country)):
            if value:
                values[code][field][value] += count
    catalogue = {}
    for code, fields in values.items():
        kind = _most_frequent(fields["kind"])
        catalogue[code] = Actor(
            code=code,
            name=_most_frequent(fields["name"]) or code,
            kind=kind,
            wikidata=_most_frequent(fields["wikidata"]),
            country=_most_frequent(fields["country"]) or (code if kind == "state" else None),
        )
    return catalogue


def _most_frequent(counts: Counter) -> str | None:
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def lookup(catalogue: dict[str, Actor], code: str) -> Actor:
    """The catalogue entry of ``code``, or a bare one for a code the catalogue lacks."""
    return catalogue.get(code) or Actor(code=code, name=code, kind=None, wikidata=None, country=None)


def participants(source: Iterable[str], target: Iterable[str]) -> list[str]:
    """Everyone taking part, sorted: a joint event's actors as one set, as the merge treats them."""
    return sorted(set(source) | set(target))


def dyads(source: Iterable[str], target: Iterable[str], joint: bool) -> list[tuple[str, str | None]]:
    """The (first, second) actor pairs an event stands for, in a stable order.

    A directed event pairs each source with each target; a joint event (talks, a signing: no
    direction) pairs every two of its participants once, alphabetically. An event with a single
    actor, or sources but no target, gives that actor with ``None``. The rules of
    ``diplograph.graph.network``, so that exports and bloc analysis count the same pairs."""
    if joint:
        people = participants(source, target)
        pairs: list[tuple[str, str | None]] = list(combinations(people, 2))
        return pairs or [(person, None) for person in people]
    sources, targets = sorted(set(source)), sorted(set(target) - set(source))
    if not targets:
        return [(s, None) for s in sources]
    return list(product(sources, targets))


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def first_day(value: str | None) -> date | None:
    """The first day of a date at any granularity the store keeps: ``2025`` → 2025-01-01,
    ``2025-01`` → 2025-01-01, ``2025-W04`` → its Monday; ``None`` for anything else."""
    if not value:
        return None
    try:
        if week := _WEEK.match(value):
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        if iso := _ISO.match(value):
            return date(int(iso.group(1)), int(iso.group(2) or 1), int(iso.group(3) or 1))
    except ValueError:
        return None
    return None


def month_of(value: str | None) -> str | None:
    """``YYYY-MM`` of a date known at least to its month (a week: the month of its Monday);
    ``None`` for a year alone or no date."""
    if not value or len(value) == 4:
        return None
    day = first_day(value)
    return f"{day.year:04d}-{day.month:02d}" if day else None
