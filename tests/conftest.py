"""Shared fixtures: paths to the shared data and the shipped examples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
SEED = SHARED / "corpus" / "seed" / "karabakh_ceasefire_article.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only shared data folder beside the repository (skip when absent)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not here")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return SEED
