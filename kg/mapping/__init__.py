"""The mapping stage: extractions to RDF, one named graph per article.

>>> from kg.model import Article, Extraction
>>> dataset = extractions_to_dataset([Extraction(Article(id="a-1", text="Calm."))])
>>> to_nquads(dataset).count("\\n")
4
"""

from __future__ import annotations

from kg.mapping.graph import (
    bind_prefixes,
    extraction_to_graph,
    extraction_triples,
    extractions_to_dataset,
)
from kg.mapping.nquads import to_nquads

__all__ = [
    "bind_prefixes",
    "extraction_to_graph",
    "extraction_triples",
    "extractions_to_dataset",
    "to_nquads",
]
