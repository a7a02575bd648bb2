"""The mapping of one extraction follows the RDF contract, triple for triple."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, XSD

from kg.errors import ExtractionError, KgError
from kg.ids import ENTITY_GRAPH, article_iri, mention_iri
from kg.mapping import extraction_to_graph, extractions_to_dataset
from kg.mapping.graph import extraction_ntriples
from kg.mapping.layout import arrange_article
from kg.model import Article, Entity, Event, Extraction, Mention, Relation
from kg.namespace import CKG
from tests.mapping.mapping_samples import ARM, AZE, KEY, TALISH, TEXT, sample_extraction

EXPECTED = """
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix id: <https://w3id.org/conflict-kg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/conflict-kg/id/article/demo-2021-04-06-001> a ckg:Article ;
    dcterms:identifier "demo-2021-04-06-001" ;
    dcterms:title "Armenia accuses Azerbaijan of shelling" ;
    dcterms:source "Example News" ;
    ckg:published "2021-04-06"^^xsd:date ;
    ckg:url "https://news.example.org/2021/04/06/shelling"^^xsd:anyURI ;
    ckg:contentHash "619dd91e65d36d2eb42e3c2ded59f7f8326376bf1cd10424618b4d18f0e685a3" ;
    ckg:articleText "Armenia accused Azerbaijan of shelling the village of Talish on 5 April 2021. Defence ministry spokesman Kamal Ismayilov denied it." .

<https://w3id.org/conflict-kg/id/mention/demo-2021-04-06-001/0-7> a ckg:Mention ;
    ckg:mentionOf id:country\\/arm ;
    ckg:inArticle <https://w3id.org/conflict-kg/id/article/demo-2021-04-06-001> ;
    ckg:charStart 0 ; ckg:charEnd 7 ; ckg:text "Armenia" ;
    ckg:sentenceStart 0 ; ckg:sentenceEnd 77 .

<https://w3id.org/conflict-kg/id/mention/demo-2021-04-06-001/16-26> a ckg:Mention ;
    ckg:mentionOf id:country\\/aze ;
    ckg:inArticle <https://w3id.org/conflict-kg/id/article/demo-2021-04-06-001> ;
    ckg:charStart 16 ; ckg:charEnd 26 ; ckg:text "Azerbaijan" ;
    ckg:sentenceStart 0 ; ckg:sentenceEnd 77 .

<https://w3id.org/conflict-kg/id/mention/demo-2021-04-06-001/54-60> a ckg:Mention ;
    ckg:mentionOf id:place\\/talish ;
    ckg:inArticle <https://w3id.org/conflict-kg/id/article/demo-2021-04-06-001> ;
    ckg:charStart 54 ; ckg:charEnd 60 ; ckg:text "Talish" ;
    ckg:sentenceStart 0 ; ckg:sentenceEnd 77 .

<https://w3id.org/conflict-kg/id/mention/demo-2021-04-06-001/105-120> a ckg:Mention ;
    ckg:mentionOf id:person\\/kamal-ismayilov ;
    ckg:inArticle <https://w3id.org/conflict-kg/id/article/demo-2021-04-06-001> ;
    ckg:charStart 105 ; ckg:charEnd 120 ; ckg:text "Kamal Ismayilov" ;
    ckg:sentenceStart 78 ; ckg:sentenceEnd 131 .

id:country\\/arm a ckg:Country, ckg:Actor, ckg:Location ;
    rdfs:label "Armenia" ;
    ckg:countryCode "ARM" ;
    owl:sameAs <https://sws.geonames.org/174982/> .

id:country\\/aze a ckg:Country, ckg:Actor, ckg:Location ;
    rdfs:label "Azerbaijan" ;
    ckg:countryCode "AZE" ;
    owl:sameAs <https://sws.geonames.org/587116/> .

id:place\\/talish a ckg:City, ckg:Location ;
    rdfs:label "Talish" ;
    ckg:locatedIn id:country\\/aze .

id:person\\/kamal-ismayilov a ckg:Person, ckg:Actor ;
    rdfs:label "Kamal Ismayilov" ;
    skos:altLabel "Ismayilov" ;
    ckg:countryCode "AZE" ;
    ckg:sector "MIL" ;
    ckg:role "spokesman" ;
    ckg:affiliatedWith id:country\\/aze .

