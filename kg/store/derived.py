"""Derived graphs: named graphs computed from the article graphs, kept up to date by build and remove.

The entity graph is the first such graph, kept in the same transaction as
each article (:mod:`kg.store.entities`). Other graphs derived from many
articles at once (incidents grouping reports of one event across articles, a
cross-article merge of actors) follow this protocol: a :class:`DerivedGraph`
is told which articles were written or removed and brings its graph up to
date for them, reading the store as it now is. Builds call it for each batch
after the batch's graphs and before its content hashes, so a killed build
refreshes again what it rebuilds; removal calls it after the articles went.
A refresh must be a pure function of the store's content (the same articles
give the same graph, whatever the order) for exports to stay byte-identical.

The graphs a store keeps are :attr:`kg.store.Store.derived`, by default
:data:`DERIVED_GRAPHS`. To add one, write a class with an ``iri`` and a
``refresh`` method and list an instance there.

>>> from kg.store import Store
>>> class Count:
...     iri = "https://w3id.org/conflict-kg/id/graph/count"
...     def refresh(self, store, *, articles):
...         n = len(store.article_iris())
...         store.replace_articles([(self.iri, f'<{self.iri}> <http://example.org/articles> "{n}" .')])
>>> with Store.open() as store:
...     store.derived = (Count(),)
...     _ = store.replace_articles([("https://w3id.org/conflict-kg/id/article/a",
...         "<https://w3id.org/conflict-kg/id/article/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
...         "<https://w3id.org/conflict-kg/ontology#Article> .")])
...     refresh_derived(store, articles=["https://w3id.org/conflict-kg/id/article/a"])
...     store.query("SELECT ?n WHERE { ?g <http://example.org/articles> ?n }").rows
(('1',),)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = ["DERIVED_GRAPHS", "DerivedGraph", "refresh_derived"]


class DerivedGraph(Protocol):
    """A named graph that is a function of the article graphs."""

    #: The graph's IRI (under ``https://w3id.org/conflict-kg/id/graph/``).
    iri: str

    def refresh(self, store: Store, *, articles: Sequence[str]) -> None:
        """Bring the graph up to date after ``articles`` (IRIs) were written, rebuilt or removed."""
        ...


#: The derived graphs every store keeps, besides the entity graph.
DERIVED_GRAPHS: tuple[DerivedGraph, ...] = ()


def refresh_derived(store: Store, *, articles: Sequence[str]) -> None:
    """Refresh every derived graph of ``store`` for ``articles`` (nothing to do when empty)."""
    if not articles:
        return
    for graph in store.derived:
        graph.refresh(store, articles=articles)
