"""JSON-LD read back with ``json``: identifiers, Wikidata IRIs and provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.export import write_jsonld
from diplograph.export.jsonld import NAMESPACE, VOCABULARY, WIKIDATA_ENTITY, typed_date
from diplograph.store.query import EventFilter
from tests.export.conftest import TREATY_URL


@pytest.fixture(scope="module")
def document(con, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("jsonld") / "events.jsonld"
    written = write_jsonld(con, EventFilter(), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sum(node["@type"] == "Event" for node in data["@graph"]) == written
    return data


def nodes(document: dict, kind: str) -> dict[str, dict]:
    return {node["@id"]: node for node in document["@graph"] if node["@type"] == kind}


def test_context_declares_the_vocabulary(document):
    context = document["@context"]
    assert context["@vocab"] == NAMESPACE == "https://w3id.org/diplograph/ns#"
    assert context["sameAs"] == {"@id": "schema:sameAs", "@type": "@id"}
    assert context["source"]["@type"] == "@id" and context["target"]["@type"] == "@id"


def test_every_event_is_a_node_with_its_urn(document, store_events):
    events = nodes(document, "Event")
    assert set(events) == {f"urn:diplograph:event:{e}" for e in store_events.index}
    for node in events.values():
        assert node["eventType"] == store_events.loc[node["identifier"], "type"]


def test_actors_are_named_by_wikidata_iris(document):
    actors = nodes(document, "Actor")
    russia = actors[f"{WIKIDATA_ENTITY}Q159"]
    assert russia["code"] == "RUS" and russia["sameAs"] == "http://www.wikidata.org/entity/Q159"
    west = actors["urn:diplograph:actor:WEST"]
    assert west["code"] == "WEST" and "sameAs" not in west
    referenced = {iri for event in nodes(document, "Event").values() for iri in event["source"] + event["target"]}
    assert referenced == set(actors)  # every actor IRI resolves to a node, and no actor is left over


def test_provenance_quotes_and_urls(document, treaty):
    event = nodes(document, "Event")[f"urn:diplograph:event:{treaty}"]
    assert event["date"] == {"@value": "2025-01-17", "@type": "xsd:date"}
    assert set(event["source"]) == {f"{WIKIDATA_ENTITY}Q159", f"{WIKIDATA_ENTITY}Q794"}
    assert len(event["report"]) == 3
    first = event["report"][0]
    assert first["@id"].startswith("urn:diplograph:report:")
    assert first["document"]["url"] == TREATY_URL and first["document"]["publisher"] == "Reuters"
    assert first["document"]["@id"].startswith("urn:diplograph:document:")
    assert first["evidence"][0]["quote"].startswith("Russland und Iran")
    assert first["evidence"][0]["startOffset"] == 0


def test_dates_are_typed_by_granularity():
    assert typed_date("2025-01") == {"@value": "2025-01", "@type": "xsd:gYearMonth"}
    assert typed_date("2024") == {"@value": "2024", "@type": "xsd:gYear"}
    assert typed_date("2025-W04") == "2025-W04"


def test_empty_store_is_an_empty_graph(empty_con, tmp_path):
    out = tmp_path / "empty.jsonld"
    assert write_jsonld(empty_con, EventFilter(), out) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@graph"] == [] and "@vocab" in data["@context"]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's parser
def test_rdflib_reads_the_graph_and_every_term_is_documented(con, tmp_path, store_events):
    rdflib = pytest.importorskip("rdflib")
    out = tmp_path / "events.jsonld"
    write_jsonld(con, EventFilter(), out)
    graph = rdflib.Graph().parse(out, format="json-ld")
    ns = rdflib.Namespace(NAMESPACE)
    events = set(graph.subjects(rdflib.RDF.type, ns.Event))
    assert len(events) == len(store_events)
    treaty = [e for e in events if (e, ns.eventType, rdflib.Literal("SUPPORT")) in graph
              and (e, ns.date, rdflib.Literal("2025-01-17", datatype=rdflib.XSD.date)) in graph]  # fmt: skip
    assert treaty
    assert (treaty[0], ns.source, rdflib.URIRef(WIKIDATA_ENTITY + "Q159")) in graph  # Russia's Wikidata IRI
    precisions = {str(o) for o in graph.objects(None, ns.datePrecision)}
    assert "publication" in precisions and "day" in precisions
    # Every term of ours in the graph is in VOCABULARY, and docs/vocabulary.md documents each.
    used = {str(p)[len(NAMESPACE) :] for p in graph.predicates() if str(p).startswith(NAMESPACE)}
    used |= {str(o)[len(NAMESPACE) :] for o in graph.objects(None, rdflib.RDF.type) if str(o).startswith(NAMESPACE)}
    assert used <= set(VOCABULARY), used - set(VOCABULARY)
    docs = (Path(__file__).resolve().parents[2] / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    assert NAMESPACE in docs
    assert all(f"`{term}`" in docs for term in VOCABULARY)
