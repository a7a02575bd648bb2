"""The run journal: each article's status appended as one JSON line the moment it is known.

A build that is killed (``kill -9``, a power cut) loses no work, because each
article's graph is written in its own transaction and the next build skips
articles whose content hash the store already holds. What it would lose is
the *report* of what happened; the journal keeps it. Lines are flushed one by
one, so after a kill the file ends at the last finished article (at worst with
one cut line, which :func:`read_runlog` ignores).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "run.jsonl"
>>> with RunLog.open(path) as log:
...     log.record(ArticleStatus("a-1", "built", triples=12))
...     log.record(ArticleStatus("a-2", "failed", "empty text"))
>>> report = read_runlog(path)
>>> report.built, [a.reason for a in report.failed]
(1, ['empty text'])
"""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from kg.errors import ConfigError
from kg.pipeline.report import ArticleStatus, BuildReport

__all__ = ["RunLog", "read_runlog"]


class RunLog:
    """An append-only JSON Lines journal of article statuses; open it with :meth:`RunLog.open`."""

    def __init__(self, file: IO[str], path: Path) -> None:
        self._file = file
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> RunLog:
        """Open ``path`` for appending (created with its directory if missing).

        Raises
        ------
        ConfigError
            When the file cannot be written.
        """
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            file = target.open("a", encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"cannot write the run journal {target}: {e}; choose a writable path") from e
        return cls(file, target)

    def record(self, status: ArticleStatus) -> None:
        """Append one status and flush it to the operating system."""
        self._file.write(json.dumps(status.__dict__, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def read_runlog(path: Path | str) -> BuildReport:
    """Read a journal back as a :class:`~kg.pipeline.BuildReport` (statuses only, no totals).

    A cut last line (the process was killed while writing it) is skipped; when
    an article appears several times (runs appended to one journal) the last
    status wins, in the order articles were first seen.

    Raises
    ------
    ConfigError
        When the file cannot be read or a complete line is not a status.
    """
    target = Path(path)
    try:
        lines = target.read_text(encoding="utf-8").split("\n")
    except OSError as e:
        raise ConfigError(f"cannot read the run journal {target}: {e}") from e
    statuses: dict[str, ArticleStatus] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            status = ArticleStatus(**json.loads(line))
        except (ValueError, TypeError) as e:
            if number == len(lines):  # the cut last line of a killed run
                continue
            raise ConfigError(f"{target}:{number}: not a run journal line ({e})") from e
        statuses[status.article] = status
    return BuildReport(articles=list(statuses.values()))
