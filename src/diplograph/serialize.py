"""The JSON output contract of ``diplograph analyze`` (kept stable; see README "Output")."""

from __future__ import annotations

import json
from typing import Any

import orjson

from diplograph.model import (
    ActorMention,
    Document,
    Entity,
    Event,
    Flag,
    OutletMention,
    Participant,
    TimeExpression,
)

SCHEMA_VERSION = 1


def entity_json(entity: Entity, role: str | None) -> dict[str, Any]:
    return {
        "id": entity.id,
        "code": entity.code,
        "name": entity.name,
        "kind": entity.kind,
        "wikidata": entity.wikidata,
        "country": entity.country,
        "role": role,
    }


def actor_json(mention: ActorMention) -> dict[str, Any]:
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "sentence": mention.sentence,
        "form": mention.form,
        "metonymy": mention.metonymy,
        "entity": entity_json(mention.entity, mention.role),
    }


def outlet_json(mention: OutletMention) -> dict[str, Any]:
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "sentence": mention.sentence,
        "name": mention.name,
        "country": mention.country,
        "state_media": mention.state_media,
    }


def time_json(expression: TimeExpression) -> dict[str, Any]:
    return {
        "text": expression.text,
        "start": expression.start,
        "end": expression.end,
        "sentence": expression.sentence,
        "value": expression.value,
        "granularity": expression.granularity,
        "kind": expression.kind,
        "modifier": expression.modifier,
        "anchor": expression.anchor,
    }


def participant_json(participant: Participant) -> dict[str, Any]:
    return {**entity_json(participant.entity, participant.role), "text": participant.text}


def event_json(event: Event) -> dict[str, Any]:
    attribution = event.attribution
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "source": [participant_json(p) for p in event.source],
        "target": [participant_json(p) for p in event.target],
        "symmetric": event.symmetric,
        "date": event.date,
        "modality": event.modality,
        "attribution": (
            {"name": attribution.name, "code": attribution.code, "kind": attribution.kind} if attribution else None
        ),
        "location": event.location,
        "evidence": [{"text": e.text, "start": e.start, "end": e.end, "sentence": e.sentence} for e in event.evidence],
        "confidence": event.confidence,
    }


def flag_json(flag: Flag) -> dict[str, Any]:
    return {"kind": flag.kind, "events": list(flag.events), "message": flag.message}


def document_json(doc: Document) -> dict[str, Any]:
    article = doc.article
    return {
        "schema": SCHEMA_VERSION,
        "document": {
            "id": article.id,
            "lang": doc.lang,
            "published": doc.published,
            "published_from": doc.published_from,
            "title": article.title,
            "url": article.url,
            "source": article.source,
            "origin": article.origin,
            "sentences": len(doc.sentences),
            "warnings": list(doc.warnings),
        },
        "actors": [actor_json(m) for m in doc.actors],
        "outlets": [outlet_json(m) for m in doc.outlets],
        "times": [time_json(t) for t in doc.times],
        "events": [event_json(e) for e in doc.events],
        "flags": [flag_json(f) for f in doc.flags],
    }


def json_line(record: dict[str, Any]) -> bytes:
    """One record as a JSON Lines line (UTF-8, compact, newline-terminated). orjson writes the
    same bytes as ``json.dumps(record, ensure_ascii=False, separators=(",", ":"))`` several
    times faster; a string orjson refuses (a lone surrogate) falls back to the standard library,
    so no document is lost to its output."""
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8", "backslashreplace")
