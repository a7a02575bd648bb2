"""Corpus-scale writes of built articles, each with its share of the entity graph.

Every article is first arranged (:func:`kg.mapping.layout.arrange_article`):
its own statements and its record go to its graph, its statements about
entities to the entity graph.

- :func:`write_article_graphs` writes articles one transaction each: an article
  the store does not hold yet is parsed by pyoxigraph straight into the store
  (its graph and its descriptions in one ``load``, no SPARQL text, no Python
  object per statement); an article it holds is replaced by
  :meth:`Store.replace_articles`, which also takes out of the entity graph what
  only the old version said. Either way a crash leaves each article as it was
  or as it is now.
- :func:`write_new_article_graphs` writes many new articles at once with
  pyoxigraph's bulk loader (twice as fast on short articles), each article's
  ``ckg:contentHash`` last, in one transaction: an article whose hash is
  missing counts as not built, so a crash in between costs a rebuild, never a
  half graph taken for a whole one. Descriptions are a union, so writing them
  again when the article is rebuilt changes nothing.

Loading files is :mod:`kg.store.load`; removing articles :mod:`kg.store.remove`.

>>> from kg.store import Store
>>> iri = "https://w3id.org/conflict-kg/id/article/demo"
>>> with Store.open() as store:
...     report = write_article_graphs(store, [(iri,
...         f"<{iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
...         f"<https://w3id.org/conflict-kg/ontology#Article> .\\n")])
>>> report.written
('https://w3id.org/conflict-kg/id/article/demo',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import StoreError
from kg.ids import ENTITY_GRAPH, ONTOLOGY_BASE
from kg.mapping.layout import Arranged, arrange_article, ntriples_lines
from kg.store.derived import refresh_derived
from kg.store.entities import entity_changes, entity_update, parse_statements
from kg.store.store import Store
from kg.store.writes import WriteReport

__all__ = ["write_article_graphs", "write_new_article_graphs"]

# a blank node as subject (line start) or object (after the predicate IRI)
_BLANK = re.compile(r"^_:|> _:", re.MULTILINE)
_HASH = f"<{ONTOLOGY_BASE}contentHash>"
_ENTITY_SUFFIX = f" <{ENTITY_GRAPH}> .\n"


def _arranged(iri: str, text: str) -> Arranged:
    """The article arranged by graph; ValueError for blank nodes."""
    # the substring test first: the regex tries every position of a long text
    if "_:" in text and _BLANK.search(text):
        raise ValueError("a blank node; kg graphs name every node with an IRI")
    return arrange_article(iri, text)


def _in_graph(lines: str, graph_suffix: str) -> list[str]:
    """N-Triples lines as N-Quads in one graph ("s p o ." -> "s p o <g> .")."""
    return [line.rstrip()[:-1].rstrip() + graph_suffix for line in ntriples_lines(lines)]


def _without_hash(iri: str, text: str) -> tuple[str, str]:
    """(the article's N-Triples without its content hash, the content-hash line)."""
    head = f"<{iri}> {_HASH} "
    if head not in text:
        return text, ""
    kept: list[str] = []
    marks: list[str] = []
    for line in ntriples_lines(text):
        (marks if line.startswith(head) else kept).append(line)
    return "".join(kept), "".join(line.rstrip("\n") + "\n" for line in marks)


def write_article_graphs(store: Store, items: Iterable[tuple[str, str | bytes]]) -> WriteReport:
    """Write article graphs, each atomically: new ones loaded, present ones replaced.

    Each content hash (what marks an article as built) is written after the
    derived graphs were refreshed for the written articles, in one
    transaction, so a crash in between leaves articles that the next build
    rebuilds.

    Parameters
    ----------
    store : Store
        An open, writable store.
    items : iterable of (str, str or bytes)
        ``(graph IRI, N-Triples text)``. Blank nodes are refused. Graphs that
        are not articles (no ``<graph> a ckg:Article``) are written as given.

    Returns
    -------
    WriteReport
        Graphs written, and graphs left as they were with the reason.

    Raises
    ------
    StoreError
        When the store itself cannot be written.
    """
    inner = store._writable()
    inner.add_graph(ox.NamedNode(ENTITY_GRAPH))
    written: list[str] = []
    failed: list[tuple[str, str]] = []
    hashes: list[str] = []
    for iri, data in items:
        text, mark = _without_hash(iri, data.decode("utf-8") if isinstance(data, bytes) else data)
        try:
            graph = ox.NamedNode(iri)
            if inner.contains_named_graph(graph):
                report = store.replace_articles([(iri, text)], strict=False)
                failed.extend(report.failed)
                if not report.written:
                    continue
            else:
                arranged = _arranged(iri, text)
                changes = entity_changes(inner, parse_statements(arranged.descriptions))
                if changes.delete:  # a label gives way: delete and insert in one update
                    inner.update(entity_update(inner, iri, arranged.article, arranged.descriptions))
                else:
                    quads = _in_graph(arranged.article, f" <{iri}> .\n") + _entity_quads(changes.insert)
                    # parsed in Rust straight into the store, in one transaction
                    inner.load(input="".join(quads), format=ox.RdfFormat.N_QUADS)
        except (ValueError, SyntaxError, TypeError) as e:
            failed.append((iri, str(e)))
            continue
        except OSError as e:
            raise StoreError(f"writing {iri} to the store at {store.path or 'memory'} failed: {e}") from e
        written.append(iri)
        hashes.extend(_in_graph(mark, f" <{iri}> .\n"))
    refresh_derived(store, articles=written)
    _load(store, hashes)
    return WriteReport(written=tuple(written), failed=tuple(failed))


def _load(store: Store, quads: list[str]) -> None:
    """Load N-Quads lines in one transaction."""
    if not quads:
        return
    try:
        store._writable().load(input="".join(quads), format=ox.RdfFormat.N_QUADS)
    except (OSError, ValueError, SyntaxError) as e:
        raise StoreError(f"writing content hashes to the store at {store.path or 'memory'} failed: {e}") from e


def _entity_quads(triples: Iterable[ox.Triple]) -> list[str]:
    return [f"{triple}{_ENTITY_SUFFIX}" for triple in triples]


def _quads(iri: str, arranged: Arranged) -> tuple[list[str], list[str]]:
    """An arranged article graph as N-Quads: (content lines, content-hash lines)."""
    content: list[str] = []
    hashes: list[str] = []
    for quad in _in_graph(arranged.article, f" <{iri}> .\n"):
        (hashes if quad.startswith(f"<{iri}> {_HASH} ") else content).append(quad)
    return content, hashes


def write_new_article_graphs(store: Store, items: Iterable[tuple[str, str | bytes]]) -> WriteReport:
    """Write many article graphs at once: content bulk-loaded, content hashes in one transaction.

    The bulk loader skips transactions, which halves the cost of writing short
    articles. Each article's ``ckg:contentHash`` (what marks it as built, see
    :meth:`Store.article_hash`) is written only after the content, in one
    transaction for the batch, so a crash in between leaves graphs without
    hashes, which the next build replaces. Items whose graph the store holds
    already, or that hold blank nodes, and a batch the bulk loader refuses go
    through :func:`write_article_graphs` one by one.

    Parameters
    ----------
    store : Store
        An open, writable store.
    items : iterable of (str, str or bytes)
        ``(graph IRI, N-Triples text)``; each IRI once.

    Returns
    -------
    WriteReport
    """
    inner = store._writable()
    single: list[tuple[str, str]] = []
    batch: list[tuple[str, str]] = []
    for iri, data in items:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        present = inner.contains_named_graph(ox.NamedNode(iri))
        (single if present or ("_:" in text and _BLANK.search(text)) else batch).append((iri, text))
    written: list[str] = []
    failed: list[tuple[str, str]] = []
    retry: dict[str, str] = {}
    if batch:
        inner.add_graph(ox.NamedNode(ENTITY_GRAPH))
        content: list[str] = []
        hashes: list[str] = []
        said: set[ox.Triple] = set()
        loadable: list[tuple[str, str]] = []
        for iri, text in batch:
            try:
                arranged = arrange_article(iri, text)
                said |= parse_statements(arranged.descriptions)
            except (ValueError, SyntaxError) as e:
                failed.append((iri, str(e)))
                continue
            more, marks = _quads(iri, arranged)
            content += more
            hashes += marks
            loadable.append((iri, text))
        # what the batch adds to the entity graph, merged with what it says already
        changes = entity_changes(inner, said)
        try:
            inner.bulk_load(input="".join(content + _entity_quads(changes.insert)), format=ox.RdfFormat.N_QUADS)
            for operation in changes.deletion():
                inner.update(operation)  # labels that give way to another
            refresh_derived(store, articles=[iri for iri, _ in loadable])
            inner.load(input="".join(hashes), format=ox.RdfFormat.N_QUADS)
            written += [iri for iri, _ in loadable]
        except (ValueError, SyntaxError, TypeError):
            # one bad article: undo what the loader wrote, then article by article
            for iri, _ in loadable:
                if inner.contains_named_graph(ox.NamedNode(iri)):
                    inner.remove_graph(ox.NamedNode(iri))
            single += loadable
            retry = dict(loadable)
        except OSError as e:
            raise StoreError(f"writing to the store at {store.path or 'memory'} failed: {e}") from e
    if single:
        report = write_article_graphs(store, single)
        written += report.written
        failed += report.failed
        _forget(inner, [(iri, retry[iri]) for iri, _ in report.failed if iri in retry])
    return WriteReport(written=tuple(written), failed=tuple(failed))


def _forget(inner: ox.Store, articles: list[tuple[str, str]]) -> None:
    """Derive again the entities of articles a failed bulk load wrote and that stayed unwritten."""
    for iri, text in articles:
        said = parse_statements(arrange_article(iri, text).descriptions)
        subjects = {t.subject for t in said if isinstance(t.subject, ox.NamedNode)}
        for operation in entity_changes(inner, set(), rederive=subjects, without={ox.NamedNode(iri)}).update():
            inner.update(operation)
