"""Articles written many at a time: content by the bulk loader, each content hash last."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.config import Config
from kg.ids import ONTOLOGY_BASE
from kg.pipeline import build
from kg.store import Store
from kg.store.bulk import write_new_article_graphs
from tests.scale.conftest import ARTICLES, export_bytes

_HASH = f"<{ONTOLOGY_BASE}contentHash>"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _article(iri: str, extra: str = "") -> str:
    return (f"<{iri}> {_TYPE} <{ONTOLOGY_BASE}Article> .\n"
            f"<{iri}> {_HASH} \"h-{iri[-1]}\" .\n{extra}")


def test_a_batch_writes_every_graph_with_its_hash() -> None:
    iris = [f"https://w3id.org/conflict-kg/id/article/t{n}" for n in range(3)]
    with Store.open() as store:
        report = write_new_article_graphs(store, [(iri, _article(iri)) for iri in iris])
        assert report.written == tuple(iris) and not report.failed
        assert {iri: store.article_hash(iri) for iri in iris} == {iri: f"h-{iri[-1]}" for iri in iris}


def test_a_bad_article_leaves_the_rest_of_its_batch_written(tmp_path: Path) -> None:
    good, bad, other = (f"https://w3id.org/conflict-kg/id/article/{k}" for k in ("a", "b", "c"))
    with Store.open(tmp_path / "store") as store:
        report = write_new_article_graphs(store, [
            (good, _article(good)), (bad, _article(bad, "<x> <y> \"unterminated .\n")), (other, _article(other))])
        assert set(report.written) == {good, other}
        assert [iri for iri, _ in report.failed] == [bad]
        assert not store._store.contains_named_graph(ox.NamedNode(bad))
        assert store.article_hash(good) and store.article_hash(other)


def test_graphs_left_without_their_hash_are_rebuilt(tmp_path: Path, clean_export: bytes, config: Config) -> None:
    """What a build killed between the bulk load and the hashes leaves: the next build replaces it."""
    content = b"".join(line + b"\n" for line in clean_export.splitlines() if _HASH.encode() not in line)
    with Store.open(tmp_path / "store") as store:
        store._store.bulk_load(input=content, format=ox.RdfFormat.N_QUADS)
        assert store.article_hashes() == {}
        report = build([str(ARTICLES)], store=store, config=config)
        assert report.built == len(store.article_iris()) and not report.failed
        assert export_bytes(store) == clean_export
