"""Progress of a build on stderr: a bar with counts, rate and time left in a terminal, a line every few seconds otherwise.

>>> import io
>>> out = io.StringIO()
>>> line = progress_line(30, 120, 12.0)
>>> line
'30 of 120 articles (25%), 2.5 articles/s, about 36 s left'
"""

from __future__ import annotations

import glob
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

__all__ = ["article_progress", "count_articles", "progress_line"]

#: Seconds between two progress lines when stderr is not a terminal (a log file, CI).
LINE_EVERY = 5.0
_TEXT_SUFFIXES = {".txt", ".html", ".htm", ".json", ".md"}


def count_articles(inputs: Sequence[str]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know; None otherwise (stdin).

    A JSON Lines file counts its non-blank lines, another file counts one,
    a directory its readable files, a glob what it matches.
    """
    total = 0
    for given in inputs:
        if given == "-":
            return None
        paths = [Path(p) for p in sorted(glob.glob(given))] if any(c in given for c in "*?[") else [Path(given)]
        for path in paths:
            if path.is_dir():
                total += sum(1 for p in path.rglob("*") if p.is_file() and (p.suffix.lower() in _TEXT_SUFFIXES or p.suffix.lower() == ".jsonl"))
            elif path.suffix.lower() == ".jsonl":
                try:
                    with path.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    return None
            elif path.is_file():
                total += 1
    return total or None


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def progress_line(done: int, total: int | None, seconds: float) -> str:
    """One line of progress: counts, rate and the time left when the total is known."""
    rate = done / seconds if seconds > 0 else 0.0
    if total:
        left = f", about {_duration((total - done) / rate)} left" if rate > 0 and done < total else ""
        return f"{done} of {total} articles ({100 * done // total}%), {rate:.1f} articles/s{left}"
    return f"{done} articles, {rate:.1f} articles/s"


@contextmanager
def article_progress(total: int | None = None, *, stream: TextIO | None = None) -> Iterator[Callable[[Any], None]]:
    """Yield a callback that counts one finished article (its status object) per call.

    In a terminal: a rich bar with the count, the rate and the time left.
    Elsewhere: a plain line every :data:`LINE_EVERY` seconds and a last one
    at the end, so a log shows that a long build is moving.
    """
    out = stream or sys.stderr
    if not out.isatty():
        started = time.monotonic()
        state = {"done": 0, "last": started}

        def count(status: Any) -> None:
            state["done"] += 1
            now = time.monotonic()
            if now - state["last"] >= LINE_EVERY:
                state["last"] = now
                out.write(f"building: {progress_line(int(state['done']), total, now - started)}\n")
                out.flush()

        yield count
        if state["done"]:
            out.write(f"building: {progress_line(int(state['done']), total, time.monotonic() - started)}\n")
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("articles, {task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, console=Console(file=out)) as progress:
        task = progress.add_task("building", total=total, rate="-")
        started = time.monotonic()

        def advance(status: Any) -> None:
            done = progress.tasks[0].completed + 1
            rate = done / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, rate=f"{rate:.1f}/s",
                            description=f"{getattr(status, 'status', '')}: {str(getattr(status, 'article', ''))[:30]}")

        yield advance
