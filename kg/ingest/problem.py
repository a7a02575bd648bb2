"""What ``ingest`` yields when an input cannot become an article."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IngestProblem"]


@dataclass(frozen=True)
class IngestProblem:
    """One input (a file, a line of a file, stdin) that could not be read.

    The build collects these into its report and goes on with the batch.

    Parameters
    ----------
    source : str
        The file, ``file:line`` or ``<stdin>`` concerned.
    message : str
        What went wrong and what to do about it, on one line.

    Examples
    --------
    >>> str(IngestProblem("notes.bin", "binary file (NUL bytes); give a text file"))
    'notes.bin: binary file (NUL bytes); give a text file'
    """

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
