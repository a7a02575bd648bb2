"""Helpers of the store tests: the made-up world of tests/queries, loaded graph by graph."""

from __future__ import annotations

from tests.queries.conftest import ID, world, world_graphs, world_store  # noqa: F401  (shared fixtures)

__all__ = ["ID", "world_graphs"]
