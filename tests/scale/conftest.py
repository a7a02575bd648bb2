"""Shared fixtures of the corpus-scale tests: twelve short articles written for these tests, built once."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kg.config import Config
from kg.export import export
from kg.pipeline import build
from kg.store import Store

ARTICLES = Path(__file__).resolve().parent / "data" / "articles.jsonl"


def export_bytes(store: Store, format: str = "nq") -> bytes:
    out = io.BytesIO()
    export(store, format=format, out=out)
    return out.getvalue()


def write_articles(path: Path, ids: list[str], *, edit: dict[str, str] | None = None) -> Path:
    """Write the test articles with ``ids`` to ``path``, replacing texts by ``edit``."""
    rows = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            if row["id"] in ids:
                row["text"] = (edit or {}).get(row["id"], row["text"])
                f.write(json.dumps(row) + "\n")
    return path


def article_ids() -> list[str]:
    return [json.loads(line)["id"] for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def clean_export(tmp_path_factory: pytest.TempPathFactory, config: Config) -> bytes:
    """N-Quads export of a clean one-process build of all the test articles."""
    with Store.open(tmp_path_factory.mktemp("clean") / "store") as store:
        report = build([str(ARTICLES)], store=store, config=config)
        assert report.built == len(article_ids()) and not report.failed
        return export_bytes(store)
