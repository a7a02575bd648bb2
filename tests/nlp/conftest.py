"""Fixtures of the nlp tests: the gazetteer and the full pipeline (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from kg.config import Config
from kg.lexicon import Lexicon, load_lexicon


@pytest.fixture(scope="session")
def gazetteer_lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def kg_nlp(gazetteer_lexicon: Lexicon) -> Any:
    from kg.nlp import load_nlp

    return load_nlp(config=Config(), lexicon=gazetteer_lexicon)
