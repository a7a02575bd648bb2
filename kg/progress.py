"""Progress on stderr for long runs (rich), silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["article_progress"]


@contextmanager
def article_progress() -> Iterator[Callable[[Any], None]]:
    """Yield a callback that advances a spinner/counter per finished article."""
    if not sys.stderr.isatty():
        yield lambda status: None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("building", total=None)

        def advance(status: Any) -> None:
            progress.update(task, advance=1, description=f"{status.status}: {status.article[:40]}")

        yield advance
