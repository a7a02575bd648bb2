"""Opening, closing and reopening the store on disk, and the errors around it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.store import Store

G = "https://w3id.org/conflict-kg/id/article/open-test"
DATA = f'<{G}> <http://www.w3.org/2000/01/rdf-schema#label> "kept" .\n'


def test_open_creates_missing_directory(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "store"
    with Store.open(path) as store:
        store.replace_articles([(G, DATA)])
    assert (path / "CURRENT").is_file()


def test_reopen_keeps_the_data(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as store:
        store.replace_articles([(G, DATA)])
    with Store.open(tmp_path / "s") as store:
        assert store.count_triples() == 1
        assert store.graph_iris() == [G]


def test_read_only_reads_and_refuses_writes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as store:
        store.replace_articles([(G, DATA)])
    with Store.open(tmp_path / "s", read_only=True) as store:
        assert store.count_triples() == 1
        with pytest.raises(StoreError, match="read-only"):
            store.replace_articles([(G, DATA)])


def test_closed_store_refuses_use(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count_triples()


def test_close_releases_the_lock(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "s")
    first.close()
    with Store.open(tmp_path / "s") as second:
        assert second.count_triples() == 0


def test_second_open_in_same_process_is_a_store_error(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s"):
        with pytest.raises(StoreError, match="in use by another process"):
            Store.open(tmp_path / "s")


def test_store_locked_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "s"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from kg.store import Store; s = Store.open(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
         str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=str(path).replace("\\", "\\\\")):
            Store.open(path)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)


@pytest.mark.parametrize(
    ("setup", "read_only", "message"),
    [
        ("file", False, "is a file"),
        ("foreign", False, "not a kg store"),
        ("missing", True, "no store at"),
        ("empty", True, "no store at"),
    ],
)
def test_bad_directories(tmp_path: Path, setup: str, read_only: bool, message: str) -> None:
    path = tmp_path / "target"
    if setup == "file":
        path.write_text("not a store")
    elif setup == "foreign":
        path.mkdir()
        (path / "notes.txt").write_text("my own files")
    elif setup == "empty":
        path.mkdir()
    with pytest.raises(StoreError, match=message):
        Store.open(path, read_only=read_only)
    if setup == "foreign":
        assert sorted(os.listdir(path)) == ["notes.txt"]  # nothing written into it


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_directory(tmp_path: Path) -> None:
    path = tmp_path / "locked"
    path.mkdir()
    path.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable"):
            Store.open(path)
    finally:
        path.chmod(0o700)


def test_memory_store_cannot_be_read_only() -> None:
    with pytest.raises(StoreError, match="memory"):
        Store.open(None, read_only=True)
