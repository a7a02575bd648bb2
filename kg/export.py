"""Export the store as Turtle, N-Triples, N-Quads, TriG or JSON-LD, byte for byte the same.

The same store content always gives the same bytes, whatever order the
articles were written in and whichever process writes them, so exports can be
diffed, hashed and committed:

- ``nq``: the default graph, then each named graph in IRI order, lines sorted
  within a graph;
- ``nt``: the union of all graphs, lines sorted and deduplicated (an entity
  described in many articles is written once);
- ``ttl``: the ``nt`` triples through pyoxigraph's Turtle writer, so subjects
  come in sorted order, grouped with ``;`` and ``,``;
- ``trig``: the ``nq`` quads through pyoxigraph's TriG writer;
- ``jsonld``: compact JSON-LD with the kg prefixes as ``@context``, one node
  object per line, graphs and nodes in the ``nq`` order.

Nothing builds the whole graph in memory: the named graphs are read one at a
time (one article each) and the union is deduplicated by an external merge
sort over temporary files.

>>> import io
>>> from kg.store import Store
>>> with Store.open() as store:
...     _ = store.replace_articles([("https://w3id.org/conflict-kg/id/article/a",
...         "<https://w3id.org/conflict-kg/id/country/arm> "
...         "<http://www.w3.org/2000/01/rdf-schema#label> \\"Armenia\\" .")])
...     out = io.BytesIO()
...     export(store, format="ttl", out=out)
>>> print(out.getvalue().decode().splitlines()[-1])
id:country\\/arm rdfs:label "Armenia" .
"""

from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import ConfigError
from kg.store import PREFIXES, Store

__all__ = ["FORMATS", "export"]

#: Export formats, by the name the CLI and the server use.
FORMATS = ("jsonld", "nq", "nt", "trig", "ttl")
_ALIASES = {
    "turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq",
    "json-ld": "jsonld",
}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# lines kept in memory by the union's external sort before spilling a run
_CHUNK_LINES = 500_000
# lines parsed back into terms at a time for the Turtle writer
_PARSE_LINES = 20_000


def export(store: Store, *, format: str, out: BinaryIO, chunk_lines: int = _CHUNK_LINES) -> None:
    """Write the whole store to ``out`` in ``format``.

    Parameters
    ----------
    store : Store
        An open store.
    format : str
        One of :data:`FORMATS` (``turtle``, ``ntriples``, ``nquads``,
        ``json-ld`` are accepted too).
    out : binary file
        Where the bytes go (a file opened ``"wb"``, ``sys.stdout.buffer``).
    chunk_lines : int
        Lines sorted in memory at a time when deduplicating the union
        (``nt``, ``ttl``); beyond it, sorted runs go to temporary files.

    Raises
    ------
    ConfigError
        For an unknown format.
    """
    name = _ALIASES.get(format.lower(), format.lower())
    if name not in FORMATS:
        raise ConfigError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    if name == "nq":
        out.writelines(_nquad_lines(store))
    elif name == "nt":
        out.writelines(_union_lines(store, chunk_lines=chunk_lines))
    elif name == "ttl":
        triples = _parse_lines(_union_lines(store, chunk_lines=chunk_lines), ox.RdfFormat.N_TRIPLES)
        _write_turtle_like(triples, out, ox.RdfFormat.TURTLE)
    elif name == "trig":
        quads = _parse_lines(_nquad_lines(store), ox.RdfFormat.N_QUADS)
        _write_turtle_like(quads, out, ox.RdfFormat.TRIG)
    else:
        _write_jsonld(_parse_lines(_nquad_lines(store), ox.RdfFormat.N_QUADS), out)


def _graph_lines(store: Store, iri: str | None) -> list[bytes]:
    return sorted(store.dump_graph(iri).splitlines(keepends=True))


def _nquad_lines(store: Store) -> Iterator[bytes]:
    """N-Quads lines: the default graph, then each named graph in IRI order, each sorted."""
    yield from _graph_lines(store, None)
    for iri in store.graph_iris():
        # an N-Triples line ends in " .\n": put the graph name before the dot
        suffix = f"{ox.NamedNode(iri)} .\n".encode()
        for line in _graph_lines(store, iri):
            yield line[:-2] + suffix


def _union_lines(store: Store, *, chunk_lines: int) -> Iterator[bytes]:
    """Sorted, distinct N-Triples lines of all graphs together."""
    graphs: list[str | None] = [None, *store.graph_iris()]
    lines = (line for iri in graphs for line in store.dump_graph(iri).splitlines(keepends=True))
    yield from _sorted_unique(lines, chunk_lines=chunk_lines)


