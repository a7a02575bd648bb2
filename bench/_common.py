"""Helpers of the benchmark scripts: corpora, the exact command line, peak memory.

Not part of the package; each ``bench/*.py`` imports it from its own folder.
"""

from __future__ import annotations

import json
import resource
import shlex
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = {
    "current_events": [
        SHARED / "corpus" / "wikipedia_current_events" / "current_events_conflict.jsonl",
        SHARED / "corpus" / "wikipedia_current_events" / "current_events_other.jsonl",
    ],
    "wikinews": [SHARED / "corpus" / "wikinews_2019_2020" / "wikinews_2019_2020.jsonl"],
}


def command() -> str:
    """The command that produced this run, to print beside its figures."""
    return "python " + " ".join(shlex.quote(arg) for arg in sys.argv)


def peak_rss_mb(*, children: bool = False) -> float:
    """Peak resident memory of this process (or of its finished children), in MB (Linux kB units)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def corpus_rows(name: str, limit: int | None) -> Iterator[dict[str, object]]:
    """Rows of a shared corpus, in file order, at most ``limit``."""
    if name not in CORPORA:
        raise SystemExit(f"unknown corpus {name!r}: use one of {', '.join(CORPORA)}")
    paths = CORPORA[name]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise SystemExit(f"{missing[0]} is missing: the benchmarks read ../shared beside the repository")

    def rows() -> Iterator[dict[str, object]]:
        for path in paths:
            with path.open(encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        yield json.loads(line)

    return islice(rows(), limit)


def write_corpus(name: str, limit: int | None, path: Path) -> int:
    """Copy the first ``limit`` rows of a corpus to a JSON Lines file (kg's input); return the count."""
    count = 0
    with path.open("w", encoding="utf-8") as f:
        for row in corpus_rows(name, limit):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
