"""The quality bar on the seed article (real model), boilerplate cut by hand."""

from __future__ import annotations

from typing import Any

import pytest

from kg.convert import doc_to_mentions
from kg.ids import entity_iri
from kg.gazetteer import Lexicon
from kg.model import Article, Entity, Extraction
from kg.resolve import resolve

GEONAMES = "https://sws.geonames.org/{}/"


@pytest.fixture(scope="module")
def article(seed_text: str) -> Article:
    return Article(id="seed:karabakh", text=seed_text)


@pytest.fixture(scope="module")
def extraction(kg_nlp: Any, gazetteer_lexicon: Lexicon, article: Article) -> Extraction:
    mentions = doc_to_mentions(kg_nlp(article.text), article=article)
    return resolve(article, mentions, lexicon=gazetteer_lexicon)


def _entity(extraction: Extraction, iri: str) -> Entity:
    found = [e for e in extraction.entities if e.iri == iri]
    assert len(found) == 1, f"no single entity {iri}"
    return found[0]


def _forms(extraction: Extraction, iri: str) -> set[str]:
    return {m.text for m in extraction.mentions if m.entity == iri}


def test_putin_is_one_entity_with_all_his_forms(extraction: Extraction) -> None:
    iri = entity_iri("person", "Vladimir Putin")
    putin = _entity(extraction, iri)
    assert putin.label == "Vladimir Putin"
    assert {"Putin", "President Putin", "Russian president"} <= set(putin.aliases)
    assert {"Vladimir Putin", "Putin", "President Putin", "Russian president"} <= _forms(
        extraction, iri)
    assert "President" in putin.roles and putin.country == "RUS"
    people = {e.iri for e in extraction.entities if e.type == "Person"}
    assert people == {iri, entity_iri("person", "Dmitry Peskov")}


def test_peskov_is_the_kremlin_spokesman(extraction: Extraction) -> None:
    iri = entity_iri("person", "Dmitry Peskov")
    peskov = _entity(extraction, iri)
    assert peskov.roles == ("spokesman",) and peskov.aliases == ("Peskov",)
    government = entity_iri("org", "Government of Russia")
    assert (iri, "affiliatedWith", government) in {
        (r.subject, r.predicate, r.object) for r in extraction.relations}
    assert "Kremlin" in _entity(extraction, government).aliases


def test_places_and_demonyms_are_never_people(extraction: Extraction) -> None:
    for m in extraction.mentions:
        if m.text in {"Yerevan", "Baku", "Azerbaijani", "Armenian", "Russian", "MOSCOW"}:
            assert m.type != "Person", m


@pytest.mark.parametrize(("iso3", "geonames"), [("ARM", 174982), ("AZE", 587116),
                                                ("RUS", 2017370)])
def test_countries_are_single_nodes_with_codes_and_links(extraction: Extraction, iso3: str,
                                                         geonames: int) -> None:
    countries = [e for e in extraction.entities if e.type == "Country" and e.country == iso3]
    assert len(countries) == 1
    assert countries[0].iri == entity_iri("country", iso3.lower())
    assert countries[0].links == (GEONAMES.format(geonames),)


@pytest.mark.parametrize(("capital", "country"), [("Baku", "Azerbaijan"),
                                                  ("Yerevan", "Armenia")])
def test_capitals_trading_blame_are_governments(extraction: Extraction, capital: str,
                                                country: str) -> None:
    [m] = [m for m in extraction.mentions if m.text == capital]
    assert m.metonym
    government = _entity(extraction, entity_iri("org", f"Government of {country}"))
    assert m.entity == government.iri
    assert (government.type, government.sector) == ("GovernmentBody", "GOV")
    assert capital in government.aliases


def test_moscow_in_the_dateline_is_a_city(extraction: Extraction) -> None:
    [m] = [m for m in extraction.mentions if m.text == "MOSCOW"]
    moscow = _entity(extraction, m.entity or "")
    assert moscow.type == "City" and moscow.links == (GEONAMES.format(524901),)
    assert (moscow.iri, "locatedIn", entity_iri("country", "rus")) in {
        (r.subject, r.predicate, r.object) for r in extraction.relations}


def test_minsk_group_is_part_of_osce(extraction: Extraction) -> None:
    group = next(e for e in extraction.entities if e.label == "OSCE Minsk Group")
    osce = next(e for e in extraction.entities if "OSCE" in e.aliases)
    assert (group.iri, "partOf", osce.iri) in {
        (r.subject, r.predicate, r.object) for r in extraction.relations}


def test_azerbaijani_defense_ministry(extraction: Extraction) -> None:
    [m] = [m for m in extraction.mentions if m.text == "Azerbaijani Defense Ministry"]
    ministry = _entity(extraction, m.entity or "")
    assert (ministry.type, ministry.country) == ("GovernmentBody", "AZE")
    assert ministry.label == "Ministry of Defence (Azerbaijan)"


def test_every_mention_matches_the_text(extraction: Extraction, article: Article) -> None:
    assert extraction.mentions
    for m in extraction.mentions:
        assert article.text[m.start:m.end] == m.text
        assert m.entity in {e.iri for e in extraction.entities}


def test_running_twice_gives_identical_output(kg_nlp: Any, gazetteer_lexicon: Lexicon,
                                              article: Article,
                                              extraction: Extraction) -> None:
    again = resolve(article, doc_to_mentions(kg_nlp(article.text), article=article),
                    lexicon=gazetteer_lexicon)
    assert again == extraction
