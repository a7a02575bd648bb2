"""Bulk loading of N-Quads, N-Triples, Turtle and TriG files into a store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.export import export
from kg.store import Store
from kg.store import load_files
from tests.scale.conftest import export_bytes

G = "https://w3id.org/conflict-kg/id/article/load-test"
S = "<https://w3id.org/conflict-kg/id/country/arm>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


@pytest.mark.parametrize("format", ["nq", "trig"])
def test_loading_an_export_gives_the_same_store(tmp_path: Path, clean_export: bytes, format: str) -> None:
    source = tmp_path / "clean.nq"
    source.write_bytes(clean_export)
    with Store.open(tmp_path / "a") as first:
        load_files(first, [source])
        dump = io.BytesIO()
        export(first, format=format, out=dump)
    shard = tmp_path / f"dump.{format}"
    shard.write_bytes(dump.getvalue())
    with Store.open(tmp_path / "b") as store:
        report = load_files(store, [shard])
        assert export_bytes(store) == clean_export
        assert report.triples == store.count_triples()


def test_loading_a_newer_graph_replaces_the_old_one(tmp_path: Path) -> None:
    old, new = tmp_path / "old.nq", tmp_path / "new.nq"
    old.write_text(f'{S} {LABEL} "Armenia" <{G}> .\n', encoding="utf-8")
    new.write_text(f'{S} {LABEL} "Republic of Armenia" <{G}> .\n', encoding="utf-8")
    with Store.open() as store:
        load_files(store, [old])
        report = load_files(store, [new])
        labels = store.query(f"SELECT ?l WHERE {{ {S} rdfs:label ?l }}")
    assert report.replaced_graphs == 1
    assert [row[0] for row in labels.rows] == ["Republic of Armenia"]  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "text"), [
    ("t.ttl", f'@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n{S} rdfs:label "Armenia" .\n'),
    ("t.nt", f'{S} {LABEL} "Armenia" .\n'),
])
def test_triples_go_to_the_graph_asked_for(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with Store.open() as store:
        load_files(store, [path], graph=G)
        assert store.graph_iris() == [G]
        assert store.query(f'ASK {{ GRAPH <{G}> {{ {S} rdfs:label "Armenia" }} }}')


@pytest.mark.parametrize(("name", "text", "message"), [
    ("bad.nq", "<a> <b> .\n", "not valid"),
    ("data.csv", "a,b\n", "unknown RDF file type"),
    ("missing.nq", None, "no such file"),
])
def test_bad_files_raise_store_errors_naming_them(tmp_path: Path, name: str, text: str | None, message: str) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with Store.open() as store, pytest.raises(StoreError, match=message) as info:
        load_files(store, [path])
    assert name in str(info.value)
