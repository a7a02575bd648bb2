"""Turn one article's :class:`~kg.model.Extraction` into RDF triples.

Triples are built directly from the dataclasses (no SPARQL, no inference):
superclasses are materialised from the ontology's hierarchy, every literal is
typed, and every node is an IRI minted by :mod:`kg.ids` or by an earlier stage.

>>> from kg.model import Article, Extraction
>>> graph = extraction_to_graph(Extraction(Article(id="demo-1", text="Baku accused Yerevan.")))
>>> str(graph.identifier)
'https://w3id.org/conflict-kg/id/article/demo-1'
>>> len(graph)
4
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SDO, SKOS, XSD, NamespaceManager
from rdflib.term import Node

from kg.errors import ExtractionError
from kg.ids import ENTITY_GRAPH, article_iri, mention_iri
from kg.mapping.literals import date_literal, decimal_text, event_date_literal, event_date_text
from kg.mapping.nodes import NTRIPLES, RDFLIB, Nodes
from kg.mapping.terms import OntologyTables, ontology_tables, quad_class
from kg.model import Article, Claim, Entity, Event, EventArgument, Extraction, Mention, Relation
from kg.namespace import CKG, ID, SEM

__all__ = [
    "bind_prefixes",
    "extraction_ntriples",
    "extraction_to_graph",
    "extraction_triples",
    "extractions_to_dataset",
]

Triple = tuple[Node, Node, Node]

_NS = str(CKG._NS)


def bind_prefixes(namespace_manager: NamespaceManager) -> None:
    """Bind the prefixes of the RDF contract (``ckg``, ``id``, ``sem``, ...)."""
    for prefix, namespace in (
        ("ckg", CKG._NS), ("id", ID), ("dcterms", DCTERMS), ("skos", SKOS), ("owl", OWL),
        ("prov", PROV), ("schema", SDO), ("sem", SEM), ("xsd", XSD),
    ):
        namespace_manager.bind(prefix, namespace, override=True, replace=True)


class _Mapper:
    """Builds the triples of one extraction; lives only for one call."""

    def __init__(self, extraction: Extraction, tables: OntologyTables, nodes: Nodes) -> None:
        self.extraction = extraction
        self.article = extraction.article
        self.tables = tables
        self.nodes = nodes
        self.article_node = nodes.iri(article_iri(self.article.id))
        self.mentions_done: set[Node] = set()
        self.class_nodes: dict[str, tuple[Node, ...]] = {}
        self.event_classes: dict[str, str] = {}
        # mention IRIs differ only in their last segment, "start-end"; the
        # article's part (a slug, maybe hashed) is made once
        self.mention_prefix = mention_iri(self.article.id, 0, 0).removesuffix("0-0")

    def classes(self, name: str) -> tuple[Node, ...]:
        """The nodes of every ckg: class of ``name`` (KeyError if it is none)."""
        found = self.class_nodes.get(name)
        if found is None:
            found = self.class_nodes[name] = tuple(map(self.nodes.uri, self.tables.classes_of(name)))
        return found

    def mention_iri(self, start: int, end: int) -> str:
        """:func:`kg.ids.mention_iri` of this article."""
        return f"{self.mention_prefix}{start}-{end}"

    def event_class(self, name: str) -> str:
        """The local name of the event class of type ``name`` (KeyError if none)."""
        found = self.event_classes.get(name)
        if found is None:
            found = self.event_classes[name] = self.tables.event_class(name).fragment
        return found

    def fail(self, what: str, fix: str) -> ExtractionError:
        where = f" ({self.article.origin})" if self.article.origin else ""
        return ExtractionError(f"article {self.article.id!r}{where}: {what}; {fix}")

    def span_text(self, span: tuple[int, int], what: str) -> str:
        start, end = span
        if not 0 <= start <= end <= len(self.article.text):
            raise self.fail(
                f"{what} offsets {start}-{end} fall outside the text ({len(self.article.text)} characters)",
                "offsets must index Article.text",
            )
        return self.article.text[start:end]

    def triples(self) -> Iterator[Triple]:
        yield from self.article_triples(self.article)
        for mention in self.extraction.mentions:
            if mention.entity is not None:
                yield from self.mention_triples(mention, mention.entity)
        for entity in self.extraction.entities:
            yield from self.entity_triples(entity)
        for relation in self.extraction.relations:
            yield self.relation_triple(relation)
        for event in self.extraction.events:
            yield from self.event_triples(event)
        for claim in self.extraction.claims:
            yield from self.claim_triples(claim)

    def article_triples(self, article: Article) -> Iterator[Triple]:
        v = self.nodes.vocabulary
        n = self.nodes
        node = self.article_node
        yield node, v["rdf:type"], v["ckg:Article"]
        yield node, v["dcterms:identifier"], n.text(article.id)
        if article.title is not None:
            yield node, v["dcterms:title"], n.text(article.title)
        if article.published is not None:
            published = article.published
            yield node, v["ckg:published"], (
                n.literal(date_literal(published)) if isinstance(published, datetime)
                else n.typed(published.isoformat(), XSD.date))
        if article.source is not None:
            yield node, v["dcterms:source"], n.text(article.source)
        if article.publisher is not None:
            yield node, v["dcterms:publisher"], n.text(article.publisher)
        if article.url is not None:
            yield node, v["ckg:url"], n.typed(article.url, XSD.anyURI)
        yield node, v["ckg:contentHash"], n.text(article.content_hash)
        yield node, v["ckg:articleText"], n.text(article.text)

    def mention_triples(self, mention: Mention, entity: str) -> Iterator[Triple]:
        actual = self.span_text((mention.start, mention.end), f"mention {mention.text!r}")
        if actual != mention.text:
            raise self.fail(
                f"mention {mention.text!r} at {mention.start}-{mention.end} reads {actual!r} in the text",
                "Mention.text must equal Article.text[start:end]",
            )
        yield from self._mention(mention.start, mention.end, mention.text, entity, mention.sentence)

    def _mention(
        self, start: int, end: int, text: str, entity: str, sentence: tuple[int, int]
    ) -> Iterator[Triple]:
        v = self.nodes.vocabulary
        n = self.nodes
        node = n.iri(self.mention_iri(start, end))
        if node in self.mentions_done:
            return
        self.mentions_done.add(node)
        yield node, v["rdf:type"], v["ckg:Mention"]
        yield node, v["ckg:mentionOf"], n.iri(entity)
        yield node, v["ckg:inArticle"], self.article_node
        yield node, v["ckg:charStart"], n.integer(start)
        yield node, v["ckg:charEnd"], n.integer(end)
        yield node, v["ckg:text"], n.text(text)
        if sentence[1] > sentence[0]:
            yield node, v["ckg:sentenceStart"], n.integer(sentence[0])
            yield node, v["ckg:sentenceEnd"], n.integer(sentence[1])

    def entity_triples(self, entity: Entity) -> Iterator[Triple]:
        v = self.nodes.vocabulary
        n = self.nodes
        node = n.iri(entity.iri)
        try:
            classes = self.classes(entity.type)
        except KeyError:
            raise self.fail(
                f"entity {entity.iri} has type {entity.type!r}, which is not a ckg: class",
                "use the local name of a class in ontology/conflict.ttl (Person, Country, City, ...)",
            ) from None
        for cls in classes:
            yield node, v["rdf:type"], cls
        yield node, v["rdfs:label"], n.text(entity.label)
        for alias in entity.aliases:
            if alias != entity.label:
                yield node, v["skos:altLabel"], n.text(alias)
        if entity.country is not None:
            yield node, v["ckg:countryCode"], n.text(entity.country)
        if entity.sector is not None:
            yield node, v["ckg:sector"], n.text(entity.sector)
        for role in entity.roles:
            yield node, v["ckg:role"], n.text(role)
        for link in entity.links:
            yield node, v["owl:sameAs"], n.iri(link)

    def relation_triple(self, relation: Relation) -> Triple:
        n = self.nodes
        if relation.predicate not in self.tables.object_properties:
            raise self.fail(
                f"relation {relation.subject} {relation.predicate!r} {relation.object}"
                " uses no ckg: object property",
                "use affiliatedWith, partOf, locatedIn or another object property of the ontology",
            )
        return n.iri(relation.subject), n.iri(_NS + relation.predicate), n.iri(relation.object)

    def argument(self, event: Event, argument: EventArgument) -> Iterator[Triple]:
        """The argument's mention, linked to the event (minted if no mention holds it)."""
        v = self.nodes.vocabulary
        n = self.nodes
        actual = self.span_text((argument.start, argument.end), f"argument {argument.text!r}")
        if actual != argument.text:
            raise self.fail(
                f"argument {argument.text!r} of event {event.iri} reads {actual!r} in the text",
                "EventArgument.text must equal Article.text[start:end]",
            )
        yield n.iri(event.iri), v["ckg:argument"], n.iri(
            self.mention_iri(argument.start, argument.end)
        )
        yield from self._mention(
            argument.start, argument.end, argument.text, argument.entity, event.sentence
        )

    def event_triples(self, event: Event) -> Iterator[Triple]:
        v = self.nodes.vocabulary
        n = self.nodes
        node = n.iri(event.iri)
        try:
            event_class = self.event_class(event.type)
        except KeyError:
            raise self.fail(
                f"event {event.iri} has type {event.type!r}, which is no ckg: event class",
                "use a PLOVER type (ASSAULT, ACCUSE is Accuse, ...) or Statement",
            ) from None
        for cls in self.classes(event_class):
            yield node, v["rdf:type"], cls
        yield node, v["ckg:cameoCode"], n.text(event.cameo)
        yield node, v["ckg:goldstein"], self.decimal(event.goldstein, "goldstein", event)
        quad = quad_class(event.cameo)
        if quad is not None:
            yield node, v["ckg:quadClass"], n.integer(quad)
        for role, arguments in ((v["ckg:agent"], event.agents), (v["ckg:target"], event.targets)):
            for argument in arguments:
                yield node, role, n.iri(argument.entity)
                # a region that acts (a breakaway territory) is an actor here
                yield n.iri(argument.entity), v["rdf:type"], v["ckg:Actor"]
                yield from self.argument(event, argument)
        if event.location is not None:
            yield node, v["ckg:location"], n.iri(event.location.entity)
            yield from self.argument(event, event.location)
        if event.date is not None:
            try:
                found = event_date_text(event.date)
                yield node, v["ckg:date"], (
                    n.literal(event_date_literal(event.date)) if found is None else n.typed(*found))
            except ValueError as e:
                raise self.fail(f"event {event.iri}: {e}", "give the date as ISO 8601 text") from e
            yield node, v["ckg:dateSource"], n.text(event.date_source)
        for actor in event.claimed_by:
            yield node, v["ckg:claimedBy"], n.iri(actor)
            yield n.iri(actor), v["rdf:type"], v["ckg:Actor"]
        yield node, v["ckg:negated"], n.boolean(event.negated)
        if event.modality is not None:
            yield node, v["ckg:modality"], n.text(event.modality)
        yield node, v["ckg:confidence"], self.decimal(event.confidence, "confidence", event)
        yield node, v["ckg:evidence"], n.text(self.span_text(event.sentence, f"event {event.iri} sentence"))
        yield node, v["ckg:inArticle"], self.article_node
        yield node, v["ckg:charStart"], n.integer(event.sentence[0])
        yield node, v["ckg:charEnd"], n.integer(event.sentence[1])
        yield node, v["ckg:trigger"], n.text(self.span_text(event.trigger, f"event {event.iri} trigger"))
        yield node, v["ckg:triggerStart"], n.integer(event.trigger[0])
        yield node, v["ckg:triggerEnd"], n.integer(event.trigger[1])
        if event.conflict is not None:
            yield node, v["ckg:partOfConflict"], n.iri(event.conflict)

    def decimal(self, value: float, name: str, event: Event) -> Node:
        try:
            return self.nodes.typed(decimal_text(value), XSD.decimal)
        except ValueError as e:
            raise self.fail(f"event {event.iri} {name}: {e}", f"give a finite {name}") from e

    def claim_triples(self, claim: Claim) -> Iterator[Triple]:
        v = self.nodes.vocabulary
        n = self.nodes
        node = n.iri(claim.iri)
        self.span_text(claim.sentence, f"claim {claim.iri} sentence")
        yield node, v["rdf:type"], v["ckg:Claim"]
        yield node, v["ckg:speaker"], n.iri(claim.speaker)
        for event in claim.events:
            yield node, v["ckg:claims"], n.iri(event)
        if claim.quote is not None:
            yield node, v["ckg:quote"], n.text(claim.quote)
        yield node, v["ckg:inArticle"], self.article_node
        yield node, v["ckg:charStart"], n.integer(claim.sentence[0])
        yield node, v["ckg:charEnd"], n.integer(claim.sentence[1])
        if claim.cue[1] > claim.cue[0]:
            yield node, v["ckg:trigger"], n.text(self.span_text(claim.cue, f"claim {claim.iri} cue"))
            yield node, v["ckg:triggerStart"], n.integer(claim.cue[0])
            yield node, v["ckg:triggerEnd"], n.integer(claim.cue[1])


