"""The stages of one article, in order: the only place that calls stage after stage.

::

    nlp -> convert -> resolve -> candidates -> events -> mapping

Stages are pure functions of their input and the :class:`~kg.config.Config`;
this module wires them for a stream of articles and batches the language model.
The same functions run in the build's own process, in worker processes and on
Dask workers (:mod:`kg.pipeline.parallel`, :mod:`kg.pipeline.distributed`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from kg.pipeline.report import ArticleStatus, Built
from kg.config import Config
from kg.errors import ExtractionError, KgError
from kg.ids import article_iri
from kg.model import Article, Extraction, Mention
from kg.resolve.names import CorpusNames

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.events.triggers import TriggerLexicon
    from kg.gazetteer import Lexicon

__all__ = ["Components", "extract", "extract_doc", "extract_mentions", "extract_ntriples", "load_components",
           "load_gazetteer"]

# nlp.pipe batches per spaCy memory zone: the parsing thread waits at the end of
# a zone until extraction has read its last Doc, so zones are long; the
# transient vocabulary of 64 batches is still small (spaCy's string store stays
# at 100-105 thousand strings over 10,000 short items, measured)
_ZONE_BATCHES = 64


@dataclass(frozen=True)
class Components:
    """What extraction loads once per process: the pipeline and the lexicons."""

    nlp: Language
    lexicon: Lexicon
    triggers: TriggerLexicon


def _components(config: Config) -> Components:
    # the corpus's names are no part of the components: one model for every table
    return load_components(replace(config, names=()) if config.names else config)


@lru_cache(maxsize=2)
def load_gazetteer(actors: tuple[Any, ...]) -> Lexicon:
    """The lexicon with the actor dictionaries ``actors``, loaded once per process."""
    from kg.gazetteer import load_lexicon

    return load_lexicon(extra=actors)


@lru_cache(maxsize=2)
def _corpus_names(people: tuple[tuple[str, str | None], ...]) -> CorpusNames:
    return CorpusNames(people)


@lru_cache(maxsize=4)
def load_components(config: Config) -> Components:
    """Load the language pipeline and the lexicons once per process and config.

    The cache is keyed by the (frozen, hashable) config, so workers and tests
    that use the same config share one model.
    """
    from kg.events import load_triggers
    from kg.nlp import load_nlp

    lexicon = load_gazetteer(config.actors)
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
    stream = ((article.parsed_text, article) for article in articles)
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

    components = _components(config)
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
    components = _components(config)
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
    from kg.events.dated import date_people
    from kg.resolve import resolve

    extraction = resolve(article, doc_to_mentions(doc, article=article), lexicon=components.lexicon,
                         names=_corpus_names(config.names))
    candidates = doc_to_candidates(doc, article=article, triggers=components.triggers)
    conflicts = doc_to_conflicts(doc, article=article)
    coded = code_events(extraction, candidates, config=config, conflicts=conflicts)
    return date_people(coded, lexicon=components.lexicon)


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
