"""The build's N-Triples text is the rdflib mapping written out, byte for byte."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import Graph

from kg.errors import ExtractionError
from kg.mapping.graph import extraction_ntriples, extraction_to_graph, extraction_triples
from kg.mapping.nquads import to_ntriples
from kg.model import Extraction
from tests.mapping.mapping_samples import extractions
from tests.mapping.test_graph import _broken


def test_sample_article_text_equals_the_rdflib_terms_written(extraction: Extraction) -> None:
    text = extraction_ntriples(extraction)
    assert text == to_ntriples(extraction_triples(extraction))
    assert text.endswith(" .\n") and text.splitlines() == sorted(set(text.splitlines()))


def test_sample_article_text_reads_back_as_its_graph(extraction: Extraction) -> None:
    from rdflib.compare import isomorphic

    graph = Graph().parse(data=extraction_ntriples(extraction), format="nt")
    assert isomorphic(graph, extraction_to_graph(extraction))


@pytest.mark.parametrize(
    "text",
    ['He said "no".', "back\\slash", "two\nlines\r\n", "tab\tand ünïcödé", ""],
)
def test_literals_that_need_escapes(extraction: Extraction, text: str) -> None:
    entity = replace(extraction.entities[2], label=text or "x", aliases=(text,), roles=(text,))
    changed = replace(extraction, entities=(*extraction.entities[:2], entity, *extraction.entities[3:]))
    assert extraction_ntriples(changed) == to_ntriples(extraction_triples(changed))


@pytest.mark.parametrize("date", ["1994", "2020-12", "2020-12-02", "2020-12-02T10:15:00", "2020-12-02T10:15:00Z"])
def test_event_dates_of_every_precision(extraction: Extraction, date: str) -> None:
    event = replace(extraction.events[0], date=date)
    changed = replace(extraction, events=(event, *extraction.events[1:]))
    assert extraction_ntriples(changed) == to_ntriples(extraction_triples(changed))


@pytest.mark.parametrize(
    "what", ["mention text", "offsets", "entity type", "predicate", "event type", "event date", "goldstein", "trigger"]
)
def test_broken_extraction_raises_the_same_error(extraction: Extraction, what: str) -> None:
    broken = _broken(extraction, what)
    with pytest.raises(ExtractionError) as from_terms:
        to_ntriples(extraction_triples(broken))
    with pytest.raises(ExtractionError) as from_text:
        extraction_ntriples(broken)
    assert str(from_text.value) == str(from_terms.value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extractions())
def test_any_extraction_gives_the_same_text(extraction: Extraction) -> None:
    assert extraction_ntriples(extraction) == to_ntriples(extraction_triples(extraction))