def _sorted_unique(lines: Iterable[bytes], *, chunk_lines: int) -> Iterator[bytes]:
    """External merge sort with deduplication: memory bounded by ``chunk_lines``."""
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp, ExitStack() as files:
        runs: list[Iterator[bytes]] = []
        iterator = iter(lines)
        size = max(1, chunk_lines)
        while raw := list(islice(iterator, size)):
            chunk = sorted(set(raw))
            if len(raw) < size:
                runs.append(iter(chunk))  # the last run stays in memory
                break
            path = Path(tmp) / f"run-{len(runs)}.nt"
            path.write_bytes(b"".join(chunk))
            runs.append(iter(files.enter_context(path.open("rb"))))
        previous = None
        for line in heapq.merge(*runs):
            if line != previous:
                yield line
                previous = line


def _parse_lines(lines: Iterable[bytes], format: ox.RdfFormat) -> Iterator[Any]:
    iterator = iter(lines)
    while batch := list(islice(iterator, _PARSE_LINES)):
        yield from ox.parse(b"".join(batch), format=format)


class _WithoutPrefixLines:
    """A writer that drops the ``@prefix`` lines a serialiser starts with.

    pyoxigraph writes its prefix declarations in an order of its own; ours are
    written first, in :data:`PREFIXES` order, so the header never depends on
    the library's hashing.
    """

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.head = b""
        self.passing = False

    def write(self, data: bytes) -> int:
        if self.passing:
            self.out.write(data)
            return len(data)
        self.head += bytes(data)
        while not self.passing and b"\n" in self.head:
            line, rest = self.head.split(b"\n", 1)
            if line.startswith(b"@prefix "):
                self.head = rest
            else:
                self.passing = True
                self.out.write(self.head)
        return len(data)

    def flush(self) -> None:
        self.out.flush()

    def close(self) -> None:
        if not self.passing and self.head.strip():
            self.out.write(self.head)


def _write_turtle_like(items: Iterable[Any], out: BinaryIO, format: ox.RdfFormat) -> None:
    out.write("".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items()).encode())
    writer = _WithoutPrefixLines(out)
    ox.serialize(items, writer, format=format, prefixes=dict(PREFIXES))  # type: ignore[arg-type]
    writer.close()


# -- JSON-LD -------------------------------------------------------------------


def _compact(iri: str) -> str:
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    local = iri[len(PREFIXES[best]):] if best else ""
    # "prefix://x" would be read as an absolute IRI, not a compact one
    if not best or local.startswith("//"):
        return iri
    return f"{best}:{local}"


def _value(term: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value)}


def _node_id(term: Any) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _compact(term.value)


def _nodes(quads: Iterable[Any]) -> Iterator[tuple[str | None, dict[str, Any]]]:
    """One node object per (graph, subject), in the order the quads come."""
    key: tuple[str | None, str] | None = None
    node: dict[str, Any] = {}
    for quad in quads:
        graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else _node_id(quad.graph_name)
        here = (graph, _node_id(quad.subject))
        if here != key:
            if key is not None:
                yield key[0], node
            key, node = here, {"@id": here[1]}
        if quad.predicate.value == _RDF_TYPE and isinstance(quad.object, ox.NamedNode):
            node.setdefault("@type", []).append(_compact(quad.object.value))
        else:
            node.setdefault(_compact(quad.predicate.value), []).append(_value(quad.object))
    if key is not None:
        yield key[0], node


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _write_jsonld(quads: Iterable[Any], out: BinaryIO) -> None:
    context = json.dumps(dict(PREFIXES), ensure_ascii=False)
    out.write(f'{{\n  "@context": {context},\n  "@graph": [\n'.encode())
    current: str | None = None
    first_top = first_inner = True
    for graph, node in _nodes(quads):
        if graph != current and current is not None:
            out.write(b"\n    ]}")
        if graph is None:
            out.write(("" if first_top else ",\n").encode() + f"    {_dumps(node)}".encode())
            first_top = False
            continue
        if graph != current:
            head = "" if first_top else ",\n"
            out.write(f'{head}    {{"@id": {_dumps(graph)}, "@graph": [\n'.encode())
            first_top, first_inner, current = False, True, graph
        out.write(("" if first_inner else ",\n").encode() + f"      {_dumps(node)}".encode())
        first_inner = False
    if current is not None:
        out.write(b"\n    ]}")
    out.write(b"\n  ]\n}\n")
