"""The endpoint over HTTP: formats, errors, limits, auth, CORS, the query library API."""

from __future__ import annotations

import csv
import io
import inspect
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
import rdflib

from kg.server import run_server
from tests.server.conftest import Server, serve

SELECT = "SELECT ?a ?title WHERE { ?a a ckg:Article ; dcterms:title ?title } ORDER BY ?a"
CONSTRUCT = "CONSTRUCT { ?a a ckg:Article ; dcterms:title ?t } WHERE { ?a a ckg:Article ; dcterms:title ?t }"
RES = "{http://www.w3.org/2005/sparql-results#}"


def _titles_json(body: bytes) -> list[str]:
    return [row["title"]["value"] for row in json.loads(body)["results"]["bindings"]]


def _titles_xml(body: bytes) -> list[str]:
    root = ET.fromstring(body)
    return [b.findtext(f"{RES}literal") or "" for b in root.iter(f"{RES}binding") if b.get("name") == "title"]


def _titles_csv(body: bytes) -> list[str]:
    return [row["title"] for row in csv.DictReader(io.StringIO(body.decode()))]


def _titles_tsv(body: bytes) -> list[str]:
    lines = body.decode().splitlines()
    column = lines[0].split("\t").index("?title")
    return [json.loads(line.split("\t")[column]) for line in lines[1:]]


@pytest.mark.parametrize(
    "accept, media_type, read",
    [
        (None, "application/sparql-results+json", _titles_json),
        ("application/sparql-results+json", "application/sparql-results+json", _titles_json),
        ("application/sparql-results+xml", "application/sparql-results+xml", _titles_xml),
        ("text/csv", "text/csv", _titles_csv),
        ("text/tab-separated-values", "text/tab-separated-values", _titles_tsv),
        ("text/html, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml", _titles_xml),
        ("text/csv;q=0.4, text/tab-separated-values;q=0.9", "text/tab-separated-values", _titles_tsv),
    ],
)
def test_select_formats(server: Server, accept: str | None, media_type: str, read: object) -> None:
    reply = server.query(SELECT, accept=accept)
    assert reply.status == 200
    assert reply.content_type == media_type
    titles = read(reply.body)  # type: ignore[operator]
    reference = _titles_json(server.query(SELECT).body)
    assert titles == reference and len(titles) >= 4
    assert "Council <b>board</b> notes" in titles


