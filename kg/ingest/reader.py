"""``read_articles``: every input kind in, articles (and problems) out."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import IO

from kg.errors import IngestError
from kg.ingest.formats import from_html, from_json, from_jsonl, from_text
from kg.ingest.passages import skipped_passages
from kg.ingest.problem import IngestProblem
from kg.ingest.publisher import publisher_name
from kg.ingest.sources import Source, expand_inputs, read_lines, read_source, sniff, split_lines
from kg.model import Article

__all__ = ["iter_ok", "read_articles"]

Item = Article | IngestProblem
Stdin = IO[str] | IO[bytes]

_READERS = MappingProxyType({"text": from_text, "html": from_html, "json": from_json})


def _read(source: Source, *, max_chars: int, stdin: Stdin | None) -> Iterator[Item]:
    if source.kind == "jsonl" and source.path is not None:
        yield from from_jsonl(read_lines(source), source.name, max_chars=max_chars)
        return
    content = read_source(source, max_chars=max_chars, stdin=stdin)
    if isinstance(content, IngestProblem):
        yield content
        return
    kind = source.kind or sniff(content)
    if kind == "jsonl":
        yield from from_jsonl(split_lines(content), source.name, max_chars=max_chars)
    else:
        yield from _READERS[kind](content, source.name, max_chars=max_chars)


def _described(article: Article) -> Article:
    """The article with its publisher and the stretches of its text that are no English prose."""
    return dataclasses.replace(
        article, publisher=article.publisher or publisher_name(article.source, article.url),
        skipped=skipped_passages(article.text))


def read_articles(inputs: Iterable[str | Path], *, max_chars: int = 1_000_000,
                  stdin: Stdin | None = None, dedup: bool = True) -> Iterator[Item]:
    """Read articles from files, directories, glob patterns and stdin.

    Each article carries its publisher and the ranges of its text that are
    interview markers or not in English (see :mod:`kg.ingest.passages`).
    Problems (a missing file, a bad JSON line, an empty or oversized article
    ...) are yielded as :class:`IngestProblem` in order with the articles, and
    the batch goes on.

    Parameters
    ----------
    inputs : iterable of str or Path
        Files (``.txt .text .md .html .htm .jsonl .ndjson .json``; another
        extension is sniffed), directories (walked recursively, sorted, known
        extensions only), glob patterns (``"data/**/*.jsonl"``, sorted) and
        ``"-"`` for stdin.
    max_chars : int
        Longest article accepted, in characters.
    stdin : file-like, optional
        Text or binary stream read for ``"-"``; defaults to ``sys.stdin``.
    dedup : bool
        Skip, with a problem, an article whose text or id was already read in
        this batch.

    Yields
    ------
    Article or IngestProblem

    Examples
    --------
    >>> import io
    >>> items = list(read_articles(["-"], stdin=io.StringIO('{"id": "a1", "text": "Talks began."}')))
    >>> [(a.id, a.text) for a in items]
    [('a1', 'Talks began.')]
    """
    seen_text: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    for source in expand_inputs(inputs):
        if isinstance(source, IngestProblem):
            yield source
            continue
        produced = False
        for item in _read(source, max_chars=max_chars, stdin=stdin):
            produced = True
            if isinstance(item, Article) and dedup:
                if item.content_hash in seen_text:
                    yield IngestProblem(item.origin, f"same text as {seen_text[item.content_hash]}; "
                                        "skipped the duplicate")
                    continue
                if item.id in seen_id:
                    yield IngestProblem(item.origin, f"id {item.id!r} is already used by "
                                        f"{seen_id[item.id]}; skipped it (give each article its own id)")
                    continue
                seen_text[item.content_hash] = item.origin
                seen_id[item.id] = item.origin
            yield _described(item) if isinstance(item, Article) else item
        if not produced:
            yield IngestProblem(source.name, "empty input: no articles in it; add some or leave it out")


def iter_ok(inputs: Iterable[str | Path], *, max_chars: int = 1_000_000,
            stdin: Stdin | None = None, dedup: bool = True) -> Iterator[Article]:
    """Like :func:`read_articles`, but raise at the first problem.

    Raises
    ------
    IngestError
        Naming the input and what to do.
    """
    for item in read_articles(inputs, max_chars=max_chars, stdin=stdin, dedup=dedup):
        if isinstance(item, IngestProblem):
            raise IngestError(item.message, source=item.source)
        yield item