def extraction_triples(extraction: Extraction) -> Iterator[Triple]:
    """Yield the triples of one article (as :func:`extraction_to_graph` holds them).

    Mentions whose entity is unresolved are left out: a mention is only worth
    keeping as evidence for an entity. Each event argument is linked to the
    mention at its offsets with ``ckg:argument``; when no mention is there, one
    is made for it. Offsets name a mention, so when two mentions share them
    the first one is kept. A triple may be yielded twice; graphs hold it once.

    Raises
    ------
    ExtractionError
        If the extraction breaks the model's promises: offsets outside the
        text, a mention whose text is not the text at its offsets, a type or
        predicate the ontology does not have, a malformed event date.
    """
    return _Mapper(extraction, ontology_tables(), RDFLIB).triples()


def extraction_ntriples(extraction: Extraction) -> str:
    """The N-Triples text of one article's graph: one sorted line per distinct triple.

    The same text :func:`kg.mapping.nquads.to_ntriples` writes for
    :func:`extraction_triples`, made without rdflib terms (what a build writes).

    >>> from kg.model import Article, Extraction
    >>> text = extraction_ntriples(Extraction(Article(id="demo-1", text="Calm.")))
    >>> text.count("\\n"), text.startswith("<https://w3id.org/conflict-kg/id/article/demo-1> ")
    (4, True)

    Raises
    ------
    ExtractionError
        See :func:`extraction_triples`.
    """
    lines = {f"{s} {p} {o} .\n" for s, p, o in _Mapper(extraction, ontology_tables(), NTRIPLES).triples()}
    return "".join(sorted(lines))


