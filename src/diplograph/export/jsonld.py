"""JSON-LD: the events as linked data, actors named by their Wikidata IRIs, every event traceable
to the words and articles it came from.

One JSON document ``{"@context": …, "@graph": [events…, actors…]}``; plain ``json`` reads it, and
any JSON-LD processor turns it into RDF triples that join Wikidata without a mapping step.

Vocabulary: a small custom one under ``https://w3id.org/diplograph/ns#`` (``@vocab``: every term
not mapped otherwise lands there: ``Event``, ``Actor``, ``Report``, ``Evidence``, ``eventType``,
``cameo``, ``goldstein``, ``modality`` …), plus schema.org for what it already names well:
``name``, ``sameAs``, ``url``, ``headline``, ``publisher``, ``datePublished``, ``inLanguage``,
``NewsArticle``, and ``quote`` (``schema:text``). schema.org alone has no words for a source and a
target of an action, a CAMEO code or a modality; a custom namespace says exactly what we mean and
is honest about being ours. The namespace is a w3id.org permanent identifier, the stable URI
scheme the W3C Permanent Identifier Community Group keeps for vocabularies: it redirects to the
documentation of every term (``docs/vocabulary.md`` in the repository), so the IRIs outlive any
host the project moves to. ``VOCABULARY`` below lists the terms with their meaning.

Identifiers:

* an event: ``urn:diplograph:event:<id>``; a report: ``urn:diplograph:report:<report>``; an article:
  ``urn:diplograph:document:<content hash>`` (stable even for articles without a URL; the URL is
  its ``url``);
* an actor: ``http://www.wikidata.org/entity/<QID>`` when the store knows its QID, with ``sameAs``
  to the same IRI (so consumers that only look at ``sameAs`` find it too), else
  ``urn:diplograph:actor:<code>``. Its ``code`` is always our actor code.

An event's ``source`` and ``target`` are lists of actor IRIs; ``date`` is typed by granularity
(``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``; an ISO week stays a plain string) and
``datePrecision`` says which (``day``, ``week``, ``month``, ``year``, or ``publication`` when an
undated event is dated by its first report under the undated rule, :mod:`diplograph.store.undated`;
with ``include`` an undated event has neither). Provenance:
``report`` lists each report with its ``document`` (URL, outlet as ``publisher``, publication date,
headline, language), its ``attribution`` (who the article credits) and its ``evidence``: the quoted
span with character offsets ``startOffset``/``endOffset`` into the article text as read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb

from diplograph.export.output import atomic_file
from diplograph.export.records import Actor, actor_catalogue, event_records, lookup
from diplograph.store.query import EventFilter
from diplograph.store.undated import DEFAULT_UNDATED, effective_date

NAMESPACE = "https://w3id.org/diplograph/ns#"
# Every term of ours, with what it means: docs/vocabulary.md is written from this (a test compares).
VOCABULARY: dict[str, str] = {
    "Event": "class: a merged event, what one or more reports say happened",
    "Actor": "class: a state, organisation, group or collective (persons act for one)",
    "Report": "class: one article's account of an event",
    "Evidence": "class: the quoted words a report rests on, with character offsets",
    "eventType": "PLOVER event category (SANCTION, CONSULT …)",
    "cameo": "CAMEO event code",
    "goldstein": "Goldstein score of the CAMEO code, −10 … +10",
    "quadClass": "1 verbal / 2 material cooperation, 3 verbal / 4 material conflict",
    "modality": "actual, planned, desired, possible or negated",
    "joint": "true for an event without direction (talks, a signing): source lists every participant",
    "source": "actor IRIs acting",
    "target": "actor IRIs acted on",
    "date": "the event's (or report's) date, typed by granularity",
    "datePrecision": "day, week, month, year, or publication (dated by its first report)",
    "location": "the place as the text names it (not geocoded)",
    "mentions": "number of reports merged into the event",
    "outlets": "number of distinct outlets among them",
    "disputed": "whether the reports disagree (date, modality, place)",
    "confidence": "probability-like confidence of the event, 0 … 1",
    "report": "the reports of an event",
    "document": "the article (schema:NewsArticle) a report is from",
    "attribution": "who the article credits: name, code and kind (outlet, actor, media)",
    "evidence": "the evidence spans of a report",
    "startOffset": "character offset where the quote starts in the article text as read",
    "endOffset": "character offset where it ends (exclusive)",
    "code": "our actor code (ISO 3166 alpha-3 for states, EU, NATO, HAMAS …)",
    "kind": "actor kind: state, igo, group, collective",
    "country": "ISO 3166 alpha-3 country of an actor",
}
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
CONTEXT: dict[str, Any] = {
    "@vocab": NAMESPACE,
    "dg": NAMESPACE,
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": WIKIDATA_ENTITY,
    "name": "schema:name",
    "sameAs": {"@id": "schema:sameAs", "@type": "@id"},
    "url": {"@id": "schema:url", "@type": "@id"},
    "headline": "schema:headline",
    "publisher": "schema:publisher",
    "datePublished": "schema:datePublished",
    "inLanguage": "schema:inLanguage",
    "identifier": "schema:identifier",
    "quote": "schema:text",
    "source": {"@id": "dg:source", "@type": "@id"},
    "target": {"@id": "dg:target", "@type": "@id"},
}
_DATE_TYPES = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), "xsd:date"), (re.compile(r"^\d{4}-\d{2}$"), "xsd:gYearMonth"),
               (re.compile(r"^\d{4}$"), "xsd:gYear"))  # fmt: skip


def write_jsonld(con: duckdb.DuckDBPyConnection, where: EventFilter, out: Path, *, force: bool = False) -> int:
    """Write the events matching ``where`` and their actors to ``out``; returns the events written."""
    where.where()  # a bad filter fails before a file is created
    catalogue = actor_catalogue(con)
    events = 0
    codes: set[str] = set()
    with atomic_file(out, force=force) as temporary, temporary.open("w", encoding="utf-8", newline="\n") as file:
        file.write('{"@context": ' + json.dumps(CONTEXT, ensure_ascii=False) + ',\n "@graph": [')
        separator = "\n  "
        for record in event_records(con, where):
            node = event_node(record, catalogue, undated=where.undated)
            file.write(separator + json.dumps(node, ensure_ascii=False))
            separator = ",\n  "
            codes.update(record["source"], record["target"])
            events += 1
        for code in sorted(codes):
            file.write(separator + json.dumps(actor_node(lookup(catalogue, code)), ensure_ascii=False))
            separator = ",\n  "
        file.write("\n]}\n")
    return events


def actor_iri(actor: Actor) -> str:
    """The Wikidata entity IRI when the QID is known, else our own URN."""
    return f"{WIKIDATA_ENTITY}{actor.wikidata}" if actor.wikidata else f"urn:diplograph:actor:{actor.code}"


def actor_node(actor: Actor) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": actor_iri(actor), "@type": "Actor", "code": actor.code, "name": actor.name}
    if actor.kind:
        node["kind"] = actor.kind
    if actor.country:
        node["country"] = actor.country
    if actor.wikidata:
        node["sameAs"] = f"{WIKIDATA_ENTITY}{actor.wikidata}"
    return node


def event_node(record: dict[str, Any], catalogue: dict[str, Actor], *,
               undated: str = DEFAULT_UNDATED) -> dict[str, Any]:  # fmt: skip
    node: dict[str, Any] = {
        "@id": f"urn:diplograph:event:{record['event']}",
        "@type": "Event",
        "identifier": record["event"],
        "eventType": record["type"],
        "cameo": record["cameo"],
        "goldstein": record["goldstein"],
        "quadClass": record["quad_class"],
        "modality": record["modality"],
        "joint": record["joint"],
        "source": [actor_iri(lookup(catalogue, code)) for code in record["source"]],
        "target": [actor_iri(lookup(catalogue, code)) for code in record["target"]],
        "mentions": record["mentions"],
        "outlets": record["outlets"],
        "disputed": record["disputed"],
        "confidence": record["confidence"],
        "report": [_report_node(r) for r in record["reports"]],
    }
    when, precision = effective_date(record["date"], record["first_report"], undated)
    if when:
        node["date"] = typed_date(when)
        node["datePrecision"] = precision
    if record["location"]:
        node["location"] = record["location"]
    return node


def typed_date(value: str) -> dict[str, str] | str:
    """A date as a JSON-LD value typed by its granularity; an ISO week as plain text."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return {"@value": value, "@type": datatype}
    return value


def _report_node(report: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {"@id": f"urn:diplograph:document:{report['doc']}", "@type": "schema:NewsArticle",
                                "identifier": report["document"]}  # fmt: skip
    for key, value in (("url", report["url"]), ("publisher", report["outlet"]),
                       ("datePublished", report["published"]), ("headline", report["title"]),
                       ("inLanguage", report["lang"])):  # fmt: skip
        if value:
            document[key] = value
    node: dict[str, Any] = {
        "@id": f"urn:diplograph:report:{report['report']}",
        "@type": "Report",
        "modality": report["modality"],
        "document": document,
        "evidence": [
            {"@type": "Evidence", "quote": span["text"], "startOffset": span["start"], "endOffset": span["end"]}
            for span in report["evidence"]
        ],
    }
    if report["date"]:
        node["date"] = typed_date(report["date"])
    if report["attribution"]:
        node["attribution"] = {"name": report["attribution"], "code": report["attribution_code"],
                               "kind": report["attribution_kind"]}  # fmt: skip
    return node
