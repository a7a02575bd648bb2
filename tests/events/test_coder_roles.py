"""The event coder on sentences run through the whole chain, and on hand-built candidates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kg.candidates import doc_to_candidates, doc_to_conflicts
from kg.config import Config
from kg.convert import doc_to_mentions
from kg.events import load_triggers
from kg.events.coder import code_events, event_date
from kg.ids import ID_BASE
from kg.model import Article, ArgumentSpan, Entity, EventCandidate, Extraction, Mention, Relation
from kg.pipeline import extract_doc
from kg.resolve import resolve

PUBLISHED = date(2020, 12, 2)
ARM, AZE, RUS = (f"{ID_BASE}country/{c}" for c in ("arm", "aze", "rus"))


def run(pipeline: Any, text: str, published: date | None = PUBLISHED) -> Extraction:
    """The pipeline's stages after the model, as kg.pipeline.extract_doc runs them."""
    article = Article(id="t", text=text, published=published)
    return extract_doc(pipeline.nlp(text), article, components=pipeline, config=Config())


def dyads(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(a.entity, t.entity, e.cameo) for e in extraction.events for a in e.agents for t in e.targets}


def test_reciprocal_blame_gives_one_event_each_way(pipeline: Any) -> None:
    extraction = run(pipeline, "Armenia and Azerbaijan traded blame for the attack.")
    assert dyads(extraction) == {(ARM, AZE, "1123"), (AZE, ARM, "1123")}
    assert {e.type for e in extraction.events} == {"Accuse"}


def test_the_sides_are_the_parties_of_the_conflict(pipeline: Any) -> None:
    text = ("The conflict between Armenia and Azerbaijan flared up again. "
            "Russia called on the sides to cease fire.")
    extraction = run(pipeline, text)
    assert dyads(extraction) == {(RUS, ARM, "0256"), (RUS, AZE, "0256")}
    (conflict,) = extraction.conflicts
    assert conflict.parties == (ARM, AZE)
    assert {e.conflict for e in extraction.events} == {conflict.iri}


def test_without_a_named_conflict_the_sides_are_nobody(pipeline: Any) -> None:
    extraction = run(pipeline, "Russia called on the sides to cease fire.")
    assert all(not e.targets for e in extraction.events)


def test_event_naming_no_entity_is_dropped(pipeline: Any) -> None:
    assert run(pipeline, "Heavy fighting was reported in the area.").events == ()


def test_claim_chain(pipeline: Any) -> None:
    text = "Russian spokesman Dmitry Peskov said that Vladimir Putin urged Armenia to cease fire."
    extraction = run(pipeline, text)
    (event,) = extraction.events
    assert (event.cameo, event.type) == ("0256", "Request")
    assert [a.text for a in event.agents] == ["Vladimir Putin"]
    assert [a.entity for a in event.targets] == [ARM]
    peskov = f"{ID_BASE}person/dmitry-peskov"
    assert event.claimed_by == (peskov,)
    (claim,) = extraction.claims
    assert (claim.speaker, claim.events, text[claim.cue[0]:claim.cue[1]]) == (peskov, (event.iri,), "said")


def test_quote_is_kept_in_the_claim(pipeline: Any) -> None:
    text = '"Armenian forces shelled our positions," the Azerbaijani Defense Ministry said.'
    extraction = run(pipeline, text)
    (claim,) = extraction.claims
    assert claim.quote == "Armenian forces shelled our positions,"
    assert claim.events == tuple(e.iri for e in extraction.events)
    assert all(e.claimed_by == (claim.speaker,) for e in extraction.events)


def test_a_claim_is_less_certain_than_a_report(pipeline: Any) -> None:
    fact = run(pipeline, "Armenia attacked Azerbaijan.").events[0]
    claimed = run(pipeline, "Baku said that Armenia attacked Azerbaijan.").events
    attack = next(e for e in claimed if e.cameo == "190")
    assert attack.claimed_by and attack.confidence < fact.confidence


@pytest.mark.parametrize(("text", "when", "source"), [
    ("Armenia attacked Azerbaijan in 1994.", "1994", "text"),
    ("Armenia attacked Azerbaijan on Saturday.", "2020-11-28", "text"),
    ("Armenia attacked Azerbaijan.", "2020-12-02", "publication"),
])
def test_date_and_its_source(pipeline: Any, text: str, when: str, source: str) -> None:
    (event,) = run(pipeline, text).events
    assert (event.date, event.date_source) == (when, source)


