"""PLOVER conventions of the coded events (sentences written for kg, real model).

The lexicon's PLOVER type wins over the type of the code's root; accusations
are PLOVER DISAPPROVE (kg class Accuse); a stated future cooperative act is
AGREE, as a stated future coercive act is THREATEN; an appeal is verbal
cooperation whatever the sign of its Goldstein weight.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kg.config import Config
from kg.events.cameo import plover_of_class
from kg.jsonl import extraction_records
from kg.mapping.terms import quad_class
from kg.model import Article, Event, Extraction
from kg.pipeline import extract_doc


def run(pipeline: Any, text: str) -> Extraction:
    article = Article(id="t", text=text, published=date(2021, 3, 4))
    return extract_doc(pipeline.nlp(text), article, components=pipeline, config=Config())


def events(pipeline: Any, text: str) -> list[Event]:
    return [e for e in run(pipeline, text).events if e.agents]


@pytest.mark.parametrize("text", [
    "Italian prime minister Mario Draghi resigned on Thursday.",
    "Peruvian president Pedro Castillo stepped down after the vote.",
    "King Juan Carlos abdicated in 2014.",
])
def test_leaving_office_is_a_retreat_though_its_code_is_under_08(pipeline: Any, text: str) -> None:
    (event,) = [e for e in events(pipeline, text) if e.cameo == "0831"]
    assert event.type == "Retreat"


@pytest.mark.parametrize(("text", "code"), [
    ("Azerbaijan accused Armenia of shelling the village.", "1123"),
    ("Kenya accused Somalia of war crimes.", "1124"),
    ("Iran blamed Israel for the blast.", "1123"),
])
def test_accusations_are_disapprove_under_plover(pipeline: Any, text: str, code: str) -> None:
    extraction = run(pipeline, text)
    (event,) = [e for e in extraction.events if e.cameo.startswith("112")]
    assert event.cameo == code
    assert event.type == "Accuse" and plover_of_class(event.type) == "DISAPPROVE"
    (record,) = [r for r in extraction_records(extraction, what="events") if r["cameo"] == code]
    assert record["plover"] == "DISAPPROVE"


@pytest.mark.parametrize(("text", "code"), [
    ("Japan will provide humanitarian aid to Turkey.", "0333"),
    ("Norway will send peacekeepers to Lebanon.", "0334"),
    ("Germany plans to deliver tanks to Poland.", "0332"),
    ("Egypt will release the Sudanese prisoners.", "0353"),
])
def test_a_stated_future_cooperative_act_is_agree(pipeline: Any, text: str, code: str) -> None:
    coded = {(e.cameo, e.type) for e in events(pipeline, text)}
    assert (code, "Agree") in coded


@pytest.mark.parametrize(("text", "code"), [
    ("The Kenyan army will impose a curfew in Nairobi.", "1323"),
    ("Russia will impose sanctions on Lithuania.", "1312"),
])
def test_a_stated_future_coercive_act_is_a_threat(pipeline: Any, text: str, code: str) -> None:
    coded = {(e.cameo, e.type) for e in events(pipeline, text)}
    assert (code, "Threaten") in coded


def test_an_asserted_act_keeps_its_type(pipeline: Any) -> None:
    coded = {(e.cameo, e.type) for e in events(pipeline, "Japan sent humanitarian aid to Turkey.")}
    assert ("073", "Aid") in coded


@pytest.mark.parametrize(("text", "code"), [
    ("Kenya urged Uganda to replace its defence minister.", "0241"),
    ("France called on Mali to lift the curfew.", "0251"),
])
def test_appeals_are_verbal_cooperation(pipeline: Any, text: str, code: str) -> None:
    (event,) = [e for e in events(pipeline, text) if e.cameo == code]
    assert event.goldstein < 0
    assert event.type == "Request"
    assert quad_class(event.cameo) == 1


def test_events_carry_their_plover_mode(pipeline: Any) -> None:
    (event,) = [e for e in events(pipeline, "Israeli jets bombed Hezbollah positions in Lebanon.")
                if e.cameo == "195"]
    assert event.mode == "aerial"
