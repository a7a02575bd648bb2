"""Query results as plain Python values, and Python values as query terms.

A SELECT row holds ``str`` for IRIs and strings, ``int``/``float``/``bool``/
``date``/``datetime`` for literals of those XSD types, and ``None`` for an
unbound variable, so callers (CLI tables, CSV, JSON, tests) never touch RDF
term objects. The typed terms stay available through
:meth:`SelectResult.term_rows` for writers that need them (SPARQL JSON).

>>> import pyoxigraph as ox
>>> to_python(ox.Literal("12", datatype=ox.NamedNode(XSD + "integer")))
12
>>> to_python(ox.NamedNode("https://w3id.org/conflict-kg/id/country/arm"))
'https://w3id.org/conflict-kg/id/country/arm'
>>> to_python(ox.Literal("2020-12-02", datatype=ox.NamedNode(XSD + "date")))
datetime.date(2020, 12, 2)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Union

import pyoxigraph as ox
import rdflib

__all__ = [
    "GraphResult",
    "QueryResult",
    "SelectResult",
    "Value",
    "to_oxigraph",
    "to_python",
    "to_rdflib",
]

XSD = "http://www.w3.org/2001/XMLSchema#"

#: A plain value in a result row.
Value = Union[str, int, float, bool, dt.date, dt.datetime, None]
OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]

_INTEGERS = frozenset(
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
        "unsignedShort", "unsignedByte",
    )
)
_FLOATS = frozenset(XSD + name for name in ("decimal", "double", "float"))


def to_python(term: OxTerm | None) -> Value:
    """Convert a pyoxigraph term to a plain value (see the module docstring).

    Literals whose lexical form is not valid for their type, and types without
    a Python counterpart (``xsd:gYear``, ...), come back as their lexical string.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    datatype = term.datatype.value
    text = term.value
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _FLOATS:
            return float(text)
        if datatype == XSD + "boolean":
            return text in ("true", "1")
        if datatype == XSD + "date":
            return dt.date.fromisoformat(text)
        if datatype == XSD + "dateTime":
            return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    return text


def to_rdflib(term: OxTerm | None) -> rdflib.term.Node | None:
    """Convert a pyoxigraph term to the equal rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Triple):
        raise TypeError("RDF-star triples are not part of kg graphs")
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD + "string":
        # RDF 1.1 simple literals are xsd:string; rdflib spells them without a datatype
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def to_oxigraph(value: Any) -> OxTerm:
    """Convert a binding value to a pyoxigraph term.

    rdflib terms and pyoxigraph terms keep their kind; a Python ``str`` is a
    string literal (pass ``rdflib.URIRef`` for an IRI); ``bool``, ``int``,
    ``float``, ``Decimal``, ``date`` and ``datetime`` become typed literals.

    >>> to_oxigraph(3)
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return value
    if isinstance(value, rdflib.URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, rdflib.BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, rdflib.Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise TypeError(f"cannot use {type(value).__name__} {value!r} as a query binding")


@dataclass(frozen=True)
class SelectResult:
    """The answer to a SELECT query.

    Attributes
    ----------
    variables : tuple of str
        Projected variable names, without ``?``, in query order.
    rows : tuple of tuple
        One tuple of plain values per solution, aligned with ``variables``.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    _terms: tuple[tuple[OxTerm | None, ...], ...] = field(default=(), repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Value, ...]]:
        return iter(self.rows)

    def as_dicts(self) -> list[dict[str, Value]]:
        """The rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def term_rows(self) -> list[tuple[rdflib.term.Node | None, ...]]:
        """The rows as rdflib terms (IRIs, typed literals), for RDF-aware writers."""
        return [tuple(to_rdflib(term) for term in row) for row in self._terms]


@dataclass(frozen=True)
class GraphResult:
    """The triples a CONSTRUCT or DESCRIBE query returns, as rdflib terms."""

    triples: tuple[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node], ...]

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self) -> Iterator[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]]:
        return iter(self.triples)

    def to_graph(self) -> rdflib.Graph:
        """The triples in a new rdflib Graph with the kg prefixes bound."""
        from kg.store.prefixes import PREFIXES

        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        for triple in self.triples:
            graph.add(triple)
        return graph

    def serialize(self, *, format: str = "nt") -> str:
        """The triples as text in an rdflib format (``nt``, ``turtle``, ``json-ld``, ...).

        N-Triples lines are sorted, so equal results print equally.
        """
        text = self.to_graph().serialize(format=format)
        if format in ("nt", "ntriples", "nt11"):
            return "".join(sorted(text.splitlines(keepends=True)))
        return text


#: What :meth:`kg.store.Store.query` returns: SELECT, ASK or CONSTRUCT/DESCRIBE.
QueryResult = Union[SelectResult, bool, GraphResult]


def select_result(solutions: ox.QuerySolutions) -> SelectResult:
    """Read every solution of a pyoxigraph SELECT into a :class:`SelectResult`."""
    variables = tuple(variable.value for variable in solutions.variables)
    terms = tuple(tuple(solution[i] for i in range(len(variables))) for solution in solutions)
    rows = tuple(tuple(to_python(term) for term in row) for row in terms)
    return SelectResult(variables=variables, rows=rows, _terms=terms)


def graph_result(triples: ox.QueryTriples) -> GraphResult:
    """Read every triple of a pyoxigraph CONSTRUCT/DESCRIBE into a :class:`GraphResult`."""
    converted = []
    for triple in triples:
        converted.append(
            (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
        )
    return GraphResult(triples=tuple(converted))  # type: ignore[arg-type]

