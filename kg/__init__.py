"""kg: conflict knowledge graphs from news.

Read news articles, extract actors, places, events and claims, and build an RDF
graph in which every triple can be traced to its sentence.
"""

from __future__ import annotations

from kg.api import article_graph, build, extract_text, graph_from_text, open_store, query
from kg.config import Config
from kg.errors import KgError
from kg.model import Article, Claim, Entity, Event, Extraction, Mention, Relation

__all__ = [
    "Article",
    "Claim",
    "Config",
    "Entity",
    "Event",
    "Extraction",
    "KgError",
    "Mention",
    "Relation",
    "article_graph",
    "build",
    "extract_text",
    "graph_from_text",
    "open_store",
    "query",
]
__version__ = "0.1.0"
