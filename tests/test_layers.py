"""The package's layers: a module imports only from its own layer or below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"

# Each top-level module/package of kg, by layer (lower number = lower layer).
LAYERS = {
    "errors": 0, "ids": 0, "config": 0, "resources": 0, "model": 0, "namespace": 0,
    "gazetteer": 1, "gazetteer_periods": 1, "ingest": 1,
    "nlp": 2,
    "convert": 3,
    "resolve": 4,
    "events": 5,
    # the convert step for events: it reads the parse but needs the trigger
    # lexicon and time expressions of kg.events (both free of spaCy)
    "candidates": 5,
    "mapping": 6,
    "validate": 7,
    "store": 8,
    "export": 9, "queries": 9, "analytics": 9, "viz": 9, "jsonl": 9, "tables": 9, "info": 9, "audit": 9,
    "actors": 1,
    "evaluate": 10, "pipeline": 10, "progress": 10,
    "api": 11, "cli": 11, "server": 11, "__init__": 12, "__main__": 12,
}
# Third-party imports a layer must never make.
FORBIDDEN = {
    "nlp": {"rdflib", "pyoxigraph"},
    "gazetteer": {"spacy", "rdflib"},
    "gazetteer_periods": {"spacy", "rdflib"},
    "ingest": {"spacy", "rdflib", "pyoxigraph"},
    "resolve": {"spacy", "rdflib", "pyoxigraph"},
    "events": {"spacy", "rdflib", "pyoxigraph"},
    "candidates": {"rdflib", "pyoxigraph"},
    "mapping": {"spacy"},
    "model": {"spacy", "rdflib", "pyoxigraph"},
}


def _top(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_layers(path: Path) -> None:
    here = _top(path)
    assert here in LAYERS, f"{here} has no layer in tests/test_layers.py"
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] == "kg" and len(parts) > 1:
            there = parts[1]
            assert there in LAYERS, f"{name} has no layer"
            assert LAYERS[there] <= LAYERS[here] or there == here, f"{path.name} ({here}) imports {name} from a higher layer"
        assert parts[0] not in FORBIDDEN.get(here, set()), f"{here} must not import {parts[0]}"
