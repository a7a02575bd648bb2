"""The made-up world of tests/analytics/world.py, mapped to RDF and loaded into a store in memory."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.ids import article_iri
from kg.mapping import extraction_to_graph
from kg.store import Store
from tests.analytics.world import world_extractions


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open() as store:
        store.replace_articles(
            (article_iri(extraction.article.id), extraction_to_graph(extraction))
            for extraction in world_extractions()
        )
        yield store