<https://w3id.org/conflict-kg/id/event/demo-2021-04-06-001/1> a ckg:Event, ckg:Disapprove, ckg:Accuse ;
    ckg:cameoCode "112" ;
    ckg:goldstein -2.0 ;
    ckg:quadClass 3 ;
    ckg:agent id:country\\/arm ;
    ckg:target id:country\\/aze ;
    ckg:argument <https://w3id.org/conflict-kg/id/mention/demo-2021-04-06-001/0-7>,
        <https://w3id.org/conflict-kg/id/mention/demo-2021-04-06-001/16-26> ;
    ckg:date "2021-04-06"^^xsd:date ;
    ckg:dateSource "publication" ;
    ckg:negated false ;
    ckg:confidence 0.9 ;
    ckg:evidence "Armenia accused Azerbaijan of shelling the village of Talish on 5 April 2021." ;
    ckg:inArticle <https://w3id.org/conflict-kg/id/article/demo-2021-04-06-001> ;
    ckg:charStart 0 ; ckg:charEnd 77 ;
    ckg:trigger "accused" ; ckg:triggerStart 8 ; ckg:triggerEnd 15 .

<https://w3id.org/conflict-kg/id/event/demo-2021-04-06-001/2> a ckg:Event, ckg:Fight ;
    ckg:cameoCode "194" ;
    ckg:goldstein -10.0 ;
    ckg:quadClass 4 ;
    ckg:agent id:country\\/aze ;
    ckg:location id:place\\/talish ;
    ckg:argument <https://w3id.org/conflict-kg/id/mention/demo-2021-04-06-001/16-26>,
        <https://w3id.org/conflict-kg/id/mention/demo-2021-04-06-001/54-60> ;
    ckg:date "2021-04-05"^^xsd:date ;
    ckg:dateSource "text" ;
    ckg:claimedBy id:country\\/arm ;
    ckg:negated false ;
    ckg:confidence 0.65 ;
    ckg:evidence "Armenia accused Azerbaijan of shelling the village of Talish on 5 April 2021." ;
    ckg:inArticle <https://w3id.org/conflict-kg/id/article/demo-2021-04-06-001> ;
    ckg:charStart 0 ; ckg:charEnd 77 ;
    ckg:trigger "shelling" ; ckg:triggerStart 30 ; ckg:triggerEnd 38 ;
    ckg:partOfConflict id:conflict\\/nagorno-karabakh .

<https://w3id.org/conflict-kg/id/claim/demo-2021-04-06-001/1> a ckg:Claim ;
    ckg:speaker id:country\\/arm ;
    ckg:claims <https://w3id.org/conflict-kg/id/event/demo-2021-04-06-001/2> ;
    ckg:inArticle <https://w3id.org/conflict-kg/id/article/demo-2021-04-06-001> ;
    ckg:charStart 0 ; ckg:charEnd 77 ;
    ckg:trigger "accused" ; ckg:triggerStart 8 ; ckg:triggerEnd 15 .
