"""The on-disk (or in-memory) RDF store and its query results.

A store holds one named graph per article and the entity graph, which
describes each actor, place and conflict once (:mod:`kg.store.entities`).

>>> from kg.store import Store
>>> with Store.open() as store:
...     store.query("ASK { ?s ?p ?o }")
False
"""

from __future__ import annotations

from kg.store.prefixes import PREFIXES, expand_curie
from kg.store.results import GraphResult, QueryResult, SelectResult, Value
from kg.store.bulk import write_article_graphs, write_new_article_graphs
from kg.store.entities import ENTITY_GRAPH, migrate_layout
from kg.store.load import LoadReport, load_files
from kg.store.remove import RemoveReport, remove_articles
from kg.store.store import Store
from kg.store.writes import ArticleData, ArticleWriteError, WriteReport

__all__ = [
    "ENTITY_GRAPH",
    "PREFIXES",
    "ArticleData",
    "ArticleWriteError",
    "GraphResult",
    "LoadReport",
    "QueryResult",
    "RemoveReport",
    "SelectResult",
    "Store",
    "Value",
    "WriteReport",
    "expand_curie",
    "load_files",
    "migrate_layout",
    "remove_articles",
    "write_article_graphs",
    "write_new_article_graphs",
]
