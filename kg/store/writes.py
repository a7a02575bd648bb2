"""Helpers of :class:`kg.store.Store`: checking a store directory, preparing article data.

>>> print(canonical_ntriples("https://example.org/g", '<https://example.org/s> <https://example.org/p> "o" .'), end="")
<https://example.org/s> <https://example.org/p> "o" .
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import pyoxigraph as ox
import rdflib

from kg.errors import StoreError

__all__ = ["ArticleData", "ArticleWriteError", "WriteReport", "canonical_ntriples", "check_directory", "open_failure"]

#: What :meth:`kg.store.Store.replace_articles` accepts for one article's
#: content: N-Triples or N-Quads text (bytes or str), or an rdflib Graph.
ArticleData = Union[str, bytes, rdflib.Graph]

# rdflib writes the default graph of a Dataset under this name in N-Quads
_RDFLIB_DEFAULT = ox.NamedNode("urn:x-rdflib:default")


@dataclass(frozen=True)
class WriteReport:
    """What a batch of article writes did.

    Attributes
    ----------
    written : tuple of str
        Graph IRIs replaced, in input order.
    failed : tuple of (str, str)
        ``(graph IRI, reason)`` for each article left as it was before.
    """

    written: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        """True when every article was written."""
        return not self.failed


class ArticleWriteError(StoreError):
    """Some articles of a batch could not be written; the others were.

    Attributes
    ----------
    report : WriteReport
        Which articles were written and why the others were not.
    """

    def __init__(self, report: WriteReport) -> None:
        self.report = report
        reasons = "; ".join(f"{iri}: {reason}" for iri, reason in report.failed[:5])
        more = f" (and {len(report.failed) - 5} more)" if len(report.failed) > 5 else ""
        super().__init__(
            f"{len(report.failed)} article graph(s) not written, left as they were: {reasons}{more}; "
            "fix the data (it must be N-Triples/N-Quads without blank nodes) and write them again"
        )


def check_directory(directory: Path, *, read_only: bool) -> None:
    """Refuse a path that is a file, a foreign directory, or not writable (StoreError)."""
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} is a file, not a store directory; give a directory (it is created if missing)")
    is_store = (directory / "CURRENT").is_file()
    if read_only and not is_store:
        raise StoreError(f"there is no store at {directory}; build one first with `kg build --store {directory}`")
    if directory.is_dir() and not is_store and any(directory.iterdir()):
        raise StoreError(
            f"{directory} is not a kg store and not empty; give a new or empty directory for the store"
        )
    if directory.is_dir() and not read_only and not os.access(directory, os.W_OK):
        raise StoreError(f"the store directory {directory} is not writable; fix its permissions or open it read-only")


def open_failure(directory: Path, error: OSError) -> str:
    """A message saying why pyoxigraph could not open the store, and what to do."""
    message = str(error)
    if "lock" in message.lower():
        return (
            f"the store at {directory} is in use by another process (it holds the lock); "
            "close that process (a running `kg build` or `kg serve`) or open the store read-only"
        )
    if "permission" in message.lower():
        return f"no permission to open the store at {directory}; fix its permissions or choose another directory"
    return f"cannot open the store at {directory}: {message}; check that it is a kg store directory"


def canonical_ntriples(iri: str, data: ArticleData) -> str:
    """Parse one article's content and give it back as canonical N-Triples.

    Re-serialising what pyoxigraph parsed, instead of pasting the input, is
    what makes the ``INSERT DATA`` text safe: nothing in it can close the
    graph block or start another update operation.
    """
    graph = ox.NamedNode(iri)
    if isinstance(data, rdflib.Graph):
        data = data.serialize(format="nquads" if data.context_aware else "nt", encoding="utf-8")
    triples = []
    for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        in_default = isinstance(quad.graph_name, ox.DefaultGraph) or quad.graph_name == _RDFLIB_DEFAULT
        if not in_default and quad.graph_name != graph:
            raise ValueError(f"a statement is in graph <{quad.graph_name.value}>, not in <{iri}>")
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            raise ValueError(f"blank node in {quad}; kg graphs name every node with an IRI")
        triples.append(quad.triple)
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
