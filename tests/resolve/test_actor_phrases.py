"""Actors from any noun phrase, national bodies without a country, names that are no actors.

Each rule has sentences written for these tests that it must get right, and one it
must leave alone; they run through the real model.
"""

from __future__ import annotations

from typing import Any

import pytest

from kg.convert import doc_to_mentions
from kg.gazetteer import Lexicon
from kg.model import Article, Entity, Extraction
from kg.resolve import resolve


def _extract(nlp: Any, lexicon: Lexicon, text: str, **article: Any) -> Extraction:
    art = Article(id="t", text=text, **article)
    return resolve(art, doc_to_mentions(nlp(art.parsed_text), article=art), lexicon=lexicon)


def _entity_of(extraction: Extraction, text: str) -> Entity | None:
    """The entity the mention with exactly ``text`` resolves to, if there is such a mention."""
    iri = next((m.entity for m in extraction.mentions if m.text == text), None)
    return next((e for e in extraction.entities if e.iri == iri), None)


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    ("Algerian landowners blocked the road to the port.", "Algerian landowners", "DZA", "BUS"),
    ("Kenya's judges rejected the appeal on Tuesday.", "judges", "KEN", "JUD"),
    ("Doctors in Lagos went on strike over unpaid wages.", "Doctors", "NGA", "HLH"),
    ("Kenyan tanks entered the border town at dawn.", "Kenyan tanks", "KEN", "MIL"),
    ("Nigerian officials denied the report.", "Nigerian officials", "NGA", "GOV"),
])
def test_a_sector_noun_takes_the_country_of_its_phrase(
        kg_nlp: Any, gazetteer_lexicon: Lexicon, text: str, mention: str, country: str,
        sector: str) -> None:
    entity = _entity_of(_extract(kg_nlp, gazetteer_lexicon, text), mention)
    assert entity is not None and (entity.country, entity.sector) == (country, sector)


def test_a_sector_noun_without_any_country_is_no_actor(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    extraction = _extract(kg_nlp, gazetteer_lexicon, "Doctors said the patient was stable.")
    assert _entity_of(extraction, "Doctors") is None


@pytest.mark.parametrize(("text", "mention", "country"), [
    ("Kenya held elections on Sunday. The government said turnout was high.", "government", "KEN"),
    ("Police arrested ten people in Nairobi after the march.", "Police", "KEN"),
    ("Peru's congress met. Later the Senate voted to remove the minister.", "Senate", "PER"),
])
def test_a_national_body_takes_the_country_of_its_sentence_or_article(
        kg_nlp: Any, gazetteer_lexicon: Lexicon, text: str, mention: str, country: str) -> None:
    entity = _entity_of(_extract(kg_nlp, gazetteer_lexicon, text), mention)
    assert entity is not None and entity.country == country


def test_a_government_of_no_clear_country_is_no_actor(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    extraction = _extract(kg_nlp, gazetteer_lexicon,
                          "The government said talks between Armenia and Azerbaijan would resume.")
    assert _entity_of(extraction, "government") is None
    assert not [e for e in extraction.entities if e.type == "GovernmentBody" and not e.country]


def test_a_titled_person_takes_the_country_the_text_is_about(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    extraction = _extract(kg_nlp, gazetteer_lexicon, "Senator Jane Roe spoke in Kenya on Monday.")
    entity = _entity_of(extraction, "Jane Roe")
    assert entity is not None and entity.country == "KEN"


@pytest.mark.parametrize(("text", "name"), [
    ("Brexit will hurt the economy, Johnson said.", "Brexit"),
    ("Ukraine received Patriot missiles from Germany.", "Patriot"),
    ("The EastMed pipeline would carry gas to Europe.", "EastMed"),
    ("Attendance was lower than last year, organisers said.", "Attendance"),
])
def test_names_that_are_no_actors_give_no_mention(
        kg_nlp: Any, gazetteer_lexicon: Lexicon, text: str, name: str) -> None:
    extraction = _extract(kg_nlp, gazetteer_lexicon, text)
    assert not [m for m in extraction.mentions if name in m.text]


def test_a_platform_is_an_organisation_not_a_person(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    entity = _entity_of(_extract(kg_nlp, gazetteer_lexicon, "Trump posted on Twitter that the deal was off."),
                        "Twitter")
    assert entity is not None and entity.type == "Organization"


def test_a_one_word_name_that_is_a_name_stays_a_person(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    entity = _entity_of(_extract(kg_nlp, gazetteer_lexicon, "Abdullah spoke to reporters in Amman."),
                        "Abdullah")
    assert entity is not None and entity.type == "Person"


@pytest.mark.parametrize(("first", "second"), [
    ("the Democratic party", "the Democratic Party"),
    ("the UN Regional Centre for Peace", "the United Nations Regional Centre for Peace"),
    ("the Nagorno-Karabakh region", "Nagorno-Karabakh"),
    ("the US Senate", "the United States Senate"),
])
def test_variants_of_one_name_are_one_entity(
        kg_nlp: Any, gazetteer_lexicon: Lexicon, first: str, second: str) -> None:
    extraction = _extract(kg_nlp, gazetteer_lexicon, f"Leaders of {first} met on Monday. "
                          f"On Tuesday, {second} said nothing had changed.")
    entities = [{m.entity for m in extraction.mentions if m.text == name.removeprefix("the ")}
                for name in (first, second)]
    assert len(entities[0]) == 1 and entities[0] == entities[1]


def test_a_country_abbreviation_before_a_name_is_spelt_out(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    extraction = _extract(kg_nlp, gazetteer_lexicon,
                          "The U.S. Geological Survey said on Monday that the quake was strong. "
                          "The US Geological Survey said more would follow.")
    found = {m.entity for m in extraction.mentions if m.text.endswith("Geological Survey")}
    assert len(found) == 1


def test_the_publisher_named_in_its_own_article_is_no_actor(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    text = "Smith told Wikinews the army had left the town."
    own = _extract(kg_nlp, gazetteer_lexicon, text, url="https://en.wikinews.org/wiki/A",
                   publisher="English Wikinews")
    other = _extract(kg_nlp, gazetteer_lexicon, text, publisher="Lakeside Courier")
    assert not [m for m in own.mentions if m.text == "Wikinews"]
    assert [m for m in other.mentions if m.text == "Wikinews"]


def test_a_surname_alone_is_the_person_named_first(kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    extraction = _extract(kg_nlp, gazetteer_lexicon,
                          "Biden named Senator Kamala Harris of California as his running mate. "
                          "Her father, Donald J. Harris, is an economist. Harris accepted the nomination.")
    entity = _entity_of(extraction, "Harris")
    assert entity is not None and entity.label == "Kamala Harris"


def test_a_first_name_before_a_known_surname_is_another_person(
        kg_nlp: Any, gazetteer_lexicon: Lexicon) -> None:
    extraction = _extract(kg_nlp, gazetteer_lexicon, "Jill Biden spoke first. Then Joe Biden arrived.")
    jill, joe = _entity_of(extraction, "Jill Biden"), _entity_of(extraction, "Joe Biden")
    assert jill is not None and joe is not None and jill.iri != joe.iri
