"""Ingest: read articles from text, HTML, JSON (Lines), directories, globs and stdin.

The only stage that reads input files. It yields :class:`~kg.model.Article`
objects with boilerplate removed and a publication date found when the input
gives none, and :class:`IngestProblem` for each input it cannot use, so that a
build reports problems and goes on.

>>> from kg.ingest import read_articles
>>> import io
>>> [a] = read_articles(["-"], stdin=io.StringIO("Share\\nPrint\\n\\nRebels shelled the town overnight."))
>>> a.text
'Rebels shelled the town overnight.'
"""

from __future__ import annotations

from kg.ingest.boilerplate import clean_text, headline
from kg.ingest.dates import find_date, parse_date
from kg.ingest.problem import IngestProblem
from kg.ingest.reader import iter_ok, read_articles

__all__ = [
    "IngestProblem",
    "clean_text",
    "find_date",
    "headline",
    "iter_ok",
    "parse_date",
    "read_articles",
]
