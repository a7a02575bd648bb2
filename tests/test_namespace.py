"""The Python namespace and the ontology files declare the same ``ckg:`` terms."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespace import CKG, PLOVER_TYPES
from kg.resources import ONTOLOGY_DIR

NS = str(CKG._NS)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def _ontology() -> Graph:
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _declared(graph: Graph) -> set[str]:
    return {
        str(term)[len(NS):]
        for kind in KINDS
        for term in graph.subjects(RDF.type, kind)
        if str(term).startswith(NS)
    }


def test_python_terms_are_declared_in_the_ontology() -> None:
    missing = set(CKG.__annotations__) - _declared(_ontology())
    assert not missing, f"declare these in ontology/conflict.ttl: {sorted(missing)}"


def test_ontology_terms_are_in_the_python_namespace() -> None:
    missing = _declared(_ontology()) - set(CKG.__annotations__)
    assert not missing, f"add these to kg/namespace.py: {sorted(missing)}"


def test_every_ckg_iri_used_in_the_ontology_files_is_declared() -> None:
    graph = _ontology()
    used = {str(t)[len(NS):] for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used <= set(CKG.__annotations__), sorted(used - set(CKG.__annotations__))


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        CKG.Actr  # noqa: B018


@pytest.mark.parametrize("plover", PLOVER_TYPES)
def test_each_plover_type_is_an_event_class(plover: str) -> None:
    term = getattr(CKG, plover.title())
    assert (term, RDFS.subClassOf, CKG.Event) in _ontology()
