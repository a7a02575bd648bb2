"""A build: read inputs, extract what changed, write it to the store, report.

::

    ingest -> (stages, here or in workers) -> store

:func:`build` skips unchanged articles, runs the stages of
:mod:`kg.pipeline.stages` (in this process or in ``--workers`` processes), writes
the results in batches and collects per-article problems into a
:class:`~kg.pipeline.report.BuildReport` instead of stopping the batch.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.pipeline.identity import corpus_names, settle_names
from kg.pipeline.report import ArticleStatus, BuildReport, Built
from kg.pipeline.stages import extract_ntriples
from kg.config import Config
from kg.ids import article_iri
from kg.model import Article

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["articles_to_build", "build", "migrate_store", "write_results"]

# statements written between store flushes: RocksDB's memory tables otherwise
# grow with the build (about 65 MB per 1,000 short articles, measured)
_FLUSH_TRIPLES = 100_000
# the bulk loader has a fixed cost per call (about 30 ms, measured): articles are
# written together until the batch holds this many statements or articles
# (2,000 short items: 2.65 s in batches of 64 articles, 1.85 s of about 22,000
# statements, 1.7 s of about 90,000; peak RSS over 1,000 items 289, 310 and 342 MB
# with batches of 5,000, 20,000 and 50,000 statements); a killed build loses at
# most one batch to rebuild
_BATCH_TRIPLES = 20_000
_BATCH_ARTICLES = 1_000


def migrate_store(store: Store, report: BuildReport) -> None:
    """Rearrange a store of an earlier kg before building into it (see :func:`kg.store.migrate_layout`)."""
    if store.outdated:
        from kg.store import migrate_layout

        report.migrated = migrate_layout(store)


def articles_to_build(
    inputs: Iterable[str],
    *,
    store: Store,
    config: Config,
    record: Callable[[ArticleStatus], None],
    stdin: Any = None,
    skipped: Callable[[Article], None] | None = None,
) -> Iterator[Article]:
    """The articles of ``inputs`` that need extraction, streaming.

    Input problems, repeated ids and articles the store holds with the same
    content hash are passed to ``record`` (failed or unchanged) instead; an
    article to extract that has passages the model will not read (markers,
    passages not in English) is passed to ``skipped`` too.
    """
    from kg.ingest import IngestProblem, read_articles

    seen: set[str] = set()
    for item in read_articles(inputs, max_chars=config.max_article_chars, stdin=stdin):
        if isinstance(item, IngestProblem):
            record(ArticleStatus(item.source, "failed", item.message))
            continue
        if item.id in seen:
            record(ArticleStatus(item.id, "failed", f"duplicate article id {item.id!r} in this input; the first one was kept"))
            continue
        seen.add(item.id)
        if store.article_hash(article_iri(item.id)) == item.content_hash:
            record(ArticleStatus(item.id, "unchanged"))
            continue
        if item.skipped and skipped is not None:
            skipped(item)
        yield item


def write_results(
    results: Iterable[Built | ArticleStatus],
    *,
    store: Store,
    record: Callable[[ArticleStatus], None],
    entities: set[str],
) -> None:
    """Write the built articles to the store, many at a time, and record each one's status.

    Articles are written in batches of up to ``_BATCH_TRIPLES`` statements or
    ``_BATCH_ARTICLES`` articles by :func:`~kg.store.bulk.write_new_article_graphs`:
    an article is recorded as built once its content hash is in the store,
    which is what makes a killed build resume without losing or doubling anything. The store is flushed
    every ``_FLUSH_TRIPLES`` statements, which keeps the build's memory flat.
    """
    from kg.store.bulk import write_new_article_graphs

    pending: dict[str, Built] = {}
    pending_triples = 0
    unflushed = 0

    def write() -> None:
        nonlocal unflushed, pending_triples
        report = write_new_article_graphs(store, [(b.iri, b.ntriples) for b in pending.values()])
        failed = dict(report.failed)
        for iri, built in pending.items():
            if iri in failed:
                record(ArticleStatus(built.article, "failed", f"not written to the store: {failed[iri]}"))
                continue
            entities.update(built.entities)
            record(ArticleStatus(built.article, "built", triples=built.triples))
            unflushed += built.triples
        pending.clear()
        pending_triples = 0
        if unflushed >= _FLUSH_TRIPLES:
            store.flush()
            unflushed = 0

    for result in results:
        if isinstance(result, ArticleStatus):
            record(result)
            continue
        if result.iri in pending:
            write()  # the same article twice in one input: the second replaces the first
        pending[result.iri] = result
        pending_triples += result.triples
        if pending_triples >= _BATCH_TRIPLES or len(pending) >= _BATCH_ARTICLES:
            write()
    if pending:
        write()


def build(
    inputs: Iterable[str],
    *,
    store: Store,
    config: Config,
    on_article: Callable[[ArticleStatus], None] | None = None,
    stdin: Any = None,
    workers: int = 1,
    runlog: Path | str | None = None,
) -> BuildReport:
    """Read inputs, extract, and write each article's graph to ``store``.

    Unchanged articles (same identity and content hash as stored) are skipped
    without extraction; changed ones replace their graph; a failing article is
    reported and the batch goes on. A store written by an earlier kg is
    rearranged first (entity descriptions move to the entity graph). An article counts as built once its content
    hash is stored, after its graph, so a build killed at any moment is resumed
    by running it again.

    Parameters
    ----------
    inputs : iterable of str
        Files, directories, globs or ``-`` for standard input.
    store : Store
        An open store.
    config : Config
    on_article : callable, optional
        Called with each article's status as soon as it is known (progress).
    stdin : file-like, optional
        Read for ``-``.
    workers : int
        Extraction processes. With 1 everything runs here; with more, that
        many processes (each loading the model once) extract and map, and this
        process reads, skips unchanged articles and writes.
    runlog : Path or str, optional
        Journal file (JSON Lines) receiving each article's status as soon as
        it is known; it survives a killed build (see :mod:`kg.pipeline.runlog`).

    Returns
    -------
    BuildReport
    """
    from contextlib import ExitStack

    from kg.errors import ConfigError

    if workers < 1:
        raise ConfigError(f"workers must be 1 or more, not {workers}")
    started = time.perf_counter()
    report = BuildReport()
    migrate_store(store, report)
    entities: set[str] = set()
    with ExitStack() as stack:
        journal = None
        if runlog is not None:
            from kg.pipeline.runlog import RunLog

            journal = stack.enter_context(RunLog.open(runlog))

        lock = threading.Lock()

        def record(status: ArticleStatus) -> None:
            # called from the parsing thread too (articles it skips while reading)
            with lock:
                report.articles.append(status)
                if journal is not None:
                    journal.record(status)
                if on_article is not None:
                    on_article(status)

        def note_skipped(article: Article) -> None:
            with lock:
                report.skipped[article.id] = article.skipped

        # short names of people resolve against the people the store names in full
        config = replace(config, names=corpus_names(store).people)
        todo = articles_to_build(inputs, store=store, config=config, record=record, stdin=stdin,
                                 skipped=note_skipped)
        if workers == 1:
            results: Iterable[Built | ArticleStatus] = extract_ntriples(todo, config=config)
        else:
            from kg.pipeline.parallel import parallel_extract

            results = stack.enter_context(parallel_extract(todo, config=config, workers=workers))
        write_results(results, store=store, record=record, entities=entities)
        report.settled = settle_names(store, config=config)
    report.entities = len(entities)
    report.triples = store.count_triples()
    report.seconds = time.perf_counter() - started
    return report
