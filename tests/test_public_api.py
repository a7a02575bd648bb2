"""The public API is what kg/__init__.py exports, in a sorted __all__."""

from __future__ import annotations

import kg


def test_all_is_sorted_and_exists() -> None:
    assert kg.__all__ == sorted(kg.__all__)
    for name in kg.__all__:
        assert hasattr(kg, name), name


def test_public_api_names() -> None:
    assert set(kg.__all__) >= {"build", "open_store", "query", "extract_text", "article_graph", "Config", "KgError"}
