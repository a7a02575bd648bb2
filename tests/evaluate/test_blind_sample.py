"""The blind sample is reproducible and its annotations load; no item is coded or shown here.

These tests check ids, files and offsets only: they never run kg on a blind item, and a
failure shows no corpus text.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from kg.evaluate import read_standoff_events
from tests.conftest import ROOT

BLIND = ROOT / "eval" / "blind"


def _draw_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blind_draw", BLIND / "draw.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sample(label: str) -> list[tuple[str, str, int, int]]:
    rows = []
    for line in (BLIND / f"sample_{label.lower()}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("item\t"):
            continue
        _, file, record, start, end = line.split("\t")
        rows.append((file, record, int(start), int(end)))
    return rows


@pytest.fixture(scope="module")
def drawn(shared: Path) -> dict[str, list[tuple[str, str, int, int]]]:
    return _draw_module().draw(ROOT)


@pytest.mark.parametrize(("label", "size"), [("A", 400), ("B", 200)])
def test_drawing_again_gives_the_committed_samples(drawn: dict[str, list[tuple[str, str, int, int]]],
                                                   label: str, size: int) -> None:
    assert len(drawn[label]) == size
    assert drawn[label] == _sample(label)


def test_the_samples_are_disjoint_and_have_the_promised_shape(drawn: dict[str, list[tuple[str, str, int, int]]]) -> None:
    assert not set(drawn["A"]) & set(drawn["B"])
    for label, scale in (("A", 1), ("B", 2)):
        per_file = {file: sum(1 for row in drawn[label] if row[0] == file) for file, _ in _draw_module().SHAPE}
        assert list(per_file.values()) == [size // scale for _, size in _draw_module().SHAPE]


def test_the_seeds_are_written_in_the_samples() -> None:
    draw = _draw_module()
    for label, seed in (("A", draw.SEED_A), ("B", draw.SEED_B)):
        header = (BLIND / f"sample_{label.lower()}.tsv").read_text(encoding="utf-8").splitlines()[0]
        assert f"seed {seed}" in header


@pytest.mark.parametrize("label", ["A", "B"])
def test_the_annotations_cover_exactly_the_sample(shared: Path, label: str) -> None:
    gold = BLIND / f"gold_{label.lower()}.jsonl"
    items = read_standoff_events(gold, root=ROOT)
    assert [(i.file, i.record, i.start, i.end) for i in items] == _sample(label)
    assert all(item.id.startswith(label) for item in items)
    # stand-off only: no line carries text
    assert all("text" not in json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines())


def test_sentences_are_split_deterministically() -> None:
    sentences = _draw_module().sentences
    # a dateline and a short exclamation are no sentences (fewer than five words)
    text = ("Monday, May 4, 2020\n\nDr. Smith met the U.S. envoy on Friday. They agreed on new talks! "
            "Fine.\nA second paragraph starts here today.")
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Dr. Smith met the U.S. envoy on Friday.", "They agreed on new talks!", "A second paragraph starts here today.",
    ]
    assert spans == sentences(text)
