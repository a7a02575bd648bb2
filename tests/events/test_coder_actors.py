"""Who acts, as the coder resolves it: member nouns, stance participles, purpose
clauses, actor nouns with a country modifier, threats, and the newer triggers.

Every sentence is written for these tests; each case fails when its rule is removed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kg.config import Config
from kg.model import Article, Extraction
from kg.pipeline import extract_doc

PUBLISHED = date(2021, 3, 4)


def run(pipeline: Any, text: str) -> Extraction:
    article = Article(id="t", text=text, published=PUBLISHED)
    return extract_doc(pipeline.nlp(text), article, components=pipeline, config=Config())


def coded(extraction: Extraction) -> set[tuple[str, str]]:
    """(agent country or sector, event class) of the non-negated events."""
    entities = {e.iri: e for e in extraction.entities}
    found = set()
    for event in extraction.events:
        if event.negated:
            continue
        for agent in event.agents:
            entity = entities[agent.entity]
            found.add((entity.country or entity.sector or "?", event.type))
    return found


@pytest.mark.parametrize(("text", "expected"), [
    # member nouns: the group after "of" acts
    ("Thousands of Kenyans rallied against the new tax in Nairobi.", ("KEN", "Protest")),
    ("Members of the Peruvian parliament protested against the decree.", ("PER", "Protest")),
    # people named by what they do: the group after "from" acts
    ("Activists from the Fatah movement staged a rally against the mayor.", ("PSE", "Protest")),
    # an actor noun takes the country of its modifier
    ("Norwegian doctors donated medicine to a clinic in Gaza.", ("NOR", "Aid")),
    ("Chilean students marched against the education reform.", ("CHL", "Protest")),
])
def test_groups_and_actor_nouns_act_for_their_country(pipeline: Any, text: str, expected: tuple[str, str]) -> None:
    assert expected in coded(run(pipeline, text))


@pytest.mark.parametrize(("text", "expected"), [
    # a generic actor in a country ("authorities in X", "protesters in <city of X>")
    ("Authorities in Belarus arrested dozens of journalists.", ("BLR", "Coerce")),
    ("Demonstrators in Lagos blocked a highway.", ("NGA", "Protest")),
    # adjectives between the country and the actor noun
    ("Libya's interim government expelled the foreign diplomats.", ("LBY", "Sanction")),
])
def test_generic_actors_take_a_nearby_country(pipeline: Any, text: str, expected: tuple[str, str]) -> None:
    assert expected in coded(run(pipeline, text))


def test_stance_participle_subject_is_the_agent(pipeline: Any) -> None:
    extraction = run(pipeline, "Hungary is opposed to the new migration quotas.")
    assert ("HUN", "Reject") in coded(extraction)


def test_purpose_clause_takes_the_subject_despite_an_object(pipeline: Any) -> None:
    extraction = run(pipeline, "Kenyan police fired tear gas to disperse the protesters.")
    assert ("KEN", "Coerce") in coded(extraction)


def test_purpose_clause_restating_the_act_is_one_event(pipeline: Any) -> None:
    extraction = run(pipeline, "Jailed Bahraini activists began a hunger strike to protest their detention.")
    protests = [e for e in extraction.events if e.type == "Protest"]
    assert len(protests) == 1 and protests[0].cameo == "142"


@pytest.mark.parametrize(("text", "cameo"), [
    ("The Thai government said it is prepared to impose martial law.", "1324"),
    ("Turkey said it would tighten the blockade of the port.", "1381"),
    ("The African Union may halt its mediation if the fighting goes on.", "130"),
    ("Putin announced he will extend the curfew in the city.", "1323"),
])
def test_announced_or_conditional_coercion_is_a_threat(pipeline: Any, text: str, cameo: str) -> None:
    events = run(pipeline, text).events
    assert any(e.type == "Threaten" and e.cameo == cameo for e in events)


def test_carried_out_coercion_stays_coercion(pipeline: Any) -> None:
    events = run(pipeline, "The Thai government imposed martial law on Tuesday.").events
    assert [e.cameo for e in events] == ["1724"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The European Community agreed to lift the import ban.", ("IGO", "Agree")),
    ("APEC agreed to set up a trade office.", ("IGO", "Agree")),
    ("Yeltsin demanded new elections.", ("RUS", "Demand")),
    ("Museveni banned the opposition rally.", ("UGA", "Coerce")),
])
def test_lexicon_organisations_and_people(pipeline: Any, text: str, expected: tuple[str, str]) -> None:
    assert expected in coded(run(pipeline, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("The Zambian teachers' union called off the strike.", "Concede"),
    ("Britain pushed for a vote on the resolution.", "Demand"),
    ("Egypt accepted the compromise on water sharing.", "Agree"),
    ("The Pakistani prime minister arrived in Beijing on a state visit.", "Consult"),
    ("Georgian troops remained on alert near the border.", "Mobilize"),
    ("Belarusian police prevented the march in Minsk.", "Coerce"),
    ("Armenian youths threw stones at the police.", "Protest"),
    ("The Ecuadorian government declared a state of siege in the province.", "Coerce"),
])
def test_new_triggers(pipeline: Any, text: str, expected: str) -> None:
    assert expected in {t for _, t in coded(run(pipeline, text))}
