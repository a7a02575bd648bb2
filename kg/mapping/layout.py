"""Which statement goes into which named graph: article graphs and the entity graph.

An article's extraction says two kinds of things. Some are about the article
itself and the nodes that belong to it (its mentions, events and claims, each
``ckg:inArticle`` the article): they are its own and stay in its graph. The
rest describe shared nodes (actors, places, conflicts: type, label, aliases,
country, sector, roles, links, relations), which other articles describe too.
Those go once into the entity graph, :data:`kg.ids.ENTITY_GRAPH`, whose
content is the union of what every article says of each entity, so the union
of all graphs holds each statement once.

The article graph keeps a record of its own share: ``ckg:describes`` each
entity it says something about and, for each, one ``ckg:entityStatements``
literal holding those statements as sorted N-Triples text (so the literal
starts with the entity's IRI). Removing or rebuilding an article re-derives
the entity graph from the records of the articles that remain.

>>> iri = "https://w3id.org/conflict-kg/id/article/a"
>>> text = (
...     f'<{iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/conflict-kg/ontology#Article> .\\n'
...     '<https://w3id.org/conflict-kg/id/country/arm> <http://www.w3.org/2000/01/rdf-schema#label> "Armenia" .\\n')
>>> arranged = arrange_article(iri, text)
>>> print(arranged.descriptions, end="")
<https://w3id.org/conflict-kg/id/country/arm> <http://www.w3.org/2000/01/rdf-schema#label> "Armenia" .
>>> [line.split()[1].rsplit("#")[1][:-1] for line in arranged.article.splitlines()]
['type', 'describes', 'entityStatements']
>>> arrange_article(iri, arranged.article) == arranged
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.ids import ONTOLOGY_BASE
from kg.mapping.nquads import literal_text

__all__ = [
    "DESCRIBES",
    "ENTITY_STATEMENTS",
    "IN_ARTICLE",
    "Arranged",
    "arrange_article",
    "ledger_statements",
    "merge_descriptions",
    "ntriples_lines",
]

#: ``ckg:describes`` as N-Triples writes it: article -> entity it says something about.
DESCRIBES = f"<{ONTOLOGY_BASE}describes>"
#: ``ckg:entityStatements``: the article's statements about entities, as N-Triples text.
ENTITY_STATEMENTS = f"<{ONTOLOGY_BASE}entityStatements>"
#: ``ckg:inArticle``: what marks a node as the article's own.
IN_ARTICLE = f"<{ONTOLOGY_BASE}inArticle>"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_ARTICLE = f"<{ONTOLOGY_BASE}Article> ."
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")


@dataclass(frozen=True)
class Arranged:
    """One article's statements, arranged by graph.

    Attributes
    ----------
    article : str
        N-Triples of the article's graph (its own statements, and per entity
        described ``ckg:describes`` and ``ckg:entityStatements``), sorted,
        one line per statement.
    descriptions : str
        N-Triples of what it says of entities, for the entity graph; sorted,
        canonical (as pyoxigraph writes them), and the same text as the
        ``ckg:entityStatements`` literals hold together.
    """

    article: str
    descriptions: str


def ntriples_lines(text: str) -> list[str]:
    """The statements of N-Triples text, one line each ending in a newline.

    Lines end at ``\\n`` only: a literal may hold other line separators
    (U+0085, U+2028) raw, which :meth:`str.splitlines` would cut at.

    >>> ntriples_lines('<a:s> <a:p> "x\\u2028y" .\\n\\n')
    ['<a:s> <a:p> "x\\u2028y" .\\n']
    """
    return [line + "\n" for line in text.split("\n") if line.strip()]


def ledger_statements(literal: str) -> str:
    """The statements of a ``ckg:entityStatements`` value, as sorted canonical N-Triples.

    Parsing and writing them again through pyoxigraph makes the text the same
    whichever writer produced it, so a record compares (and exports) equal.

    Raises
    ------
    SyntaxError
        When the text is not N-Triples.
    """
    triples = ox.parse(literal.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    lines = {f"{triple} .\n" for triple in triples}
    return "".join(sorted(lines))


def arrange_article(iri: str, ntriples: str) -> Arranged:
    """Split one article's N-Triples into its own graph and its entity descriptions.

    Accepts an article as the mapping writes it (everything together), as an
    older store held it (the same), or as already arranged (the record is read
    back and merged), so arranging twice changes nothing. A graph that is not
    an article's (no ``<iri> a ckg:Article``) is left whole.

    Parameters
    ----------
    iri : str
        The article's IRI (and graph name).
    ntriples : str
        Its statements, one N-Triples line each, without blank nodes.

    Returns
    -------
    Arranged

    Raises
    ------
    SyntaxError
        When a ``ckg:entityStatements`` record is not N-Triples.
    """
    article = f"<{iri}>"
    lines = [line.rstrip() for line in ntriples_lines(ntriples)]
    if f"{article} {_TYPE} {_ARTICLE}" not in lines:
        # not an article's graph (the analytics graph, a derived graph): as it is
        return Arranged(article="".join(sorted({line + "\n" for line in lines})), descriptions="")
    own = {article}
    for line in lines:
        subject, predicate, rest = line.split(" ", 2)
        if predicate == IN_ARTICLE and rest.startswith(article) and rest[len(article):].strip() == ".":
            own.add(subject)
    kept: list[str] = []
    described: list[str] = []
    for line in lines:
        subject, predicate, rest = line.split(" ", 2)
        if subject not in own:
            described.append(line.rstrip() + "\n")
        elif subject == article and predicate == ENTITY_STATEMENTS:
            value = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))).object
            described.append(value.value)
        elif not (subject == article and predicate == DESCRIBES):
            kept.append(line.rstrip() + "\n")
    descriptions = ledger_statements("".join(described)) if described else ""
    by_subject: dict[str, list[str]] = {}
    for line in ntriples_lines(descriptions):
        by_subject.setdefault(line.split(" ", 1)[0], []).append(line)
    for subject, statements in by_subject.items():
        kept.append(f"{article} {DESCRIBES} {subject} .\n")
        kept.append(f"{article} {ENTITY_STATEMENTS} {literal_text(''.join(statements))} .\n")
    return Arranged(article="".join(sorted(set(kept))), descriptions=descriptions)


def merge_descriptions(statements: Iterable[ox.Triple]) -> set[ox.Triple]:
    """What the entity graph says, given what the articles say of entities: their union, one label each.

    Articles may name one entity with labels that differ only in case or
    accents ("Al-Mawasi", "al-Mawasi": the same IRI). Each entity keeps one
    ``rdfs:label``, the first in code-point order (so capitalised forms win),
    and every other name becomes a ``skos:altLabel``. The result depends only
    on the set of statements, never on which article came first, and adding
    statements to a merged set merges to the same as merging them all.

    >>> def parse(text):
    ...     return {q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES)}
    >>> merged = merge_descriptions(parse(
    ...     '<a:p> <http://www.w3.org/2000/01/rdf-schema#label> "al-Mawasi" .\\n'
    ...     '<a:p> <http://www.w3.org/2000/01/rdf-schema#label> "Al-Mawasi" .\\n'))
    >>> sorted((t.predicate.value.rsplit("#")[1], t.object.value) for t in merged)
    [('altLabel', 'al-Mawasi'), ('label', 'Al-Mawasi')]
    """
    merged: set[ox.Triple] = set()
    labels: dict[Any, set[Any]] = {}
    names: dict[Any, set[Any]] = {}
    for triple in statements:
        if triple.predicate == _LABEL:
            labels.setdefault(triple.subject, set()).add(triple.object)
            names.setdefault(triple.subject, set()).add(triple.object)
        elif triple.predicate == _ALT_LABEL:
            names.setdefault(triple.subject, set()).add(triple.object)
        else:
            merged.add(triple)
    for subject, found in names.items():
        chosen = min(labels[subject], key=lambda term: (term.value, str(term))) if subject in labels else None
        if chosen is not None:
            merged.add(ox.Triple(subject, _LABEL, chosen))
        merged.update(ox.Triple(subject, _ALT_LABEL, name) for name in found if name != chosen)
    return merged
