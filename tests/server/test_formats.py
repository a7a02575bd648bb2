"""Request reading and result writing, without a server."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result

from kg.server.formats import write_boolean, write_select
from kg.server.protocol import ProtocolError, is_update, negotiate, query_form, read_request

XSD = "http://www.w3.org/2001/XMLSchema#"
ROWS = [
    (ox.NamedNode("https://w3id.org/conflict-kg/id/country/xnv"), ox.Literal("Norvania, \"north\"\n", language="en")),
    (ox.BlankNode("b1"), ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))),
    (ox.NamedNode("http://e/x"), None),
    (ox.NamedNode("http://e/y"), ox.Literal("tab\there & <there>")),
]
EXPECTED = [
    (rdflib.URIRef("https://w3id.org/conflict-kg/id/country/xnv"), rdflib.Literal('Norvania, "north"\n', lang="en")),
    (rdflib.BNode("b1"), rdflib.Literal("12", datatype=rdflib.XSD.integer)),
    (rdflib.URIRef("http://e/x"), None),
    (rdflib.URIRef("http://e/y"), rdflib.Literal("tab\there & <there>")),
]


@pytest.mark.parametrize(
    "media_type, rdflib_format",
    [("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
     ("text/tab-separated-values", "tsv")],
)
def test_select_round_trips_through_rdflib(media_type: str, rdflib_format: str) -> None:
    body = write_select(("s", "o"), ROWS, media_type, truncated=False)
    result = Result.parse(io.BytesIO(body), format=rdflib_format)
    # key by name: rdflib's parsers differ in the key type they use for variables
    named = [{str(k): v for k, v in row.items()} for row in result.bindings]
    rows = [(row.get("s"), row.get("o")) for row in named]
    if rdflib_format == "tsv":
        rows = [(s if not isinstance(s, rdflib.BNode) else rdflib.BNode("b1"), o) for s, o in rows]
    assert rows == EXPECTED


def test_csv_values_are_plain() -> None:
    body = write_select(("s", "o"), ROWS, "text/csv", truncated=False).decode()
    lines = body.split("\r\n")
    assert lines[0] == "s,o"
    assert lines[1] == 'https://w3id.org/conflict-kg/id/country/xnv,"Norvania, ""north""\n"'
    assert lines[2] == "_:b1,12"


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize("media_type, rdflib_format", [("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml")])
def test_boolean_round_trips(value: bool, media_type: str, rdflib_format: str) -> None:
    result = Result.parse(io.BytesIO(write_boolean(value, media_type)), format=rdflib_format)
    assert result.askAnswer is value


@pytest.mark.parametrize(
    "text, form",
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        ("# ASK in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("PREFIX ask: <http://e/> DESCRIBE ask:x", "DESCRIBE"),
        ('ASK { ?s ?p "SELECT" }', "ASK"),
    ],
)
def test_query_form(text: str, form: str) -> None:
    assert query_form(text) == form


@pytest.mark.parametrize(
    "text, update",
    [
        ("DELETE WHERE { ?s ?p ?o }", True),
        ("load <http://e/x>", True),
        ("PREFIX x: <http://e/> SELECT ?insert WHERE { ?insert x:drop ?o }", False),
        ('SELECT * { ?s ?p "CLEAR ALL" } # DROP ALL', False),
        ('SELECT * { ?s ?p "x"@add }', False),
    ],
)
def test_is_update(text: str, update: bool) -> None:
    assert is_update(text) is update


@pytest.mark.parametrize(
    "form, accept, chosen",
    [
        ("SELECT", None, "application/sparql-results+json"),
        ("SELECT", "*/*", "application/sparql-results+json"),
        ("SELECT", "text/*", "text/csv"),
        ("SELECT", "application/json", "application/sparql-results+json"),
        ("ASK", "text/csv;q=0.2, application/sparql-results+xml;q=0.3", "application/sparql-results+xml"),
        ("CONSTRUCT", "application/ld+json, text/turtle;q=0.5", "application/ld+json"),
        ("DESCRIBE", "*/*;q=0.1, application/n-triples", "application/n-triples"),
    ],
)
def test_negotiate(form: str, accept: str | None, chosen: str) -> None:
    assert negotiate(form, accept) == chosen


@pytest.mark.parametrize("form, accept", [("SELECT", "text/turtle"), ("CONSTRUCT", "text/csv"), ("ASK", "text/turtle;q=0")])
def test_negotiate_refuses(form: str, accept: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        negotiate(form, accept)
    assert caught.value.status == 406


def test_protocol_dataset_is_read() -> None:
    request = read_request(
        "POST", "default-graph-uri=http%3A%2F%2Fe%2Fa&named-graph-uri=http%3A%2F%2Fe%2Fb",
        "application/sparql-query; charset=utf-8", b"ASK {}",
    )
    assert request is not None
    assert request.default_graphs == ("http://e/a",) and request.named_graphs == ("http://e/b",)
    assert read_request("GET", "", None, b"") is None
