"""Extraction in worker processes: ``kg build --workers N``.

Workers are *spawned* (not forked: the parent holds an open RocksDB store and
spaCy's threads, neither of which survives a fork cleanly) and each loads the
model once, in its initializer. The parent sends chunks of articles and gets
back :class:`~kg.pipeline.Built` values, N-Quads text already mapped, so all it
does is read, skip unchanged articles and write. At most ``2 * workers``
chunks are in flight, which bounds memory whatever the corpus size, and
results come back in input order, so the report is the same on every run.

>>> from kg.config import Config
>>> with parallel_extract([], config=Config(), workers=2) as results:
...     list(results)
[]
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

from kg.config import Config
from kg.errors import ConfigError, ExtractionError
from kg.model import Article
from kg.pipeline.report import ArticleStatus, Built
from kg.pipeline.stages import extract_ntriples, load_components

__all__ = ["extract_chunk", "parallel_extract"]


def _load(config: Config) -> None:
    load_components(replace(config, names=()))  # the components do not depend on the names


def extract_chunk(articles: list[Article], config: Config) -> list[Built | ArticleStatus]:
    """Extract one chunk of articles in this process (the model is cached per process)."""
    # the worker processes keep the cores busy: no parsing thread in each
    return list(extract_ntriples(articles, config=config, ahead=False))


def _results(
    articles: Iterable[Article], executor: ProcessPoolExecutor, *, config: Config, chunk_size: int, in_flight: int
) -> Iterator[Built | ArticleStatus]:
    pending: deque[Future[list[Built | ArticleStatus]]] = deque()
    iterator = iter(articles)
    try:
        while chunk := list(islice(iterator, chunk_size)):
            pending.append(executor.submit(extract_chunk, chunk, config))
            while len(pending) >= in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool as e:
        raise ExtractionError(
            "an extraction worker process died (out of memory, or killed); the articles written so far "
            "are kept: run the same build again to go on, with fewer --workers if memory is short"
        ) from e


@contextmanager
def parallel_extract(
    articles: Iterable[Article],
    *,
    config: Config,
    workers: int,
    chunk_size: int | None = None,
) -> Iterator[Iterator[Built | ArticleStatus]]:
    """Extract articles in ``workers`` processes; a context manager giving the results in input order.

    Parameters
    ----------
    articles : iterable of Article
        Read lazily, a few chunks ahead of the results.
    config : Config
    workers : int
        Number of processes.
    chunk_size : int, optional
        Articles per task; ``config.batch_size`` by default (one ``nlp.pipe``
        batch per task keeps every worker busy even on small inputs).

    Yields
    ------
    iterator of Built or ArticleStatus
        The processes are stopped when the block exits, even on an error.
    """
    if workers < 1:
        raise ConfigError(f"workers must be 1 or more, not {workers}")
    size = chunk_size or config.batch_size
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_load, initargs=(config,))
    try:
        yield _results(articles, executor, config=config, chunk_size=size, in_flight=2 * workers)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
