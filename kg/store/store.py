"""The embedded RDF store: one named graph per article and the entity graph, SPARQL over their union.

A thin layer over :class:`pyoxigraph.Store` (RocksDB on disk, or memory) that
speaks in article graphs: replace one article atomically (what it says of
entities goes to the entity graph, :mod:`kg.store.entities`), read its content
hash, and query the union of all graphs with results as plain values.

>>> with Store.open() as store:
...     report = store.replace_articles([(
...         "https://w3id.org/conflict-kg/id/article/demo",
...         '<https://w3id.org/conflict-kg/id/article/demo> '
...         '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
...         '<https://w3id.org/conflict-kg/ontology#Article> .',
...     )])
...     store.article_iris()
['https://w3id.org/conflict-kg/id/article/demo']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError
from kg.ids import ENTITY_GRAPH, ONTOLOGY_BASE
from kg.mapping.layout import arrange_article
from kg.store.guard import check_query
from kg.store.derived import DERIVED_GRAPHS, DerivedGraph
from kg.store.entities import OUTDATED, entity_update, layout_outdated
from kg.store.prefixes import PREFIXES
from kg.store.results import QueryResult, graph_result, select_result, to_oxigraph
from kg.store.writes import (
    ArticleData,
    ArticleWriteError,
    WriteReport,
    canonical_ntriples,
    check_directory,
    open_failure,
)

__all__ = ["Store"]
# kinds ``count`` knows besides the ckg class names themselves
_KIND_CLASSES = {
    "articles": ("Article",),
    "mentions": ("Mention",),
    "entities": ("Actor", "Location"),
    "events": ("Event",),
    "claims": ("Claim",),
    "conflicts": ("Conflict",),
}
_ARTICLE_TYPE = f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ONTOLOGY_BASE}Article> ."


class Store:
    """An RDF store of article graphs; create it with :meth:`Store.open`.

    Queries see the union of all named graphs as their default graph. Writes
    go one article per transaction, so readers (and a crash) see each article
    either as it was or as it is now, never half-written.
    """

    def __init__(self, inner: ox.Store, *, path: Path | None, read_only: bool) -> None:
        self._inner: ox.Store | None = inner
        self.path = path
        self.read_only = read_only
        #: True for a store of an earlier kg until :func:`kg.store.migrate_layout` rearranges it
        self.outdated = path is not None and layout_outdated(inner)
        #: Graphs derived from the articles, refreshed by build and remove (:mod:`kg.store.derived`)
        self.derived: tuple[DerivedGraph, ...] = DERIVED_GRAPHS

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, *, read_only: bool = False) -> Store:
        """Open the store in directory ``path`` (created if missing), or in memory.

        Parameters
        ----------
        path : Path or str, optional
            Store directory; ``None`` for a store in memory that vanishes
            when closed.
        read_only : bool
            Open an existing store for reading only. Do not write to the store
            from another process meanwhile: RocksDB leaves that undefined.

        Raises
        ------
        StoreError
            When the path is a file or a directory of something else, the
            store is locked by another process, or it cannot be read or written.
        """
        if path is None:
            if read_only:
                raise StoreError("a store in memory cannot be opened read-only; give a store directory")
            return cls(ox.Store(), path=None, read_only=False)
        directory = Path(path)
        check_directory(directory, read_only=read_only)
        try:
            if not read_only:
                directory.mkdir(parents=True, exist_ok=True)
            inner = ox.Store.read_only(str(directory)) if read_only else ox.Store(str(directory))
        except OSError as e:
            raise StoreError(open_failure(directory, e)) from e
        store = cls(inner, path=directory, read_only=read_only)
        if read_only and store.outdated:
            raise StoreError(OUTDATED.format(path=directory))
        return store

    def close(self) -> None:
        """Flush writes and release the directory lock; further use raises StoreError."""
        if self._inner is not None and self.path is not None and not self.read_only:
            self._inner.flush()
        self._inner = None

    def flush(self) -> None:
        """Write buffered changes to disk files, freeing the memory their buffers hold.

        RocksDB keeps recent writes in memory tables that grow to hundreds of
        megabytes in a long build; a build calls this every so many statements
        so its memory stays flat. A store in memory has nothing to flush.
        """
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError as e:
                raise StoreError(f"flushing the store at {self.path} failed: {e}") from e

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "memory"
        state = "closed" if self._inner is None else ("read-only" if self.read_only else "open")
        return f"<Store {where} ({state})>"

    @property
    def _store(self) -> ox.Store:
        if self._inner is None:
            raise StoreError(f"the store at {self.path or 'memory'} is closed; open it again with Store.open")
        if self.outdated:
            raise StoreError(OUTDATED.format(path=self.path))
        return self._inner

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only; open it without read_only to write")
        return self._store

    # -- writing -------------------------------------------------------------

    def replace_articles(
        self, items: Iterable[tuple[str, ArticleData]], *, strict: bool = True
    ) -> WriteReport:
        """Replace each named graph with new content, one transaction each.

        An article graph (one stating ``<graph> a ckg:Article``) is arranged
        as :func:`kg.mapping.layout.arrange_article` says: its statements
        about entities go to the entity graph, and what only its previous
        version said of them leaves it, in the same transaction. Any other
        graph (the analytics graph) is replaced as it is.

        Parameters
        ----------
        items : iterable of (str, ArticleData)
            ``(graph IRI, content)``. Content is N-Triples or N-Quads text (quads
            must be in that graph or the default graph, which is taken to mean
            that graph) or an rdflib Graph. Blank nodes are refused: `kg` graphs
            have none, which keeps exports deterministic.
        strict : bool
            Raise :class:`ArticleWriteError` after the batch when an article
            failed; with False, only report it.

        Returns
        -------
        WriteReport
            Articles written, and articles left untouched with the reason.

        Raises
        ------
        ArticleWriteError
            (when ``strict``) after writing every good article of the batch.
        StoreError
            When the store itself cannot be written; the batch stops there.
        """
        store = self._writable()
        written: list[str] = []
        failed: list[tuple[str, str]] = []
        for iri, data in items:
            try:
                if iri == ENTITY_GRAPH:
                    raise ValueError("the entity graph is derived from the article graphs; write articles instead")
                ntriples = canonical_ntriples(iri, data)
                if f"<{iri}> {_ARTICLE_TYPE}" in ntriples:
                    store.add_graph(ox.NamedNode(ENTITY_GRAPH))
                    arranged = arrange_article(iri, ntriples)
                    update = entity_update(store, iri, arranged.article, arranged.descriptions)
                else:
                    update = f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{ntriples}}} }}"
                store.update(update)
            except (ValueError, SyntaxError, TypeError) as e:
                failed.append((iri, str(e)))
                continue
            except OSError as e:
                raise StoreError(f"writing {iri} to the store at {self.path or 'memory'} failed: {e}") from e
            written.append(iri)
        report = WriteReport(written=tuple(written), failed=tuple(failed))
        if strict and failed:
            raise ArticleWriteError(report)
        return report

    def remove_articles(self, iris: Iterable[str]) -> int:
        """Remove articles (absent ones are skipped); return how many existed.

        The same as :func:`kg.store.remove_articles`, which also reports the
        entities that went with them.
        """
        from kg.store.remove import remove_articles

        return len(remove_articles(self, iris).removed)

    # -- reading -------------------------------------------------------------

    def graph_iris(self) -> list[str]:
        """Names of all named graphs (articles and others), sorted."""
        return sorted(
            graph.value for graph in self._store.named_graphs() if isinstance(graph, ox.NamedNode)
        )

    def article_iris(self) -> list[str]:
        """IRIs of the article graphs (graphs whose name is a ``ckg:Article``), sorted."""
        result = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ckg:Article } }"
        )
        assert not isinstance(result, bool) and hasattr(result, "rows")
        return sorted(str(row[0]) for row in result.rows)

    def article_hash(self, iri: str) -> str | None:
        """The ``ckg:contentHash`` recorded in article graph ``iri``, or None."""
        node = ox.NamedNode(iri)
        for quad in self._store.quads_for_pattern(node, ox.NamedNode(ONTOLOGY_BASE + "contentHash"), None, node):
            if isinstance(quad.object, ox.Literal):
                return quad.object.value
        return None

    def article_hashes(self) -> dict[str, str]:
        """``{article IRI: content hash}`` for every article graph, in one query."""
        result = self.query(
            "SELECT ?g ?h WHERE { GRAPH ?g { ?g ckg:contentHash ?h } }"
        )
        assert not isinstance(result, bool) and hasattr(result, "rows")
        return {str(row[0]): str(row[1]) for row in result.rows}

    def article_graph(self, iri: str) -> rdflib.Graph:
        """The content of named graph ``iri`` as an rdflib Graph (empty when absent)."""
        graph = rdflib.Graph(identifier=rdflib.URIRef(iri))
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        graph.parse(data=self.dump_graph(iri), format="nt")
        return graph

    def dump_graph(self, iri: str | None) -> bytes:
        """Canonical N-Triples of one named graph (or the default graph for None)."""
        graph = ox.DefaultGraph() if iri is None else ox.NamedNode(iri)
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs.

        Parameters
        ----------
        sparql : str
            The query. The prefixes of :data:`kg.store.prefixes.PREFIXES` are
            predeclared. ``FROM`` clauses may name graphs of this store; then
            the default graph is their merge instead of the union.
        bindings : mapping, optional
            Values for variables, ``{"country": "ARM", "actor": rdflib.URIRef(...)}``,
            joined as a trailing ``VALUES`` clause (so the query must not
            have one). Values are written as RDF terms, never pasted.

        Returns
        -------
        SelectResult or bool or GraphResult
            Rows of plain values for SELECT, a bool for ASK, triples for
            CONSTRUCT and DESCRIBE.

        Raises
        ------
        QueryError
            Syntax errors (with the parser's message), ``SERVICE``, and
            ``FROM`` naming files or outside graphs.
        """
        store = self._store
        has_dataset = check_query(sparql, is_local_graph=self._has_graph)
        try:
            if bindings:
                sparql = _with_values(sparql, bindings)
            result = store.query(sparql, prefixes=dict(PREFIXES), use_default_graph_as_union=not has_dataset)
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            if isinstance(result, ox.QuerySolutions):
                return select_result(result)
            return graph_result(result)
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {e}; fix the query and try again") from e
        except (ValueError, TypeError) as e:
            raise QueryError(f"cannot run the query: {e}") from e
        except OSError as e:
            raise StoreError(f"reading the store at {self.path or 'memory'} failed: {e}") from e

    def _has_graph(self, iri: str) -> bool:
        try:
            return bool(self._store.contains_named_graph(ox.NamedNode(iri)))
        except ValueError:
            return False

    # -- statistics ----------------------------------------------------------

    def count_triples(self) -> int:
        """Number of statements in all graphs (a triple in two graphs counts twice)."""
        return len(self._store)

    def count(self, kind: str) -> int:
        """Number of distinct things of one kind.

        Parameters
        ----------
        kind : str
            ``articles``, ``mentions``, ``entities`` (actors and places),
            ``events``, ``claims``, ``conflicts``, or the name of a ``ckg:``
            class (``Person``, ``City``, ``Accuse``, ...).
        """
        classes = _KIND_CLASSES.get(kind)
        if classes is None:
            from kg.namespace import CKG

            if not kind[:1].isupper() or not hasattr(CKG, kind):
                valid = ", ".join(sorted(_KIND_CLASSES))
                raise StoreError(f"unknown kind {kind!r}: use one of {valid} or a ckg class name such as Person")
            classes = (kind,)
        union = " UNION ".join(f"{{ ?x a ckg:{name} }}" for name in classes)
        result = self.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {union} }}")
        assert not isinstance(result, bool) and hasattr(result, "rows")
        return int(result.rows[0][0] or 0)  # type: ignore[arg-type]

    def counts(self) -> list[tuple[str, int]]:
        """Rows for ``kg info``: articles, mentions, entities, events, claims, then instances per class."""
        rows = [(kind, self.count(kind)) for kind in ("articles", "mentions", "entities", "events", "claims")]
        rows.extend((f"class {name}", n) for name, n in self.class_counts().items())
        return rows

    def class_counts(self) -> dict[str, int]:
        """``{ckg class local name: number of distinct instances}``, sorted by name."""
        result = self.query(
            "SELECT ?cls (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?cls . "
            f'FILTER(STRSTARTS(STR(?cls), "{ONTOLOGY_BASE}")) }} GROUP BY ?cls ORDER BY ?cls'
        )
        assert not isinstance(result, bool) and hasattr(result, "rows")
        return {str(row[0])[len(ONTOLOGY_BASE):]: int(row[1]) for row in result.rows}  # type: ignore[arg-type]


def _with_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    names = " ".join(f"?{name.lstrip('?$')}" for name in bindings)
    try:
        terms = " ".join(str(to_oxigraph(value)) for value in bindings.values())
        for name in bindings:
            ox.Variable(name.lstrip("?$"))
    except (TypeError, ValueError) as e:
        raise QueryError(f"bad query binding: {e}") from e
    return f"{sparql}\nVALUES ({names}) {{ ({terms}) }}\n"
