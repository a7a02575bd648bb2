"""The Wikinews corpus and the seed build into one store with every article in it."""

from __future__ import annotations

import json
from pathlib import Path

from kg.store import Store
from tests.conftest import WIKINEWS


def test_every_article_is_stored(wikinews_store: Path) -> None:
    expected = sum(1 for line in WIKINEWS.read_text(encoding="utf-8").splitlines() if line.strip()) + 1
    with Store.open(wikinews_store, read_only=True) as store:
        assert store.count("articles") == expected
        titles = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ckg:Article ; dcterms:title ?t }")
        assert not isinstance(titles, bool) and hasattr(titles, "rows")
        first = json.loads(WIKINEWS.read_text(encoding="utf-8").splitlines()[0])
        assert first.get("title")
        assert titles.rows[0][0] >= expected - 1  # the seed is plain text: its title is its first line or none
