"""Keep a store's short names of people resolved against the whole corpus.

An article that names a person by surname or first name only ("Sanders said")
resolves it to the one person of the corpus named in full with that name
(:class:`kg.resolve.CorpusNames`). The table is a pure function of the people
the store's articles name in full, read from the store itself; so that the
graph does not depend on the order in which articles arrive (or leave), every
build and every removal ends with :func:`settle_names`:

1. read the table from the store: each Person whose label has two words or more
   and some mention of which spells the label out;
2. find the articles whose one-word mentions of people resolve otherwise than
   the table says (a "Sanders" of its own where the corpus now has one Bernie
   Sanders; a Bernie Sanders whose article is gone);
3. extract those articles again, from the text and metadata the store holds,
   with the table, and replace their graphs.

Full names never depend on the table, so one round reaches the fixed point: the
store then holds what building its set of articles in any order gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kg.config import Config
from kg.model import Article
from kg.pipeline.report import ArticleStatus
from kg.resolve.names import CorpusNames
from kg.resolve.targets import strip_titles

if TYPE_CHECKING:
    from kg.gazetteer import Lexicon
    from kg.store import Store

__all__ = ["corpus_names", "settle_names"]

# each step deduplicates before it joins, on whole columns: the union repeats an
# entity's triples once per article naming it
_FULL_NAMES = """
SELECT ?label ?country WHERE {
  { SELECT DISTINCT ?person ?label WHERE { ?person a ckg:Person ; rdfs:label ?label FILTER(CONTAINS(?label, " ")) } }
  { SELECT DISTINCT ?person ?text WHERE { ?mention ckg:mentionOf ?person ; ckg:text ?text } }
  FILTER(CONTAINS(?text, ?label))
  OPTIONAL { SELECT DISTINCT ?person ?country WHERE { ?person a ckg:Person ; ckg:countryCode ?country } }
}
"""
_PERSON_MENTIONS = """
SELECT ?article ?text ?label ?country WHERE {
  { SELECT DISTINCT ?person ?label WHERE { ?person a ckg:Person ; rdfs:label ?label } }
  { SELECT ?person ?text ?article WHERE { ?mention ckg:mentionOf ?person ; ckg:text ?text ; ckg:inArticle ?article } }
  OPTIONAL { SELECT DISTINCT ?person ?country WHERE { ?person a ckg:Person ; ckg:countryCode ?country } }
}
"""
_ARTICLE = """
SELECT ?id ?text ?title ?published ?url ?source ?publisher WHERE {
  ?article ckg:articleText ?text ; dcterms:identifier ?id .
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article ckg:published ?published }
  OPTIONAL { ?article ckg:url ?url }
  OPTIONAL { ?article dcterms:source ?source }
  OPTIONAL { ?article dcterms:publisher ?publisher }
}
"""


def _rows(store: Store, sparql: str, **bindings: Any) -> list[dict[str, Any]]:
    from kg.store import SelectResult

    result = store.query(sparql, bindings=bindings or None)
    return result.as_dicts() if isinstance(result, SelectResult) else []


def corpus_names(store: Store) -> CorpusNames:
    """The people the store's articles name in full, by first name and surname."""
    return CorpusNames.of((str(r["label"]), str(r["country"]) if r.get("country") else None)
                          for r in _rows(store, _FULL_NAMES))


# a pronoun that coreference links to a person is no name of them
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its"})


def _short_word(text: str, lexicon: Lexicon) -> str | None:
    """The one word a mention names a person by, without its titles ("President Putin")."""
    words = strip_titles(" ".join(text.split()), lexicon).split()
    return words[0] if len(words) == 1 else None


def _unsettled(store: Store, names: CorpusNames, lexicon: Lexicon) -> list[str]:
    """IRIs of the articles whose one-word names of people the table would resolve otherwise."""
    full: dict[str, set[str]] = defaultdict(set)   # article -> people it names in full
    short: dict[str, set[tuple[str, str, str | None]]] = defaultdict(set)
    for row in _rows(store, _PERSON_MENTIONS):
        article, text, label = str(row["article"]), str(row["text"]), str(row["label"])
        word = _short_word(text, lexicon)
        if word is None:
            # named in full ("Tom Tancredo", "Thomas L. Knapp"): its label and the name as written
            full[article].update({label, strip_titles(" ".join(text.split()), lexicon)})
        elif word not in lexicon.names and word.lower() not in _PRONOUNS:
            short[article].add((word, label, str(row["country"]) if row.get("country") else None))
    unsettled = []
    for article, found in sorted(short.items()):
        for word, label, country in found:
            if label in full[article]:
                continue  # the article names the person in full itself
            wanted = names.full_name(word, country if label == word else None)
            if (wanted[0] if wanted else word) != label:
                unsettled.append(article)
                break
    return unsettled


def _literal_date(value: Any) -> date | datetime | None:
    if value is None or isinstance(value, (date, datetime)):
        return value
    text = str(value)
    try:
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except ValueError:
        return None


def stored_article(store: Store, iri: str) -> Article | None:
    """The article as the store holds it (text and metadata), ready to extract again."""
    from rdflib import URIRef

    from kg.ingest.passages import skipped_passages

    rows = _rows(store, _ARTICLE, article=URIRef(iri))
    if not rows:
        return None
    row = rows[0]
    text = str(row["text"])

    def opt(name: str) -> str | None:
        return str(row[name]) if row.get(name) is not None else None

    return Article(id=str(row["id"]), text=text, title=opt("title"),
                   published=_literal_date(row.get("published")), url=opt("url"),
                   source=opt("source"), publisher=opt("publisher"),
                   skipped=skipped_passages(text))


def settle_names(store: Store, *, config: Config,
                 record: Callable[[ArticleStatus], None] | None = None) -> int:
    """Re-extract the articles whose short names of people the corpus now resolves otherwise.

    Returns the number of articles extracted again (their statuses go to ``record``).
    """
    from kg.pipeline.builder import write_results
    from kg.pipeline.stages import extract_ntriples, load_gazetteer

    names = corpus_names(store)
    lexicon = load_gazetteer(config.actors)
    todo = _unsettled(store, names, lexicon)
    if not todo:
        return 0

    def articles() -> Iterator[Article]:
        for iri in todo:
            article = stored_article(store, iri)
            if article is not None:
                yield article

    results = extract_ntriples(list(articles()), config=replace(config, names=names.people))
    write_results(results, store=store, record=record or (lambda status: None), entities=set())
    return len(todo)
