"""The on-disk (or in-memory) RDF store and its query results.

>>> from kg.store import Store
>>> with Store.open() as store:
...     store.query("ASK { ?s ?p ?o }")
False
"""

from __future__ import annotations

from kg.store.prefixes import PREFIXES, expand_curie
from kg.store.results import GraphResult, QueryResult, SelectResult, Value
from kg.store.bulk import LoadReport, RemoveReport, load_files, remove_articles, write_article_graphs
from kg.store.store import Store
from kg.store.writes import ArticleData, ArticleWriteError, WriteReport

__all__ = [
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
    "remove_articles",
    "write_article_graphs",
]
