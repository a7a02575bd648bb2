"""Querying the store: union default graph, plain values, refusals, syntax errors."""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib

from kg.errors import QueryError
from kg.store import GraphResult, SelectResult, Store

A = "https://w3id.org/conflict-kg/id/article/a"
B = "https://w3id.org/conflict-kg/id/article/b"
ARM = "https://w3id.org/conflict-kg/id/country/arm"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture
def store() -> Store:
    store = Store.open()
    store.replace_articles([
        (A, f'<{ARM}> <{LABEL}> "Armenia" .\n<{A}> <urn:p:count> "3"^^<{XSD}integer> .\n'),
        (B, f'<{ARM}> <{LABEL}> "Armenia" .\n<{B}> <urn:p:day> "2020-12-02"^^<{XSD}date> .\n'
            f'<{B}> <urn:p:score> "-5.0"^^<{XSD}decimal> .\n<{B}> <urn:p:flag> "false"^^<{XSD}boolean> .\n'),
    ])
    return store


def select(store: Store, sparql: str, **kwargs: object) -> SelectResult:
    result = store.query(sparql, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, SelectResult)
    return result


def test_default_graph_is_the_union_of_named_graphs(store: Store) -> None:
    result = select(store, "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s ?o")
    subjects = {row[0] for row in result.rows}
    assert {A, B, ARM} <= subjects


def test_from_names_one_local_graph(store: Store) -> None:
    result = select(store, f"SELECT DISTINCT ?s FROM <{A}> WHERE {{ ?s ?p ?o }} ORDER BY ?s")
    assert result.rows == ((A,), (ARM,))


def test_select_values_are_plain_python(store: Store) -> None:
    result = select(store, "SELECT ?n ?d ?g ?f ?none WHERE { ?a <urn:p:count> ?n . ?b <urn:p:day> ?d ; <urn:p:score> ?g ; <urn:p:flag> ?f }")
    assert result.variables == ("n", "d", "g", "f", "none")
    assert result.rows == ((3, dt.date(2020, 12, 2), -5.0, False, None),)
    assert result.as_dicts()[0]["n"] == 3
    # the store keeps decimals by value: "-5.0" comes back in canonical form
    assert result.term_rows()[0][2].toPython() == rdflib.Literal("-5.0", datatype=rdflib.XSD.decimal).toPython()


def test_ask_gives_a_bool(store: Store) -> None:
    assert store.query(f'ASK {{ <{ARM}> rdfs:label "Armenia" }}') is True
    assert store.query('ASK { ?s rdfs:label "Atlantis" }') is False


def test_construct_gives_triples(store: Store) -> None:
    result = store.query(f"CONSTRUCT {{ ?s rdfs:label ?l }} WHERE {{ ?s rdfs:label ?l }}")
    assert isinstance(result, GraphResult)
    assert set(result.triples) == {(rdflib.URIRef(ARM), rdflib.RDFS.label, rdflib.Literal("Armenia"))}
    assert result.serialize(format="nt").strip() == f'<{ARM}> <{LABEL}> "Armenia" .'


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Armenia", ARM), (rdflib.Literal("Armenia"), ARM), (rdflib.Literal("Atlantis"), None)],
)
def test_bindings_are_substituted(store: Store, value: object, expected: str | None) -> None:
    result = select(store, "SELECT DISTINCT ?s WHERE { ?s rdfs:label ?name }", bindings={"name": value})
    assert result.rows == (((expected,),) if expected else ())


def test_iri_binding(store: Store) -> None:
    result = select(store, "SELECT DISTINCT ?l WHERE { ?s rdfs:label ?l }", bindings={"?s": rdflib.URIRef(ARM)})
    assert result.rows == (("Armenia",),)


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE<http://127.0.0.1:9/sparql>{ ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
    ids=["upper", "lower-silent", "no-spaces", "escaped"],
)
def test_service_is_refused(store: Store, sparql: str) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.query(sparql)


def test_service_inside_strings_iris_and_names_is_fine(store: Store) -> None:
    sparql = (
        "PREFIX ex: <http://example.org/SERVICE/>\n"
        "SELECT ?service WHERE { BIND(\"SERVICE <http://x>\" AS ?service) ?x ex:service ?y } # SERVICE"
    )
    assert select(store, sparql).rows == ()


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "cannot read files"),
        ("SELECT * FROM NAMED <https://example.org/data.ttl> WHERE { ?s ?p ?o }", "only graphs of this store"),
        ("PREFIX f: <file:///etc/>\nSELECT * FROM f:passwd WHERE { ?s ?p ?o }", "cannot read files"),
    ],
)
def test_from_outside_the_store_is_refused(store: Store, sparql: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        store.query(sparql)


def test_syntax_error_carries_the_parser_message(store: Store) -> None:
    with pytest.raises(QueryError, match=r"SPARQL syntax error.* at 1:\d+"):
        store.query("SELECT * WHERE { ?s ?p }")


def test_updates_are_not_queries(store: Store) -> None:
    before = store.count_triples()
    with pytest.raises(QueryError):
        store.query("DROP ALL")
    assert store.count_triples() == before == 6


def test_binding_cannot_inject(store: Store) -> None:
    sneaky = 'Armenia" ) } DROP ALL ; SELECT * { ("'
    result = select(store, "SELECT DISTINCT ?s WHERE { ?s rdfs:label ?name }", bindings={"name": sneaky})
    assert result.rows == ()
