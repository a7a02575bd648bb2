"""Helpers of the query-library tests: the made-up world loaded graph by graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ids import ENTITY_GRAPH
from kg.store import Store

WORLD = Path(__file__).resolve().parent / "fixtures" / "world.trig"
ID = "https://w3id.org/conflict-kg/id/"
CKG = "https://w3id.org/conflict-kg/ontology#"


def world_graphs(path: Path = WORLD) -> dict[str, str]:
    """``{graph IRI: N-Triples}`` of a TriG file, one entry per article graph.

    An entity graph in the file is left out: a store derives it from the
    articles' records (:mod:`kg.store.entities`).
    """
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in ox.parse(path.read_bytes(), format=ox.RdfFormat.TRIG):
        if quad.graph_name.value == ENTITY_GRAPH:
            continue
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    return {iri: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode() for iri, triples in graphs.items()}


@pytest.fixture
def world() -> dict[str, str]:
    return world_graphs()


@pytest.fixture
def world_store(world: dict[str, str]) -> Store:
    store = Store.open()
    store.replace_articles(world.items())
    return store
