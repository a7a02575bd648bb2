"""Directories, globs, mixed inputs: what is read and in which order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.ingest import IngestProblem, read_articles
from kg.model import Article


def _story(n: int) -> str:
    return f"Story number {n}: the army said its troops had crossed the river at dawn."


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    files = {
        "z.txt": _story(1),
        "a/deep/x.md": _story(2),
        "a/one.html": f"<html><body><article><p>{_story(3)}</p></article></body></html>",
        "b/two.jsonl": '{"id": "b2", "text": "%s"}\n' % _story(4),
        "b/three.json": '{"id": "b3", "text": "%s"}' % _story(5),
        "b/skip.csv": _story(6),
        "b/README.md": "How these files were made, written as a full sentence here.",
        "b/LICENSE.txt": "Permission is granted to anybody to use these files freely.",
        ".hidden/h.txt": _story(7),
        "b/.dot.txt": _story(8),
    }
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    return tmp_path


def _texts(items: list[Article | IngestProblem]) -> list[str]:
    assert all(isinstance(i, Article) for i in items), items
    return [i.text for i in items if isinstance(i, Article)]


def test_directory_is_walked_recursively_sorted_known_extensions_only(tree: Path) -> None:
    items = list(read_articles([tree]))
    assert [t.split(":")[0] for t in _texts(items)] == [
        "Story number 2", "Story number 3", "Story number 5", "Story number 4", "Story number 1"]
    origins = [i.origin for i in items if isinstance(i, Article)]
    assert origins[1] == str(tree / "a" / "one.html")
    assert origins[3] == f"{tree / 'b' / 'two.jsonl'}:1"


def test_glob_is_expanded_sorted(tree: Path) -> None:
    items = list(read_articles([str(tree / "**" / "*.*")]))
    assert [t.split(":")[0] for t in _texts(items)] == [
        "Story number 2", "Story number 3", "Story number 5", "Story number 4", "Story number 1"]


def test_relative_glob_and_order_of_inputs(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    items = list(read_articles(["z.txt", "b/*.json*", "a"]))
    assert [t.split(":")[0] for t in _texts(items)] == [
        "Story number 1", "Story number 5", "Story number 4", "Story number 2", "Story number 3"]
    assert isinstance(items[1], Article)
    assert items[1].origin == os.path.join("b", "three.json")


def test_explicit_documentation_file_is_read(tree: Path) -> None:
    [article] = _texts(list(read_articles([tree / "b" / "README.md"])))
    assert article.startswith("How these files")


def test_same_inputs_give_same_articles(tree: Path) -> None:
    assert list(read_articles([tree])) == list(read_articles([tree]))
