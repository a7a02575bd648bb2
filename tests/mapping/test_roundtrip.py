"""Invariants of the mapping on any extraction: determinism and lossless round trips."""

from __future__ import annotations

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.ids import ENTITY_GRAPH, article_iri
from kg.namespace import CKG
from kg.mapping import extraction_to_graph, extractions_to_dataset, to_nquads
from kg.model import Extraction
from tests.mapping.mapping_samples import extractions

# rdflib's own parsers and serializers use its deprecated dataset API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

SETTINGS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _named_graphs(dataset: Dataset) -> dict[object, set[tuple[object, ...]]]:
    graphs: dict[object, set[tuple[object, ...]]] = {}
    for s, p, o, name in dataset.quads((None, None, None, None)):
        graphs.setdefault(getattr(name, "identifier", name), set()).add((s, p, o))
    return graphs


@SETTINGS
@given(extractions())
def test_mapping_is_deterministic(extraction: Extraction) -> None:
    first, second = extraction_to_graph(extraction), extraction_to_graph(extraction)
    assert set(first) == set(second)
    assert isomorphic(first, second)


@SETTINGS
@given(extractions())
def test_graph_has_no_blank_nodes(extraction: Extraction) -> None:
    graph = extraction_to_graph(extraction)
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


@pytest.mark.parametrize("fmt", ["nt", "turtle", "json-ld"])
@SETTINGS
@given(extraction=extractions())
def test_graph_round_trips(fmt: str, extraction: Extraction) -> None:
    graph = extraction_to_graph(extraction)
    parsed = Graph().parse(data=graph.serialize(format=fmt), format=fmt)
    assert set(parsed) == set(graph)


@pytest.mark.parametrize("fmt", ["trig", "nquads", "json-ld"])
@SETTINGS
@given(extraction=extractions())
def test_dataset_round_trips(fmt: str, extraction: Extraction) -> None:
    dataset = extractions_to_dataset([extraction])
    parsed = Dataset()
    parsed.parse(data=dataset.serialize(format=fmt), format=fmt)
    assert _named_graphs(parsed) == _named_graphs(dataset)


@SETTINGS
@given(extraction=extractions())
def test_to_nquads_reads_back_as_the_dataset(extraction: Extraction) -> None:
    dataset = extractions_to_dataset([extraction])
    text = to_nquads(dataset)
    parsed = Dataset()
    parsed.parse(data=text, format="nquads")
    assert _named_graphs(parsed) == _named_graphs(dataset)
    name = URIRef(article_iri(extraction.article.id))
    assert set(_named_graphs(parsed)) - {URIRef(ENTITY_GRAPH)} == {name}


@SETTINGS
@given(extraction=extractions())
def test_to_nquads_loads_into_oxigraph(extraction: Extraction) -> None:
    text = to_nquads([extraction_to_graph(extraction)])
    store = pyoxigraph.Store()
    store.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    assert len(store) == text.count("\n")
    assert {str(g.value) for g in store.named_graphs()} == {article_iri(extraction.article.id)}


@SETTINGS
@given(extraction=extractions())
def test_to_nquads_is_sorted_and_the_same_for_graphs_or_dataset(extraction: Extraction) -> None:
    from_graph = to_nquads([extraction_to_graph(extraction)])
    lines = from_graph.split("\n")[:-1]  # str.splitlines would also split at U+001E and others
    assert lines == sorted(lines) and from_graph.endswith(" .\n")
    dataset = extractions_to_dataset([extraction])
    from_dataset = to_nquads(dataset)
    assert from_dataset == to_nquads(list(dataset.graphs()))
    # the same statements, arranged: the record's two kinds of lines are the only ones added
    moved = {line.rsplit(" ", 2)[0] for line in from_graph.split("\n")[:-1]}
    kept = {line.rsplit(" ", 2)[0] for line in from_dataset.split("\n")[:-1]
            if f"<{CKG.describes}>" not in line and f"<{CKG.entityStatements}>" not in line}
    assert moved == kept
