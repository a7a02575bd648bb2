"""The on-disk (or in-memory) RDF store and its query results.

>>> from kg.store import Store
>>> with Store.open() as store:
...     store.query("ASK { ?s ?p ?o }")
False
"""

from __future__ import annotations

from kg.store.prefixes import PREFIXES, expand_curie
from kg.store.results import GraphResult, QueryResult, SelectResult, Value
from kg.store.store import Store
from kg.store.writes import ArticleData, ArticleWriteError, WriteReport

__all__ = [
    "PREFIXES",
    "ArticleData",
    "ArticleWriteError",
    "GraphResult",
    "QueryResult",
    "SelectResult",
    "Store",
    "Value",
    "WriteReport",
    "expand_curie",
]