def extraction_to_graph(extraction: Extraction) -> Graph:
    """The RDF graph of one article: what it says of itself and of the entities it names.

    A standalone graph, with every statement of the article together. In a
    store (and in :func:`extractions_to_dataset`) the statements about
    entities go to the entity graph instead (:mod:`kg.mapping.layout`).

    Parameters
    ----------
    extraction : Extraction
        Everything read from the article.

    Returns
    -------
    rdflib.Graph
        Its ``identifier`` is :func:`kg.ids.article_iri` of the article id.

    Raises
    ------
    ExtractionError
        See :func:`extraction_triples`.
    """
    graph = Graph(identifier=URIRef(article_iri(extraction.article.id)), bind_namespaces="core")
    bind_prefixes(graph.namespace_manager)
    for triple in extraction_triples(extraction):
        graph.add(triple)
    return graph


def extractions_to_dataset(extractions: Iterable[Extraction]) -> Dataset:
    """A dataset laid out as the store holds it: one graph per article, and the entity graph.

    Each article's graph holds its own statements (the article, its mentions,
    events and claims) and the record of what it says of entities; the entity
    graph (:data:`kg.ids.ENTITY_GRAPH`) holds those descriptions once, merged
    over all articles (:func:`kg.mapping.layout.merge_descriptions`). The default graph is the union
    of the named graphs, as in the store. When two extractions have the same
    article id, the later one's graph replaces the earlier one's, as
    rebuilding an article does in the store.

    >>> from kg.model import Article, Extraction
    >>> dataset = extractions_to_dataset([Extraction(Article(id=i, text="A.")) for i in "ab"])
    >>> sorted(str(g.identifier).rsplit("/", 1)[1] for g in dataset.graphs() if len(g))
    ['a', 'b']
    """
    import pyoxigraph as ox

    from kg.mapping.layout import arrange_article, merge_descriptions

    arranged = {}
    for extraction in extractions:
        iri = article_iri(extraction.article.id)
        arranged[iri] = arrange_article(iri, extraction_ntriples(extraction))  # raises before the dataset is made
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset.namespace_manager)
    said = (q.triple for a in arranged.values()
            for q in ox.parse(a.descriptions.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    descriptions = "".join(sorted(f"{triple} .\n" for triple in merge_descriptions(said)))
    for iri, graph_text in [*((iri, a.article) for iri, a in arranged.items()), (ENTITY_GRAPH, descriptions)]:
        if graph_text:
            dataset.graph(URIRef(iri)).parse(data=graph_text, format="nt")
    return dataset
