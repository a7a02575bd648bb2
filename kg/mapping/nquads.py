"""Fast N-Quads for bulk writes to the store.

rdflib's serializers go through a plugin, a namespace manager and a stream;
the store only needs lines, so terms are written here directly. Lines are
sorted, so the same graphs always give the same text.

>>> from rdflib import Graph, Literal, URIRef
>>> graph = Graph(identifier=URIRef("http://example.org/g"))
>>> _ = graph.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), Literal('say "hi"\\n')))
>>> print(to_nquads([graph]), end="")
<http://example.org/s> <http://example.org/p> "say \\"hi\\"\\n" <http://example.org/g> .
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph
from rdflib.namespace import XSD
from rdflib.term import Node

__all__ = ["to_nquads", "to_ntriples"]

# N-Triples ECHAR escapes: the only characters a quoted literal may not hold raw.
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# Characters IRIREF forbids are written as UCHAR escapes.
_IRI_ESCAPES = str.maketrans(
    {c: f"\\u{ord(c):04X}" for c in [chr(i) for i in range(0x21)] + list('<>"{}|^`\\')}
)


def _iri(value: str) -> str:
    return f"<{value.translate(_IRI_ESCAPES)}>"


def _literal(literal: Literal) -> str:
    text = f'"{str(literal).translate(_LITERAL_ESCAPES)}"'
    if literal.language:
        return f"{text}@{literal.language}"
    if literal.datatype is not None and literal.datatype != XSD.string:
        return f"{text}^^{_iri(literal.datatype)}"
    return text


class _Writer:
    """Writes terms, remembering IRIs (a graph repeats few of them many times)."""

    def __init__(self) -> None:
        # Keyed by plain str: rdflib terms hash and compare in Python, str in C.
        self.iris: dict[str, str] = {}

    def term(self, node: Node) -> str:
        kind = type(node)  # exact types first: isinstance on rdflib terms is slow
        if kind is URIRef or (kind is not Literal and isinstance(node, URIRef)):
            key = str(node)
            written = self.iris.get(key)
            if written is None:
                written = self.iris[key] = _iri(key)
            return written
        if kind is Literal or isinstance(node, Literal):
            return _literal(node)  # type: ignore[arg-type]
        if isinstance(node, BNode):
            return f"_:{node}"
        raise TypeError(f"cannot write {node!r} as N-Quads")


def _graphs(graphs: Iterable[Graph] | Dataset) -> Iterable[Graph]:
    if isinstance(graphs, Dataset):
        return list(graphs.graphs())
    if isinstance(graphs, ConjunctiveGraph):
        return list(graphs.contexts())
    return graphs


def to_nquads(graphs: Iterable[Graph] | Dataset) -> str:
    """Write graphs as N-Quads text, one sorted line per quad.

    Parameters
    ----------
    graphs : iterable of rdflib.Graph, or rdflib.Dataset
        Each graph's ``identifier`` names it (the article IRI). Triples of a
        dataset's default graph, or of a graph whose name is a blank node, are
        written without a graph name.

    Returns
    -------
    str
        UTF-8-ready N-Quads, each line ending in a newline; empty input gives ``""``.
    """
    writer = _Writer()
    term = writer.term
    lines: set[str] = set()
    for graph in _graphs(graphs):
        name = graph.identifier
        unnamed = isinstance(name, BNode) or name == DATASET_DEFAULT_GRAPH_ID
        tail = " .\n" if unnamed else f" {term(name)} .\n"
        lines.update(f"{term(s)} {term(p)} {term(o)}{tail}" for s, p, o in graph)
    return "".join(sorted(lines))


def to_ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Write triples as N-Triples text, one sorted line per distinct triple.

    The fast path of a build: an article's triples go straight to the text the
    store loads, without building an rdflib Graph first.

    >>> from rdflib import Literal, URIRef
    >>> print(to_ntriples([(URIRef("http://example.org/s"), URIRef("http://example.org/p"), Literal(1))]), end="")
    <http://example.org/s> <http://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
    """
    term = _Writer().term
    return "".join(sorted({f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples}))
