"""A real ``python -m kg build`` killed with SIGKILL at a random point resumes with nothing lost or doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store import Store
from tests.scale.conftest import ARTICLES, export_bytes

ROOT = Path(__file__).resolve().parents[2]
# the write-ahead log holds a few dozen bytes once the store is opened; an article is kilobytes
_FIRST_WRITE_BYTES = 1000


def _wal_bytes(store: Path) -> int:
    """Bytes written: the write-ahead log (transactions) and table files (the bulk loader)."""
    return sum(p.stat().st_size for p in (*store.glob("*.log"), *store.glob("*.sst"))) if store.is_dir() else 0


def _build(store: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kg", "build", str(ARTICLES), "--store", str(store), "--batch-size", "2"]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _writing_phase(store: Path) -> tuple[subprocess.Popen[bytes], float]:
    """Start a build and return it once it has written its first article, with the time that took."""
    process = _build(store)
    started = time.monotonic()
    while _wal_bytes(store) < _FIRST_WRITE_BYTES and process.poll() is None:
        time.sleep(0.01)
    return process, time.monotonic() - started


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_build_killed_at_a_random_point_resumes_to_the_clean_export(tmp_path: Path, clean_export: bytes) -> None:
    # the length of the writing phase, from an uninterrupted run
    process, _ = _writing_phase(tmp_path / "timing")
    writes_began = time.monotonic()
    assert process.wait(timeout=600) == 0, process.stderr.read().decode() if process.stderr else ""
    writing = time.monotonic() - writes_began

    seed = random.randrange(1_000_000)
    # the last fifth of the phase is mostly closing the store: aim at the writes
    delay = random.Random(seed).uniform(0, 0.8 * writing)
    store = tmp_path / "store"
    process, _ = _writing_phase(store)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    with Store.open(store) as partial:
        # built = graph and content hash stored; a graph without its hash is rebuilt
        done = len(partial.article_hashes())
    print(f"seed {seed}: killed {delay:.2f} s into a {writing:.2f} s writing phase, {done} articles written")
    resumed = _build(store)
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err.decode()
    assert f"unchanged {done}".encode() in err, f"seed {seed}: {err.decode()}"
    with Store.open(store) as final:
        assert export_bytes(final) == clean_export, f"seed {seed}, killed after {delay:.2f} s with {done} articles"
