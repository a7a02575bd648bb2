"""The orchestrator: the only place that calls stage after stage.

::

    ingest -> nlp -> convert -> resolve -> (events) -> mapping -> store

Stages are pure functions of their input and the :class:`~kg.config.Config`;
this module wires them, batches the language model and collects per-article
problems into a :class:`BuildReport` instead of stopping the batch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.config import Config
from kg.errors import ExtractionError, KgError
from kg.ids import article_iri
from kg.model import Article, Extraction, Mention

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.events.lexicon import TriggerLexicon
    from kg.lexicon import Lexicon
    from kg.store import Store

__all__ = [
    "ArticleStatus",
    "BuildReport",
    "Built",
    "Components",
    "articles_to_build",
    "build",
    "extract",
    "extract_doc",
    "extract_mentions",
    "extract_ntriples",
    "load_components",
    "write_results",
]

# nlp.pipe batches per spaCy memory zone: the parsing thread waits at the end of
# a zone until extraction has read its last Doc, so zones are long; the
# transient vocabulary of 64 batches is still small (spaCy's string store stays
# at 100-105 thousand strings over 10,000 short items, measured)
_ZONE_BATCHES = 64
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


@dataclass(frozen=True)
class ArticleStatus:
    """What happened to one article in a build: ``built``, ``unchanged`` or ``failed``."""

    article: str
    status: str
    reason: str = ""
    triples: int = 0


@dataclass
class BuildReport:
    """The summary of a build, article by article.

    Mutable while the build runs (it is the build's accumulator), then handed to
    the caller.
    """

    articles: list[ArticleStatus] = field(default_factory=list)
    entities: int = 0
    triples: int = 0
    seconds: float = 0.0

    def _count(self, status: str) -> int:
        return sum(1 for a in self.articles if a.status == status)

    @property
    def built(self) -> int:
        """Number of articles extracted and written."""
        return self._count("built")

    @property
    def unchanged(self) -> int:
        """Number of articles skipped because the store already has them as they are."""
        return self._count("unchanged")

    @property
    def failed(self) -> list[ArticleStatus]:
        """The articles that could not be built, with the reason."""
        return [a for a in self.articles if a.status == "failed"]

    def as_dict(self) -> dict[str, Any]:
        """Plain data, for JSON output and run reports."""
        return {
            "built": self.built,
            "unchanged": self.unchanged,
            "failed": len(self.failed),
            "entities": self.entities,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "articles": [a.__dict__ for a in self.articles],
        }


@dataclass(frozen=True)
class Built:
    """One article extracted and mapped, ready to write: what a worker sends back.

    Plain strings only, so it pickles small and cheaply between processes.
    """

    article: str
    iri: str
    ntriples: str
    entities: tuple[str, ...]
    triples: int


@dataclass(frozen=True)
class Components:
    """What extraction loads once per process: the pipeline and the lexicons."""

    nlp: Language
    lexicon: Lexicon
    triggers: TriggerLexicon


@lru_cache(maxsize=4)
def load_components(config: Config) -> Components:
    """Load the language pipeline and the lexicons once per process and config.

    The cache is keyed by the (frozen, hashable) config, so workers and tests
    that use the same config share one model.
    """
    from kg.events import load_triggers
    from kg.lexicon import load_lexicon
    from kg.nlp import load_nlp

    lexicon = load_lexicon(extra=config.actors)
    nlp = load_nlp(config=config, lexicon=lexicon)
    return Components(nlp=nlp, lexicon=lexicon, triggers=load_triggers())


def _docs(articles: Iterable[Article], nlp: Language, config: Config, *,
          ahead: bool = True) -> Iterator[tuple[Any, Article]]:
    """Parse articles in ``nlp.pipe`` batches, inside spaCy memory zones.

    With ``ahead`` the model runs in a thread of its own, parsing the next
    batches while the caller extracts and writes (see :mod:`kg.nlp.stream`);
    ``articles`` is then consumed in that thread. Worker processes, which
    already keep every core busy, parse in the thread that extracts (``ahead=False``).
    A zone spans :data:`_ZONE_BATCHES` batches; the strings and lexemes its
    texts add to the vocabulary are freed when it closes, so a long build's
    memory stays flat. A Doc must not be used after the next one is asked for
    (its zone may have closed): every caller turns it into plain values first.
    """
    zone_size = config.batch_size * _ZONE_BATCHES
    stream = ((article.text, article) for article in articles)
    if ahead:
        from kg.nlp.stream import parse_ahead

        yield from parse_ahead(stream, nlp, batch_size=config.batch_size, zone_size=zone_size)
        return
    from kg.nlp.stream import TokenizerWarmup

    warm = TokenizerWarmup(nlp)
    while chunk := list(islice(stream, zone_size)):
        warm(text for text, _ in chunk)
        with nlp.memory_zone():
            yield from nlp.pipe(chunk, as_tuples=True, batch_size=config.batch_size)


def extract_mentions(
    articles: Iterable[Article], *, config: Config
) -> Iterator[tuple[Article, tuple[Mention, ...]]]:
    """Run the language model and rule components, yielding each article's mentions.

    Parameters
    ----------
    articles : iterable of Article
    config : Config

    Yields
    ------
    (Article, tuple of Mention)
    """
    from kg.convert import doc_to_mentions

    components = load_components(config)
    for doc, article in _docs(articles, components.nlp, config):
        yield article, doc_to_mentions(doc, article=article)


def extract(
    articles: Iterable[Article], *, config: Config, ahead: bool = True
) -> Iterator[Extraction | ArticleStatus]:
    """Extract entities, events and claims from articles, streaming.

    Yields an :class:`~kg.model.Extraction` per article, or a failed
    :class:`ArticleStatus` when one article cannot be processed; the stream
    goes on. With ``ahead`` (the default) the model parses in a thread of its
    own while this one extracts; worker processes pass False.
    """
    components = load_components(config)
    for doc, article in _docs(articles, components.nlp, config, ahead=ahead):
        try:
            yield extract_doc(doc, article, components=components, config=config)
        except KgError as e:
            yield ArticleStatus(article.id, "failed", str(e))
        except Exception as e:  # a bug in a rule must not stop a batch of thousands
            err = ExtractionError(f"article {article.id!r}: extraction failed: {e!r}; please report it")
            yield ArticleStatus(article.id, "failed", str(err))


def extract_doc(doc: Any, article: Article, *, components: Components, config: Config) -> Extraction:
    """All stages after the language model, for one parsed article."""
    from kg.candidates import doc_to_candidates, doc_to_conflicts
    from kg.convert import doc_to_mentions
    from kg.events.coder import code_events
    from kg.resolve import resolve

    extraction = resolve(article, doc_to_mentions(doc, article=article), lexicon=components.lexicon)
    candidates = doc_to_candidates(doc, article=article, triggers=components.triggers)
    conflicts = doc_to_conflicts(doc, article=article)
    return code_events(extraction, candidates, config=config, conflicts=conflicts)


def extract_ntriples(articles: Iterable[Article], *, config: Config,
                     ahead: bool = True) -> Iterator[Built | ArticleStatus]:
    """Extract articles and map each to the N-Triples text of its graph, streaming.

    The unit of work of every build path: the same function runs in the
    build's own process, in ``--workers`` processes and on Dask workers, which
    is what makes their graphs identical. Triples go straight to sorted text,
    without rdflib terms or an rdflib Graph in between.
    """
    from kg.mapping.graph import extraction_ntriples

    for result in extract(articles, config=config, ahead=ahead):
        if isinstance(result, ArticleStatus):
            yield result
            continue
        article = result.article
        try:
            text = extraction_ntriples(result)
        except KgError as e:
            yield ArticleStatus(article.id, "failed", str(e))
            continue
        entities = tuple(sorted({entity.iri for entity in result.entities}))
        yield Built(article.id, article_iri(article.id), text, entities, text.count("\n"))


def articles_to_build(
    inputs: Iterable[str],
    *,
    store: Store,
    config: Config,
    record: Callable[[ArticleStatus], None],
    stdin: Any = None,
) -> Iterator[Article]:
    """The articles of ``inputs`` that need extraction, streaming.

    Input problems, repeated ids and articles the store holds with the same
    content hash are passed to ``record`` (failed or unchanged) instead.
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
    reported and the batch goes on. An article counts as built once its content
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
        it is known; it survives a killed build (see :mod:`kg.runlog`).

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
    entities: set[str] = set()
    with ExitStack() as stack:
        journal = None
        if runlog is not None:
            from kg.runlog import RunLog

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

        todo = articles_to_build(inputs, store=store, config=config, record=record, stdin=stdin)
        if workers == 1:
            results: Iterable[Built | ArticleStatus] = extract_ntriples(todo, config=config)
        else:
            from kg.parallel import parallel_extract

            results = stack.enter_context(parallel_extract(todo, config=config, workers=workers))
        write_results(results, store=store, record=record, entities=entities)
    report.entities = len(entities)
    report.triples = store.count_triples()
    report.seconds = time.perf_counter() - started
    return report
