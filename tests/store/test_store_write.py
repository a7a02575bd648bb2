"""Replacing and removing article graphs: atomic, idempotent, failures contained."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
import rdflib.compare

from kg.errors import StoreError
from kg.mapping.layout import arrange_article
from kg.store import ArticleWriteError, Store

A = "https://w3id.org/conflict-kg/id/article/a"
B = "https://w3id.org/conflict-kg/id/article/b"
CKG = "https://w3id.org/conflict-kg/ontology#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def article(iri: str, text: str, *, digest: str = "h1") -> str:
    return (
        f"<{iri}> <{TYPE}> <{CKG}Article> .\n"
        f'<{iri}> <{CKG}articleText> "{text}" .\n'
        f'<{iri}> <{CKG}contentHash> "{digest}" .\n'
        f'<https://w3id.org/conflict-kg/id/country/arm> <http://www.w3.org/2000/01/rdf-schema#label> "Armenia" .\n'
    )


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    opened = Store.open(None if request.param == "memory" else tmp_path / "store")
    request.addfinalizer(opened.close)
    return opened


def test_replace_same_article_twice_changes_nothing(store: Store) -> None:
    store.replace_articles([(A, article(A, "first"))])
    once = store.count_triples()
    report = store.replace_articles([(A, article(A, "first"))])
    assert report.written == (A,)
    # three statements of its own, its record of Armenia (two), Armenia's label in the entity graph
    assert store.count_triples() == once == 6


def test_replace_drops_what_the_new_version_lacks(store: Store) -> None:
    store.replace_articles([(A, article(A, "old text", digest="h1"))])
    store.replace_articles([(A, article(A, "new text", digest="h2"))])
    texts = store.query(f"SELECT ?t WHERE {{ <{A}> <{CKG}articleText> ?t }}")
    assert not isinstance(texts, bool) and texts.rows == (("new text",),)
    assert store.article_hash(A) == "h2"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (f'<{A}> <{CKG}articleText> "unterminated .\n', "line"),
        (f"<{A}> <{CKG}partOf> _:b0 .\n", "blank node"),
        (f"<{A}> <{CKG}partOf> <{B}> <https://example.org/other> .\n", "not in"),
        ("<not an iri> <p> <o> .\n", ""),
    ],
    ids=["syntax", "blank-node", "other-graph", "relative-iri"],
)
def test_failing_article_leaves_store_as_it_was(store: Store, bad: str, reason: str) -> None:
    store.replace_articles([(A, article(A, "kept"))])
    before = sorted(store.dump_graph(A).splitlines())
    report = store.replace_articles([(A, bad), (B, article(B, "other"))], strict=False)
    assert [iri for iri, _ in report.failed] == [A]
    assert reason in report.failed[0][1]
    assert report.written == (B,)
    assert sorted(store.dump_graph(A).splitlines()) == before


def test_strict_batch_writes_good_articles_then_raises(store: Store) -> None:
    with pytest.raises(ArticleWriteError) as caught:
        store.replace_articles([(A, "garbage"), (B, article(B, "fine"))])
    assert isinstance(caught.value, StoreError)
    assert caught.value.report.written == (B,)
    assert A in str(caught.value)
    assert store.article_iris() == [B]


def test_bad_graph_iri_is_reported(store: Store) -> None:
    report = store.replace_articles([("not an iri", article(A, "x"))], strict=False)
    assert not report.ok and report.failed[0][0] == "not an iri"
    assert store.count_triples() == 0


def test_rdflib_graph_and_dataset_are_accepted(store: Store) -> None:
    graph = rdflib.Graph(identifier=rdflib.URIRef("urn:ignored:name"))
    graph.parse(data=article(A, "from rdflib"), format="nt")
    dataset = rdflib.Dataset()
    dataset.graph(rdflib.URIRef(B)).parse(data=article(B, "from a dataset"), format="nt")
    store.replace_articles([(A, graph), (B, dataset)])
    assert store.article_iris() == [A, B]
    assert store.count_triples() == 2 * 5 + 1  # Armenia's label once, in the entity graph


def test_remove_articles(store: Store) -> None:
    store.replace_articles([(A, article(A, "a")), (B, article(B, "b"))])
    assert store.remove_articles([A, "https://w3id.org/conflict-kg/id/article/never"]) == 1
    assert store.article_iris() == [B]
    assert store.article_hash(A) is None


def test_article_hashes(store: Store) -> None:
    store.replace_articles([(A, article(A, "a", digest="ha")), (B, article(B, "b", digest="hb"))])
    assert store.article_hashes() == {A: "ha", B: "hb"}
    assert store.article_hash(B) == "hb"


def test_article_graph_round_trip(store: Store) -> None:
    store.replace_articles([(A, article(A, "a"))])
    expected = rdflib.Graph().parse(data=arrange_article(A, article(A, "a")).article, format="nt")
    got = store.article_graph(A)
    assert rdflib.compare.isomorphic(got, expected)
    assert str(got.identifier) == A


def test_literal_with_quotes_braces_and_newlines_is_stored_exactly(store: Store) -> None:
    tricky = 'He said "stop" } ; DROP ALL ; {\nnext line \\ done'
    graph = rdflib.Graph()
    graph.add((rdflib.URIRef(A), rdflib.URIRef(CKG + "articleText"), rdflib.Literal(tricky)))
    store.replace_articles([(A, graph)])
    result = store.query(f"SELECT ?t WHERE {{ <{A}> <{CKG}articleText> ?t }}")
    assert not isinstance(result, bool) and result.rows == ((tricky,),)


def test_count_helpers(world_store: Store) -> None:
    assert world_store.count("articles") == 3
    assert world_store.count("mentions") == 22
    assert world_store.count("entities") == 15
    assert world_store.count("Person") == 3
    assert world_store.count("events") == 0
    assert world_store.class_counts()["City"] == 3
    rows = dict(world_store.counts())
    assert rows["articles"] == 3 and rows["class Country"] == 2
    with pytest.raises(StoreError, match="unknown kind"):
        world_store.count("people")
