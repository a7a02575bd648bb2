"""Bulk loading of RDF files: shards of a distributed build, exports, other tools' output.

Files are streamed into the store by pyoxigraph's bulk loader (never read
whole into memory). Each article graph a file holds is then taken into the
entity graph: a graph in this layout adds its record's statements; a graph
written by an earlier kg (descriptions inside it) is arranged first, as
:func:`kg.store.migrate_layout` does; statements only the replaced version of
an article gave leave the entity graph. An entity graph in a file (an
export) is loaded as it is.

>>> import tempfile, pathlib
>>> from kg.store import Store
>>> a = "https://w3id.org/conflict-kg/id/article/a"
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.nq"
>>> _ = path.write_text(
...     f"<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/conflict-kg/ontology#Article> <{a}> .\\n"
...     f'<https://w3id.org/conflict-kg/id/country/arm> <http://www.w3.org/2000/01/rdf-schema#label> "Armenia" <{a}> .\\n')
>>> with Store.open() as store:
...     report = load_files(store, [path])
...     store.query("SELECT ?g WHERE { GRAPH ?g { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l } }").rows
(('https://w3id.org/conflict-kg/id/graph/entities',),)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.ids import ENTITY_GRAPH, ONTOLOGY_BASE
from kg.mapping.layout import arrange_article
from kg.store.derived import refresh_derived
from kg.store.entities import entity_changes, entity_update, records
from kg.store.store import Store

__all__ = ["LoadReport", "load_files"]

_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES, ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
}
_QUAD_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ARTICLE = ox.NamedNode(ONTOLOGY_BASE + "Article")
_DESCRIBES = ox.NamedNode(ONTOLOGY_BASE + "describes")
_ENTITY = ox.NamedNode(ENTITY_GRAPH)
# description statements added to the entity graph per bulk load
_CHUNK = 200_000


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
            names = _graph_names(path, fmt) if fmt in _QUAD_FORMATS else set()
            if target is not None:
                names.add(target)
            # what the articles about to be replaced said of entities
            before = {name: records(inner, name) for name in names if _is_article(inner, name)}
            if replace and fmt in _QUAD_FORMATS:
                for name in sorted(names - {_ENTITY}, key=lambda n: n.value):
                    if inner.contains_named_graph(name):
                        inner.update(f"DROP SILENT GRAPH <{name.value}>")
                        replaced += 1
            if target is not None:
                inner.bulk_load(path=str(path), format=fmt, to_graph=target)
            else:
                inner.bulk_load(path=str(path), format=fmt)
        except SyntaxError as e:
            raise StoreError(f"{path}: not valid {fmt.name}: {e}; fix the file and load it again") from e
        except (OSError, ValueError) as e:
            raise StoreError(f"{path}: loading into the store at {store.path or 'memory'} failed: {e}") from e
        _absorb(store, sorted((n for n in names if _is_article(inner, n)), key=lambda n: n.value), before)
    if store.path is not None:
        inner.flush()
    return LoadReport(files=tuple(str(p) for p in files), replaced_graphs=replaced, triples=len(inner))


def _graph_names(path: Path, fmt: ox.RdfFormat) -> set[ox.NamedNode]:
    names: set[ox.NamedNode] = set()
    with path.open("rb") as f:
        for quad in ox.parse(f, format=fmt):
            if isinstance(quad.graph_name, ox.NamedNode):
                names.add(quad.graph_name)
    return names


def _is_article(inner: ox.Store, graph: ox.NamedNode) -> bool:
    return next(iter(inner.quads_for_pattern(graph, _TYPE, _ARTICLE, graph)), None) is not None


def _absorb(store: Store, articles: list[ox.NamedNode], before: dict[ox.NamedNode, set[ox.Triple]]) -> None:
    """Take loaded article graphs into the entity graph (arranging those of an earlier kg)."""
    inner = store._writable()
    if articles:
        inner.add_graph(_ENTITY)
    said: set[ox.Triple] = set()
    for node in articles:
        if next(iter(inner.quads_for_pattern(node, _DESCRIBES, None, node)), None) is not None:
            said |= records(inner, node)
        else:
            text = (inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=node) or b"").decode("utf-8")
            arranged = arrange_article(node.value, text)
            if arranged.descriptions:  # entity statements inside: an earlier kg's article
                inner.update(entity_update(inner, node.value, arranged.article, arranged.descriptions))
        if len(said) >= _CHUNK:
            _merge(inner, said, set())
            said = set()
    # what the replaced versions said is derived again from the records now in the store
    replaced = {t.subject for triples in before.values() for t in triples if isinstance(t.subject, ox.NamedNode)}
    _merge(inner, said, replaced)
    refresh_derived(store, articles=[node.value for node in articles])


def _merge(inner: ox.Store, said: set[ox.Triple], rederive: set[ox.NamedNode]) -> None:
    changes = entity_changes(inner, said, rederive=rederive, without=set())
    inner.bulk_load(input="".join(f"{t} <{ENTITY_GRAPH}> .\n" for t in changes.insert), format=ox.RdfFormat.N_QUADS)
    for operation in changes.deletion():
        inner.update(operation)
