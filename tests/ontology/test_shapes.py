"""ontology/shapes.ttl: well-formed SHACL, with a message on every constraint."""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.namespace import CKG
from kg.resources import ONTOLOGY_DIR


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    # meta_shacl checks the shapes graph against the SHACL-for-SHACL shapes.
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_every_property_shape_and_constraint_has_a_message(shapes: Graph) -> None:
    property_shapes = set(shapes.objects(None, SH.property))
    sparql = set(shapes.objects(None, SH.sparql))
    assert property_shapes and sparql
    for shape in property_shapes | sparql:
        assert shapes.value(shape, SH.message) is not None, shapes.value(shape, SH.path)


def test_node_constraints_have_a_message(shapes: Graph) -> None:
    for shape in shapes.subjects(SH["class"], None):
        if (shape, RDF.type, SH.NodeShape) in shapes:
            assert shapes.value(shape, SH.message) is not None, shape


@pytest.mark.parametrize(
    "cls", [CKG.Article, CKG.Mention, CKG.Actor, CKG.Location, CKG.Country, CKG.Event, CKG.Claim, CKG.Conflict]
)
def test_main_classes_have_a_shape(shapes: Graph, cls: URIRef) -> None:
    assert (None, SH.targetClass, cls) in shapes


def test_shapes_use_only_declared_terms(shapes: Graph) -> None:
    namespace = str(CKG._NS)
    used = {str(t)[len(namespace):] for triple in shapes for t in triple if str(t).startswith(namespace)}
    assert used <= set(CKG.__annotations__), sorted(used - set(CKG.__annotations__))
