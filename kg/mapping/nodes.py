"""How the mapping makes its nodes: rdflib terms, or their N-Triples text directly.

The mapping writes each article's triples once (:mod:`kg.mapping.graph`); what
a node *is* comes from one of two factories with the same methods.
:data:`RDFLIB` makes rdflib terms, for graphs; :data:`NTRIPLES` makes the
N-Triples text of the same terms, which is what a build writes to the store:
creating an rdflib term (and writing it out again) cost more than the rest of
the mapping. Both give the same triples: the text of a node is what
:func:`kg.mapping.nquads.to_ntriples` writes for its rdflib term.

>>> print(NTRIPLES.text('say "hi"'), NTRIPLES.integer(7))
"say \\"hi\\"" "7"^^<http://www.w3.org/2001/XMLSchema#integer>
>>> RDFLIB.integer(7), NTRIPLES.term("rdf:type")
(rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')), '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.mapping.nquads import iri_text, literal_text
from kg.namespace import CKG

__all__ = ["NTRIPLES", "RDFLIB", "Nodes"]

# the terms the mapping writes, by a short name (ckg terms by their local name)
_OTHER_TERMS = {
    "rdf:type": RDF.type, "rdfs:label": RDFS.label, "skos:altLabel": SKOS.altLabel,
    "owl:sameAs": OWL.sameAs, "dcterms:identifier": DCTERMS.identifier,
    "dcterms:title": DCTERMS.title, "dcterms:source": DCTERMS.source,
    "dcterms:publisher": DCTERMS.publisher,
}
_CKG_TERMS = (
    "Actor", "Article", "Claim", "Mention", "agent", "argument", "articleText", "cameoCode",
    "charEnd", "charStart", "claimedBy", "claims", "confidence", "contentHash", "countryCode",
    "date", "dateSource", "evidence", "goldstein", "inArticle", "location", "mentionOf",
    "modality", "negated", "partOfConflict", "published", "quadClass", "quote", "role", "sector",
    "sentenceEnd", "sentenceStart", "speaker", "target", "text", "trigger", "triggerEnd",
    "triggerStart", "url",
)
_INTEGER = iri_text(str(XSD.integer))
_BOOLEAN = iri_text(str(XSD.boolean))


def _vocabulary(make: Callable[[URIRef], Any]) -> Mapping[str, Any]:
    terms = {**_OTHER_TERMS, **{f"ckg:{name}": CKG[name] for name in _CKG_TERMS}}
    return MappingProxyType({key: make(term) for key, term in terms.items()})


@dataclass(frozen=True)
class Nodes:
    """A node factory: IRIs, plain and typed literals, and the mapping's fixed terms.

    Attributes
    ----------
    iri : callable
        ``iri(text)``: the node of an IRI.
    text : callable
        ``text(value)``: a plain string literal.
    integer : callable
        ``integer(n)``: an ``xsd:integer`` literal.
    boolean : callable
        ``boolean(b)``: an ``xsd:boolean`` literal.
    typed : callable
        ``typed(text, datatype)``: a typed literal whose text rdflib keeps as
        given (decimals, dates, years, URLs in canonical form).
    literal : callable
        ``literal(term)``: the node of an rdflib Literal (dates, decimals, URLs).
    uri : callable
        ``uri(term)``: the node of an rdflib URIRef (ontology classes).
    vocabulary : mapping
        The fixed terms, as nodes, by ``"rdf:type"`` or a ckg local name ``"ckg:Mention"``.
    """

    iri: Callable[[str], Any]
    text: Callable[[str], Any]
    integer: Callable[[int], Any]
    boolean: Callable[[bool], Any]
    typed: Callable[[str, URIRef], Any]
    literal: Callable[[Literal], Any]
    uri: Callable[[URIRef], Any]
    vocabulary: Mapping[str, Any] = field(repr=False)

    def term(self, name: str) -> Any:
        """The node of a fixed term (:attr:`vocabulary`)."""
        return self.vocabulary[name]


def _same(node: Any) -> Any:
    return node


RDFLIB = Nodes(
    iri=URIRef, text=Literal, integer=Literal, boolean=Literal,
    typed=lambda text, datatype: Literal(text, datatype=datatype), literal=_same, uri=_same,
    vocabulary=_vocabulary(_same),
)


def _iri_of(term: URIRef) -> str:
    return iri_text(str(term))


NTRIPLES = Nodes(
    iri=iri_text,
    text=lambda value: literal_text(value),
    integer=lambda n: f'"{n}"^^{_INTEGER}',
    boolean=lambda b: f'"{"true" if b else "false"}"^^{_BOOLEAN}',
    typed=lambda text, datatype: literal_text(text, datatype=datatype),
    literal=lambda term: literal_text(str(term), datatype=term.datatype, language=term.language),
    uri=_iri_of,
    vocabulary=_vocabulary(_iri_of),
)
