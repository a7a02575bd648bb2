"""Query results written in the SPARQL results formats, with a row cap.

pyoxigraph can serialise a whole result, but not a capped one; the cap must
be applied while reading, and reported. These writers take the rows already
read (pyoxigraph terms) and write the W3C formats: SPARQL Results JSON (plus
a ``truncated`` member, which JSON readers ignore), XML, CSV and TSV.

>>> import pyoxigraph as ox
>>> rows = [(ox.NamedNode("http://e/a"), ox.Literal("x", language="en"))]
>>> write_select(("s", "o"), rows, "text/csv", truncated=False).decode().splitlines()
['s,o', 'http://e/a,x']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

__all__ = ["GRAPH_FORMATS", "write_boolean", "write_graph", "write_select"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_JSON = "application/sparql-results+json"
_XML = "application/sparql-results+xml"
_CSV = "text/csv"
_TSV = "text/tab-separated-values"

#: CONSTRUCT/DESCRIBE media type -> pyoxigraph format.
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

Term = Any  # a pyoxigraph NamedNode, BlankNode, Literal or Triple, or None


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = zip(("subject", "predicate", "object"), (term.subject, term.predicate, term.object))
        return "<triple>" + "".join(f"<{k}>{_xml_term(v)}</{k}>" for k, v in parts) + "</triple>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_value(term: Term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return str(term.value)


def write_select(
    variables: Sequence[str], rows: Sequence[Sequence[Term]], media_type: str, *, truncated: bool
) -> bytes:
    """Write SELECT rows in ``media_type`` (one of the four results formats)."""
    if media_type == _JSON:
        bindings = [
            {name: _json_term(term) for name, term in zip(variables, row) if term is not None} for row in rows
        ]
        document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}, "truncated": truncated}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if media_type == _XML:
        lines = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        lines += [f"<variable name={quoteattr(name)}/>" for name in variables]
        lines.append("</head><results>")
        for row in rows:
            cells = "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(variables, row)
                if term is not None
            )
            lines.append(f"<result>{cells}</result>")
        lines.append("</results></sparql>")
        return "\n".join(lines).encode("utf-8")
    if media_type == _CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(term) for term in row] for row in rows)
        return buffer.getvalue().encode("utf-8")
    if media_type == _TSV:
        lines = ["\t".join(f"?{name}" for name in variables)]
        lines += ["\t".join("" if term is None else str(term) for term in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"no SELECT writer for {media_type}")


def write_boolean(value: bool, media_type: str) -> bytes:
    """Write an ASK answer in ``media_type``."""
    word = "true" if value else "false"
    if media_type == _JSON:
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if media_type == _XML:
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>"
        ).encode("utf-8")
    if media_type in (_CSV, _TSV):
        header = "_askResult" if media_type == _CSV else "?_askResult"
        return f"{header}\n{word}\n".encode("utf-8")
    raise ValueError(f"no ASK writer for {media_type}")


def write_graph(triples: Sequence[ox.Triple], media_type: str, *, prefixes: dict[str, str]) -> bytes:
    """Write CONSTRUCT/DESCRIBE triples in ``media_type`` (see :data:`GRAPH_FORMATS`)."""
    rdf_format = GRAPH_FORMATS[media_type]
    if rdf_format == ox.RdfFormat.N_QUADS:
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        return ox.serialize(quads, format=rdf_format) or b""
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        # ``id:`` would turn every entity IRI into an escaped local name (id:person\/x)
        readable = {name: iri for name, iri in prefixes.items() if name != "id"}
        return ox.serialize(triples, format=rdf_format, prefixes=readable) or b""
    return ox.serialize(triples, format=rdf_format) or b""