"""


def _diff(expected: Graph, actual: Graph) -> str:
    _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = ["missing:"] + sorted(" ".join(t.n3() for t in triple) for triple in missing)
    lines += ["unexpected:"] + sorted(" ".join(t.n3() for t in triple) for triple in extra)
    return "\n".join(lines)


def test_sample_article_maps_to_the_expected_graph(extraction: Extraction) -> None:
    expected = Graph().parse(data=EXPECTED, format="turtle")
    actual = extraction_to_graph(extraction)
    assert isomorphic(expected, actual), _diff(expected, actual)


def test_graph_is_named_by_the_article_iri(extraction: Extraction) -> None:
    graph = extraction_to_graph(extraction)
    assert graph.identifier == URIRef(article_iri(KEY))


def test_no_blank_nodes(extraction: Extraction) -> None:
    graph = extraction_to_graph(extraction)
    assert not [t for triple in graph for t in triple if isinstance(t, BNode)]


def test_mention_offsets_read_back_the_mention_text(extraction: Extraction) -> None:
    graph = extraction_to_graph(extraction)
    mentions = list(graph.subjects(RDF.type, CKG.Mention))
    assert mentions
    for mention in mentions:
        start = graph.value(mention, CKG.charStart)
        end = graph.value(mention, CKG.charEnd)
        assert isinstance(start, Literal) and isinstance(end, Literal)
        assert start.datatype == end.datatype == XSD.integer
        assert TEXT[start.toPython():end.toPython()] == str(graph.value(mention, CKG.text))


def test_unresolved_mentions_are_left_out(extraction: Extraction) -> None:
    graph = extraction_to_graph(extraction)
    start = TEXT.index("Defence ministry")
    node = URIRef(mention_iri(KEY, start, start + len("Defence ministry")))
    assert (node, None, None) not in graph


def test_event_argument_without_a_mention_gets_one(extraction: Extraction) -> None:
    extraction = replace(extraction, mentions=())
    graph = extraction_to_graph(extraction)
    node = URIRef(mention_iri(KEY, 54, 60))
    assert graph.value(node, CKG.mentionOf) == URIRef(TALISH)
    assert graph.value(node, CKG.text) == Literal("Talish")


@pytest.mark.parametrize(
    ("entity_type", "classes"),
    [
        ("Person", {"Person", "Actor"}),
        ("Organization", {"Organization", "Actor"}),
        ("GovernmentBody", {"GovernmentBody", "Organization", "Actor"}),
        ("MilitaryForce", {"MilitaryForce", "Organization", "Actor"}),
        ("ArmedGroup", {"ArmedGroup", "Organization", "Actor"}),
        ("InternationalOrganization", {"InternationalOrganization", "Organization", "Actor"}),
        ("Media", {"Media", "Organization", "Actor"}),
        ("Country", {"Country", "Actor", "Location"}),
        ("Location", {"Location"}),
        ("City", {"City", "Location"}),
        ("Region", {"Region", "Location"}),
        ("Conflict", {"Conflict"}),
    ],
)
def test_superclasses_are_materialised(entity_type: str, classes: set[str]) -> None:
    iri = "https://w3id.org/conflict-kg/id/x/thing"
    extraction = Extraction(Article(id="t", text="x"), entities=(Entity(iri, "Thing", entity_type),))
    graph = extraction_to_graph(extraction)
    assert {URIRef(str(c)).fragment for c in graph.objects(URIRef(iri), RDF.type)} == classes


@pytest.mark.parametrize(
    ("event_type", "classes"),
    [
        ("ACCUSE", {"Event", "Disapprove", "Accuse"}),
        ("Accuse", {"Event", "Disapprove", "Accuse"}),
        ("ASSAULT", {"Event", "Assault"}),
        ("Statement", {"Event", "Statement"}),
        ("INVESTIGATE", {"Event", "Investigate"}),
    ],
)
def test_event_types_are_materialised(extraction: Extraction, event_type: str, classes: set[str]) -> None:
    event = replace(extraction.events[0], type=event_type)
    graph = extraction_to_graph(replace(extraction, events=(event,), claims=()))
    assert {URIRef(str(c)).fragment for c in graph.objects(URIRef(event.iri), RDF.type)} == classes


@pytest.mark.parametrize(
    ("text", "datatype", "lexical"),
    [
        ("1994", XSD.gYear, "1994"),
        ("2020-12", XSD.gYearMonth, "2020-12"),
        ("2020-12-02", XSD.date, "2020-12-02"),
        ("2020-12-02T10:15:00", XSD.dateTime, "2020-12-02T10:15:00"),
    ],
)
def test_event_date_is_typed_by_its_precision(
    extraction: Extraction, text: str, datatype: URIRef, lexical: str
) -> None:
    event = replace(extraction.events[0], date=text)
    graph = extraction_to_graph(replace(extraction, events=(event,), claims=()))
    value = graph.value(URIRef(event.iri), CKG.date)
    assert isinstance(value, Literal)
    assert (value.datatype, str(value)) == (datatype, lexical)


@pytest.mark.parametrize(
    ("published", "datatype"),
    [
        (datetime(2021, 4, 6, 9, 30, tzinfo=timezone.utc), XSD.dateTime),
        (datetime(2021, 4, 6, 9, 30, tzinfo=timezone(timedelta(hours=4))), XSD.dateTime),
        (datetime(2021, 4, 6).date(), XSD.date),
    ],
)
def test_published_is_a_date_or_datetime(
    extraction: Extraction, published: date | datetime, datatype: URIRef
) -> None:
    article = replace(extraction.article, published=published)
    graph = extraction_to_graph(replace(extraction, article=article))
    value = graph.value(URIRef(article_iri(KEY)), CKG.published)
    assert isinstance(value, Literal) and value.datatype == datatype
    assert value.toPython() == published


def test_cameo_code_keeps_its_leading_zero(extraction: Extraction) -> None:
    event = replace(extraction.events[0], cameo="0231")
    graph = extraction_to_graph(replace(extraction, events=(event,), claims=()))
    assert graph.value(URIRef(event.iri), CKG.cameoCode) == Literal("0231")
    assert graph.value(URIRef(event.iri), CKG.quadClass) == Literal(1)


def _broken(extraction: Extraction, what: str) -> Extraction:
    if what == "mention text":
        return replace(extraction, mentions=(Mention(0, 7, "Armenie", "Country", entity=ARM),))
    if what == "offsets":
        return replace(extraction, mentions=(Mention(200, 207, "Armenia", "Country", entity=ARM),))
    if what == "entity type":
        return replace(extraction, entities=(Entity(ARM, "Armenia", "Nation"),))
    if what == "predicate":
        return replace(extraction, relations=(Relation(ARM, "borders", AZE),))
    if what == "event type":
        return replace(extraction, events=(replace(extraction.events[0], type="PARTY"),))
    if what == "event date":
        return replace(extraction, events=(replace(extraction.events[0], date="last Tuesday"),))
    if what == "goldstein":
        return replace(extraction, events=(replace(extraction.events[0], goldstein=float("nan")),))
    if what == "trigger":
        return replace(extraction, events=(replace(extraction.events[0], trigger=(120, 140)),))
    raise AssertionError(what)


@pytest.mark.parametrize(
    ("what", "says"),
    [
        ("mention text", "'Armenie'"),
        ("offsets", "outside the text"),
        ("entity type", "'Nation'"),
        ("predicate", "'borders'"),
        ("event type", "'PARTY'"),
        ("event date", "'last Tuesday'"),
        ("goldstein", "goldstein"),
        ("trigger", "trigger"),
    ],
)
def test_broken_extraction_raises_a_kg_error_naming_the_article(
    extraction: Extraction, what: str, says: str
) -> None:
    with pytest.raises(ExtractionError) as caught:
        extraction_to_graph(_broken(extraction, what))
    assert isinstance(caught.value, KgError)
    assert KEY in str(caught.value) and says in str(caught.value)


def _arranged_graph(extraction: Extraction) -> Graph:
    """The article's graph as a store holds it: its own statements and its record."""
    iri = article_iri(extraction.article.id)
    return Graph().parse(data=arrange_article(iri, extraction_ntriples(extraction)).article, format="nt")


