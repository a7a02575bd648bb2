"""Export: every format parses back to what was loaded, and the bytes never vary."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import rdflib
import rdflib.compare
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.export import FORMATS, export
from kg.ids import ENTITY_GRAPH
from kg.mapping.layout import arrange_article, ntriples_lines
from kg.store import Store

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}


def exported(store: Store, format: str, **kwargs: int) -> bytes:
    out = io.BytesIO()
    export(store, format=format, out=out, **kwargs)
    return out.getvalue()


def quads_of(dataset: rdflib.Dataset) -> set[tuple[rdflib.term.Node, ...]]:
    return {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None)) if g is not None}


def arranged(world: dict[str, str]) -> dict[str, str]:
    """The world's graphs as the store lays them out: article graphs, and the entity graph."""
    graphs = {iri: arrange_article(iri, ntriples) for iri, ntriples in world.items()}
    entities = {line for a in graphs.values() for line in ntriples_lines(a.descriptions)}
    return {**{iri: a.article for iri, a in graphs.items()}, ENTITY_GRAPH: "".join(sorted(entities))}


def union_of(world: dict[str, str]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for ntriples in arranged(world).values():
        graph.parse(data=ntriples, format="nt")
    return graph


def dataset_of(world: dict[str, str]) -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    for iri, ntriples in arranged(world).items():
        dataset.graph(rdflib.URIRef(iri)).parse(data=ntriples, format="nt")
    return dataset


@pytest.mark.parametrize("format", ["nt", "ttl"])
def test_union_formats_round_trip(world_store: Store, world: dict[str, str], format: str) -> None:
    parsed = rdflib.Graph().parse(data=exported(world_store, format), format=RDFLIB_FORMAT[format])
    expected = union_of(world)
    assert len(parsed) == len(expected)
    assert rdflib.compare.isomorphic(parsed, expected), rdflib.compare.graph_diff(parsed, expected)


@pytest.mark.parametrize("format", ["nq", "trig", "jsonld"])
def test_dataset_formats_round_trip(world_store: Store, world: dict[str, str], format: str) -> None:
    parsed = rdflib.Dataset()
    parsed.parse(data=exported(world_store, format), format=RDFLIB_FORMAT[format])
    assert quads_of(parsed) == quads_of(dataset_of(world))


@pytest.mark.parametrize("format", FORMATS)
def test_same_content_gives_same_bytes(world: dict[str, str], tmp_path: Path, format: str) -> None:
    forward = Store.open()
    forward.replace_articles(world.items())
    with Store.open(tmp_path / "disk") as backward:
        backward.replace_articles(reversed(list(world.items())))
        assert exported(backward, format) == exported(forward, format) == exported(forward, format)


def test_ntriples_are_sorted_and_unique(world_store: Store) -> None:
    lines = exported(world_store, "nt").splitlines()
    assert lines == sorted(set(lines))
    # entities described in several article graphs are written once
    armenia_like = [line for line in lines if line.startswith(b"<https://w3id.org/conflict-kg/id/country/xks> <http://www.w3.org/2000/01/rdf-schema#label>")]
    assert len(armenia_like) == 1


def test_nquads_keep_one_line_per_statement(world_store: Store) -> None:
    lines = exported(world_store, "nq").splitlines()
    assert len(lines) == world_store.count_triples()


@pytest.mark.parametrize("chunk_lines", [1, 7, 100])
def test_external_sort_in_small_chunks_gives_the_same_bytes(world_store: Store, chunk_lines: int) -> None:
    assert exported(world_store, "nt", chunk_lines=chunk_lines) == exported(world_store, "nt")


def test_turtle_and_jsonld_use_the_fixed_prefixes(world_store: Store) -> None:
    turtle = exported(world_store, "ttl").decode()
    for prefix in ("ckg", "id", "rdfs", "skos", "owl", "xsd", "dcterms", "prov", "schema", "sem"):
        assert f"@prefix {prefix}: " in turtle
    document = json.loads(exported(world_store, "jsonld"))
    assert document["@context"]["ckg"] == "https://w3id.org/conflict-kg/ontology#"
    graph_names = [entry["@id"] for entry in document["@graph"]]
    assert graph_names == sorted(graph_names) == [
        "id:article/demo-1", "id:article/demo-2", "id:article/demo-3", "id:graph/entities"]


def test_unknown_format_lists_the_valid_ones(world_store: Store) -> None:
    with pytest.raises(KgError, match="jsonld, nq, nt, trig, ttl"):
        exported(world_store, "rdfxml")


def test_empty_store_exports_parse(tmp_path: Path) -> None:
    store = Store.open()
    for format in FORMATS:
        data = exported(store, format)
        assert len(rdflib.Dataset().parse(data=data, format=RDFLIB_FORMAT[format])) == 0


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(_text, min_size=1, max_size=5), lang=st.sampled_from([None, "en", "hy"]))
def test_any_literal_survives_every_format(values: list[str], lang: str | None) -> None:
    graph = rdflib.Graph()
    subject = rdflib.URIRef("https://w3id.org/conflict-kg/id/article/h")
    for i, value in enumerate(values):
        graph.add((subject, rdflib.URIRef(f"https://w3id.org/conflict-kg/ontology#text{i}"), rdflib.Literal(value, lang=lang)))
    store = Store.open()
    store.replace_articles([(str(subject), graph)])
    for format in FORMATS:
        parsed = rdflib.Dataset()
        parsed.parse(data=exported(store, format), format=RDFLIB_FORMAT[format])
        assert {(s, p, o) for s, p, o, _ in parsed.quads((None, None, None, None))} == set(graph), format


_EXPORT_IN_A_NEW_PROCESS = """
import sys
import pyoxigraph as ox
from kg.export import export
from kg.store import Store
graphs = {}
for quad in ox.parse(open(sys.argv[1], "rb").read(), format=ox.RdfFormat.TRIG):
    graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
store = Store.open()
store.replace_articles((g, ox.serialize(t, format=ox.RdfFormat.N_TRIPLES)) for g, t in graphs.items())
export(store, format=sys.argv[2], out=sys.stdout.buffer)
"""


@pytest.mark.parametrize("format", ["ttl", "trig", "jsonld"])
def test_bytes_do_not_depend_on_the_process(format: str) -> None:
    import os
    import subprocess
    import sys

    world = Path(__file__).resolve().parents[1] / "queries" / "fixtures" / "world.trig"
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _EXPORT_IN_A_NEW_PROCESS, str(world), format],
            env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1] and outputs[0]
