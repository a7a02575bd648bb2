"""Whatever the mapping writes satisfies the ontology's SHACL shapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from kg.mapping import extraction_to_graph, extractions_to_dataset
from kg.model import Extraction
from kg.validate import validate_graph
from tests.mapping.mapping_samples import extractions


def test_sample_article_conforms(extraction: Extraction) -> None:
    report = validate_graph(extraction_to_graph(extraction))
    assert report.conforms, report.text()


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(extraction=extractions())
def test_any_mapped_extraction_conforms(extraction: Extraction) -> None:
    report = validate_graph(extractions_to_dataset([extraction]))
    assert report.conforms, report.text()
