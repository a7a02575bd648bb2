"""``kg audit`` on the Wikinews corpus: no junk among the most-mentioned actors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from kg.audit import AUDIT_CLASSES, audit, normalised_label
from kg.store import Store

# the classes that are junk, not matters of judgement
JUNK = ("other-script", "marker", "publisher")


@pytest.fixture(scope="module")
def rows(wikinews_store: Path) -> list:
    with Store.open(wikinews_store, read_only=True) as store:
        return audit(store, top=200)


def test_no_junk_among_the_200_most_mentioned_actors(rows: list) -> None:
    assert [(r.kind, r.label) for r in rows if r.kind in JUNK] == []


def test_no_government_without_a_country(wikinews_store: Path) -> None:
    with Store.open(wikinews_store, read_only=True) as store:
        every = audit(store, top=None)
    assert [r.label for r in every if r.kind == "no-country" and r.type == "GovernmentBody"] == []


def test_rows_are_sorted_by_class_then_rank(rows: list) -> None:
    keys = [(AUDIT_CLASSES.index(r.kind), r.rank) for r in rows]
    assert keys == sorted(keys)


@pytest.mark.parametrize(("one", "two"), [
    ("U.S. Senate", "United States Senate"),
    ("UN Regional Centre", "United Nations Regional Centre"),
    ("Nagorno-Karabakh region", "Nagorno-Karabakh"),
    ("the Democratic party", "Democratic Party"),
])
def test_normalised_labels_meet(one: str, two: str) -> None:
    assert normalised_label(one) == normalised_label(two)


def test_normalised_labels_keep_different_names_apart() -> None:
    assert normalised_label("Sudan") != normalised_label("South Sudan")


def test_cli_prints_json(wikinews_store: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "audit", "--store", str(wikinews_store),
                             "--format", "json", "--top", "50"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert all(set(row) >= {"kind", "label", "rank", "actor"} and row["rank"] <= 50 for row in data)
