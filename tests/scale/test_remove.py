"""Removing articles: their graphs go, entities only they mentioned go (also from other graphs), shared ones stay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Config
from kg.ids import ID_BASE, ONTOLOGY_BASE, article_iri
from kg.pipeline import build
from kg.store import Store
from kg.store import remove_articles, write_article_graphs
from tests.scale.conftest import export_bytes, write_articles

KEEP = ["scale-001", "scale-002"]
GONE = "scale-006"
SIDE_GRAPH = ID_BASE + "graph/analytics"


def _entities(store: Store, article: str) -> set[str]:
    result = store.query(
        "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?g ckg:describes ?e } ?e a ?c VALUES ?c { ckg:Actor ckg:Location } }",
        bindings={"g": ox.NamedNode(article_iri(article))},
    )
    assert not isinstance(result, bool)
    return {str(row[0]) for row in result.rows}  # type: ignore[union-attr]


@pytest.fixture
def built(tmp_path: Path, config: Config) -> Iterator[Store]:
    store = Store.open(tmp_path / "store")
    build([str(write_articles(tmp_path / "in.jsonl", [*KEEP, GONE]))], store=store, config=config)
    yield store
    store.close()


def test_removal_equals_a_build_without_the_article(built: Store, tmp_path: Path, config: Config) -> None:
    report = remove_articles(built, [GONE])
    with Store.open(tmp_path / "without") as fresh:
        build([str(write_articles(tmp_path / "keep.jsonl", KEEP))], store=fresh, config=config)
        expected = export_bytes(fresh)
    assert report.removed == (article_iri(GONE),)
    assert export_bytes(built) == expected


def test_orphans_leave_other_graphs_and_shared_entities_stay(built: Store) -> None:
    kept = _entities(built, KEEP[0]) | _entities(built, KEEP[1])
    gone = _entities(built, GONE)
    orphans, shared = gone - kept, gone & kept
    assert orphans and shared  # the articles were written so that both kinds exist
    orphan, friend = min(orphans), min(shared)
    side = "".join(
        f"<{node}> <{ONTOLOGY_BASE}pagerank> \"0.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n"
        for node in (orphan, friend)
    )
    write_article_graphs(built, [(SIDE_GRAPH, side)])

    report = remove_articles(built, [article_iri(GONE)])

    assert report.orphans == len(orphans)
    for node in orphans:
        assert not built.query(f"ASK {{ {{ <{node}> ?p ?o }} UNION {{ ?s ?p <{node}> }} }}")
    for node in shared:
        assert built.query(f"ASK {{ <{node}> a ?c }}")
    assert built.query(f"ASK {{ GRAPH <{SIDE_GRAPH}> {{ <{friend}> ckg:pagerank ?x }} }}")
    assert built.article_iris() == sorted(article_iri(a) for a in KEEP)


def test_unknown_articles_are_reported_missing(built: Store) -> None:
    before = built.count_triples()
    report = remove_articles(built, ["no-such-article"])
    assert report.removed == () and report.missing == ("no-such-article",)
    assert built.count_triples() == before
