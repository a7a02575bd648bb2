"""Fixtures for the mapping tests."""

from __future__ import annotations

import pytest

from kg.model import Extraction
from tests.mapping.mapping_samples import sample_extraction


@pytest.fixture
def extraction() -> Extraction:
    """The sample article with its mentions, entities, relations, events and claim."""
    return sample_extraction()
