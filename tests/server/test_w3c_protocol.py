"""The W3C SPARQL 1.1 Protocol tests, run against the live server.

The manifest (../shared/w3c/sparql11-protocol/manifest.ttl) is read with
rdflib; every request of every test is sent as written (path prefix
``/sparql/`` kept, body in its declared encoding) and the answer is checked
for status class, result format and, for ASK, the boolean.

Not applicable: the tests that expect an update to succeed (``update_*``),
because `kg serve` is a read-only endpoint. They are still run, and must be
refused with 403 before anything is evaluated.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
import rdflib
from rdflib.collection import Collection

from tests.server.conftest import W3C, Reply, Server

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
MANIFEST = W3C / "manifest.ttl"

TABULAR = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"}
BOOLEAN = {"application/sparql-results+json", "application/sparql-results+xml"}
RDF = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/n-quads", "application/ld+json"}

#: Tests that cannot pass on a read-only endpoint, with the reason (kept in the README).
NOT_APPLICABLE = {
    "update_dataset_default_graph": "SPARQL Update: kg serve is read-only (answered 403)",
    "update_dataset_default_graphs": "SPARQL Update: kg serve is read-only (answered 403)",
    "update_dataset_named_graphs": "SPARQL Update: kg serve is read-only (answered 403)",
    "update_dataset_full": "SPARQL Update: kg serve is read-only (answered 403)",
    "update_post_form": "SPARQL Update: kg serve is read-only (answered 403)",
    "update_post_direct": "SPARQL Update: kg serve is read-only (answered 403)",
    "update_base_uri": "SPARQL Update: kg serve is read-only (answered 403)",
}


@dataclass(frozen=True)
class W3CRequest:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: tuple[str, ...]
    format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class W3CTest:
    name: str
    requests: tuple[W3CRequest, ...]


def _load() -> list[W3CTest]:
    if not MANIFEST.is_file():
        return []
    graph = rdflib.Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(MF.entries, None))
    tests = []
    entries = graph.value(manifest, MF.entries)
    assert entries is not None
    for test in Collection(graph, entries):
        action = graph.value(test, MF.action)
        request_list = graph.value(action, HT.requests)
        assert request_list is not None
        requests = []
        for request in Collection(graph, request_list):
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
            headers = []
            header_list = graph.value(request, HT.headers)
            if header_list is not None:
                for header in Collection(graph, header_list):
                    headers.append((str(graph.value(header, HT.fieldName)), str(graph.value(header, HT.fieldValue))))
            response = graph.value(request, HT.resp)
            statuses = tuple(sorted(str(s).rsplit("#", 1)[1] for s in graph.objects(response, MF.expectedStatus)))
            fmt = graph.value(response, MF.expectedFormat)
            boolean = graph.value(response, MF.expectedBoolean)
            requests.append(
                W3CRequest(
                    method=str(graph.value(request, HT.methodName)),
                    path=str(graph.value(request, HT.absolutePath)),
                    headers=tuple(headers),
                    body=body,
                    statuses=statuses,
                    format=str(fmt) if fmt is not None else None,
                    boolean=bool(boolean.toPython()) if isinstance(boolean, rdflib.Literal) else None,
                )
            )
        name = str(test).rsplit("#", 1)[1]
        tests.append(W3CTest(name, tuple(requests)))
    return tests


TESTS = _load()


def _boolean(reply: Reply) -> bool:
    if reply.content_type == "application/sparql-results+json":
        return bool(reply.json()["boolean"])
    node = ET.fromstring(reply.body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert node is not None
    return node.text == "true"


def _check(reply: Reply, expected: W3CRequest) -> None:
    status_class = f"StatusCode{reply.status // 100}xx"
    assert status_class in expected.statuses, (reply.status, reply.body[:300])
    if expected.format == "boolean":
        assert reply.content_type in BOOLEAN
        if expected.boolean is not None:
            assert _boolean(reply) is expected.boolean
    elif expected.format == "tabular":
        assert reply.content_type in TABULAR
        if reply.content_type == "application/sparql-results+json":
            assert "bindings" in reply.json()["results"]
    elif expected.format == "RDF":
        assert reply.content_type in RDF
        rdflib.Graph().parse(data=reply.body, format="turtle" if reply.content_type == "text/turtle" else "nt")
    if reply.status >= 400:
        error = json.loads(reply.body)["error"]
        assert error["status"] == reply.status and error["message"]


def _send(server: Server, request: W3CRequest) -> Reply:
    return server.request(request.method, request.path, body=request.body, headers=dict(request.headers))


@pytest.fixture(autouse=True)
def _manifest_present() -> None:
    if not MANIFEST.is_file():
        pytest.skip("../shared/w3c/sparql11-protocol is not here")


def test_manifest_read() -> None:
    assert len(TESTS) == 34
    assert set(NOT_APPLICABLE) <= {test.name for test in TESTS}


@pytest.mark.parametrize("test", [t for t in TESTS if t.name not in NOT_APPLICABLE], ids=lambda t: t.name)
def test_w3c_protocol(server: Server, test: W3CTest) -> None:
    for request in test.requests:
        _check(_send(server, request), request)


@pytest.mark.parametrize("test", [t for t in TESTS if t.name in NOT_APPLICABLE], ids=lambda t: t.name)
def test_w3c_update_refused(server: Server, test: W3CTest) -> None:
    """The update request of each update test is refused with 403; the store is untouched."""
    update = test.requests[0]
    reply = _send(server, update)
    assert reply.status == 403, reply.body
    assert "read-only" in reply.json()["error"]["message"]
    untouched = server.query("ASK { GRAPH ?g { ?s a <http://purl.org/dc/terms/BibliographicResource> } }")
    assert untouched.json()["boolean"] is False
    data1 = server.query("ASK { GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { ?s ?p ?o } }")
    assert data1.json()["boolean"] is True

