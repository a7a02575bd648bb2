"""The orchestrator: the only place that calls stage after stage.

::

    ingest -> nlp -> convert -> resolve -> (events) -> mapping -> store

Stages are pure functions of their input and the :class:`~kg.config.Config`;
this module wires them, batches the language model and collects per-article
problems into a :class:`BuildReport` instead of stopping the batch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
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
    "Components",
    "build",
    "extract",
    "extract_doc",
    "extract_mentions",
    "load_components",
]


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


def _docs(articles: Iterable[Article], nlp: Language, config: Config) -> Iterator[tuple[Any, Article]]:
    stream = ((article.text, article) for article in articles)
    yield from nlp.pipe(stream, as_tuples=True, batch_size=config.batch_size)


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
    articles: Iterable[Article], *, config: Config
) -> Iterator[Extraction | ArticleStatus]:
    """Extract entities, events and claims from articles, streaming.

    Yields an :class:`~kg.model.Extraction` per article, or a failed
    :class:`ArticleStatus` when one article cannot be processed; the stream goes on.
    """
    components = load_components(config)
    for doc, article in _docs(articles, components.nlp, config):
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


def build(
    inputs: Iterable[str],
    *,
    store: Store,
    config: Config,
    on_article: Callable[[ArticleStatus], None] | None = None,
    stdin: Any = None,
) -> BuildReport:
    """Read inputs, extract, and write each article's graph to ``store``.

    Unchanged articles (same identity and content hash as stored) are skipped;
    changed ones replace their graph; a failing article is reported and the
    batch goes on. Each article is written in one transaction.

    Parameters
    ----------
    inputs : iterable of str
        Files, directories, globs or ``-`` for standard input.
    store : Store
        An open store.
    config : Config
    on_article : callable, optional
        Called with each article's status as soon as it is known (progress).
    """
    from kg.ingest import IngestProblem, read_articles
    from kg.mapping import extraction_to_graph

    started = time.perf_counter()
    report = BuildReport()

    def record(status: ArticleStatus) -> None:
        report.articles.append(status)
        if on_article is not None:
            on_article(status)

    def todo() -> Iterator[Article]:
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

    entities: set[str] = set()
    for result in extract(todo(), config=config):
        if isinstance(result, ArticleStatus):
            record(result)
            continue
        graph_iri = article_iri(result.article.id)
        try:
            graph = extraction_to_graph(result)
            store.replace_articles([(graph_iri, graph)])
        except KgError as e:
            record(ArticleStatus(result.article.id, "failed", str(e)))
            continue
        entities.update(e.iri for e in result.entities)
        record(ArticleStatus(result.article.id, "built", triples=len(graph)))
    report.entities = len(entities)
    report.triples = store.count_triples()
    report.seconds = time.perf_counter() - started
    return report
