"""Corpus-scale writes: fast article writes, bulk loading of files, removal with orphan cleanup.

- :func:`write_article_graphs` writes built articles: an article the store does
  not hold yet is parsed by pyoxigraph straight into its graph in one
  transaction (no SPARQL text to build, no Python objects per statement); an
  article it holds is replaced by
  :meth:`Store.replace_articles` (drop and insert in one transaction). Either
  way a crash leaves each article as it was or as it is now.
- :func:`write_new_article_graphs` writes many new articles at once with
  pyoxigraph's bulk loader (twice as fast on short articles), each article's
  ``ckg:contentHash`` last, in one transaction: an article whose hash is
  missing counts as not built, so a crash in between costs a rebuild, never a
  half graph taken for a whole one.
- :func:`load_files` bulk-loads N-Quads, N-Triples, Turtle or TriG files (shards
  of a distributed build, or another tool's output) without reading them into memory.
- :func:`remove_articles` drops article graphs, and the statements that other
  (non-article) graphs such as the analytics graph hold about entities no
  remaining article mentions.

>>> from kg.store import Store
>>> iri = "https://w3id.org/conflict-kg/id/article/demo"
>>> with Store.open() as store:
...     report = write_article_graphs(store, [(iri,
...         f"<{iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
...         f"<https://w3id.org/conflict-kg/ontology#Article> .\\n")])
...     removed = remove_articles(store, ["demo"])
>>> report.written, removed.removed
(('https://w3id.org/conflict-kg/id/article/demo',), ('https://w3id.org/conflict-kg/id/article/demo',))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.ids import ID_BASE, ONTOLOGY_BASE, article_iri
from kg.store.store import Store
from kg.store.writes import WriteReport

__all__ = ["LoadReport", "RemoveReport", "load_files", "remove_articles", "write_article_graphs",
           "write_new_article_graphs"]

_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES, ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
}
_ARTICLE = ox.NamedNode(ONTOLOGY_BASE + "Article")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


# a blank node as subject (line start) or object (after the predicate IRI)
_BLANK = re.compile(r"^_:|> _:", re.MULTILINE)


def write_article_graphs(store: Store, items: Iterable[tuple[str, str | bytes]]) -> WriteReport:
    """Write article graphs, each atomically: new ones loaded, present ones replaced.

    Parameters
    ----------
    store : Store
        An open, writable store.
    items : iterable of (str, str or bytes)
        ``(graph IRI, N-Triples text)``. Blank nodes are refused.

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
    written: list[str] = []
    failed: list[tuple[str, str]] = []
    for iri, data in items:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        try:
            graph = ox.NamedNode(iri)
            if inner.contains_named_graph(graph):
                report = store.replace_articles([(iri, text)], strict=False)
                written.extend(report.written)
                failed.extend(report.failed)
                continue
            # the substring test first: the regex tries every position of a long text
            if "_:" in text and _BLANK.search(text):
                raise ValueError("a blank node; kg graphs name every node with an IRI")
            # parsed in Rust straight into the graph, in one transaction
            inner.load(input=text, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        except (ValueError, SyntaxError, TypeError) as e:
            failed.append((iri, str(e)))
            continue
        except OSError as e:
            raise StoreError(f"writing {iri} to the store at {store.path or 'memory'} failed: {e}") from e
        written.append(iri)
    return WriteReport(written=tuple(written), failed=tuple(failed))


_HASH = f"<{ONTOLOGY_BASE}contentHash>"


def _quads(iri: str, text: str) -> tuple[list[str], list[str]]:
    """An article's N-Triples as N-Quads in its graph: (content lines, content-hash lines)."""
    graph = f" <{iri}> .\n"
    content: list[str] = []
    hashes: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line:
            continue
        quad = line[:-1].rstrip() + graph  # "s p o ." -> "s p o <g> ."
        (hashes if _HASH in line else content).append(quad)
    return content, hashes


def write_new_article_graphs(store: Store, items: Iterable[tuple[str, str | bytes]]) -> WriteReport:
    """Write many article graphs at once: content bulk-loaded, content hashes in one transaction.

    The bulk loader skips transactions, which halves the cost of writing short
    articles. Each article's ``ckg:contentHash`` (what marks it as built, see
    :meth:`Store.article_hash`) is written only after the content, in one
    transaction, so an interrupted write leaves graphs without their hash: the
    next build takes them as not built and replaces them. Items whose graph the
    store holds already, or that hold blank nodes, and a batch the bulk loader
    refuses go through :func:`write_article_graphs` one by one.

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
    if batch:
        content: list[str] = []
        hashes: list[str] = []
        for iri, text in batch:
            more, marks = _quads(iri, text)
            content += more
            hashes += marks
        try:
            inner.bulk_load(input="".join(content), format=ox.RdfFormat.N_QUADS)
            inner.load(input="".join(hashes), format=ox.RdfFormat.N_QUADS)
            written += [iri for iri, _ in batch]
        except (ValueError, SyntaxError, TypeError):
            # one bad article: undo what the loader wrote, then article by article
            for iri, _ in batch:
                if inner.contains_named_graph(ox.NamedNode(iri)):
                    inner.remove_graph(ox.NamedNode(iri))
            single += batch
        except OSError as e:
            raise StoreError(f"writing to the store at {store.path or 'memory'} failed: {e}") from e
    if single:
        report = write_article_graphs(store, single)
        written += report.written
        failed += report.failed
    return WriteReport(written=tuple(written), failed=tuple(failed))


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_files` loaded: files, the graphs they replaced, and the store's size after."""

    files: tuple[str, ...]
    replaced_graphs: int
    triples: int


def _format_of(path: Path) -> ox.RdfFormat:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        raise StoreError(f"{path}: compressed files cannot be bulk-loaded; decompress it first (gunzip)")
    fmt = _FORMATS.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        known = ", ".join(sorted(_FORMATS))
        raise StoreError(f"{path}: unknown RDF file type; use one of {known}")
    return fmt


def load_files(
    store: Store, paths: Iterable[Path | str], *, graph: str | None = None, replace: bool = True
) -> LoadReport:
    """Bulk-load RDF files into the store, streaming (files are never read whole).

    Parameters
    ----------
    store : Store
        An open, writable store.
    paths : iterable of Path or str
        ``.nq``, ``.nt``, ``.ttl`` or ``.trig`` files.
    graph : str, optional
        Named graph for the triples of ``.nt`` and ``.ttl`` files (and the
        default-graph part of quad files); by default they go to the default graph.
    replace : bool
        Drop each named graph a file holds before loading it, so loading a
        newer build of an article replaces the old one instead of merging with it.

    Returns
    -------
    LoadReport

    Raises
    ------
    StoreError
        For a missing file, an unknown file type, or a syntax error (with
        the file and position). Bulk loading is not transactional: after an
        error, load the file again (``replace`` makes that safe for quad files).
    """
    inner = store._writable()
    files = [Path(p) for p in paths]
    for path in files:
        if not path.is_file():
            raise StoreError(f"{path}: no such file; give .nq, .nt, .ttl or .trig files to load")
    replaced = 0
    target = ox.NamedNode(graph) if graph is not None else None
    for path in files:
        fmt = _format_of(path)
        try:
            if replace and fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
                replaced += _drop_graphs_of(inner, path, fmt)
            if target is not None:
                inner.bulk_load(path=str(path), format=fmt, to_graph=target)
            else:
                inner.bulk_load(path=str(path), format=fmt)
        except SyntaxError as e:
            raise StoreError(f"{path}: not valid {fmt.name}: {e}; fix the file and load it again") from e
        except (OSError, ValueError) as e:
            raise StoreError(f"{path}: loading into the store at {store.path or 'memory'} failed: {e}") from e
    if store.path is not None:
        inner.flush()
    return LoadReport(files=tuple(str(p) for p in files), replaced_graphs=replaced, triples=len(inner))


def _drop_graphs_of(inner: ox.Store, path: Path, fmt: ox.RdfFormat) -> int:
    names: set[str] = set()
    with path.open("rb") as f:
        for quad in ox.parse(f, format=fmt):
            if isinstance(quad.graph_name, ox.NamedNode):
                names.add(quad.graph_name.value)
    dropped = 0
    for name in sorted(names):
        if inner.contains_named_graph(ox.NamedNode(name)):
            inner.update(f"DROP SILENT GRAPH <{name}>")
            dropped += 1
    return dropped


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
        Entities (and other nodes) no remaining article describes, whose
        statements in other graphs were deleted too.
    """

    removed: tuple[str, ...]
    missing: tuple[str, ...]
    orphans: int


_ENTITY_CLASSES = (ox.NamedNode(ONTOLOGY_BASE + "Actor"), ox.NamedNode(ONTOLOGY_BASE + "Location"))


def _exists(quads: Iterable[ox.Quad]) -> bool:
    return next(iter(quads), None) is not None


def _graph_iri(article: str) -> str:
    return article if article.startswith(ID_BASE + "article/") else article_iri(article)


def remove_articles(store: Store, articles: Iterable[str]) -> RemoveReport:
    """Remove articles and whatever only they described, one transaction per article.

    Entities live in the graphs of the articles that mention them, so dropping
    an article's graph removes the entities no other article mentions and
    keeps the shared ones (another graph still describes them). What other
    named graphs (the analytics graph) or the default graph say about the
    removed entities is deleted in the same transaction.

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
    orphans = 0
    articles_now = {
        q.graph_name for q in inner.quads_for_pattern(None, _TYPE, _ARTICLE, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name == q.subject
    }
    others = sorted(g.value for g in inner.named_graphs() if isinstance(g, ox.NamedNode) and g not in articles_now)
    for article in articles:
        iri = _graph_iri(article)
        try:
            node = ox.NamedNode(iri)
        except ValueError as e:
            raise StoreError(f"cannot remove {article!r}: not an article id or IRI ({e})") from e
        if not inner.contains_named_graph(node):
            missing.append(article)
            continue
        subjects = {q.subject for q in inner.quads_for_pattern(None, None, None, node)}
        orphaned = sorted(
            (s.value for s in subjects if isinstance(s, ox.NamedNode) and not any(
                q.graph_name in articles_now and q.graph_name != node
                for q in inner.quads_for_pattern(s, None, None, None)
            )),
        )
        entities = {
            s for s in orphaned
            if any(_exists(inner.quads_for_pattern(ox.NamedNode(s), _TYPE, cls, node)) for cls in _ENTITY_CLASSES)
        }
        update = [f"DROP SILENT GRAPH <{iri}>"]
        if orphaned:
            values = " ".join(f"<{s}>" for s in orphaned)
            # the named graphs that are not articles (analytics), then the default graph
            scopes = [(f"GRAPH <{g}> {{", "}") for g in others] + [("", "")]
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
        articles_now.discard(node)
        orphans += len(entities)
    return RemoveReport(removed=tuple(removed), missing=tuple(missing), orphans=orphans)
