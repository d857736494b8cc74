"""Fuzzing: requests generated from the OpenAPI schema, valid and invalid, never get a 5xx, and
every answer matches the schema (status codes, content type, body); odd documents posted with the
token are stored or refused with a 422, never a 5xx.

Bounded so that it runs in seconds: the coverage phase (every boundary and invalid value the schema
defines, deterministically) plus a few dozen random examples per operation, no deadline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from diplograph.web import create_app
from tests.web.conftest import TOKEN, TestClient

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck), "database": None}


@pytest.fixture(scope="module")
def read_only_schema(store):
    """Every operation, the POST included: on a read-only app it must answer 403 whatever it is sent."""
    loaded = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(store))
    loaded.config.phases.update(phases=["examples", "coverage", "fuzzing"])
    return loaded


schema = schemathesis.pytest.from_fixture("read_only_schema")


@schema.parametrize()
@settings(max_examples=15, **SETTINGS)
def test_every_operation_against_its_schema(case):
    case.call_and_validate(checks=CHECKS)


@pytest.fixture(scope="module")
def posting(store, tmp_path_factory) -> Iterator[TestClient]:
    copy = tmp_path_factory.mktemp("fuzz-store") / "store.duckdb"
    copy.write_bytes(store.read_bytes())
    with TestClient(create_app(copy, allow_ingest=True, token=TOKEN)) as client:
        yield client


# Schema-generated bodies are random strings that fail language identification before the pipeline
# runs; a real sentence with noise around it goes through every stage.
NOISE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@given(before=NOISE, after=NOISE, lang=st.sampled_from([None, "en", "de", "auto", "EN", "xx", ""]))
@settings(max_examples=15, **SETTINGS)
def test_odd_documents_are_stored_or_refused_never_a_server_error(posting, before, after, lang):
    text = f"{before} Canada imposed sanctions on Venezuela on Friday. {after}"
    response = posting.post("/api/documents", json={"text": text, "lang": lang},
                            headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert response.status_code in (200, 201, 422), response.text
    if response.status_code == 422:
        assert response.json()["code"].startswith("D1")
    else:
        stored = posting.get(f"/api/documents/{response.json()['doc']}").json()["text"]
        assert stored == text.removeprefix("\ufeff")  # a byte-order mark is not text
