"""The entity graph in the store: the union of the articles' records, kept so as articles come and go.

Each article graph records what the article says of each entity it describes
(``ckg:describes`` and one ``ckg:entityStatements`` literal per entity, see
:mod:`kg.mapping.layout`); the entity graph, :data:`kg.ids.ENTITY_GRAPH`, holds
the records merged (:func:`kg.mapping.layout.merge_descriptions`: their union,
one label per entity). Writing an article merges its statements in; removing
or rebuilding one derives its entities again from the records of the other
articles, so what only it said goes, in the same transaction as its graph.

A store written before this layout kept every description in every article
graph; :func:`layout_outdated` tells such a store and :func:`migrate_layout`
rearranges it, one article per transaction, resumable after a kill.

>>> from kg.store import Store
>>> a = "https://w3id.org/conflict-kg/id/article/a"
>>> with Store.open() as store:
...     _ = store.replace_articles([(a,
...         f"<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/conflict-kg/ontology#Article> .\\n"
...         '<https://w3id.org/conflict-kg/id/country/arm> <http://www.w3.org/2000/01/rdf-schema#label> "Armenia" .\\n')])
...     print(store.dump_graph(ENTITY_GRAPH).decode(), end="")
<https://w3id.org/conflict-kg/id/country/arm> <http://www.w3.org/2000/01/rdf-schema#label> "Armenia" .
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.ids import ENTITY_GRAPH, ID_BASE, ONTOLOGY_BASE
from kg.mapping.layout import arrange_article, merge_descriptions

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = [
    "ENTITY",
    "ENTITY_GRAPH",
    "Changes",
    "entity_changes",
    "entity_update",
    "layout_outdated",
    "migrate_layout",
    "parse_statements",
    "records",
    "statements_text",
]

ENTITY = ox.NamedNode(ENTITY_GRAPH)
# present while a migration runs, so a killed one is taken up again
_MIGRATING = ox.NamedNode(ID_BASE + "graph/migrating")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ARTICLE = ox.NamedNode(ONTOLOGY_BASE + "Article")
_DESCRIBES = ox.NamedNode(ONTOLOGY_BASE + "describes")
_STATEMENTS = ox.NamedNode(ONTOLOGY_BASE + "entityStatements")

#: What to tell a user whose store predates the entity graph.
OUTDATED = (
    "the store at {path} was written by an earlier kg, which repeated each entity's description "
    "in every article graph; run `kg build --store {path}` (without inputs it only rearranges the "
    "store, keeping every article) and try again"
)


def layout_outdated(inner: ox.Store) -> bool:
    """True for a store that holds articles but no entity graph, or a migration left unfinished.

    Every write of an article creates the entity graph (empty if need be), so
    only a store of an earlier kg, or one whose migration was killed, answers True.
    """
    if inner.contains_named_graph(_MIGRATING):
        return True
    article = next(iter(inner.quads_for_pattern(None, _TYPE, _ARTICLE, None)), None)
    return article is not None and not inner.contains_named_graph(ENTITY)


def parse_statements(text: str) -> set[ox.Triple]:
    """The triples of N-Triples text (a record, or arranged descriptions)."""
    if not text:
        return set()
    return {quad.triple for quad in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}


def statements_text(triples: Iterable[ox.Triple]) -> str:
    """Sorted N-Triples lines of ``triples`` (safe inside ``INSERT DATA``/``DELETE DATA``)."""
    return "".join(sorted(f"{triple} .\n" for triple in triples))


def records(inner: ox.Store, article: ox.NamedNode) -> set[ox.Triple]:
    """What article graph ``article`` says of entities, read from its ``ckg:entityStatements``."""
    text = "".join(
        quad.object.value for quad in inner.quads_for_pattern(article, _STATEMENTS, None, article)
        if isinstance(quad.object, ox.Literal)
    )
    return parse_statements(text)


def _supported(inner: ox.Store, subjects: set[ox.NamedNode], without: set[ox.NamedNode]) -> set[ox.Triple]:
    """What the articles outside ``without`` say of ``subjects``, from their records."""
    texts: list[str] = []
    for subject in sorted(subjects, key=lambda node: node.value):
        prefix = f"{subject} "
        for quad in inner.quads_for_pattern(None, _DESCRIBES, subject, None):
            article = quad.subject
            if article in without or not isinstance(article, ox.NamedNode) or quad.graph_name != article:
                continue
            for record in inner.quads_for_pattern(article, _STATEMENTS, None, article):
                if isinstance(record.object, ox.Literal) and record.object.value.startswith(prefix):
                    texts.append(record.object.value)
    return parse_statements("".join(texts))


@dataclass(frozen=True)
class Changes:
    """What to delete from and insert into the entity graph, and the entities that leave it."""

    delete: frozenset[ox.Triple] = frozenset()
    insert: frozenset[ox.Triple] = frozenset()
    orphans: tuple[str, ...] = ()

    def deletion(self) -> list[str]:
        """The SPARQL ``DELETE DATA`` operation of the changes (none when nothing leaves)."""
        if not self.delete:
            return []
        return [f"DELETE DATA {{ GRAPH <{ENTITY_GRAPH}> {{\n{statements_text(self.delete)}}} }}"]

    def update(self) -> list[str]:
        """SPARQL update operations making the changes (none when there are none)."""
        if not self.insert:
            return self.deletion()
        return [*self.deletion(), f"INSERT DATA {{ GRAPH <{ENTITY_GRAPH}> {{\n{statements_text(self.insert)}}} }}"]


def entity_changes(
    inner: ox.Store, adding: set[ox.Triple], *, rederive: Iterable[ox.NamedNode] = (),
    without: set[ox.NamedNode] | None = None,
) -> Changes:
    """Bring what the entity graph says of some entities to what the articles' records say.

    Parameters
    ----------
    inner : pyoxigraph.Store
    adding : set of Triple
        Statements of records being written (new or rebuilt articles).
    rederive : iterable of NamedNode
        Entities to derive again from the records of the articles outside
        ``without`` (those whose article is removed or rebuilt); the other
        subjects of ``adding`` only gain statements, merged with what the
        entity graph says already.
    without : set of NamedNode, optional
        Articles whose records no longer count.

    Returns
    -------
    Changes
    """
    again = set(rederive)
    by_subject: dict[ox.NamedNode, set[ox.Triple]] = {}
    for triple in adding:
        if isinstance(triple.subject, ox.NamedNode):
            by_subject.setdefault(triple.subject, set()).add(triple)
    said = _supported(inner, again, without or set()) if again else set()
    for triple in said:
        if isinstance(triple.subject, ox.NamedNode):
            by_subject.setdefault(triple.subject, set()).add(triple)
    delete: set[ox.Triple] = set()
    insert: set[ox.Triple] = set()
    orphans: list[str] = []
    for subject in sorted(set(by_subject) | again, key=lambda node: node.value):
        now = {quad.triple for quad in inner.quads_for_pattern(subject, None, None, ENTITY)}
        given = by_subject.get(subject, set())
        target = merge_descriptions(given if subject in again else now | given)
        if not target:
            orphans.append(subject.value)
        delete |= now - target
        insert |= target - now
    return Changes(delete=frozenset(delete), insert=frozenset(insert), orphans=tuple(orphans))


def entity_update(inner: ox.Store, iri: str, article: str, descriptions: str) -> str:
    """The SPARQL update that writes one article graph and keeps the entity graph in step.

    Parameters
    ----------
    inner : pyoxigraph.Store
    iri : str
        The article graph (replaced if the store holds it).
    article, descriptions : str
        Canonical N-Triples of the arranged article graph and of its descriptions.
    """
    node = ox.NamedNode(iri)
    new = parse_statements(descriptions)
    old = records(inner, node) if inner.contains_named_graph(node) else set()
    subjects = {t.subject for t in old | new if isinstance(t.subject, ox.NamedNode)}
    changes = entity_changes(inner, new, rederive=subjects if old else (), without={node})
    return " ;\n".join([
        f"DROP SILENT GRAPH <{iri}>",
        *changes.update(),
        f"INSERT DATA {{ GRAPH <{iri}> {{\n{article}}} }}",
    ])


def migrate_layout(store: Store) -> int:
    """Rearrange a store of an earlier kg: descriptions move from article graphs to the entity graph.

    Each article graph is rewritten in one transaction (its own statements,
    its record, and its descriptions added to the entity graph); a marker
    graph stays until the last one is done, so a killed migration is taken
    up again by the next call. Articles already rearranged are left as they are.

    Returns
    -------
    int
        Number of article graphs rewritten.
    """
    inner = store._inner
    assert inner is not None
    if not layout_outdated(inner):
        return 0
    inner.add_graph(_MIGRATING)
    rewritten = 0
    articles = sorted(
        q.subject.value for q in inner.quads_for_pattern(None, _TYPE, _ARTICLE, None)
        if isinstance(q.subject, ox.NamedNode) and q.graph_name == q.subject
    )
    for iri in articles:
        node = ox.NamedNode(iri)
        text = (inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=node) or b"").decode("utf-8")
        arranged = arrange_article(iri, text)
        if parse_statements(arranged.descriptions) == records(inner, node):
            continue  # nothing said of entities outside its record: rearranged already
        inner.update(entity_update(inner, iri, arranged.article, arranged.descriptions))
        rewritten += 1
    inner.add_graph(ENTITY)
    inner.remove_graph(_MIGRATING)
    if store.path is not None:
        inner.flush()
    store.outdated = False
    return rewritten
