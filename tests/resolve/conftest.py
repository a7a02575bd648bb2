"""Fixtures of the resolve tests: the gazetteer, the full pipeline and the seed article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "corpus" / "seed" / "karabakh_ceasefire_article.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's body, from "The Russian president called" to "violating the truce."

    Boilerplate is cut here by hand, as ingest (which strips it) is tested elsewhere.
    """
    if not SEED.is_file():
        pytest.skip("../shared/corpus/seed is not available")
    raw = SEED.read_text(encoding="utf-8")
    start = raw.index("The Russian president called")
    end = raw.index("violating the truce.") + len("violating the truce.")
    return raw[start:end]


@pytest.fixture(scope="session")
def extract_text() -> Any:
    """A function that runs the whole extraction on a text published on a given day."""
    from datetime import date

    from kg.config import Config
    from kg.model import Article, Extraction
    from kg.pipeline import extract_doc, load_components

    components = load_components(Config())

    def extract(text: str, published: date) -> Extraction:
        article = Article(id="t", text=text, published=published)
        return extract_doc(components.nlp(text), article, components=components, config=Config())

    return extract
