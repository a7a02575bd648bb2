"""Removing articles, and what only they said of entities.

>>> from kg.store import Store, write_article_graphs
>>> a = "https://w3id.org/conflict-kg/id/article/demo"
>>> with Store.open() as store:
...     _ = write_article_graphs(store, [(a,
...         f"<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/conflict-kg/ontology#Article> .\\n"
...         '<https://w3id.org/conflict-kg/id/country/arm> <http://www.w3.org/2000/01/rdf-schema#label> "Armenia" .\\n')])
...     report = remove_articles(store, ["demo"])
...     store.query("ASK { ?x ?p ?o }")
False
>>> report.removed, report.orphans
(('https://w3id.org/conflict-kg/id/article/demo',), 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import StoreError
from kg.ids import ENTITY_GRAPH, ID_BASE, ONTOLOGY_BASE, article_iri
from kg.store.derived import refresh_derived
from kg.store.entities import entity_changes, records
from kg.store.store import Store

__all__ = ["RemoveReport", "remove_articles"]

_ARTICLE = ox.NamedNode(ONTOLOGY_BASE + "Article")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class RemoveReport:
    """What :func:`remove_articles` did.

    Attributes
    ----------
    removed : tuple of str
        Article graph IRIs dropped.
    missing : tuple of str
        Articles asked for that the store does not hold.
    orphans : int
        Entities (and conflicts) no remaining article describes: gone from the
        entity graph, and their statements in other graphs deleted too.
    """

    removed: tuple[str, ...]
    missing: tuple[str, ...]
    orphans: int


def _graph_iri(article: str) -> str:
    return article if article.startswith(ID_BASE + "article/") else article_iri(article)


def remove_articles(store: Store, articles: Iterable[str]) -> RemoveReport:
    """Remove articles and whatever only they said, one transaction per article.

    Each article's graph is dropped, and the entities it described are
    derived again from the records of the articles that describe them too
    (:func:`kg.store.entities.entity_changes`), so an alias only it saw goes
    and the rest stays. What other named graphs (the analytics
    graph) or the default graph say about entities no remaining article
    describes is deleted in the same transaction. Derived graphs are then
    refreshed (:mod:`kg.store.derived`).

    Parameters
    ----------
    store : Store
        An open, writable store.
    articles : iterable of str
        Article ids (as in the input: source id, URL or content hash) or
        article IRIs.

    Returns
    -------
    RemoveReport
    """
    inner = store._writable()
    removed: list[str] = []
    missing: list[str] = []
    orphaned = 0
    articles_now = {
        q.graph_name for q in inner.quads_for_pattern(None, _TYPE, _ARTICLE, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name == q.subject
    }
    # the graphs that are neither articles nor the entity graph (analytics), and the default graph
    others = sorted(
        g.value for g in inner.named_graphs()
        if isinstance(g, ox.NamedNode) and g not in articles_now and g.value != ENTITY_GRAPH
    )
    scopes = [(f"GRAPH <{g}> {{", "}") for g in others] + [("", "")]
    for article in articles:
        iri = _graph_iri(article)
        try:
            node = ox.NamedNode(iri)
        except ValueError as e:
            raise StoreError(f"cannot remove {article!r}: not an article id or IRI ({e})") from e
        if not inner.contains_named_graph(node):
            missing.append(article)
            continue
        subjects = {t.subject for t in records(inner, node) if isinstance(t.subject, ox.NamedNode)}
        changes = entity_changes(inner, set(), rederive=subjects, without={node})
        update = [f"DROP SILENT GRAPH <{iri}>", *changes.update()]
        if changes.orphans:
            values = " ".join(f"<{s}>" for s in changes.orphans)
            for open_, close in scopes:
                for pattern in ("?x ?p ?o", "?s ?p ?x"):
                    update.append(
                        f"DELETE {{ {open_} {pattern} {close} }} "
                        f"WHERE {{ VALUES ?x {{ {values} }} {open_} {pattern} {close} }}"
                    )
        try:
            inner.update(" ;\n".join(update))
        except OSError as e:
            raise StoreError(f"removing {iri} from the store at {store.path or 'memory'} failed: {e}") from e
        removed.append(iri)
        orphaned += len(changes.orphans)
    refresh_derived(store, articles=removed)
    return RemoveReport(removed=tuple(removed), missing=tuple(missing), orphans=orphaned)
