"""SHACL validation: valid graphs conform, broken ones do not, and say why."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.errors import KgError, ValidationError
from kg.ids import ID_BASE, article_iri, mention_iri
from kg.mapping import extraction_to_graph, extractions_to_dataset
from kg.model import Article, Claim, Entity, Event, EventArgument, Extraction, Mention
from kg.namespace import CKG
from kg.validate import ValidationReport, ValidationResult, validate_file, validate_graph, validate_store

# rdflib's own parsers and serializers use its deprecated dataset API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

# A made-up report of our own: one person, one organisation, one city, one event.
TEXT = "Police in Harbin detained the activist Lin Wei on Friday, the city government said."
ARTICLE_ID = "validate-sample"
LIN = ID_BASE + "person/lin-wei"
POLICE = ID_BASE + "org/harbin-police"
CITY = ID_BASE + "place/harbin"
EVENT = f"{ID_BASE}event/{ARTICLE_ID}/1"
CLAIM = f"{ID_BASE}claim/{ARTICLE_ID}/1"
ARTICLE = URIRef(article_iri(ARTICLE_ID))


def _span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def _arg(entity: str, text: str) -> EventArgument:
    return EventArgument(entity, *_span(text), text)


def _extraction(article_id: str = ARTICLE_ID) -> Extraction:
    sentence = (0, len(TEXT))
    event = Event(
        iri=EVENT, type="COERCE", cameo="173", goldstein=-5.0, trigger=_span("detained"),
        sentence=sentence, agents=(_arg(POLICE, "Police"),), targets=(_arg(LIN, "Lin Wei"),),
        location=_arg(CITY, "Harbin"), date="2023-05-12", date_source="text", confidence=0.75,
    )
    return Extraction(
        Article(id=article_id, text=TEXT, title="Activist held", published=date(2023, 5, 13)),
        mentions=(
            Mention(*_span("Lin Wei"), "Lin Wei", "Person", sentence, entity=LIN),
            Mention(*_span("Harbin"), "Harbin", "City", sentence, entity=CITY),
        ),
        entities=(
            Entity(LIN, "Lin Wei", "Person", country="CHN", sector="CVL", roles=("activist",)),
            Entity(POLICE, "Harbin police", "Organization", country="CHN", sector="COP"),
            Entity(CITY, "Harbin", "City", country="CHN", links=("https://sws.geonames.org/2037013/",)),
        ),
        events=(event,),
        claims=(Claim(CLAIM, speaker=POLICE, events=(EVENT,), sentence=sentence, cue=_span("said")),),
    )


def test_valid_graph_conforms() -> None:
    report = validate_graph(extraction_to_graph(_extraction()))
    assert report == ValidationReport(conforms=True, results=())
    assert report.text() == "conforms: no problems"


def _set(node: str | URIRef, predicate: URIRef, value: object) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        graph.set((URIRef(node), predicate, value if isinstance(value, (URIRef, Literal)) else Literal(value)))
    return change


def _remove(node: str | URIRef, predicate: URIRef, value: object = None) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        graph.remove((URIRef(node), predicate, value))  # type: ignore[arg-type]
    return change


def _add(node: str | URIRef, predicate: URIRef, value: object) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        graph.add((URIRef(node), predicate, value if isinstance(value, (URIRef, Literal)) else Literal(value)))
    return change


def _both(first: Callable[[Graph], None], second: Callable[[Graph], None]) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        first(graph)
        second(graph)
    return change


LIN_MENTION = mention_iri(ARTICLE_ID, *_span("Lin Wei"))

BROKEN = {
    "missing label": (_remove(LIN, RDFS.label), LIN, RDFS.label, "exactly one rdfs:label"),
    "two labels": (_add(LIN, RDFS.label, "Wei Lin"), LIN, RDFS.label, "exactly one rdfs:label"),
    "bad country code": (_set(LIN, CKG.countryCode, "Chn"), LIN, CKG.countryCode, "ISO 3166-1 alpha-3"),
    "bad sector": (_set(POLICE, CKG.sector, "police"), POLICE, CKG.sector, "sector code"),
    "offset typed as string": (
        _set(LIN_MENTION, CKG.charStart, Literal("39", datatype=XSD.string)),
        LIN_MENTION, CKG.charStart, "xsd:integer",
    ),
    "negative offset": (_set(LIN_MENTION, CKG.charEnd, Literal(-1)), LIN_MENTION, CKG.charEnd, "exactly one ckg:charEnd"),
    "start after end": (_set(LIN_MENTION, CKG.charStart, Literal(60)), LIN_MENTION, CKG.charStart, "<= its ckg:charEnd"),
    "mention text differs": (
        _set(LIN_MENTION, CKG.text, "Lin Wen"), ARTICLE, None, f"{LIN_MENTION}: its {CKG.text} must equal",
    ),
    "mention of nothing": (_remove(LIN_MENTION, CKG.mentionOf), LIN_MENTION, CKG.mentionOf, "exactly one ckg:mentionOf"),
    "superclass not materialised": (_remove(LIN, RDF.type, CKG.Actor), LIN, None, "also be typed ckg:Actor"),
    "country without code": (
        _both(_both(_add(CITY, RDF.type, CKG.Country), _add(CITY, RDF.type, CKG.Actor)),
              _remove(CITY, CKG.countryCode)),
        CITY, CKG.countryCode, "exactly one ckg:countryCode",
    ),
    "cameo code as number": (_set(EVENT, CKG.cameoCode, Literal(173)), EVENT, CKG.cameoCode, "ckg:cameoCode"),
    "cameo code malformed": (_set(EVENT, CKG.cameoCode, "37X"), EVENT, CKG.cameoCode, "leading zero"),
    "goldstein out of range": (
        _set(EVENT, CKG.goldstein, Literal("12.0", datatype=XSD.decimal)), EVENT, CKG.goldstein, "-10 to 10",
    ),
    "confidence out of range": (
        _set(EVENT, CKG.confidence, Literal("1.5", datatype=XSD.decimal)), EVENT, CKG.confidence, "from 0 to 1",
    ),
    "negated missing": (_remove(EVENT, CKG.negated), EVENT, CKG.negated, "ckg:negated"),
    "evidence differs": (
        _set(EVENT, CKG.evidence, "Something else."), ARTICLE, None, f"{EVENT}: its {CKG.evidence} must equal",
    ),
    "trigger differs": (_set(CLAIM, CKG.trigger, "says"), ARTICLE, None, f"{CLAIM}: its {CKG.trigger} must equal"),
    "agent not an actor": (_add(EVENT, CKG.agent, URIRef(CITY)), EVENT, CKG.agent, "ckg:Actor"),
    "date as plain string": (_set(EVENT, CKG.date, "May 2023"), EVENT, CKG.date, "xsd:gYear"),
    "date source unknown": (_set(EVENT, CKG.dateSource, "guess"), EVENT, CKG.dateSource, '"text" or "publication"'),
    "claim without speaker": (_remove(CLAIM, CKG.speaker), CLAIM, CKG.speaker, "exactly one ckg:speaker"),
    "claim of a non-event": (_add(CLAIM, CKG.claims, URIRef(LIN)), CLAIM, CKG.claims, "a ckg:Event"),
    "article without hash": (_remove(ARTICLE, CKG.contentHash), ARTICLE, CKG.contentHash, "ckg:contentHash"),
    "article with a bad hash": (_set(ARTICLE, CKG.contentHash, "abc"), ARTICLE, CKG.contentHash, "64 lower-case hex"),
    "published as text": (_set(ARTICLE, CKG.published, "13 May 2023"), ARTICLE, CKG.published, "xsd:date or xsd:dateTime"),
}


@pytest.mark.parametrize(("change", "focus", "path", "says"), list(BROKEN.values()), ids=list(BROKEN))
def test_broken_graph_does_not_conform(
    change: Callable[[Graph], None], focus: str, path: URIRef | None, says: str
) -> None:
    graph = extraction_to_graph(_extraction())
    change(graph)
    report = validate_graph(graph)
    assert not report.conforms
    matching = [r for r in report.results if r.focus == str(focus) and says in r.message]
    assert matching, report.text()
    assert all(r.severity == "Violation" for r in matching)
    assert {r.path for r in matching} == {None if path is None else str(path)}
    assert says.replace(str(CKG._NS), "ckg:") in report.text()


def test_dataset_is_validated_as_the_union_of_its_graphs() -> None:
    # The event's agent is described only in the other article's graph.
    first = _extraction()
    police = next(e for e in first.entities if e.iri == POLICE)
    other = Extraction(Article(id="other", text="Nothing."), entities=(police,))
    without_police = Extraction(
        first.article, first.mentions, tuple(e for e in first.entities if e.iri != POLICE),
        events=first.events, claims=first.claims,
    )
    assert not validate_graph(extraction_to_graph(without_police)).conforms
    assert validate_graph(extractions_to_dataset([without_police, other])).conforms


def test_articles_disagreeing_on_a_label_give_one_label_and_an_alias() -> None:
    first = _extraction()
    renamed = tuple(
        Entity(e.iri, "Wei Lin", e.type, country=e.country) if e.iri == LIN else e for e in first.entities
    )
    second = Extraction(Article(id="second", text="Nothing."), entities=renamed)
    dataset = extractions_to_dataset([first, second])
    assert validate_graph(dataset).conforms
    assert set(dataset.objects(URIRef(LIN), RDFS.label)) == {Literal("Lin Wei")}
    assert set(dataset.objects(URIRef(LIN), SKOS.altLabel)) == {Literal("Wei Lin")}


def test_results_are_tuples_of_focus_path_message_severity() -> None:
    graph = extraction_to_graph(_extraction())
    graph.remove((URIRef(LIN), RDFS.label, None))
    report = validate_graph(graph)
    (result,) = report.results
    assert isinstance(result, ValidationResult) and isinstance(result, tuple)
    focus, path, message, severity = result
    assert (focus, path, severity) == (LIN, str(RDFS.label), "Violation")
    assert report.text().splitlines()[0] == "1 problems (1 violations, 0 warnings)"


def test_text_can_be_limited() -> None:
    graph = extraction_to_graph(_extraction())
    for node in (LIN, POLICE, CITY):
        graph.remove((URIRef(node), RDFS.label, None))
    text = validate_graph(graph).text(limit=1)
    assert len(text.splitlines()) == 3 and text.endswith("... and 2 more")


def test_custom_shapes_graph_is_used() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
        <urn:shape> a sh:NodeShape ; sh:targetClass ckg:Person ;
            sh:property [ sh:path ckg:role ; sh:maxCount 0 ; sh:message "no roles here" ] .
        """,
        format="turtle",
    )
    report = validate_graph(extraction_to_graph(_extraction()), shapes=shapes)
    assert [r.message for r in report.results] == ["no roles here"]


