"""POLECAT-style JSON Lines: one object per merged event, in the PLOVER data model's terms.

Field names follow the PLOVER manual (``openeventdata/PLOVER``: event categories, ``mode``,
``context``; "actor" and "recipient" replace "source" and "target"; compound actors are *lists* of
entities, and reciprocal events list all participants as actors) and the columns of the POLECAT
dataset coded with it (``Event ID``, ``Event Date``, ``Event Type``, ``Event Mode``, ``Quad Code``,
``Actor Name``/``Country``/``Title``/``Name Raw``, ``Placename``, ``Source``, ``Publication Date``,
``Language``, ``Version``), snake-cased as NGEC, POLECAT's coder, writes its JSON:

=====================  =================================================================
``event_id``           our event id (``E`` + 12 hex digits, stable)
``event_date``         an ISO date (``YYYY-MM-DD``) as POLECAT has it: a date known to the
                       month, week or year is put on the first day of that period; an undated
                       event follows the undated rule (:mod:`diplograph.store.undated`: by
                       default its first report's publication date, as POLECAT does; ``null``
                       with ``include``)
``event_date_precision`` ``day``, ``week``, ``month``, ``year`` or ``publication``; ``null`` when
                       undated (the date as the reports give it, ``2025-W04``, is under
                       ``diplograph.date``)
``event_type``         PLOVER category (``SANCTION`` …)
``event_mode``         one PLOVER mode, the one most reports give (ties: alphabetical), or ``null``
``quad_code``          1 verbal / 2 material cooperation, 3 verbal / 4 material conflict
``actor``              list of entities (below): our sources; for a joint event, every
                       participant our coder put on the source side (PLOVER's reciprocal rule)
``recipient``          list of entities: our targets
``placename``          the place as the event coder gives it; ``null`` if none
``location``           that place resolved (:mod:`diplograph.places`): ``name``, ``country``
                       (ISO3), ``latitude``, ``longitude`` (WGS 84), ``geonames_id``
                       (``null`` for regions); ``null`` when not resolved
``event_text``         the evidence span(s) of the first report (joined by " … ")
``source``             the outlet of the first report; ``publication_date``, ``story_id``
                       (the article's id), ``url``, ``headline``, ``language``: of the same
``version``            ``diplograph <version>``
=====================  =================================================================

An entity: ``code`` (our actor code: ISO3 for states, ``EU``, ``HAMAS``, ``WEST`` …), ``name``,
``country`` (ISO3 affiliation, ``null`` for organisations), ``wikidata`` (QID, where POLECAT has a
Wikipedia id), ``kind`` (state, igo, group, collective), ``title`` (roles such as ``president``:
POLECAT's Actor Title), ``name_raw`` (the words the articles used), ``people`` (the persons who
acted for it, with their QIDs).

Left out: ``contexts`` (PLOVER's topic tags: we do not code them, and PLOVER asks for the field to
be absent or null rather than guessed), ``event_intensity`` (PLOVER's own scale; our
Goldstein score is under ``diplograph``).

Everything else diplograph knows is under ``diplograph``: ``modality``, ``attribution`` (who the
reports credit), ``cameo``, ``goldstein``, ``joint``, ``mentions``, ``outlets``, ``documents``,
``disputed`` with ``flags``, ``confidence``, ``first_report``/``last_report``, and ``evidence``: every
span of every report with its report, document (store key and article id), outlet, publication
date, URL and character offsets ``start``/``end`` into the article text as read.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

from diplograph import __version__
from diplograph.export.output import atomic_file
from diplograph.export.records import Actor, actor_catalogue, event_records, first_day, lookup
from diplograph.store.query import EventFilter
from diplograph.store.undated import DEFAULT_UNDATED, effective_date

EVIDENCE_JOINER = " … "


def write_polecat(con: duckdb.DuckDBPyConnection, where: EventFilter, out: Path, *, force: bool = False) -> int:
    """Write the events matching ``where`` to ``out`` as JSON Lines; returns the events written."""
    where.where()  # a bad filter fails before a file is created
    catalogue = actor_catalogue(con)
    events = 0
    with atomic_file(out, force=force) as temporary, temporary.open("w", encoding="utf-8", newline="\n") as file:
        for record in event_records(con, where):
            file.write(json.dumps(polecat_event(record, catalogue, undated=where.undated), ensure_ascii=False) + "\n")
            events += 1
    return events


def polecat_event(record: dict[str, Any], catalogue: dict[str, Actor], *,
                  undated: str = DEFAULT_UNDATED) -> dict[str, Any]:  # fmt: skip
    """One event record as a POLECAT/PLOVER-style object (mapping: the module docstring)."""
    reports = record["reports"]
    first = reports[0] if reports else {}
    modes = Counter(r["mode"] for r in reports if r["mode"])
    when, precision = effective_date(record["date"], record["first_report"], undated)
    day = first_day(when)
    return {
        "event_id": record["event"],
        "event_date": day.isoformat() if day else None,
        "event_date_precision": precision if day else None,
        "event_type": record["type"],
        "event_mode": min(modes, key=lambda m: (-modes[m], m)) if modes else None,
        "quad_code": record["quad_class"],
        "actor": [_entity(code, reports, catalogue) for code in record["source"]],
        "recipient": [_entity(code, reports, catalogue) for code in record["target"]],
        "placename": record["location"],
        "location": _location(record),
        "event_text": EVIDENCE_JOINER.join(span["text"] for span in first.get("evidence", [])) or None,
        "source": first.get("outlet"),
        "publication_date": first.get("published"),
        "story_id": first.get("document"),
        "url": first.get("url"),
        "headline": first.get("title"),
        "language": first.get("lang"),
        "version": f"diplograph {__version__}",
        "diplograph": {
            "date": record["date"],
            "modes": sorted(modes),
            "modality": record["modality"],
            "attribution": _attributions(reports),
            "cameo": record["cameo"],
            "goldstein": record["goldstein"],
            "joint": record["joint"],
            "mentions": record["mentions"],
            "outlets": record["outlets"],
            "documents": len({r["doc"] for r in reports}),
            "disputed": record["disputed"],
            "flags": record["flags"],
            "confidence": record["confidence"],
            "first_report": record["first_report"],
            "last_report": record["last_report"],
            "evidence": [_evidence(r, span) for r in reports for span in r["evidence"]],
        },
    }


def _location(record: dict[str, Any]) -> dict[str, Any] | None:
    if record.get("latitude") is None:
        return None
    return {"name": record["place"], "country": record["place_country"], "latitude": record["latitude"],
            "longitude": record["longitude"], "geonames_id": record["geonameid"]}  # fmt: skip


def _evidence(report: dict[str, Any], span: dict[str, Any]) -> dict[str, Any]:
    keys = ("report", "doc", "document", "outlet", "published", "url")
    return {**{key: report[key] for key in keys}, **{key: span[key] for key in ("text", "start", "end", "sentence")}}


def _entity(code: str, reports: list[dict[str, Any]], catalogue: dict[str, Actor]) -> dict[str, Any]:
    actor = lookup(catalogue, code)
    mentions = [a for r in reports for a in r["actors"] if a["code"] == code]
    people = {a["name"]: a["wikidata"] for a in mentions if a["kind"] == "person" and a["name"]}
    return {
        "code": code,
        "name": actor.name,
        "country": actor.country,
        "wikidata": actor.wikidata,
        "kind": actor.kind,
        "title": sorted({a["role"] for a in mentions if a["role"]}),
        "name_raw": sorted({a["text"] for a in mentions if a["text"]}),
        "people": [{"name": name, "wikidata": qid} for name, qid in sorted(people.items())],
    }


def _attributions(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple, dict[str, Any]] = {}
    for r in reports:
        if r["attribution"]:
            key = (r["attribution"], r["attribution_code"], r["attribution_kind"])
            seen.setdefault(key, {"name": key[0], "code": key[1], "kind": key[2], "reports": []})["reports"].append(
                r["report"]
            )
    return list(seen.values())
