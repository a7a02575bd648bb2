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

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, NamespaceManager
from rdflib.term import Node

from kg.errors import ExtractionError
from kg.ids import article_iri, mention_iri
from kg.mapping.literals import date_literal, decimal_literal, event_date_literal
from kg.mapping.terms import OntologyTables, ontology_tables, quad_class
from kg.model import Article, Claim, Entity, Event, EventArgument, Extraction, Mention, Relation
from kg.namespace import CKG, ID, SEM

__all__ = ["bind_prefixes", "extraction_to_graph", "extraction_triples", "extractions_to_dataset"]

Triple = tuple[URIRef, URIRef, Node]

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

    def __init__(self, extraction: Extraction, tables: OntologyTables) -> None:
        self.extraction = extraction
        self.article = extraction.article
        self.tables = tables
        self.article_node = URIRef(article_iri(self.article.id))
        self.mentions_done: set[URIRef] = set()

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
        node = self.article_node
        yield node, RDF.type, CKG.Article
        yield node, DCTERMS.identifier, Literal(article.id)
        if article.title is not None:
            yield node, DCTERMS.title, Literal(article.title)
        if article.published is not None:
            yield node, CKG.published, date_literal(article.published)
        if article.source is not None:
            yield node, DCTERMS.source, Literal(article.source)
        if article.url is not None:
            yield node, CKG.url, Literal(article.url, datatype=XSD.anyURI)
        yield node, CKG.contentHash, Literal(article.content_hash)
        yield node, CKG.articleText, Literal(article.text)

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
        node = URIRef(mention_iri(self.article.id, start, end))
        if node in self.mentions_done:
            return
        self.mentions_done.add(node)
        yield node, RDF.type, CKG.Mention
        yield node, CKG.mentionOf, URIRef(entity)
        yield node, CKG.inArticle, self.article_node
        yield node, CKG.charStart, Literal(start)
        yield node, CKG.charEnd, Literal(end)
        yield node, CKG.text, Literal(text)
        if sentence[1] > sentence[0]:
            yield node, CKG.sentenceStart, Literal(sentence[0])
            yield node, CKG.sentenceEnd, Literal(sentence[1])

    def entity_triples(self, entity: Entity) -> Iterator[Triple]:
        node = URIRef(entity.iri)
        try:
            classes = self.tables.classes_of(entity.type)
        except KeyError:
            raise self.fail(
                f"entity {entity.iri} has type {entity.type!r}, which is not a ckg: class",
                "use the local name of a class in ontology/conflict.ttl (Person, Country, City, ...)",
            ) from None
        for cls in classes:
            yield node, RDF.type, cls
        yield node, RDFS.label, Literal(entity.label)
        for alias in entity.aliases:
            if alias != entity.label:
                yield node, SKOS.altLabel, Literal(alias)
        if entity.country is not None:
            yield node, CKG.countryCode, Literal(entity.country)
        if entity.sector is not None:
            yield node, CKG.sector, Literal(entity.sector)
        for role in entity.roles:
            yield node, CKG.role, Literal(role)
        for link in entity.links:
            yield node, OWL.sameAs, URIRef(link)

    def relation_triple(self, relation: Relation) -> Triple:
        if relation.predicate not in self.tables.object_properties:
            raise self.fail(
                f"relation {relation.subject} {relation.predicate!r} {relation.object}"
                " uses no ckg: object property",
                "use affiliatedWith, partOf, locatedIn or another object property of the ontology",
            )
        return URIRef(relation.subject), URIRef(_NS + relation.predicate), URIRef(relation.object)

    def argument(self, event: Event, argument: EventArgument) -> Iterator[Triple]:
        """The argument's mention, linked to the event (minted if no mention holds it)."""
        actual = self.span_text((argument.start, argument.end), f"argument {argument.text!r}")
        if actual != argument.text:
            raise self.fail(
                f"argument {argument.text!r} of event {event.iri} reads {actual!r} in the text",
                "EventArgument.text must equal Article.text[start:end]",
            )
        yield URIRef(event.iri), CKG.argument, URIRef(
            mention_iri(self.article.id, argument.start, argument.end)
        )
        yield from self._mention(
            argument.start, argument.end, argument.text, argument.entity, event.sentence
        )

    def event_triples(self, event: Event) -> Iterator[Triple]:
        node = URIRef(event.iri)
        try:
            event_class = self.tables.event_class(event.type)
        except KeyError:
            raise self.fail(
                f"event {event.iri} has type {event.type!r}, which is no ckg: event class",
                "use a PLOVER type (ASSAULT, ACCUSE is Accuse, ...) or Statement",
            ) from None
        for cls in self.tables.classes_of(event_class.fragment):
            yield node, RDF.type, cls
        yield node, CKG.cameoCode, Literal(event.cameo)
        yield node, CKG.goldstein, self.decimal(event.goldstein, "goldstein", event)
        quad = quad_class(event.cameo)
        if quad is not None:
            yield node, CKG.quadClass, Literal(quad)
        for role, arguments in ((CKG.agent, event.agents), (CKG.target, event.targets)):
            for argument in arguments:
                yield node, role, URIRef(argument.entity)
                # a region that acts (a breakaway territory) is an actor here
                yield URIRef(argument.entity), RDF.type, CKG.Actor
                yield from self.argument(event, argument)
        if event.location is not None:
            yield node, CKG.location, URIRef(event.location.entity)
            yield from self.argument(event, event.location)
        if event.date is not None:
            try:
                yield node, CKG.date, event_date_literal(event.date)
            except ValueError as e:
                raise self.fail(f"event {event.iri}: {e}", "give the date as ISO 8601 text") from e
            yield node, CKG.dateSource, Literal(event.date_source)
        for actor in event.claimed_by:
            yield node, CKG.claimedBy, URIRef(actor)
            yield URIRef(actor), RDF.type, CKG.Actor
        yield node, CKG.negated, Literal(event.negated)
        if event.modality is not None:
            yield node, CKG.modality, Literal(event.modality)
        yield node, CKG.confidence, self.decimal(event.confidence, "confidence", event)
        yield node, CKG.evidence, Literal(self.span_text(event.sentence, f"event {event.iri} sentence"))
        yield node, CKG.inArticle, self.article_node
        yield node, CKG.charStart, Literal(event.sentence[0])
        yield node, CKG.charEnd, Literal(event.sentence[1])
        yield node, CKG.trigger, Literal(self.span_text(event.trigger, f"event {event.iri} trigger"))
        yield node, CKG.triggerStart, Literal(event.trigger[0])
        yield node, CKG.triggerEnd, Literal(event.trigger[1])
        if event.conflict is not None:
            yield node, CKG.partOfConflict, URIRef(event.conflict)

    def decimal(self, value: float, name: str, event: Event) -> Literal:
        try:
            return decimal_literal(value)
        except ValueError as e:
            raise self.fail(f"event {event.iri} {name}: {e}", f"give a finite {name}") from e

    def claim_triples(self, claim: Claim) -> Iterator[Triple]:
        node = URIRef(claim.iri)
        self.span_text(claim.sentence, f"claim {claim.iri} sentence")
        yield node, RDF.type, CKG.Claim
        yield node, CKG.speaker, URIRef(claim.speaker)
        for event in claim.events:
            yield node, CKG.claims, URIRef(event)
        if claim.quote is not None:
            yield node, CKG.quote, Literal(claim.quote)
        yield node, CKG.inArticle, self.article_node
        yield node, CKG.charStart, Literal(claim.sentence[0])
        yield node, CKG.charEnd, Literal(claim.sentence[1])
        if claim.cue[1] > claim.cue[0]:
            yield node, CKG.trigger, Literal(self.span_text(claim.cue, f"claim {claim.iri} cue"))
            yield node, CKG.triggerStart, Literal(claim.cue[0])
            yield node, CKG.triggerEnd, Literal(claim.cue[1])


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
    return _Mapper(extraction, ontology_tables()).triples()


def extraction_to_graph(extraction: Extraction) -> Graph:
    """The RDF graph of one article, named by the article's IRI.

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
    """A dataset with one named graph per article, its name the article's IRI.

    The default graph is the union of the named graphs, as in the store. When
    two extractions have the same article id, the later one's graph replaces
    the earlier one's, as rebuilding an article does in the store.

    >>> from kg.model import Article, Extraction
    >>> dataset = extractions_to_dataset([Extraction(Article(id=i, text="A.")) for i in "ab"])
    >>> sorted(str(g.identifier).rsplit("/", 1)[1] for g in dataset.graphs() if len(g))
    ['a', 'b']
    """
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset.namespace_manager)
    for extraction in extractions:
        triples = list(extraction_triples(extraction))  # raises before the graph is touched
        graph = dataset.graph(URIRef(article_iri(extraction.article.id)))
        graph.remove((None, None, None))
        graph.addN((s, p, o, graph) for s, p, o in triples)
    return dataset
