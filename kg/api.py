"""The Python API, mirroring the command line for notebook users.

>>> from kg import open_store, query
>>> with open_store() as store:          # in memory
...     query(store, "ASK { ?s ?p ?o }")
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.config import Config
from kg.errors import ExtractionError
from kg.model import Article, Extraction

if TYPE_CHECKING:
    import rdflib

    from kg.pipeline import BuildReport
    from kg.store import Store

__all__ = ["article_graph", "build", "extract_text", "graph_from_text", "open_store", "query"]


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (or create) the store in directory ``path``; ``None`` gives an in-memory store."""
    from kg.store import Store

    return Store.open(path, read_only=read_only)


def build(
    inputs: str | Path | Iterable[str | Path],
    *,
    store: Store | str | Path | None = None,
    config: Config | None = None,
) -> BuildReport:
    """Build the graph of files, directories or globs into a store.

    Parameters
    ----------
    inputs : path or iterable of paths
    store : Store, path or None
        An open store, a store directory, or None for a new in-memory store
        (then the report's ``store`` attribute is not kept: pass a Store to query it).
    config : Config, optional
    """
    from kg.pipeline import build as run_build
    from kg.store import Store

    paths = [str(inputs)] if isinstance(inputs, (str, Path)) else [str(p) for p in inputs]
    config = config or Config()
    if isinstance(store, Store):
        return run_build(paths, store=store, config=config)
    with Store.open(store) as opened:
        return run_build(paths, store=opened, config=config)


def extract_text(
    text: str,
    *,
    id: str | None = None,
    published: date | datetime | None = None,
    title: str | None = None,
    config: Config | None = None,
) -> Extraction:
    """Extract entities (and events) from one text given as a string."""
    from kg.pipeline import ArticleStatus, extract

    article = Article(id=id or "", text=text, title=title, published=published, origin="<string>")
    if not id:
        article = Article(id=f"sha256:{article.content_hash}", text=text, title=title, published=published, origin="<string>")
    result = next(extract([article], config=config or Config()))
    if isinstance(result, ArticleStatus):
        raise ExtractionError(result.reason)
    return result


def graph_from_text(text: str, **kwargs: Any) -> rdflib.Graph:
    """The RDF graph of one text (its named graph as the build would store it)."""
    from kg.mapping import extraction_to_graph

    return extraction_to_graph(extract_text(text, **kwargs))


def query(store: Store, query: str, *, params: Mapping[str, str] | None = None) -> Any:
    """Run SPARQL text, a ``.rq`` file or a library query (by name) with parameters.

    Returns the store's result: rows for SELECT, a bool for ASK, a graph for
    CONSTRUCT/DESCRIBE.
    """
    from kg.queries import bind_params, resolve_query

    return store.query(bind_params(resolve_query(query), dict(params or {})))


def article_graph(store: Store, article_id: str) -> rdflib.Graph:
    """The named graph of one article (by its id), as an rdflib Graph."""
    from kg.ids import article_iri

    return store.article_graph(article_iri(article_id))
