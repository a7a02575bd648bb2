"""Shared fixtures: paths to the shared data and the shipped examples."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.config import Config
from kg.gazetteer import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
SEED = SHARED / "corpus" / "seed" / "karabakh_ceasefire_article.txt"
WIKINEWS = SHARED / "corpus" / "wikinews_2019_2020" / "wikinews_2019_2020.jsonl"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only shared data folder beside the repository (skip when absent)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not here")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return SEED


@pytest.fixture(scope="session")
def wikinews_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk of the 295 Wikinews articles and the seed, built once per session.

    Views, queries and audits are tested on it as well as on the examples: a real
    corpus is what shows junk actors, duplicates and slow queries. Open it with
    ``Store.open(path, read_only=True)``; never write to it.
    """
    from kg.pipeline import build
    from kg.store import Store

    path = tmp_path_factory.mktemp("wikinews") / "store"
    with Store.open(path) as store:
        report = build([str(WIKINEWS), str(SEED)], store=store, config=Config(), workers=2)
    assert not report.failed, report.failed[:3]
    return path


@pytest.fixture(scope="session")
def gazetteer_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once for the session."""
    return load_lexicon()


@pytest.fixture(scope="session")
def kg_nlp(gazetteer_lexicon: Lexicon) -> Any:
    """The language pipeline with kg's rule components (real model)."""
    from kg.nlp import load_nlp

    return load_nlp(config=Config(), lexicon=gazetteer_lexicon)


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP port of the test's own that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = sock.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    seen.append(connection.recv(4096) or b"(connected)")
                except OSError:
                    seen.append(b"(connected)")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield sock.getsockname()[1], seen
    stop.set()
    thread.join()
    sock.close()