def test_no_date_without_text_or_publication(pipeline: Any) -> None:
    (event,) = run(pipeline, "Armenia attacked Azerbaijan.", published=None).events
    assert event.date is None


def test_negated_event_is_marked(pipeline: Any) -> None:
    (event,) = run(pipeline, "Armenia did not attack Azerbaijan.").events
    assert event.negated
    assert event.confidence < run(pipeline, "Armenia attacked Azerbaijan.").events[0].confidence


def test_location(pipeline: Any) -> None:
    (event,) = run(pipeline, "Armenia attacked Azerbaijan near Stepanakert.").events
    assert event.location is not None and event.location.text == "Stepanakert"


def test_event_iris_are_deterministic(pipeline: Any) -> None:
    text = "Armenia and Azerbaijan traded blame for the attack."
    first, second = run(pipeline, text), run(pipeline, text)
    assert [e.iri for e in first.events] == [e.iri for e in second.events]
    assert len({e.iri for e in first.events}) == 2


# Hand-built input: the coder alone, without the language model.

TEXT = "The OSCE Minsk Group mediated. The sides met."
OSCE = f"{ID_BASE}org/osce"
MINSK = f"{ID_BASE}org/osce-minsk-group"


def _extraction() -> Extraction:
    article = Article(id="h", text=TEXT, published=PUBLISHED)
    mentions = (Mention(4, 8, "OSCE", "InternationalOrganization", entity=OSCE),
                Mention(9, 20, "Minsk Group", "InternationalOrganization", entity=MINSK))
    entities = (Entity(OSCE, "OSCE", "InternationalOrganization", sector="IGO"),
                Entity(MINSK, "OSCE Minsk Group", "InternationalOrganization", sector="IGO"))
    return Extraction(article, mentions, entities, (Relation(MINSK, "partOf", OSCE),))


def _span(start: int, end: int, lemma: str) -> ArgumentSpan:
    return ArgumentSpan(start, end, TEXT[start:end], (start, end), lemma)


def test_a_name_followed_by_its_part_names_the_part() -> None:
    candidate = EventCandidate((21, 29), "mediated", ("mediate",), "VERB", "045", (0, 30),
                               agents=(_span(4, 8, "osce"),))
    (event,) = code_events(_extraction(), (candidate,), config=Config()).events
    assert [a.entity for a in event.agents] == [MINSK]
    assert (event.type, event.goldstein) == ("Consult", 5.0)


def test_phrase_without_entity_fills_no_role() -> None:
    candidate = EventCandidate((40, 43), "met", ("meet",), "VERB", "040", (31, 45),
                               agents=(_span(31, 40, "side"),))
    assert code_events(_extraction(), (candidate,), config=Config()).events == ()


@pytest.mark.parametrize(("value", "granularity", "expected"), [
    ("2020-W48", "week", "2020-11"),  # 23-29 November
    ("2020-W49", "week", "2020"),  # 30 November - 6 December
    ("2015-09", "month", "2015-09"),
])
def test_weeks_are_given_as_the_month_or_year_they_lie_in(value: str, granularity: str, expected: str) -> None:
    candidate = EventCandidate((0, 1), "x", ("x",), "VERB", "010", (0, 1), time_value=value,
                               time_granularity=granularity)
    assert event_date(candidate, Article(id="a", text="x")) == (expected, "text")


@pytest.mark.parametrize("text", [
    "BISHKEK, March 11, 2024 (Example Wire) \u2014 Kyrgyzstan's Defence Ministry said on Monday that "
    "Tajik troops shelled two border villages.",
    "The UN envoy arrived in Yerevan on Monday. Yerevan airport was closed, and the envoy urged restraint.",
    "Kabul said on Monday that Pakistani forces had shelled the border post.",
    "Fighting in Aleppo was condemned by the United Nations.",
])
def test_a_city_never_fills_an_actor_role(pipeline: Any, text: str) -> None:
    extraction = run(pipeline, text)
    cities = {e.iri for e in extraction.entities if e.type == "City"}
    for event in extraction.events:
        roles = {a.entity for a in event.agents + event.targets} | set(event.claimed_by)
        assert not roles & cities, (event, cities)
    assert not {c.speaker for c in extraction.claims} & cities