@pytest.mark.parametrize("content", [None, "this is not turtle ."])
def test_unreadable_shapes_raise_a_validation_error(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "shapes.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        validate_graph(Graph(), shapes=path)
    assert isinstance(caught.value, KgError) and str(path) in str(caught.value)


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "nt"), (".nq", "nquads"), (".trig", "trig"), (".jsonld", "json-ld")])
def test_validate_file_reads_every_rdf_format(tmp_path: Path, suffix: str, fmt: str) -> None:
    dataset = extractions_to_dataset([_extraction()])
    path = tmp_path / f"graph{suffix}"
    source = dataset if fmt in ("nquads", "trig", "json-ld") else extraction_to_graph(_extraction())
    path.write_text(source.serialize(format=fmt), encoding="utf-8")
    assert validate_file(path).conforms
    graph = extraction_to_graph(_extraction())
    graph.remove((URIRef(LIN), RDFS.label, None))
    path.write_text(graph.serialize(format="nt" if fmt == "nquads" else fmt), encoding="utf-8")
    assert [r.focus for r in validate_file(path).violations] == [LIN]


@pytest.mark.parametrize(("name", "content"), [("missing.ttl", None), ("bad.ttl", "not turtle at all"), ("data.xyz", "")])
def test_validate_file_errors_name_the_file(tmp_path: Path, name: str, content: str | None) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError, match=re.escape(str(path))):
        validate_file(path)


def test_validate_store_checks_the_union_of_its_graphs(tmp_path: Path) -> None:
    from kg.store import Store

    good = _extraction()
    # the city's country code is given by another article only: the union conforms, the article alone not
    country = Entity(ID_BASE + "country/chn", "China", "Country", country="CHN")
    other = Extraction(Article(id="second", text="Nothing."), entities=(country,))
    typed = Extraction(good.article, good.mentions, (*good.entities, Entity(country.iri, "China", "Country")),
                       events=good.events, claims=good.claims)
    with Store.open(tmp_path / "store") as store:
        store.replace_articles([(article_iri(ARTICLE_ID), extraction_to_graph(typed))])
        assert [r.focus for r in validate_store(store).violations] == [country.iri]
        store.replace_articles([(article_iri("second"), extraction_to_graph(other))])
        assert validate_store(store).conforms


def test_shapes_pyshacl_cannot_run_raise_a_validation_error() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
        <urn:shape> a sh:NodeShape ; sh:targetClass ckg:Article ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } }" ] .
        """,
        format="turtle",
    )
    with pytest.raises(ValidationError, match="could not run"):
        validate_graph(extraction_to_graph(_extraction()), shapes=shapes)
