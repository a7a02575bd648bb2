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

import re
from collections.abc import Iterable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph
from rdflib.namespace import XSD
from rdflib.term import Node

__all__ = ["iri_text", "literal_text", "to_nquads", "to_ntriples"]

# N-Triples ECHAR escapes: the only characters a quoted literal may not hold raw.
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# translate() looks up every character in Python; most texts need no escape,
# which one regular-expression scan (in C) tells
_LITERAL_SPECIAL = re.compile(r'[\\"\n\r]')
_XSD_STRING = str(XSD.string)
# Characters IRIREF forbids are written as UCHAR escapes.
_IRI_ESCAPES = str.maketrans(
    {c: f"\\u{ord(c):04X}" for c in [chr(i) for i in range(0x21)] + list('<>"{}|^`\\')}
)
_IRI_SPECIAL = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri_text(value: str) -> str:
    """An IRI as N-Triples writes it: in angle brackets, forbidden characters escaped.

    >>> print(iri_text("http://example.org/a b"))
    <http://example.org/a\\u0020b>
    """
    if _IRI_SPECIAL.search(value):
        value = value.translate(_IRI_ESCAPES)
    return f"<{value}>"


def literal_text(lexical: str, *, datatype: str | None = None, language: str | None = None) -> str:
    """A literal as N-Triples writes it (``xsd:string`` is left implicit).

    >>> print(literal_text("1994", datatype="http://www.w3.org/2001/XMLSchema#gYear"))
    "1994"^^<http://www.w3.org/2001/XMLSchema#gYear>
    """
    if _LITERAL_SPECIAL.search(lexical):
        # the same as translate(_LITERAL_ESCAPES), the backslash first, at C speed
        lexical = lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    text = f'"{lexical}"'
    if language:
        return f"{text}@{language}"
    if datatype is not None and str(datatype) != _XSD_STRING:
        return f"{text}^^{iri_text(str(datatype))}"
    return text


def _literal(literal: Literal) -> str:
    return literal_text(str(literal), datatype=literal.datatype, language=literal.language)


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
                written = self.iris[key] = iri_text(key)
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
