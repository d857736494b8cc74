"""The JSON output contract of ``diplograph analyze`` (kept stable; see README "Output")."""

from __future__ import annotations

from typing import Any

from diplograph.model import ActorMention, Document, Entity, OutletMention, Rejection, TimeExpression

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
        "events": [],
        "flags": [],
    }


def rejection_json(rejection: Rejection) -> dict[str, Any]:
    return {"origin": rejection.origin, "code": rejection.code, "reason": rejection.reason}