def test_dataset_has_one_named_graph_per_article_and_the_entity_graph() -> None:
    first = sample_extraction()
    second = Extraction(Article(id="other-article", text="Nothing happened."))
    dataset = extractions_to_dataset([first, second])
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {URIRef(article_iri(KEY)), URIRef(article_iri("other-article")), URIRef(ENTITY_GRAPH)}
    assert isomorphic(dataset.graph(URIRef(article_iri(KEY))), _arranged_graph(first))


def test_article_graphs_keep_their_own_statements_and_the_entity_graph_the_rest() -> None:
    extraction = sample_extraction()
    dataset = extractions_to_dataset([extraction])
    article = dataset.graph(URIRef(article_iri(KEY)))
    entities = dataset.graph(URIRef(ENTITY_GRAPH))
    own = {URIRef(article_iri(KEY))} | set(article.subjects(CKG.inArticle, URIRef(article_iri(KEY))))
    assert set(article.subjects()) == own
    assert not own & set(entities.subjects())
    # together they hold exactly what the article says, plus its record
    record = {(s, p, o) for s, p, o in article if p in (CKG.describes, CKG.entityStatements)}
    assert set(article) - record | set(entities) == set(extraction_to_graph(extraction))
    assert set(article.objects(URIRef(article_iri(KEY)), CKG.describes)) == set(entities.subjects())


def test_entities_shared_by_articles_are_stated_once_and_recorded_by_each() -> None:
    first = sample_extraction()
    second = replace(first, article=replace(first.article, id="second-article"), events=(), claims=())
    dataset = extractions_to_dataset([first, second])
    graphs = [g.identifier for g in dataset.graphs() if (URIRef(ARM), RDF.type, CKG.Country) in g]
    assert graphs == [URIRef(ENTITY_GRAPH)]
    assert len(list(dataset.quads((URIRef(ARM), RDF.type, CKG.Country, None)))) == 1
    recorders = {g.identifier for g in dataset.graphs() if (None, CKG.describes, URIRef(ARM)) in g}
    assert recorders == {URIRef(article_iri(KEY)), URIRef(article_iri("second-article"))}


def test_rebuilding_an_article_replaces_its_graph() -> None:
    old = sample_extraction()
    new = replace(old, events=(), claims=())
    dataset = extractions_to_dataset([old, new])
    graph = dataset.graph(URIRef(article_iri(KEY)))
    assert not list(graph.subjects(RDF.type, CKG.Event))
    assert isomorphic(graph, _arranged_graph(new))


def test_failing_article_raises_from_the_dataset_too() -> None:
    good = sample_extraction()
    bad = _broken(good, "predicate")
    with pytest.raises(ExtractionError):
        extractions_to_dataset([good, bad])


def test_event_without_optional_fields(extraction: Extraction) -> None:
    event = Event(
        iri=f"https://w3id.org/conflict-kg/id/event/{KEY}/9", type="Statement", cameo="010",
        goldstein=0.0, trigger=(121, 127), sentence=(78, 131),
    )
    graph = extraction_to_graph(replace(extraction, events=(event,), claims=()))
    node = URIRef(event.iri)
    assert graph.value(node, CKG.date) is None and graph.value(node, CKG.dateSource) is None
    assert graph.value(node, CKG.negated) == Literal(False)
    assert graph.value(node, CKG.confidence) == Literal("0.5", datatype=XSD.decimal)
    assert graph.value(node, CKG.goldstein) == Literal("0.0", datatype=XSD.decimal)
    assert graph.value(node, CKG.trigger) == Literal("denied")
