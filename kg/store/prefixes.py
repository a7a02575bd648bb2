"""The fixed prefixes of every serialisation and query `kg` writes.

One table, so that Turtle, TriG, JSON-LD and the query library agree on what
``ckg:`` or ``id:`` means.

>>> PREFIXES["ckg"]
'https://w3id.org/conflict-kg/ontology#'
>>> expand_curie("id:country/arm")
'https://w3id.org/conflict-kg/id/country/arm'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kg.ids import ID_BASE, ONTOLOGY_BASE

__all__ = ["PREFIXES", "expand_curie"]

#: Prefix -> namespace IRI, in the order they are written out.
PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "ckg": ONTOLOGY_BASE,
        "id": ID_BASE,
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dcterms": "http://purl.org/dc/terms/",
        "prov": "http://www.w3.org/ns/prov#",
        "schema": "https://schema.org/",
        "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    }
)


def expand_curie(value: str) -> str:
    """Expand ``prefix:local`` with one of :data:`PREFIXES`; return anything else unchanged.

    >>> expand_curie("https://example.org/x")
    'https://example.org/x'
    """
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value