@pytest.mark.parametrize(
    "accept, media_type, rdflib_format",
    [
        (None, "text/turtle", "turtle"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/n-quads", "application/n-quads", "nquads"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(server: Server, accept: str | None, media_type: str, rdflib_format: str) -> None:
    reply = server.query(CONSTRUCT, accept=accept)
    assert reply.status == 200 and reply.content_type == media_type
    graph = rdflib.Dataset() if rdflib_format == "nquads" else rdflib.Graph()
    graph.parse(data=reply.body, format=rdflib_format)
    reference = rdflib.Graph().parse(data=server.query(CONSTRUCT, accept="application/n-triples").body, format="nt")
    assert len(graph) == len(reference) >= 8


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "application/sparql-results+json"])
def test_ask_formats(server: Server, accept: str) -> None:
    reply = server.query("ASK { ?s a ckg:Person }", accept=accept)
    assert reply.content_type == accept
    assert b"true" in reply.body


@pytest.mark.parametrize(
    "query, accept",
    [(SELECT, "text/turtle"), (SELECT, "image/png"), (CONSTRUCT, "application/sparql-results+json"),
     ("ASK {}", "text/html")],
)
def test_unacceptable_accept_is_406(server: Server, query: str, accept: str) -> None:
    reply = server.query(query, accept=accept)
    assert reply.status == 406
    assert reply.json()["error"]["status"] == 406


def test_syntax_error_gives_parser_message_and_position(server: Server) -> None:
    reply = server.query("SELECT * WHERE {\n  ?s ?p \n}")
    assert reply.status == 400
    message = reply.json()["error"]["message"]
    assert re.search(r"\bat 3:\d+", message), message  # line 3: where the object is missing


@pytest.mark.parametrize(
    "method, path, body, headers",
    [
        ("GET", "/sparql?" + urlencode([("query", "ASK {}"), ("query", "ASK {}")]), None, {}),
        ("POST", "/sparql", "ASK {}", {"Content-Type": "text/plain"}),
        ("POST", "/sparql", "ASK {}", {}),
        ("POST", "/sparql", "query=ASK%20%7B%7D&query=ASK%20%7B%7D", {"Content-Type": "application/x-www-form-urlencoded"}),
        ("POST", "/sparql", b"\xff\xfeA\x00", {"Content-Type": "application/sparql-query"}),
        ("POST", "/sparql", "", {"Content-Type": "application/x-www-form-urlencoded"}),
    ],
)
def test_bad_requests_are_400(server: Server, method: str, path: str, body: object, headers: dict[str, str]) -> None:
    reply = server.request(method, path, body=body, headers=headers)  # type: ignore[arg-type]
    assert reply.status == 400
    error = reply.json()["error"]
    assert error["status"] == 400 and error["message"]


def test_service_description(server: Server) -> None:
    reply = server.request("GET", "/sparql")
    assert reply.status == 200 and reply.content_type == "text/turtle"
    graph = rdflib.Graph().parse(data=reply.body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert service == rdflib.URIRef(server.url + "/sparql")
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph


@pytest.mark.parametrize(
    "query, truncated, rows",
    [
        ("SELECT * WHERE { ?s ?p ?o }", True, 100),
        ("SELECT ?a WHERE { ?a a ckg:Article }", False, None),
    ],
)
def test_row_cap_is_reported(server: Server, query: str, truncated: bool, rows: int | None) -> None:
    reply = server.query(query)
    body = reply.json()
    assert reply.headers["x-kg-truncated"] == ("true" if truncated else "false")
    assert body["truncated"] is truncated
    if rows is not None:
        assert len(body["results"]["bindings"]) == rows


def test_row_cap_applies_to_graphs(server: Server) -> None:
    reply = server.query("CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert reply.headers["x-kg-truncated"] == "true"
    assert len(reply.body.decode().splitlines()) == 100


def test_request_size_limit_is_413(server: Server) -> None:
    big = "ASK {}" + " " * 30_000
    reply = server.request("POST", "/sparql", body=big, headers={"Content-Type": "application/sparql-query"})
    assert reply.status == 413
    assert reply.json()["error"]["status"] == 413


@pytest.mark.parametrize(
    "method, path, status", [("GET", "/nowhere", 404), ("PUT", "/sparql?query=ASK%7B%7D", 405), ("GET", "/entity/person/nobody", 404)]
)
def test_errors_share_one_shape(server: Server, method: str, path: str, status: int) -> None:
    reply = server.request(method, path)
    assert reply.status == status
    assert reply.json() == {"error": {"status": status, "message": reply.json()["error"]["message"]}}
    assert reply.json()["error"]["message"]


def test_library_listing_and_binding(server: Server) -> None:
    listing = server.request("GET", "/api/queries").json()
    names = {query["name"] for query in listing}
    assert "actors_by_mentions" in names
    actors = next(q for q in listing if q["name"] == "actors_by_mentions")
    assert actors["description"] and {p["name"] for p in actors["params"]} >= {"country", "limit"}
    bound = server.request("GET", "/api/queries/actors_by_mentions?country=xnv&limit=5").json()
    assert '"XNV"' in bound["text"] and "LIMIT 5" in bound["text"]
    assert server.request("GET", "/api/queries/actors_by_mentions?colour=red").status == 400
    assert server.request("GET", "/api/queries/no_such_query").status == 400


def test_page_headers_forbid_outside_connections(server: Server) -> None:
    reply = server.request("GET", "/")
    csp = reply.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "script-src 'self'" in csp
    assert "access-control-allow-origin" not in server.query("ASK {}").headers


def test_binds_loopback_by_default() -> None:
    assert inspect.signature(run_server).parameters["host"].default == "127.0.0.1"


@pytest.fixture(scope="module")
def guarded(store_dir: Path) -> Iterator[Server]:
    with serve(store_dir, token="s3cret", cors=["https://allowed.example"]) as running:
        yield running


@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 401),
        ({"Authorization": "Bearer s3cret"}, 200),
        ({"Cookie": "kg_token=s3cret"}, 200),
    ],
)
def test_bearer_token(guarded: Server, headers: dict[str, str], status: int) -> None:
    reply = guarded.request("GET", "/sparql?query=ASK%7B%7D", headers=headers)
    assert reply.status == status
    if status == 401:
        assert reply.json()["error"]["status"] == 401
        assert guarded.request("GET", "/entity/person/tova-rell", headers=headers).status == 401
    assert guarded.request("GET", "/").status == 200


@pytest.mark.parametrize("origin, allowed", [("https://allowed.example", True), ("https://other.example", False)])
def test_cors_only_for_listed_origins(guarded: Server, origin: str, allowed: bool) -> None:
    headers = {"Origin": origin, "Authorization": "Bearer s3cret"}
    reply = guarded.request("GET", "/sparql?query=ASK%7B%7D", headers=headers)
    assert (reply.headers.get("access-control-allow-origin") == origin) is allowed
    assert reply.headers.get("access-control-allow-origin") in (origin, None)
