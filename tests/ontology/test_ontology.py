"""ontology/conflict.ttl: parses, documents every term, states the agreed axioms."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.namespace import CKG, SEM
from kg.resources import ONTOLOGY_DIR

SCHEMA = Namespace("https://schema.org/")
NS = str(CKG._NS)
TERMS = sorted(CKG.__annotations__)
ONTOLOGY = URIRef("https://w3id.org/conflict-kg/ontology")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "conflict.ttl", format="turtle")


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    for predicate in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, DCTERMS.license):
        assert ontology.value(ONTOLOGY, predicate) is not None, predicate
    assert ontology.value(ONTOLOGY, DCTERMS.creator) == Literal("kg contributors")


@pytest.mark.parametrize("name", TERMS)
def test_term_has_one_kind_a_label_and_a_definition(ontology: Graph, name: str) -> None:
    term = URIRef(NS + name)
    kinds = {k for k in ontology.objects(term, RDF.type) if k in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)}
    assert len(kinds) == 1
    assert len(list(ontology.objects(term, RDFS.label))) == 1
    assert len(list(ontology.objects(term, SKOS.definition))) == 1
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in ontology


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (CKG.Person, CKG.Actor), (CKG.Organization, CKG.Actor), (CKG.Country, CKG.Actor),
        (CKG.Country, CKG.Location), (CKG.City, CKG.Location), (CKG.Region, CKG.Location),
        (CKG.GovernmentBody, CKG.Organization), (CKG.MilitaryForce, CKG.Organization),
        (CKG.ArmedGroup, CKG.Organization), (CKG.InternationalOrganization, CKG.Organization),
        (CKG.Media, CKG.Organization), (CKG.Accuse, CKG.Disapprove), (CKG.Statement, CKG.Event),
        (CKG.Article, SCHEMA.NewsArticle), (CKG.Article, PROV.Entity), (CKG.Mention, PROV.Entity),
        (CKG.Actor, SEM.Actor), (CKG.Actor, PROV.Agent), (CKG.Person, SCHEMA.Person),
        (CKG.Organization, SCHEMA.Organization), (CKG.Location, SEM.Place),
        (CKG.Location, SCHEMA.Place), (CKG.Event, SEM.Event),
    ],
)
def test_class_axioms(ontology: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in ontology


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (CKG.agent, SEM.hasActor), (CKG.target, SEM.hasActor), (CKG.location, SEM.hasPlace),
        (CKG.date, SEM.hasTimeStamp), (CKG.claimedBy, PROV.wasAttributedTo),
        (CKG.speaker, PROV.wasAttributedTo), (CKG.inArticle, PROV.wasDerivedFrom),
    ],
)
def test_property_axioms(ontology: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subPropertyOf, sup) in ontology


def test_class_hierarchy_has_no_cycles(ontology: Graph) -> None:
    for name in TERMS:
        term = URIRef(NS + name)
        above = set(ontology.transitive_objects(term, RDFS.subClassOf)) - {term}
        assert term not in {x for a in above for x in ontology.transitive_objects(a, RDFS.subClassOf)}


# The README: every term documented, every Turtle example valid.

PREFIXES = """
@base <https://w3id.org/conflict-kg/id/> .
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix id: <https://w3id.org/conflict-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


@pytest.fixture(scope="module")
def readme() -> str:
    return (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")


def _turtle_blocks(readme: str) -> list[str]:
    return re.findall(r"```turtle\n(.*?)```", readme, flags=re.S)


def test_readme_examples_are_valid_turtle(readme: str) -> None:
    blocks = _turtle_blocks(readme)
    assert blocks
    for block in blocks:
        Graph().parse(data=PREFIXES + block, format="turtle")


@pytest.mark.parametrize("name", TERMS)
def test_readme_documents_and_shows_every_term(readme: str, name: str) -> None:
    assert re.search(rf"`ckg:{name}`", readme), f"ckg:{name} has no entry in ontology/README.md"
    examples = Graph()
    for block in _turtle_blocks(readme):
        examples.parse(data=PREFIXES + block, format="turtle")
    term = URIRef(NS + name)
    assert (None, term, None) in examples or (None, None, term) in examples, f"no Turtle example uses ckg:{name}"
