"""The layout on a real corpus (the Wikinews session store): each description once, queries without duplicates."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ids import ENTITY_GRAPH, ONTOLOGY_BASE
from kg.mapping.layout import merge_descriptions
from kg.queries import bind_params, list_queries
from kg.store import SelectResult, Store, remove_articles
from kg.store.entities import records

# values for the required parameters of library queries, as the benchmark gives them
REQUIRED = {"iri": "id:country/rus", "code": "RUS", "date": "2020-01-01", "integer": "10",
            "decimal": "0", "boolean": "false", "string": "Russia"}
IN_ARTICLE = ox.NamedNode(ONTOLOGY_BASE + "inArticle")


@pytest.fixture(scope="module")
def store(wikinews_store: Path) -> Store:
    opened = Store.open(wikinews_store, read_only=True)
    yield opened  # type: ignore[misc]
    opened.close()


def _union_of_records(store: Store) -> set[ox.Triple]:
    """What the entity graph must hold: the articles' records merged."""
    found: set[ox.Triple] = set()
    for iri in store.article_iris():
        found |= records(store._store, ox.NamedNode(iri))
    return merge_descriptions(found)


def test_each_country_is_listed_once(store: Store) -> None:
    result = store.query("SELECT ?label WHERE { ?c a ckg:Country ; rdfs:label ?label }")
    assert isinstance(result, SelectResult)
    labels = [row[0] for row in result.rows]
    assert "United States" in labels
    assert len(labels) == len(set(labels)) > 50


def test_every_statement_is_in_one_graph(store: Store) -> None:
    inner = store._store
    seen: Counter[ox.Triple] = Counter(quad.triple for quad in inner)
    assert [t for t, n in seen.items() if n > 1][:5] == []


def test_article_graphs_hold_only_their_own_nodes_and_the_entity_graph_their_records(store: Store) -> None:
    inner = store._store
    owners = {q.subject: q.object for q in inner.quads_for_pattern(None, IN_ARTICLE, None, None)}
    entities = ox.NamedNode(ENTITY_GRAPH)
    for quad in inner:
        if quad.graph_name == entities:
            continue
        assert quad.subject == quad.graph_name or owners.get(quad.subject) == quad.graph_name, quad
    in_graph = set(inner.quads_for_pattern(None, None, None, entities))
    assert {q.triple for q in in_graph} == _union_of_records(store)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_library_queries_give_each_row_once(store: Store, query: object) -> None:
    values = {p.name: REQUIRED.get(p.type, "Russia") for p in query.params if p.required}  # type: ignore[attr-defined]
    result = store.query(bind_params(query, values))  # type: ignore[arg-type]
    assert isinstance(result, SelectResult)
    rows = [tuple(map(str, row)) for row in result.rows]
    assert len(rows) == len(set(rows))


def test_mention_counts_are_counts_of_mentions(store: Store) -> None:
    inner = store._store
    mentions: Counter[str] = Counter(
        q.object.value for q in inner.quads_for_pattern(None, ox.NamedNode(ONTOLOGY_BASE + "mentionOf"), None, None))
    result = store.query(bind_params(next(q for q in list_queries() if q.name == "actors_by_mentions"), {"limit": "20"}))
    assert isinstance(result, SelectResult)
    column = list(result.variables).index("mentions")
    assert len(result.rows) == 20
    for row in result.rows:
        assert row[column] == mentions[str(row[0])]


def test_removing_articles_rederives_the_entity_graph(wikinews_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(wikinews_store, copy)
    with Store.open(copy) as store:
        articles = store.article_iris()
        gone = articles[::37]
        said = merge_descriptions(set().union(*(records(store._store, ox.NamedNode(a)) for a in gone)))
        report = remove_articles(store, gone)
        assert report.removed == tuple(gone)
        remaining = _union_of_records(store)
        in_graph = {q.triple for q in store._store.quads_for_pattern(None, None, None, ox.NamedNode(ENTITY_GRAPH))}
        assert in_graph == remaining
        # what only the removed articles said is gone (aliases among it), the rest stays
        assert said - remaining and not (said - remaining) & in_graph
        assert said & remaining <= in_graph
