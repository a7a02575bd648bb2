"""Check graphs against the ontology's SHACL shapes (``ontology/shapes.ttl``).

The shapes run on the union of the article graphs, without inference: the
mapping materialises superclasses itself, and the shapes check that it did.
Violations are returned in a report, never raised; the caller (the CLI, a
test, the build) decides what they mean.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> from kg.namespace import CKG
>>> graph = Graph()
>>> _ = graph.add((URIRef("https://w3id.org/conflict-kg/id/country/arm"), RDF.type, CKG.Country))
>>> report = validate_graph(graph)
>>> report.conforms
False
>>> print(report.text().splitlines()[0])
3 problems (3 violations, 0 warnings)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH
from rdflib.util import guess_format
from rdflib.term import Node

from kg.errors import ValidationError
from kg.ids import ONTOLOGY_BASE
from kg.resources import ONTOLOGY_DIR

__all__ = [
    "SHAPES_PATH",
    "GraphSource",
    "ValidationReport",
    "ValidationResult",
    "validate_file",
    "validate_graph",
    "validate_store",
]

#: The shapes used when none are given.
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"


class ValidationResult(NamedTuple):
    """One SHACL result: which node, which property, what is wrong, how bad.

    ``severity`` is ``"Violation"``, ``"Warning"`` or ``"Info"``; ``path`` is
    ``None`` for a constraint on the node itself (such as its classes).
    """

    focus: str
    path: str | None
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate_graph`.

    Parameters
    ----------
    conforms : bool
        True when no shape reports a violation.
    results : tuple of ValidationResult
        Every result, sorted by focus node, path and message.
    """

    conforms: bool
    results: tuple[ValidationResult, ...] = ()

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results of severity ``Violation``."""
        return tuple(r for r in self.results if r.severity == "Violation")

    def text(self, *, limit: int | None = None) -> str:
        """The report for humans: a summary line, then one line per result.

        Parameters
        ----------
        limit : int, optional
            Show at most this many results and say how many were left out.
        """
        if self.conforms and not self.results:
            return "conforms: no problems"
        warnings = sum(r.severity != "Violation" for r in self.results)
        lines = [
            f"{len(self.results)} problems ({len(self.results) - warnings} violations, "
            f"{warnings} warnings)"
        ]
        shown = self.results if limit is None else self.results[:limit]
        for result in shown:
            where = f" {result.path}" if result.path else ""
            line = f"{result.severity}: <{result.focus}>{where}: {result.message}"
            lines.append(line.replace(ONTOLOGY_BASE, "ckg:"))
        if len(shown) < len(self.results):
            lines.append(f"... and {len(self.results) - len(shown)} more")
        return "\n".join(lines)


def _union(graph: Graph) -> Graph:
    # pyshacl validates each named graph of a dataset on its own; an entity
    # typed in one article graph and used in another must be seen together.
    if not isinstance(graph, ConjunctiveGraph):
        return graph
    union = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _load_shapes(shapes: Graph | str | Path | None) -> Graph:
    if isinstance(shapes, Graph):
        return shapes
    path = Path(shapes) if shapes is not None else SHAPES_PATH
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ValidationError(
            f"{path}: cannot read the SHACL shapes ({e}); check the file is Turtle"
        ) from e


def _text(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate)
    return None if value is None else str(value)


def validate_graph(
    graph_or_dataset: Graph, *, shapes: Graph | str | Path | None = None
) -> ValidationReport:
    """Validate a graph, or the union of a dataset's graphs, against SHACL shapes.

    Parameters
    ----------
    graph_or_dataset : rdflib.Graph or rdflib.Dataset
        The data; a dataset is validated as the union of its graphs.
    shapes : rdflib.Graph, str or Path, optional
        The shapes; ``ontology/shapes.ttl`` by default.

    Returns
    -------
    ValidationReport
        Whether the data conforms, and every result.

    Raises
    ------
    ValidationError
        If the shapes cannot be read or pyshacl fails (not for violations).
    """
    import pyshacl  # slow to import; only validation needs it

    shapes_graph = _load_shapes(shapes)
    data = _union(graph_or_dataset)
    try:
        conforms, results_graph, _ = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            inference="none",
            allow_warnings=True,
            allow_infos=True,
        )
    except (pyshacl.errors.ReportableRuntimeError, RuntimeError) as e:
        raise ValidationError(f"SHACL validation could not run: {e}; check the shapes") from e
    if isinstance(results_graph, Exception):  # pyshacl returns some failures instead of raising
        raise ValidationError(
            f"SHACL validation could not run: {results_graph}; check the shapes"
        ) from results_graph
    assert isinstance(results_graph, Graph)
    results = []
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        severity = _text(results_graph, node, SH.resultSeverity) or str(SH.Violation)
        results.append(
            ValidationResult(
                focus=_text(results_graph, node, SH.focusNode) or "",
                path=_text(results_graph, node, SH.resultPath),
                message=_text(results_graph, node, SH.resultMessage) or "(no message)",
                severity=severity.rsplit("#", 1)[-1],
            )
        )
    results.sort(key=lambda r: (r.focus, r.path or "", r.message, r.severity))
    return ValidationReport(conforms=bool(conforms), results=tuple(results))


def validate_file(path: str | Path, *, shapes: Graph | str | Path | None = None) -> ValidationReport:
    """Validate an RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML).

    The format is told by the file's extension; all its graphs are validated
    as one union, as in the store.

    Raises
    ------
    ValidationError
        If the file cannot be read or parsed, or the shapes cannot be read.
    """
    path = Path(path)
    fmt = guess_format(str(path))
    if fmt is None:
        raise ValidationError(
            f"{path}: cannot tell the RDF format from the extension; "
            "use .ttl, .nt, .nq, .trig, .jsonld or .rdf"
        )
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except (OSError, SyntaxError, ValueError) as e:
        raise ValidationError(f"{path}: cannot read it as {fmt} ({e})") from e
    return validate_graph(dataset, shapes=shapes)


class GraphSource(Protocol):
    """What :func:`validate_store` needs of a store (:class:`kg.store.Store` has it)."""

    def graph_iris(self) -> list[str]:
        """Names of all named graphs."""
        ...

    def dump_graph(self, iri: str | None) -> bytes:
        """N-Triples of one named graph, or of the default graph for None."""
        ...


def validate_store(store: GraphSource, *, shapes: Graph | str | Path | None = None) -> ValidationReport:
    """Validate the union of every graph in a store.

    Parameters
    ----------
    store : kg.store.Store
        An open store (read-only is enough).
    shapes : rdflib.Graph, str or Path, optional
        The shapes; ``ontology/shapes.ttl`` by default.

    Raises
    ------
    ValidationError
        If the store's content cannot be read back or pyshacl fails.
    """
    union = Graph()
    for iri in [*store.graph_iris(), None]:
        try:
            union.parse(data=store.dump_graph(iri).decode("utf-8"), format="nt")
        except (SyntaxError, ValueError) as e:
            raise ValidationError(f"graph {iri or 'default'} of the store cannot be read back: {e}") from e
    return validate_graph(union, shapes=shapes)

